using System.Text.Json;
using Arena.Reporting;
using Arena.Tests.Cli;
using Microsoft.Playwright;

namespace Arena.Tests.Reporting;

/// <summary>One headless Chromium (Debian's, never a downloaded one) shared by the browser tests of this class.</summary>
public sealed class ChromiumFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";
    private IPlaywright? _playwright;
    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException($"{ChromiumPath} is missing: install Debian's chromium (apt-get install -y chromium; .ci/run does it)");
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        _playwright?.Dispose();
    }
}

/// <summary>A report page opened from file:// with every non-file request blocked and every error recorded.</summary>
internal sealed class OpenedReport : IAsyncDisposable
{
    public required IPage Page { get; init; }
    public required IBrowserContext Context { get; init; }
    public List<string> ConsoleErrors { get; } = [];
    public List<string> PageErrors { get; } = [];
    public List<string> NonFileRequests { get; } = [];

    public static async Task<OpenedReport> OpenAsync(IBrowser browser, string htmlPath)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1300, Height = 1000 } });
        var page = await context.NewPageAsync();
        var r = new OpenedReport { Page = page, Context = context };
        page.Console += (_, m) => { if (m.Type is "error" or "warning") r.ConsoleErrors.Add($"{m.Type}: {m.Text}"); };
        page.PageError += (_, e) => r.PageErrors.Add(e);
        // Both: the route blocks anything that is not the report itself, the event also sees schemes a route might not.
        page.Request += (_, req) => { if (!req.Url.StartsWith("file://", StringComparison.Ordinal)) r.NonFileRequests.Add(req.Url); };
        await context.RouteAsync("**", async route =>
        {
            if (route.Request.Url.StartsWith("file://", StringComparison.Ordinal)) await route.ContinueAsync();
            else
            {
                lock (r.NonFileRequests) r.NonFileRequests.Add("routed: " + route.Request.Url);
                await route.AbortAsync();
            }
        });
        await page.GotoAsync(new Uri(Path.GetFullPath(htmlPath)).AbsoluteUri, new PageGotoOptions { WaitUntil = WaitUntilState.Load });
        return r;
    }

    public void AssertClean()
    {
        Assert.Empty(PageErrors);
        Assert.Empty(ConsoleErrors);
        Assert.Empty(NonFileRequests);
    }

    public async ValueTask DisposeAsync() => await Context.CloseAsync();
}

public sealed class ReportBrowserTests(ChromiumFixture chromium) : IClassFixture<ChromiumFixture>, IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("arena-report-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private sealed record ChartState(string Id, string Type, int Width, int Height, int Painted, int Elements, bool Registered);

    /// <summary>Every canvas on the page, whether Chart.js owns it, and how many of its pixels were painted.</summary>
    private const string ChartProbe = """
        () => [...document.querySelectorAll('canvas')].map(cv => {
          const c = Chart.getChart(cv);
          const px = cv.getContext('2d').getImageData(0, 0, cv.width, cv.height).data;
          let painted = 0;
          for (let i = 3; i < px.length; i += 4) if (px[i] !== 0) painted++;
          const elements = c ? c.data.datasets.reduce((n, _, i) => n + c.getDatasetMeta(i).data.length, 0) : 0;
          return { id: cv.id, type: c ? c.config.type : '', width: cv.width, height: cv.height, painted, elements,
                   registered: !!c && window.arenaReport.charts[cv.id.replace(/^chart-/, '')] === c };
        })
        """;

    private async Task<List<ChartState>> ChartsAsync(IPage page) =>
        JsonSerializer.Deserialize<List<ChartState>>(JsonSerializer.Serialize(await page.EvaluateAsync<JsonElement>(ChartProbe)),
            new JsonSerializerOptions { PropertyNameCaseInsensitive = true })!;

    [Fact]
    public async Task Rich_report_renders_every_chart_without_errors_or_requests()
    {
        var path = Path.Combine(_dir, "rich.html");
        await HtmlReport.WriteAsync(ReportSamples.Rich(), path, CancellationToken.None);
        await using var r = await OpenedReport.OpenAsync(chromium.Browser, path);
        Assert.True(await r.Page.EvaluateAsync<bool>("() => window.arenaReport && window.arenaReport.ready === true"));

        var charts = await ChartsAsync(r.Page);
        string[] expected = ["chart-attacker-scores", "chart-defender-scores", "chart-rating-0", "chart-rating-1", "chart-tsne",
            "chart-vulnerable-vs-malicious", "chart-vulnerability-classes", "chart-first-success", "chart-latency"];
        Assert.Equal(expected.Order(), charts.Select(c => c.Id).Order());
        foreach (var c in charts)
        {
            Assert.True(c.Registered, $"{c.Id} is not a Chart.js chart");
            Assert.True(c.Width > 100 && c.Height > 100, $"{c.Id} has no size ({c.Width}x{c.Height})");
            Assert.True(c.Elements > 0, $"{c.Id} drew no data elements");
            // Axes and labels alone paint little; bars and points push well past 1% of the canvas.
            Assert.True(c.Painted > c.Width * c.Height / 100, $"{c.Id} is (nearly) blank: {c.Painted} painted pixels");
        }

        // Tables: the leaderboards with their CIs and the heat-coloured diversity matrix.
        var attackers = await r.Page.InnerTextAsync("#attackers table");
        Assert.Contains("red-alpha", attackers);
        Assert.Contains("[50, 70]", attackers);
        Assert.Contains("82.1", await r.Page.InnerTextAsync("#diversity"));
        Assert.Contains("Cohen's kappa", await r.Page.InnerTextAsync("#agreement"));
        var utility = await r.Page.InnerTextAsync("#utility");
        Assert.Contains("(base)", utility);
        Assert.Contains("86.7 %", utility);
        Assert.DoesNotContain("not computed", await r.Page.InnerTextAsync("#app"));
        Assert.Contains("17 left out", await r.Page.InnerTextAsync("#conv-included"));
        r.AssertClean();
    }

    [Fact]
    public async Task Tsne_switcher_recolours_by_the_chosen_grouping()
    {
        var path = Path.Combine(_dir, "tsne.html");
        await HtmlReport.WriteAsync(ReportSamples.Rich(), path, CancellationToken.None);
        await using var r = await OpenedReport.OpenAsync(chromium.Browser, path);
        const string labels = "() => window.arenaReport.charts['tsne'].data.datasets.map(d => d.label)";
        const string pixels = "() => window.arenaReport.charts['tsne'].toBase64Image()";

        Assert.Equal(ReportSamples.Attackers.Order(), await r.Page.EvaluateAsync<string[]>(labels));
        var before = await r.Page.EvaluateAsync<string>(pixels);
        await r.Page.SelectOptionAsync("#tsne-color", "defender");
        Assert.Equal(ReportSamples.Defenders.Order(), await r.Page.EvaluateAsync<string[]>(labels));
        Assert.NotEqual(before, await r.Page.EvaluateAsync<string>(pixels));
        await r.Page.SelectOptionAsync("#tsne-color", "tournament");
        Assert.Equal(ReportSamples.TournamentIds.Order(), await r.Page.EvaluateAsync<string[]>(labels));
        var points = await r.Page.EvaluateAsync<int>("() => window.arenaReport.charts['tsne'].data.datasets.reduce((n, d) => n + d.data.length, 0)");
        Assert.Equal(ReportSamples.Rich().Tsne!.Count, points);
        r.AssertClean();
    }

    [Fact]
    public async Task Browser_filters_opens_a_conversation_and_highlights_the_finding_line()
    {
        var data = ReportSamples.Rich();
        var path = Path.Combine(_dir, "browser.html");
        await HtmlReport.WriteAsync(data, path, CancellationToken.None);
        await using var r = await OpenedReport.OpenAsync(chromium.Browser, path);
        var page = r.Page;

        Assert.Equal(data.Conversations.Count, await page.Locator("#conv-list button").CountAsync());
        await page.SelectOptionAsync("#f-attacker", "red-alpha");
        await page.SelectOptionAsync("#f-outcome", "attack_success");
        var expected = data.Conversations.Count(c => c.Attacker == "red-alpha" && c.Outcome == "attack_success");
        Assert.Equal(expected, await page.Locator("#conv-list button").CountAsync());

        await page.Locator($"#conv-list button[data-id=\"{ReportSamples.VulnerableId}\"]").ClickAsync();
        Assert.Equal(ReportSamples.VulnerableId, await page.GetAttributeAsync("#conv-view", "data-open"));
        var hit = page.Locator($"#conv-view .turn[data-turn=\"{ReportSamples.FindingTurn}\"] tr.finding");
        Assert.Equal(1, await hit.CountAsync());
        Assert.Equal(ReportSamples.FindingLine.ToString(), await hit.GetAttributeAsync("data-line"));
        Assert.Contains(ReportSamples.FindingCodeLine.Trim(), await hit.InnerTextAsync());
        Assert.True(await hit.IsVisibleAsync());
        var note = await page.Locator("#conv-view tr.annotation").InnerTextAsync();
        foreach (var part in new[] { "PY-DESER-PICKLE", "deserialization", "CWE-502", "high", "pickle.loads on untrusted data" })
            Assert.Contains(part, note);
        // Line numbers are the reply's own: the fenced line 3 is numbered 3.
        Assert.Equal("3", await page.Locator("#conv-view .turn[data-turn=\"1\"] tr[data-line=\"3\"] td.ln").InnerTextAsync());
        Assert.Contains(ReportSamples.JudgeRationale, await page.InnerTextAsync("#conv-view .judge"));
        Assert.Equal(4, await page.Locator("#conv-view .turn").CountAsync());
        r.AssertClean();
    }

    [Fact]
    public async Task Xss_payloads_in_conversations_render_as_text_and_never_run()
    {
        var path = Path.Combine(_dir, "xss.html");
        await HtmlReport.WriteAsync(ReportSamples.Rich(), path, CancellationToken.None);
        await using var r = await OpenedReport.OpenAsync(chromium.Browser, path);
        var page = r.Page;
        await page.Locator($"#conv-list button[data-id=\"{ReportSamples.VulnerableId}\"]").ClickAsync();
        // Hovering the would-be <b onmouseover> gives an injected handler its chance to run.
        await page.Locator("#conv-view tr.annotation").HoverAsync();
        await page.WaitForTimeoutAsync(200);

        Assert.False(await page.EvaluateAsync<bool>("() => !!(window.__xssImg || window.__xssScript || window.__xssFinding)"));
        var attackerTurn = await page.Locator("#conv-view .turn[data-turn=\"0\"] .prose").TextContentAsync();
        Assert.Contains(ReportSamples.XssImg, attackerTurn);
        Assert.Contains(ReportSamples.XssScript, attackerTurn);
        Assert.Contains(ReportSamples.XssInFinding, await page.Locator("#conv-view tr.annotation").TextContentAsync());
        Assert.Contains(ReportSamples.XssImg, await page.InnerTextAsync("ul.notes"));
        Assert.Equal(0, await page.Locator("#app img, #app b[onmouseover], #app script").CountAsync());
        Assert.Equal("Sample report <with markup>", await page.TitleAsync());
        r.AssertClean();
    }

    [Fact]
    public async Task Missing_sections_say_not_computed_and_draw_no_chart()
    {
        var path = Path.Combine(_dir, "empty.html");
        await HtmlReport.WriteAsync(ReportSamples.Empty(), path, CancellationToken.None);
        await using var r = await OpenedReport.OpenAsync(chromium.Browser, path);
        Assert.True(await r.Page.EvaluateAsync<bool>("() => window.arenaReport.ready === true"));
        Assert.Equal(0, await r.Page.Locator("canvas").CountAsync());
        foreach (var id in new[] { "attackers", "defenders", "variants", "ratings", "agreement", "diversity", "tsne", "tables", "conversations" })
            Assert.Contains("not computed", await r.Page.InnerTextAsync($"#{id}"));
        Assert.Equal(0, await r.Page.Locator(".error").CountAsync());
        r.AssertClean();
    }

    [Fact]
    public async Task Report_of_a_real_tournament_from_the_cli_renders_cleanly()
    {
        var demo = await ArenaProcess.RunAsync(_dir, "demo", "--out", "demo", "--sessions", "2");
        Assert.True(demo.ExitCode == 0, demo.Stderr);
        var db = Path.Combine(_dir, "demo", "arena.db");
        var result = await ArenaProcess.RunAsync(_dir, "--db", db, "report", "--tournament", "demo", "--out", "out/r.html", "--max-successes", "3", "--max-others", "2");
        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Equal("", result.Stdout);

        await using var r = await OpenedReport.OpenAsync(chromium.Browser, Path.Combine(_dir, "out", "r.html"));
        var charts = await ChartsAsync(r.Page);
        Assert.Contains(charts, c => c.Id == "chart-latency");
        Assert.Contains(charts, c => c.Id == "chart-tsne");
        Assert.Contains(charts, c => c.Id == "chart-attacker-scores");
        Assert.All(charts, c => Assert.True(c.Registered && c.Elements > 0 && c.Painted > 0, $"{c.Id} did not render"));
        // Scores, ratings and the analyses are computed by `arena report` itself; only agreement needs annotations.
        foreach (var id in new[] { "attackers", "defenders", "variants", "ratings", "diversity", "tsne", "tables" })
            Assert.DoesNotContain("not computed", await r.Page.InnerTextAsync($"#{id}"));
        Assert.Contains("not computed", await r.Page.InnerTextAsync("#agreement"));
        // The cap holds: at most 3 successes + 2 others, and the page says how many were left out.
        var listed = await r.Page.Locator("#conv-list button").CountAsync();
        Assert.InRange(listed, 1, 5);
        Assert.Contains("left out", await r.Page.InnerTextAsync("#conv-included"));
        r.AssertClean();
    }
}
