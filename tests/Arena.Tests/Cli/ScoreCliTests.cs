using System.Text.Json;
using Arena.Core.Labels;
using Arena.Core.Sessions;
using Arena.Core.Storage;
using Arena.Storage.Sqlite;

namespace Arena.Tests.Cli;

public sealed class ScoreCliTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("arena-score-").FullName;

    public void Dispose()
    {
        try { Directory.Delete(_dir, true); } catch (IOException) { }
    }

    private static readonly string[] AttackerKeys = ["id", "rank", "asr", "diversity", "normalized_asr", "per_defender"];
    private static readonly string[] MatchupKeys = ["defender", "sessions", "successes", "asr", "diversity", "normalized_asr"];
    private static readonly string[] DefenderKeys = ["id", "rank", "dsr", "utility", "normalized_ds", "per_attacker"];
    private static readonly string[] PerAttackerKeys = ["attacker", "sessions", "defended", "dsr"];

    private static void AssertHasNumbers(JsonElement e, IEnumerable<string> keys)
    {
        foreach (var k in keys)
            Assert.True(e.TryGetProperty(k, out _), $"missing key '{k}' in {e}");
    }

    [Fact]
    public async Task Score_json_has_the_contract_keys_and_counts_the_stored_labels()
    {
        var demo = await ArenaProcess.RunAsync(_dir, "demo", "--out", "out", "--sessions", "2");
        Assert.True(demo.ExitCode == 0, demo.Stderr);
        await File.WriteAllTextAsync(Path.Combine(_dir, "utility.csv"), "defender,suite,score,base\nguarded,humaneval,40,80\nguarded,mbpp,90,60\n");

        var r = await ArenaProcess.RunAsync(_dir, "--db", "out/arena.db", "score", "--json", "--bootstrap", "50", "--seed", "3",
            "--utility", "utility.csv", "--cumulative", "demo");
        Assert.True(r.ExitCode == 0, r.Stderr);
        var doc = JsonDocument.Parse(r.Stdout).RootElement;
        Assert.Equal("demo", doc.GetProperty("tournament").GetString());

        // Expected counts straight from the store, independent of the scoring code.
        var successes = new Dictionary<(string, string), (int Sessions, int Successes)>();
        await using (var store = await SqliteArenaStore.OpenAsync(Path.Combine(_dir, "out", "arena.db"), CancellationToken.None))
        {
            var labels = await store.GetCurrentLabelsAsync("demo", CancellationToken.None);
            await foreach (var s in store.ReadSessionsAsync("demo", SessionFilter.All, CancellationToken.None))
            {
                if (!labels.TryGetValue(s.Id, out var l) || l.Outcome == Outcome.Unlabeled) continue;
                var old = successes.GetValueOrDefault((s.Attacker, s.Defender));
                successes[(s.Attacker, s.Defender)] = (old.Sessions + 1, old.Successes + (l.Outcome == Outcome.AttackSuccess ? 1 : 0));
            }
        }

        var attackers = doc.GetProperty("attackers").EnumerateArray().ToList();
        Assert.Equal(successes.Keys.Select(k => k.Item1).Distinct().Order(), attackers.Select(a => a.GetProperty("id").GetString()!).Order());
        foreach (var a in attackers)
        {
            AssertHasNumbers(a, AttackerKeys);
            foreach (var m in a.GetProperty("per_defender").EnumerateArray())
            {
                AssertHasNumbers(m, MatchupKeys);
                var (n, s) = successes[(a.GetProperty("id").GetString()!, m.GetProperty("defender").GetString()!)];
                Assert.Equal((n, s), (m.GetProperty("sessions").GetInt32(), m.GetProperty("successes").GetInt32()));
                Assert.Equal(Math.Round(100.0 * s / n, 2, MidpointRounding.AwayFromZero), m.GetProperty("asr").GetDouble());
            }
            var ci = a.GetProperty("normalized_asr_ci");
            Assert.Equal(2, ci.GetArrayLength());
            Assert.True(a.GetProperty("harmonic_normalized_asr").GetDouble() <= a.GetProperty("normalized_asr").GetDouble());
        }
        Assert.Equal(1, attackers[0].GetProperty("rank").GetInt32());

        foreach (var d in doc.GetProperty("defenders").EnumerateArray())
        {
            AssertHasNumbers(d, DefenderKeys);
            foreach (var m in d.GetProperty("per_attacker").EnumerateArray())
            {
                AssertHasNumbers(m, PerAttackerKeys);
                var (n, s) = successes[(m.GetProperty("attacker").GetString()!, d.GetProperty("id").GetString()!)];
                Assert.Equal((n, n - s), (m.GetProperty("sessions").GetInt32(), m.GetProperty("defended").GetInt32()));
            }
            // guarded: mean(40/80, min(90, 60)/60) = 75; the others have no results and keep 100.
            var expectedUtility = d.GetProperty("id").GetString() == "guarded" ? 75.0 : 100.0;
            Assert.Equal(expectedUtility, d.GetProperty("utility").GetDouble());
        }

        var tables = doc.GetProperty("ratings").GetProperty("tables").EnumerateArray().ToList();
        Assert.Equal(6, tables.Count);
        Assert.Equal(2, doc.GetProperty("cumulative").GetProperty("attackers")[0].GetProperty("normalized_asr_ci").GetArrayLength());
        Assert.Equal(50, doc.GetProperty("bootstrap").GetProperty("rounds").GetInt32());

        // The human tables render (team names and brackets must not break the markup).
        var human = await ArenaProcess.RunAsync(_dir, "--db", "out/arena.db", "score", "--bootstrap", "20");
        Assert.True(human.ExitCode == 0, human.Stderr);
        Assert.Contains("attackers (rank by normalized ASR)", human.Stdout);
        Assert.Contains("ratings: attackers and defenders on one scale", human.Stdout);
    }

    [Fact]
    public async Task A_tournament_without_labels_exits_1_telling_to_evaluate_and_bad_options_exit_2()
    {
        var db = Path.Combine(_dir, "fresh.db");
        await using (var store = await SqliteArenaStore.OpenAsync(db, CancellationToken.None))
        {
            await store.CreateTournamentAsync(new TournamentRecord("t1", 1, "", "{}", DateTimeOffset.UtcNow), CancellationToken.None);
            await store.StartSessionsAsync([new SessionStart("t1/a/d/0", "t1", "a", "d", 0, 1, 4, 0)], CancellationToken.None);
            await store.FinishSessionAsync("t1/a/d/0", new SessionEnd(SessionStatus.Completed, EndReason.MaxTurns), CancellationToken.None);
        }
        var r = await ArenaProcess.RunAsync(_dir, "--db", "fresh.db", "score", "--tournament", "t1", "--json");
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("arena evaluate", r.Stderr);
        Assert.Equal("", r.Stdout.Trim());

        var bad = await ArenaProcess.RunAsync(_dir, "--db", "fresh.db", "score", "--bootstrap", "many");
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("--bootstrap", bad.Stderr);

        await File.WriteAllTextAsync(Path.Combine(_dir, "u.csv"), "defender,suite,score,base\nd,s,50,0\n");
        var badCsv = await ArenaProcess.RunAsync(_dir, "--db", "fresh.db", "score", "--utility", "u.csv");
        Assert.Equal(2, badCsv.ExitCode);
        Assert.Contains("u.csv:2: base", badCsv.Stderr);

        var unknown = await ArenaProcess.RunAsync(_dir, "--db", "fresh.db", "score", "--cumulative", "t1,nope");
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("no tournament 'nope'", unknown.Stderr);
    }
}
