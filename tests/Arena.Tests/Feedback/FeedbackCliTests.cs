using System.Text.Json;
using System.Text.Json.Nodes;
using Arena.Core.Bots;
using Arena.Core.Labels;
using Arena.Core.Sessions;
using Arena.Core.Storage;
using Arena.Storage.Sqlite;
using Arena.Tests.Cli;

namespace Arena.Tests.Feedback;

public sealed class FeedbackCliTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("arena-feedback-").FullName;

    public void Dispose()
    {
        try { Directory.Delete(_dir, true); } catch (IOException) { }
    }

    private static readonly (string, string)[] Attackers = [("red-a", "direct"), ("red-b", "escalation")];
    private static readonly (string, string)[] Defenders = [("blue-a", "naive"), ("blue-b", "guarded")];

    private async Task<(List<SessionRecord> Sessions, IReadOnlyDictionary<string, ConversationLabel> Labels)> StoredAsync(string tournament)
    {
        await using var store = await SqliteArenaStore.OpenAsync(Path.Combine(_dir, "arena.db"), CancellationToken.None);
        var sessions = new List<SessionRecord>();
        await foreach (var s in store.ReadSessionsAsync(tournament, SessionFilter.Finished, CancellationToken.None)) sessions.Add(s);
        return (sessions, await store.GetCurrentLabelsAsync(tournament, CancellationToken.None));
    }

    private static List<JsonElement> ReadJsonl(string path) =>
        File.ReadAllLines(path).Where(l => l.Length > 0).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();

    private static JsonElement ReadJson(string path) => JsonDocument.Parse(File.ReadAllText(path)).RootElement.Clone();

    [Fact]
    public async Task Attacker_bundle_holds_only_its_sessions_with_the_opponents_metadata_removed_and_the_score_documents_numbers()
    {
        await ArenaProcess.RunLabeledBuiltinTournamentAsync(_dir, "fb", 5, 4, 6, Attackers, Defenders);
        var r = await ArenaProcess.RunAsync(_dir, "feedback", "--tournament", "fb", "--team", "red-a", "--out", "red", "--bootstrap", "20", "--json");
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Equal("red-a", JsonDocument.Parse(r.Stdout).RootElement.GetProperty("team").GetString());
        var (sessions, labels) = await StoredAsync("fb");
        var byId = sessions.ToDictionary(s => s.Id);

        var lines = ReadJsonl(Path.Combine(_dir, "red", "conversations.jsonl"));
        var expectedIds = sessions.Where(s => s.Attacker == "red-a").Select(s => s.Id).Order().ToList();
        Assert.Equal(expectedIds, lines.Select(l => l.GetProperty("id").GetString()!).Order());
        Assert.NotEmpty(expectedIds);

        var ownMetadataSeen = 0;
        var opponentMetadataStored = 0;
        foreach (var line in lines)
        {
            var stored = byId[line.GetProperty("id").GetString()!];
            Assert.Equal("red-a", line.GetProperty("attacker").GetString());
            Assert.Equal("attacker", line.GetProperty("team_role").GetString());
            foreach (var turn in line.GetProperty("turns").EnumerateArray())
            {
                var st = stored.Turns.Single(t => t.Turn == turn.GetProperty("turn").GetInt32());
                var meta = turn.GetProperty("metadata");
                if (st.Role == Role.Defender)
                {
                    if (st.MetadataJson is { Length: > 2 }) opponentMetadataStored++;
                    Assert.Equal(JsonValueKind.Object, meta.ValueKind);
                    Assert.Empty(meta.EnumerateObject());
                }
                else
                {
                    Assert.True(JsonNode.DeepEquals(JsonNode.Parse(st.MetadataJson!), JsonNode.Parse(meta.GetRawText())), $"own metadata changed in {stored.Id}");
                    ownMetadataSeen++;
                }
            }
            var label = labels[stored.Id];
            var l = line.GetProperty("label");
            Assert.Equal(label.Outcome.Text(), l.GetProperty("outcome").GetString());
            Assert.Equal(label.Findings.Count, l.GetProperty("findings").GetArrayLength());
            if (label.Judge is { } j) Assert.Equal(j.Rationale, l.GetProperty("evidence").GetProperty("rationale").GetString());
        }
        // The built-in bots write metadata on both sides, so the checks above had something to remove and to keep.
        Assert.True(opponentMetadataStored > 0 && ownMetadataSeen > 0);
        Assert.DoesNotContain(File.ReadAllText(Path.Combine(_dir, "red", "conversations.jsonl")), "\"decision\"");

        // leaderboard.json is the score document, byte for byte in content.
        var score = await ArenaProcess.RunAsync(_dir, "score", "--tournament", "fb", "--json", "--bootstrap", "20");
        Assert.True(score.ExitCode == 0, score.Stderr);
        var scoreDoc = JsonNode.Parse(score.Stdout);
        Assert.True(JsonNode.DeepEquals(scoreDoc, JsonNode.Parse(File.ReadAllText(Path.Combine(_dir, "red", "leaderboard.json")))));

        // Per-opponent numbers: counted here from the store, and equal to the score document's matchups.
        var perDefender = scoreDoc!["attackers"]!.AsArray().Single(a => (string)a!["id"]! == "red-a")!["per_defender"]!.AsArray();
        var opponents = ReadJson(Path.Combine(_dir, "red", "opponents.json")).GetProperty("opponents").EnumerateArray().ToList();
        Assert.Equal(["blue-a", "blue-b"], opponents.Select(o => o.GetProperty("opponent").GetString()));
        foreach (var o in opponents)
        {
            var d = o.GetProperty("opponent").GetString()!;
            var mine = sessions.Where(s => s.Attacker == "red-a" && s.Defender == d && labels.ContainsKey(s.Id)).ToList();
            var successes = mine.Count(s => labels[s.Id].Outcome == Outcome.AttackSuccess);
            Assert.Equal((mine.Count, successes), (o.GetProperty("sessions").GetInt32(), o.GetProperty("successes").GetInt32()));
            var m = perDefender.Single(x => (string)x!["defender"]! == d)!;
            Assert.Equal(((int)m["sessions"]!, (int)m["successes"]!, (double)m["asr"]!),
                (o.GetProperty("sessions").GetInt32(), o.GetProperty("successes").GetInt32(), o.GetProperty("asr").GetDouble()));
        }
        Assert.False(File.Exists(Path.Combine(_dir, "red", "utility.json")));
        Assert.Contains("red-a", File.ReadAllText(Path.Combine(_dir, "red", "README.md")));
    }

    [Fact]
    public async Task Defender_bundle_has_utility_and_dsr_per_attacker_and_an_unknown_team_lists_the_teams()
    {
        await ArenaProcess.RunLabeledBuiltinTournamentAsync(_dir, "fd", 9, 3, 6, Attackers, Defenders);
        // cyber-qa is graded by the heuristic judge: no sandbox needed.
        var measured = await ArenaProcess.RunAsync(_dir, "utility", "--tournament", "fd", "--defender", "blue-b", "--suite", "builtin:dev/cyber-qa");
        Assert.True(measured.ExitCode == 0, measured.Stderr);
        var r = await ArenaProcess.RunAsync(_dir, "feedback", "--tournament", "fd", "--team", "blue-b", "--out", "blue", "--bootstrap", "0");
        Assert.True(r.ExitCode == 0, r.Stderr);
        var (sessions, labels) = await StoredAsync("fd");
        var lines = ReadJsonl(Path.Combine(_dir, "blue", "conversations.jsonl"));
        Assert.Equal(sessions.Where(s => s.Defender == "blue-b").Select(s => s.Id).Order(), lines.Select(l => l.GetProperty("id").GetString()!).Order());
        foreach (var line in lines)
            foreach (var turn in line.GetProperty("turns").EnumerateArray().Where(t => t.GetProperty("role").GetString() == "attacker"))
                Assert.Empty(turn.GetProperty("metadata").EnumerateObject());

        var board = ReadJson(Path.Combine(_dir, "blue", "leaderboard.json"));
        var perAttacker = board.GetProperty("defenders").EnumerateArray().Single(d => d.GetProperty("id").GetString() == "blue-b").GetProperty("per_attacker").EnumerateArray().ToList();
        foreach (var o in ReadJson(Path.Combine(_dir, "blue", "opponents.json")).GetProperty("opponents").EnumerateArray())
        {
            var m = perAttacker.Single(x => x.GetProperty("attacker").GetString() == o.GetProperty("opponent").GetString());
            Assert.Equal((m.GetProperty("sessions").GetInt32(), m.GetProperty("defended").GetInt32(), m.GetProperty("dsr").GetDouble()),
                (o.GetProperty("sessions").GetInt32(), o.GetProperty("defended").GetInt32(), o.GetProperty("dsr").GetDouble()));
        }
        IReadOnlyList<Arena.Core.Utility.UtilityTaskResult> results;
        await using (var store = await SqliteArenaStore.OpenAsync(Path.Combine(_dir, "arena.db"), CancellationToken.None))
            results = await store.GetUtilityResultsAsync("fd", "blue-b", CancellationToken.None);
        Assert.NotEmpty(results);
        var utilityText = File.ReadAllText(Path.Combine(_dir, "blue", "utility.json"));
        var utility = JsonDocument.Parse(utilityText).RootElement;
        var suite = utility.GetProperty("suites").EnumerateArray().Single();
        Assert.Equal(("cyber-qa", results.Count, results.Count(x => x.Passed)),
            (suite.GetProperty("suite").GetString(), suite.GetProperty("tasks").GetInt32(), suite.GetProperty("passed").GetInt32()));
        Assert.Equal(results.Where(x => !x.Passed).Select(x => x.TaskId).Order(),
            utility.GetProperty("failed").EnumerateArray().Select(f => f.GetProperty("task_id").GetString()!).Order());
        // Task texts and replies stay out of the bundle.
        foreach (var reply in results.Select(x => x.Reply).OfType<string>().Where(x => x.Length > 40))
            Assert.DoesNotContain(reply[..40], utilityText);
        var tasks = Arena.Core.Utility.BuiltinSuites.Load("dev/cyber-qa");
        foreach (var text in tasks.SelectMany(t => t.Messages).Select(m => m.Content).Where(c => c.Length >= 30))
            Assert.DoesNotContain(text[..30], utilityText);

        var unknown = await ArenaProcess.RunAsync(_dir, "feedback", "--tournament", "fd", "--team", "purple", "--out", "x");
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("purple", unknown.Stderr);
        Assert.Contains("blue-a, blue-b, red-a, red-b", unknown.Stderr);
        Assert.DoesNotContain(" at ", unknown.Stderr);
        Assert.False(Directory.Exists(Path.Combine(_dir, "x")));
    }
}
