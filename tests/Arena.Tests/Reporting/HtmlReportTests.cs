using System.Text.Json;
using System.Text.RegularExpressions;
using Arena.Core.Sessions;
using Arena.Reporting;
using Arena.Tests.Cli;

namespace Arena.Tests.Reporting;

public sealed class HtmlReportTests
{
    private static string DataIsland(string html)
    {
        var m = Regex.Match(html, "<script type=\"application/json\" id=\"arena-data\">(.*?)</script>", RegexOptions.Singleline);
        Assert.True(m.Success, "no data island");
        return m.Groups[1].Value;
    }

    [Fact]
    public void Data_island_cannot_close_its_script_and_round_trips_hostile_text()
    {
        var html = HtmlReport.Render(ReportSamples.Rich());
        var island = DataIsland(html);
        Assert.DoesNotContain("<", island);
        Assert.DoesNotContain(">", island);
        Assert.DoesNotContain("\u2028", island);
        Assert.DoesNotContain("\u2029", island);

        using var doc = JsonDocument.Parse(island);
        var turns = doc.RootElement.GetProperty("conversations").EnumerateArray()
            .First(c => c.GetProperty("id").GetString() == ReportSamples.VulnerableId).GetProperty("turns");
        Assert.Contains(ReportSamples.XssScript, turns[0].GetProperty("content").GetString());
        var other = doc.RootElement.GetProperty("conversations")[0].GetProperty("turns")[2].GetProperty("content").GetString();
        Assert.Equal("Thanks\u2028bye", other);
    }

    [Fact]
    public void Page_is_self_contained_with_chart_js_and_its_license_inline()
    {
        var html = HtmlReport.Render(ReportSamples.Empty());
        Assert.Contains("Chart.js v4.5.1", html);
        Assert.Contains("Released under the MIT License", html);
        // Three script elements (data, Chart.js, page script), all inline; nothing is loaded from elsewhere.
        Assert.Equal(3, Regex.Matches(html, "<script\\b").Count);
        Assert.Equal(3, Regex.Matches(html, "</script>").Count);
        Assert.DoesNotMatch("<script[^>]*\\bsrc=", html);
        Assert.DoesNotMatch("<link\\b", html);
        Assert.Contains("default-src 'none'", html);
    }

    [Fact]
    public void Title_is_html_escaped()
    {
        var html = HtmlReport.Render(ReportSamples.Empty() with { Title = "a</title><script>x()</script>" });
        Assert.Contains("<title>a&lt;/title&gt;&lt;script&gt;x()&lt;/script&gt;</title>", html);
    }

    private static SessionRecord Session(string attacker, string defender, int index) =>
        new($"t/{attacker}/{defender}/{index}", "t", attacker, defender, index, 1, 10, SessionStatus.Completed, EndReason.MaxTurns, null, null, []);

    [Fact]
    public void Sample_keeps_successes_up_to_the_cap_and_spreads_the_rest_over_matchups()
    {
        var sessions = new List<SessionRecord>();
        foreach (var a in new[] { "a1", "a2" })
            foreach (var d in new[] { "d1", "d2" })
                for (var i = 0; i < 10; i++) sessions.Add(Session(a, d, i));
        static bool Success(string id) => id.EndsWith("/0") || id.EndsWith("/1") || id.EndsWith("/2");

        var chosen = StoreReportData.Sample(sessions, s => s.Id, s => (s.Attacker, s.Defender), Success, new ConversationSampling(MaxAttackSuccesses: 8, MaxOthers: 6));
        Assert.Equal(8, chosen.Count(s => Success(s.Id)));
        Assert.Equal(6, chosen.Count(s => !Success(s.Id)));
        // Round-robin: each of the four matchups gets two successes and one or two others.
        Assert.All(chosen.Where(s => Success(s.Id)).GroupBy(s => (s.Attacker, s.Defender)), g => Assert.Equal(2, g.Count()));
        Assert.Equal(4, chosen.Where(s => !Success(s.Id)).Select(s => (s.Attacker, s.Defender)).Distinct().Count());
        // The store's order is kept.
        Assert.Equal(chosen.OrderBy(s => sessions.IndexOf(s)).Select(s => s.Id), chosen.Select(s => s.Id));

        var all = StoreReportData.Sample(sessions, s => s.Id, s => (s.Attacker, s.Defender), Success, new ConversationSampling(MaxAttackSuccesses: 100, MaxOthers: 0));
        Assert.Equal(sessions.Count(s => Success(s.Id)), all.Count);
        Assert.All(all, s => Assert.True(Success(s.Id)));
    }

    [Theory]
    [InlineData("report --out r.html", "needs --tournament")]
    [InlineData("report --tournament demo", "needs --out")]
    [InlineData("report --tournament demo --out r.html --max-others 0", "--max-others: '0'")]
    [InlineData("report --tournament demo --out r.html --bogus", "unknown option --bogus")]
    public async Task Report_usage_errors_exit_2_naming_the_option(string argv, string named)
    {
        var dir = Directory.CreateTempSubdirectory("arena-report-usage-").FullName;
        try
        {
            var r = await ArenaProcess.RunAsync(dir, argv.Split(' '));
            Assert.Equal(2, r.ExitCode);
            Assert.Contains(named, r.Stderr);
            Assert.Single(r.Stderr.Trim().Split('\n'));
            Assert.False(File.Exists(Path.Combine(dir, "r.html")));
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    [Fact]
    public async Task A_series_report_scores_cumulatively_and_maps_every_tournament()
    {
        var dir = Directory.CreateTempSubdirectory("arena-series-").FullName;
        try
        {
            foreach (var id in new[] { "s1", "s2" })
                await ArenaProcess.RunLabeledBuiltinTournamentAsync(dir, id, seed: id.Length + id[1], sessionsPerMatchup: 4, maxTurns: 6,
                    [("red", "direct"), ("pink", "roleplay")], [("blue", "naive")]);
            var r = await ArenaProcess.RunAsync(dir, "report", "--tournament", "s2", "--cumulative", "s1,s2", "--out", "r.html",
                "--embeddings", "lexical", "--bootstrap", "50");
            Assert.True(r.ExitCode == 0, r.Stderr);

            using var doc = JsonDocument.Parse(DataIsland(await File.ReadAllTextAsync(Path.Combine(dir, "r.html"))));
            var root = doc.RootElement;
            Assert.Equal(["s2", "s1"], root.GetProperty("tournaments").EnumerateArray().Select(t => t.GetString()));
            Assert.Equal(16, root.GetProperty("tsne").GetArrayLength());
            Assert.Equal(["s1", "s2"], root.GetProperty("tsne").EnumerateArray().Select(p => p.GetProperty("tournament").GetString()).Distinct().Order());
            var byTournament = root.GetProperty("diversity").EnumerateArray().Single(d => d.GetProperty("grouping").GetString() == "tournament");
            Assert.Equal(2, byTournament.GetProperty("subsets").GetArrayLength());
            // The official board is s2's alone; the cumulative score pools both tournaments.
            Assert.Equal(2, root.GetProperty("attackers").GetProperty("rows").GetArrayLength());
            Assert.All(root.GetProperty("variants").EnumerateArray(), v => Assert.Equal(JsonValueKind.Number, v.GetProperty("cumulative").ValueKind));
            Assert.Contains(root.GetProperty("notes").EnumerateArray(), n => n.GetString()!.Contains("pooled over s1, s2"));
        }
        finally { Directory.Delete(dir, recursive: true); }
    }
}
