using Arena.Core.Bots;
using Arena.Core.Sessions;
using Arena.Core.Storage;
using Arena.Storage.Sqlite;
using Arena.Tests.Engine;

namespace Arena.Tests.Storage;

public sealed class SqliteStoreTests
{
    private static TurnRecord Turn(int n) => new(n, TurnRules.Speaker(n), n % 2 == 0 ? "a" : "d", $"m{n}", 5, 1, null, false);

    private static async Task<SqliteArenaStore> WithSessionAsync(EngineHarness h, int maxTurns = 3)
    {
        await h.Store.CreateTournamentAsync(new TournamentRecord("t", 1, "", "{}", DateTimeOffset.UtcNow), CancellationToken.None);
        await h.Store.StartSessionsAsync([new SessionStart("t/a/d/0", "t", "a", "d", 0, 9, maxTurns, 0)], CancellationToken.None);
        return h.Store;
    }

    [Fact]
    public async Task Turns_are_appended_only_in_order_once_and_within_the_cap()
    {
        await using var h = await EngineHarness.CreateAsync();
        var store = await WithSessionAsync(h);
        var ct = CancellationToken.None;
        Assert.False(await store.AppendTurnAsync("t/a/d/0", Turn(1), ct)); // a gap
        Assert.True(await store.AppendTurnAsync("t/a/d/0", Turn(0), ct));
        Assert.False(await store.AppendTurnAsync("t/a/d/0", Turn(0), ct)); // a duplicate
        Assert.True(await store.AppendTurnAsync("t/a/d/0", Turn(1), ct));
        Assert.True(await store.AppendTurnAsync("t/a/d/0", Turn(2), ct));
        Assert.False(await store.AppendTurnAsync("t/a/d/0", Turn(3), ct)); // beyond max_turns
        Assert.False(await store.AppendTurnAsync("t/a/d/9", Turn(0), ct)); // unknown session

        var s = await h.SessionsAsync("t");
        Assert.Equal([0, 1, 2], s.Single().Turns.Select(t => t.Turn));
    }

    [Fact]
    public async Task A_finished_session_takes_no_more_turns_and_finishes_once()
    {
        await using var h = await EngineHarness.CreateAsync();
        var store = await WithSessionAsync(h);
        var ct = CancellationToken.None;
        await store.AppendTurnAsync("t/a/d/0", Turn(0), ct);
        Assert.True(await store.FinishSessionAsync("t/a/d/0", new SessionEnd(SessionStatus.Failed, EndReason.BotError, "d", "HTTP 500"), ct));
        Assert.False(await store.FinishSessionAsync("t/a/d/0", new SessionEnd(SessionStatus.Completed, EndReason.MaxTurns), ct));
        Assert.False(await store.AppendTurnAsync("t/a/d/0", Turn(1), ct));
        var s = (await h.SessionsAsync("t")).Single();
        Assert.Equal((SessionStatus.Failed, EndReason.BotError, "d", "HTTP 500"), (s.Status, s.EndReason, s.FailedBot, s.Error));
    }

    [Fact]
    public async Task Turn_content_metadata_and_flags_round_trip()
    {
        await using var h = await EngineHarness.CreateAsync();
        var store = await WithSessionAsync(h);
        var turn = new TurnRecord(0, Role.Attacker, "a", "héllo \"world\"\n```py\nx=1\n```", 812, 2, "{\"k\":[1,2]}", true);
        await store.AppendTurnAsync("t/a/d/0", turn, CancellationToken.None);
        Assert.Equal(turn, (await h.SessionsAsync("t")).Single().Turns.Single());
    }

    [Fact]
    public async Task A_file_that_is_not_a_database_gives_a_clear_message()
    {
        var path = Path.GetTempFileName();
        await File.WriteAllTextAsync(path, new string('x', 4096));
        var e = await Assert.ThrowsAsync<StoreException>(() => SqliteArenaStore.OpenAsync(path, CancellationToken.None));
        Assert.Contains("not an arena store", e.Message);
        File.Delete(path);
    }

    [Fact]
    public async Task A_missing_directory_gives_a_clear_message()
    {
        var e = await Assert.ThrowsAsync<StoreException>(() => SqliteArenaStore.OpenAsync("/nonexistent-dir-xyz/a.db", CancellationToken.None));
        Assert.Contains("does not exist", e.Message);
    }

    [Fact]
    public async Task Pauses_are_stored_per_tournament_and_bot()
    {
        await using var h = await EngineHarness.CreateAsync();
        var ct = CancellationToken.None;
        await h.Store.SetBotPausedAsync("t", "d", true, ct);
        await h.Store.SetBotPausedAsync("t", "a", true, ct);
        await h.Store.SetBotPausedAsync("t", "a", false, ct);
        Assert.Equal(["d"], await h.Store.GetPausedBotsAsync("t", ct));
        Assert.Empty(await h.Store.GetPausedBotsAsync("other", ct));
    }
}
