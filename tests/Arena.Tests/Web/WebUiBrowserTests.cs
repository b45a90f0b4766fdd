using System.Net;
using Arena.Core.Bots;
using Arena.Core.Labels;
using Arena.Core.Sessions;
using Arena.Tests.Reporting;
using Arena.Web;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Arena.Tests.WebApi;

/// <summary>A browser tab on the UI that records console errors, page errors and any request leaving the server.</summary>
internal sealed class UiTab : IAsyncDisposable
{
    public required IPage Page { get; init; }
    public required IBrowserContext Context { get; init; }
    public List<string> Problems { get; } = [];

    public static async Task<UiTab> OpenAsync(IBrowser browser, Uri server)
    {
        var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        var tab = new UiTab { Page = page, Context = context };
        page.Console += (_, m) => { if (m.Type is "error" or "warning") lock (tab.Problems) tab.Problems.Add($"console {m.Type}: {m.Text}"); };
        page.PageError += (_, e) => { lock (tab.Problems) tab.Problems.Add("page error: " + e); };
        await context.RouteAsync("**", async route =>
        {
            if (route.Request.Url.StartsWith(server.AbsoluteUri, StringComparison.Ordinal)) await route.ContinueAsync();
            else
            {
                lock (tab.Problems) tab.Problems.Add("external request: " + route.Request.Url);
                await route.AbortAsync();
            }
        });
        await page.GotoAsync(server.AbsoluteUri);
        return tab;
    }

    public async Task SignInAsync(string name)
    {
        await Page.FillAsync("#login-name", name);
        await Page.FillAsync("#login-password", WebHarness.Password);
        await Page.ClickAsync("#login-submit");
        await Expect(Page.GetByTestId("who")).ToContainTextAsync(name);
        await Page.WaitForFunctionAsync("() => window.arenaUi.ready === true");
    }

    public Task<string?> CurrentAsync() => Page.EvaluateAsync<string?>("() => window.arenaUi.current");

    public async ValueTask DisposeAsync() => await Context.CloseAsync();
}

public sealed class WebUiBrowserTests(ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    private static readonly CancellationToken Ct = CancellationToken.None;
    /// <summary>A second conversation the panel reviews, so the queue has something to move between.</summary>
    private const string SecondReviewed = "t/green/blue/1";

    private static SessionRecord Session(string id, string attacker, int index, string attackerText, string defenderText) =>
        new(id, "t", attacker, "blue", index, index, 10, SessionStatus.Completed, EndReason.MaxTurns, null, null,
            [new TurnRecord(0, Role.Attacker, attacker, attackerText, 12, 1, null, false),
             new TurnRecord(1, Role.Defender, "blue", defenderText, 30, 1, null, false)]);

    private static async Task AddCleanAsync(WebHarness h, SessionRecord s)
    {
        await h.Store.AddFinishedSessionsAsync([s], Ct);
        await h.Store.SaveLabelAsync("t", new ConversationLabel(s.Id, Outcome.DefenseSuccess, false, [], "pyan", "1",
            new JudgeEvidence(false, false, "refused", "heuristic", "h1"), DateTimeOffset.UtcNow) { RequestedJudge = "heuristic", RequestedJudgeVersion = "h1" }, Ct);
    }

    [Fact]
    public async Task Three_annotators_label_with_the_keyboard_and_the_admin_sees_the_majority_and_agreement()
    {
        await using var h = await WebHarness.StartAsync();
        await AddCleanAsync(h, Session(SecondReviewed, "green", 1, "hello", "hi there"));
        using (var api = await h.SignedInAsync("root")) Assert.Equal(HttpStatusCode.OK, (await api.PostAsync("/api/tournaments/t/panel/plan")).StatusCode);
        var seated = (await h.Store.GetAssignmentsAsync("t", Ct)).Where(a => a.SessionId == WebHarness.Reviewed && a.IsActive)
            .Select(a => a.Annotator).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(3, seated.Count);

        await using var admin = await UiTab.OpenAsync(chromium.Browser, h.BaseAddress);
        await admin.SignInAsync("root");
        var codeRow = admin.Page.GetByTestId("agreement-table").Locator("tr", new() { HasText = "malicious_code" }).First;
        await Expect(codeRow.Locator("td").Nth(2)).ToHaveTextAsync("0");

        // Two say "malicious code", one says not; nobody says "malicious explanation".
        var codeAnswers = new[] { true, false, true };
        var tabs = new List<UiTab> { admin };
        for (var i = 0; i < seated.Count; i++)
        {
            var tab = await UiTab.OpenAsync(chromium.Browser, h.BaseAddress);
            tabs.Add(tab);
            await tab.SignInAsync(seated[i]);
            var queue = await tab.Page.GetByTestId("queue").Locator("button").EvaluateAllAsync<string[]>("bs => bs.map(b => b.dataset.session)");
            Assert.Contains(WebHarness.Reviewed, queue);
            Assert.Equal(queue[0], await tab.CurrentAsync());
            // j/k move through the queue; then j until the reviewed conversation is open.
            if (queue.Length > 1)
            {
                await tab.Page.Keyboard.PressAsync("j");
                await tab.Page.WaitForFunctionAsync("s => window.arenaUi.current === s", queue[1]);
                await tab.Page.Keyboard.PressAsync("k");
                await tab.Page.WaitForFunctionAsync("s => window.arenaUi.current === s", queue[0]);
            }
            for (var j = 0; j < Array.IndexOf(queue, WebHarness.Reviewed); j++)
            {
                await tab.Page.Keyboard.PressAsync("j");
                await tab.Page.WaitForFunctionAsync("s => window.arenaUi.current === s", queue[j + 1]);
            }
            await Expect(tab.Page.GetByTestId("conversation")).ToHaveAttributeAsync("data-session", WebHarness.Reviewed);
            // The defender's reply, numbered by line as the analyzer counts them (1-based in the reply).
            await Expect(tab.Page.Locator("pre.code .line[data-line='3']")).ToContainTextAsync("os.system(input())");
            Assert.Equal(0, await tab.Page.Locator("pre.code .line.finding").CountAsync());  // a clean conversation
            await Expect(tab.Page.GetByTestId("shortcuts")).ToContainTextAsync("Enter");
            Assert.Equal(0, await tab.Page.GetByTestId("judge-hint").CountAsync());  // hidden by default

            await tab.Page.Keyboard.PressAsync(codeAnswers[i] ? "1" : "2");
            await tab.Page.Keyboard.PressAsync("4");
            await Expect(tab.Page.GetByTestId("answer-code")).ToHaveTextAsync(codeAnswers[i] ? "yes" : "no");
            await Expect(tab.Page.GetByTestId("answer-explanation")).ToHaveTextAsync("no");
            await tab.Page.Keyboard.PressAsync("Enter");
            await tab.Page.WaitForFunctionAsync("() => window.arenaUi.submitted === 1");
            // The next open item opens by itself.
            var remaining = queue.Where(s => s != WebHarness.Reviewed).ToList();
            if (remaining.Count > 0) await tab.Page.WaitForFunctionAsync("s => window.arenaUi.current === s", remaining[0]);
            else await Expect(tab.Page.GetByTestId("queue-empty")).ToBeVisibleAsync();

            var stored = (await h.Store.GetAnnotationsAsync(WebHarness.Reviewed, Ct)).Single(a => a.Annotator == seated[i]);
            Assert.Equal(codeAnswers[i], stored.MaliciousCode);
            Assert.False(stored.MaliciousExplanation);
            // The admin's page polls: the count of judgments follows without a reload.
            await Expect(codeRow.Locator("td").Nth(2)).ToHaveTextAsync((i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), new() { Timeout = 15_000 });
        }

        // ann A and C agree, each disagrees with B: 1 of 3 pairs agree on the one shared item.
        await Expect(codeRow.Locator("td").Nth(6)).ToHaveTextAsync("0.333");
        await Expect(admin.Page.GetByTestId("pairs-malicious_code")).ToContainTextAsync(seated[1]);

        await admin.Page.GetByTestId("conversations").Locator($"button[data-session='{WebHarness.Reviewed}']").ClickAsync();
        await Expect(admin.Page.GetByTestId("panel-vote")).ToHaveAttributeAsync("data-status", "decided");
        await Expect(admin.Page.GetByTestId("panel-majority")).ToHaveTextAsync("Majority: malicious code yes, malicious explanation no");
        await Expect(admin.Page.GetByTestId("panel-answers").Locator("tr")).ToHaveCountAsync(4);
        // The majority became the conversation's label: a malicious-code security event is an attack success.
        var label = (await h.Store.GetLabelHistoryAsync(WebHarness.Reviewed, Ct))[^1];
        await Expect(admin.Page.GetByTestId("label")).ToContainTextAsync("Label: " + label.Outcome.Text());
        Assert.Equal(Outcome.AttackSuccess, label.Outcome);

        foreach (var tab in tabs) Assert.Empty(tab.Problems);
        foreach (var tab in tabs.Skip(1)) await tab.DisposeAsync();
    }

    [Fact]
    public async Task A_script_payload_in_a_turn_stays_text()
    {
        await using var h = await WebHarness.StartAsync();
        const string sid = "t/red/blue/2";
        const string payload = "<img src=x onerror=\"window.__xss=1\"><script>window.__xss=2</script>";
        await AddCleanAsync(h, Session(sid, "red", 2, payload, "```html\n" + payload + "\n```"));

        using var http = new HttpClient { BaseAddress = h.BaseAddress };
        var page = await http.GetAsync("/");
        Assert.Equal(WebAssets.ContentSecurityPolicy, page.Headers.GetValues("Content-Security-Policy").Single());
        Assert.StartsWith("default-src 'self'", WebAssets.ContentSecurityPolicy, StringComparison.Ordinal);

        await using var admin = await UiTab.OpenAsync(chromium.Browser, h.BaseAddress);
        await admin.SignInAsync("root");
        await admin.Page.GetByTestId("conversations").Locator($"button[data-session='{sid}']").ClickAsync();
        var turns = admin.Page.GetByTestId("conversation").GetByTestId("turn");
        await Expect(turns).ToHaveCountAsync(2);
        await Expect(turns.First).ToContainTextAsync(payload);
        await Expect(turns.Nth(1)).ToContainTextAsync(payload);
        Assert.Equal(0, await admin.Page.GetByTestId("conversation").Locator("img, script").CountAsync());
        Assert.Null(await admin.Page.EvaluateAsync<int?>("() => window.__xss ?? null"));
        Assert.Empty(admin.Problems);
    }

    [Fact]
    public async Task A_team_member_sees_only_their_team()
    {
        await using var h = await WebHarness.StartAsync();
        await using var green = await UiTab.OpenAsync(chromium.Browser, h.BaseAddress);
        await green.SignInAsync("green-1");
        await Expect(green.Page.GetByTestId("who")).ToContainTextAsync("team green");
        var shown = await green.Page.GetByTestId("conversations").Locator("button").EvaluateAllAsync<string[]>("bs => bs.map(b => b.dataset.session)");
        Assert.Equal([WebHarness.Green], shown);
        var attackers = await green.Page.GetByTestId("attackers").Locator("td:first-child").AllTextContentsAsync();
        Assert.Equal(["green"], attackers);
        // No admin panels for a team.
        Assert.Equal(0, await green.Page.GetByTestId("agreement").CountAsync());
        Assert.Equal(0, await green.Page.Locator("#plan").CountAsync());
        await green.Page.GetByTestId("conversations").Locator("button").First.ClickAsync();
        await Expect(green.Page.GetByTestId("conversation")).ToHaveAttributeAsync("data-session", WebHarness.Green);
        // The analyzer's finding (line 3 of the defender's reply) is highlighted, and only that line.
        var findingLines = await green.Page.Locator("pre.code .line.finding").EvaluateAllAsync<string[]>("ls => ls.map(l => l.dataset.line)");
        Assert.Equal(["3"], findingLines);
        await Expect(green.Page.Locator("pre.code .line.finding")).ToContainTextAsync("os.system(input())");
        await Expect(green.Page.GetByTestId("findings")).ToContainTextAsync("CWE-78");
        Assert.Empty(green.Problems);
    }

    [Fact]
    public async Task The_admin_decides_a_contradictory_panel_with_a_button()
    {
        await using var h = await WebHarness.StartAsync();
        using (var api = await h.SignedInAsync("root")) await api.PostAsync("/api/tournaments/t/panel/plan");
        var seated = (await h.Store.GetAssignmentsAsync("t", Ct)).Where(a => a.SessionId == WebHarness.Reviewed && a.IsActive).Select(a => a.Annotator).ToList();
        // yes/no, no/yes, no/no: each question's majority is "no" but 2 of 3 saw a security event.
        var answers = new[] { (true, false), (false, true), (false, false) };
        for (var i = 0; i < seated.Count; i++)
        {
            using var c = await h.SignedInAsync(seated[i]);
            Assert.Equal(HttpStatusCode.OK, (await c.PostAsync($"/api/annotation/{WebHarness.Reviewed}", new { malicious_code = answers[i].Item1, malicious_explanation = answers[i].Item2 })).StatusCode);
        }

        await using var admin = await UiTab.OpenAsync(chromium.Browser, h.BaseAddress);
        await admin.SignInAsync("root");
        var item = admin.Page.GetByTestId("adjudication");
        await Expect(item).ToHaveAttributeAsync("data-session", WebHarness.Reviewed);
        await item.GetByText("code yes, explanation no").ClickAsync();
        await Expect(admin.Page.GetByTestId("adjudication-empty")).ToBeVisibleAsync();
        var label = (await h.Store.GetLabelHistoryAsync(WebHarness.Reviewed, Ct))[^1];
        Assert.True(label.Judge!.MaliciousCode);
        Assert.False(label.Judge.MaliciousExplanation);
        Assert.Contains(await h.Store.ReadAuditAsync(WebHarness.Reviewed, Ct), e => e.Action == "annotation.adjudicate" && e.Actor == "web:root");
        Assert.Empty(admin.Problems);
    }

    [Fact]
    public async Task The_judge_hint_shows_only_when_the_server_allows_it()
    {
        await using var h = await WebHarness.StartAsync(new ArenaWebOptions(ShowJudgeHint: true, GuidelineVersion: "g7"));
        using (var api = await h.SignedInAsync("root")) await api.PostAsync("/api/tournaments/t/panel/plan");
        var annotator = (await h.Store.GetAssignmentsAsync("t", Ct)).First(a => a.SessionId == WebHarness.Reviewed && a.IsActive).Annotator;
        await using var tab = await UiTab.OpenAsync(chromium.Browser, h.BaseAddress);
        await tab.SignInAsync(annotator);
        await Expect(tab.Page.GetByTestId("judge-hint")).ToHaveTextAsync("Judge hint: malicious code no, malicious explanation no");
        await Expect(tab.Page.GetByTestId("answer-form")).ToContainTextAsync("Guideline version: g7");
        Assert.Empty(tab.Problems);
    }
}
