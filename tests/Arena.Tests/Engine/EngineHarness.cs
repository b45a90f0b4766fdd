using Arena.Bots;
using Arena.Core.Sessions;
using Arena.Core.Storage;
using Arena.Core.Tournaments;
using Arena.Engine;
using Arena.Engine.Configuration;
using Arena.Storage.Sqlite;

namespace Arena.Tests.Engine;

/// <summary>A temporary store plus helpers to run tournaments and check the session invariants.</summary>
internal sealed class EngineHarness : IAsyncDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("arena-test-").FullName;

    public string DbPath => Path.Combine(_dir, "arena.db");
    public SqliteArenaStore Store { get; private set; } = null!;

    public static async Task<EngineHarness> CreateAsync()
    {
        var h = new EngineHarness();
        h.Store = await SqliteArenaStore.OpenAsync(h.DbPath, CancellationToken.None);
        return h;
    }

    public static TournamentConfig Config(string yaml) => ConfigLoader.Parse(yaml, "test.yaml");

    public TournamentRunner Runner(TournamentConfig config, string yaml = "") =>
        new(config, yaml, Store, FastOptions());

    public static RunOptions FastOptions() => new(new BotFactory())
    {
        ControlPollInterval = TimeSpan.FromMilliseconds(50),
        HealthInterval = TimeSpan.FromMilliseconds(100),
        FirstProbeDelay = TimeSpan.FromMilliseconds(100),
    };

    public async Task<RunOutcome> RunAsync(TournamentConfig config, TimeSpan? limit = null)
    {
        using var cts = new CancellationTokenSource(limit ?? TimeSpan.FromSeconds(60));
        return await Runner(config).RunAsync(cts.Token);
    }

    public async Task<List<SessionRecord>> SessionsAsync(string tournament)
    {
        var list = new List<SessionRecord>();
        await foreach (var s in Store.ReadSessionsAsync(tournament, SessionFilter.All, CancellationToken.None)) list.Add(s);
        return list;
    }

    /// <summary>No gaps, no duplicates, alternating roles, at most max_turns, end reasons consistent with the turns.</summary>
    public static void AssertInvariants(IEnumerable<SessionRecord> sessions)
    {
        foreach (var s in sessions)
        {
            Assert.True(s.Turns.Count <= s.MaxTurns, $"{s.Id} has {s.Turns.Count} turns > {s.MaxTurns}");
            for (var i = 0; i < s.Turns.Count; i++)
            {
                Assert.Equal(i, s.Turns[i].Turn);
                Assert.Equal(TurnRules.Speaker(i), s.Turns[i].Role);
                Assert.Equal(s.Turns[i].Role == Arena.Core.Bots.Role.Attacker ? s.Attacker : s.Defender, s.Turns[i].BotId);
            }
            if (s.EndReason == EndReason.MaxTurns) Assert.Equal(s.MaxTurns, s.Turns.Count);
            if (s.EndReason == EndReason.AttackerEnd) Assert.True(s.Turns.Count % 2 == 0, $"{s.Id}: attacker ended on an odd turn count");
            if (s.Status == SessionStatus.Failed) Assert.Equal(EndReason.BotError, s.EndReason);
        }
    }

    /// <summary>
    /// After a crash or cancel and a resume: every session completed with exactly what the chatty fake bots
    /// said, no protocol violation, and no turn asked more than twice (once before, once after).
    /// </summary>
    internal static void AssertResumedCleanly(IReadOnlyList<SessionRecord> sessions, int expected, Fakes.FakeArenaBots bots)
    {
        Assert.Equal(expected, sessions.Count);
        Assert.All(sessions, s => Assert.Equal(SessionStatus.Completed, s.Status));
        AssertInvariants(sessions);
        foreach (var s in sessions)
            foreach (var t in s.Turns)
                Assert.Equal($"{t.BotId} says turn {t.Turn} in {s.Id}", t.Content);
        Assert.Empty(bots.Violations);
        Assert.All(bots.Calls.GroupBy(c => c.IdempotencyKey), g => Assert.True(g.Count() <= 2, $"{g.Key} asked {g.Count()} times"));
    }

    public async ValueTask DisposeAsync()
    {
        await Store.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }
}
