using System.Text.Json;
using Arena.Core.Sessions;
using Arena.Core.Storage;
using Arena.Storage.Sqlite;
using Arena.Tests.Cli;

namespace Arena.Tests.Feedback;

public sealed class SeriesCliTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("arena-series-").FullName;
    private static readonly string[] Teams = ["blue-a", "blue-b", "red-a", "red-b"];

    public void Dispose()
    {
        try { Directory.Delete(_dir, true); } catch (IOException) { }
    }

    private void WriteSeries()
    {
        foreach (var (id, seed) in new[] { ("t1", 3), ("t2", 4) })
            File.WriteAllText(Path.Combine(_dir, $"{id}.yaml"),
                $"tournament: {id}\nseed: {seed}\nsessions_per_matchup: 3\nmax_turns: 6\nbatch_size: 3\n" +
                "attackers:\n  - id: red-a\n    bot: {kind: builtin, name: direct}\n  - id: red-b\n    bot: {kind: builtin, name: escalation}\n" +
                "defenders:\n  - id: blue-a\n    bot: {kind: builtin, name: naive}\n  - id: blue-b\n    bot: {kind: builtin, name: guarded}\n" +
                // t2 measures utility after its run (cyber-qa: graded by the heuristic judge, no sandbox needed).
                (id == "t2" ? "utility:\n  base: blue-a\n  suites: [builtin:dev/cyber-qa]\n  after_run: true\n" : ""));
        File.WriteAllText(Path.Combine(_dir, "spring.yaml"), "series: spring\ntournaments: [t1.yaml, t2.yaml]\nfeedback_dir: fb\nbootstrap: 20\n");
    }

    private async Task<(int Turns, int Labels, DateTimeOffset T2Created, string Utility)> StoreStateAsync()
    {
        await using var store = await SqliteArenaStore.OpenAsync(Path.Combine(_dir, "arena.db"), CancellationToken.None);
        int turns = 0, labels = 0;
        var utility = string.Join(",", (await store.GetUtilityResultsAsync("t2", null, CancellationToken.None)).Select(u => $"{u.Bot}/{u.TaskId}@{u.At:O}"));
        foreach (var t in new[] { "t1", "t2" })
            await foreach (var s in store.ReadSessionsAsync(t, SessionFilter.All, CancellationToken.None))
            {
                turns += s.Turns.Count;
                labels += (await store.GetLabelHistoryAsync(s.Id, CancellationToken.None)).Count;
            }
        return (turns, labels, (await store.GetTournamentAsync("t2", CancellationToken.None))!.CreatedAt, utility);
    }

    private static Dictionary<string, int> Ranks(JsonElement board, string side) =>
        board.GetProperty(side).EnumerateArray().ToDictionary(x => x.GetProperty("id").GetString()!, x => x.GetProperty("rank").GetInt32());

    [Fact]
    public async Task Series_writes_feedback_between_tournaments_ranks_cumulatively_and_resumes_without_redoing_work()
    {
        WriteSeries();
        var first = await ArenaProcess.RunAsync(_dir, "run", "spring.yaml");
        Assert.True(first.ExitCode == 0, first.Stderr);

        foreach (var t in new[] { "t1", "t2" })
            foreach (var team in Teams)
                foreach (var file in new[] { "leaderboard.json", "conversations.jsonl", "opponents.json", "README.md" })
                    Assert.True(File.Exists(Path.Combine(_dir, "fb", t, team, file)), $"{t}/{team}/{file} missing");

        // t1's bundles are written before t2 starts: by the order of the progress lines and by the clock.
        var t1Feedback = first.Stderr.IndexOf("feedback t1: wrote bundles", StringComparison.Ordinal);
        var t2Start = first.Stderr.IndexOf("tournament t2:", StringComparison.Ordinal);
        Assert.True(t1Feedback >= 0 && t2Start > t1Feedback, first.Stderr);
        var (turns, labels, t2Created, utility) = await StoreStateAsync();
        Assert.NotEmpty(utility);
        var blueUtility = JsonDocument.Parse(File.ReadAllText(Path.Combine(_dir, "fb", "t2", "blue-b", "utility.json"))).RootElement;
        Assert.NotEqual(0, blueUtility.GetProperty("suites").GetArrayLength());
        Assert.True(blueUtility.GetProperty("utility_measured").GetBoolean());
        var t1Written = Teams.Max(team => File.GetLastWriteTimeUtc(Path.Combine(_dir, "fb", "t1", team, "README.md")));
        Assert.True(t1Written <= t2Created.UtcDateTime, $"t1 bundles {t1Written:O}, t2 created {t2Created:O}");

        // The cumulative ranking is the one `arena score --cumulative` computes.
        var cumulative = JsonDocument.Parse(File.ReadAllText(Path.Combine(_dir, "fb", "cumulative.json"))).RootElement;
        var score = await ArenaProcess.RunAsync(_dir, "score", "--cumulative", "t1,t2", "--json", "--bootstrap", "20");
        Assert.True(score.ExitCode == 0, score.Stderr);
        var expected = JsonDocument.Parse(score.Stdout).RootElement.GetProperty("cumulative");
        Assert.Equal(["t1", "t2"], cumulative.GetProperty("tournaments").EnumerateArray().Select(x => x.GetString()));
        Assert.Equal(expected.GetProperty("labeled_sessions").GetInt32(), cumulative.GetProperty("labeled_sessions").GetInt32());
        Assert.Equal(Ranks(expected, "attackers"), Ranks(cumulative, "attackers"));
        Assert.Equal(Ranks(expected, "defenders"), Ranks(cumulative, "defenders"));
        Assert.True(cumulative.GetProperty("utility_measured").GetBoolean());
        Assert.True(System.Text.Json.Nodes.JsonNode.DeepEquals(
            System.Text.Json.Nodes.JsonNode.Parse(expected.GetProperty("defenders").GetRawText()),
            System.Text.Json.Nodes.JsonNode.Parse(cumulative.GetProperty("defenders").GetRawText())));
        Assert.True(System.Text.Json.Nodes.JsonNode.DeepEquals(
            System.Text.Json.Nodes.JsonNode.Parse(expected.GetProperty("attackers").GetRawText()),
            System.Text.Json.Nodes.JsonNode.Parse(cumulative.GetProperty("attackers").GetRawText())));
        Assert.Equal(6 * 4, cumulative.GetProperty("labeled_sessions").GetInt32());

        // Run again: nothing is run, labeled or rewritten.
        var bundleTimes = Teams.Select(team => File.GetLastWriteTimeUtc(Path.Combine(_dir, "fb", "t2", team, "conversations.jsonl"))).ToList();
        var second = await ArenaProcess.RunAsync(_dir, "series", "spring.yaml", "--json");
        Assert.True(second.ExitCode == 0, second.Stderr);
        var doc = JsonDocument.Parse(second.Stdout).RootElement;
        foreach (var t in doc.GetProperty("tournaments").EnumerateArray())
        {
            Assert.False(t.GetProperty("ran").GetBoolean());
            Assert.Equal(0, t.GetProperty("labeled").GetInt32());
            Assert.Equal(12, t.GetProperty("unchanged").GetInt32());
        }
        Assert.Contains("tournament t1: already complete", second.Stderr);
        Assert.Contains("feedback t2: up to date", second.Stderr);
        var after = await StoreStateAsync();
        Assert.Equal((turns, labels, utility), (after.Turns, after.Labels, after.Utility));
        Assert.Equal(bundleTimes, Teams.Select(team => File.GetLastWriteTimeUtc(Path.Combine(_dir, "fb", "t2", team, "conversations.jsonl"))));
        Assert.Equal(Ranks(cumulative, "attackers"), Ranks(doc.GetProperty("cumulative"), "attackers"));
    }

    [Fact]
    public async Task A_bad_series_file_exits_2_naming_file_line_and_key()
    {
        WriteSeries();
        File.WriteAllText(Path.Combine(_dir, "bad.yaml"), "series: spring\ntournaments: [t1.yaml, t3.yaml]\n");
        var r = await ArenaProcess.RunAsync(_dir, "run", "bad.yaml");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("bad.yaml:2: tournaments[1]: t3.yaml: no such file", r.Stderr);
        Assert.False(File.Exists(Path.Combine(_dir, "arena.db")));
    }
}
