using Arena.Core.Bots;
using Arena.Core.Labels;
using Arena.Core.Sessions;
using Arena.Core.Storage;
using Arena.Tests.Engine;

namespace Arena.Tests.Storage;

public sealed class ImportStoreTests
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    private static SessionRecord Finished(string tournament, int index, SessionStatus status, EndReason reason, int turns, string? failedBot = null) =>
        new(SessionIdentity.Id(tournament, "a", "d", index), tournament, "a", "d", index, 100 + index, Math.Max(1, turns), status, reason,
            failedBot, failedBot is null ? null : "boom",
            Enumerable.Range(0, turns).Select(n => new TurnRecord(n, TurnRules.Speaker(n), n % 2 == 0 ? "a" : "d", $"m{index}.{n}", 10 + n, 1 + n % 2,
                n == 0 ? "{\"k\": [1, 2]}" : null, n == 1)).ToList());

    [Fact]
    public async Task Finished_sessions_are_stored_whole_once_and_read_back_unchanged()
    {
        await using var h = await EngineHarness.CreateAsync();
        await h.Store.CreateTournamentAsync(new TournamentRecord("t", 1, "", "{}", DateTimeOffset.UtcNow), Ct);
        SessionRecord[] sessions =
        [
            Finished("t", 0, SessionStatus.Completed, EndReason.MaxTurns, 4),
            Finished("t", 1, SessionStatus.Failed, EndReason.BotError, 1, failedBot: "d"),
            Finished("t", 2, SessionStatus.Completed, EndReason.AttackerEnd, 0),
        ];
        Assert.Equal(sessions.Select(s => s.Id).ToHashSet(), await h.Store.AddFinishedSessionsAsync(sessions, Ct));
        Assert.Empty(await h.Store.AddFinishedSessionsAsync(sessions[..1], Ct)); // already there: left alone

        var back = await h.SessionsAsync("t");
        Assert.Equal(3, back.Count);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(sessions[i] with { Turns = [] }, back[i] with { Turns = [] });
            Assert.Equal(sessions[i].Turns, back[i].Turns);
        }
        var stats = await h.Store.GetStatsAsync("t", Ct);
        Assert.Equal(2, stats.SessionsByState["completed"]);
        Assert.Equal(1, stats.SessionsByState["failed"]);
        Assert.Equal(5, stats.Turns);
    }

    [Fact]
    public async Task A_running_session_is_refused()
    {
        await using var h = await EngineHarness.CreateAsync();
        await h.Store.CreateTournamentAsync(new TournamentRecord("t", 1, "", "{}", DateTimeOffset.UtcNow), Ct);
        var running = Finished("t", 0, SessionStatus.Running, EndReason.MaxTurns, 1);
        await Assert.ThrowsAsync<ArgumentException>(() => h.Store.AddFinishedSessionsAsync([running], Ct));
    }

    [Fact]
    public async Task Tournament_annotations_cover_its_sessions_only_in_saved_order()
    {
        await using var h = await EngineHarness.CreateAsync();
        foreach (var t in new[] { "t", "u" })
        {
            await h.Store.CreateTournamentAsync(new TournamentRecord(t, 1, "", "{}", DateTimeOffset.UtcNow), Ct);
            await h.Store.AddFinishedSessionsAsync([Finished(t, 0, SessionStatus.Completed, EndReason.MaxTurns, 2), Finished(t, 1, SessionStatus.Completed, EndReason.MaxTurns, 2)], Ct);
        }
        var at = DateTimeOffset.UtcNow;
        await h.Store.SaveAnnotationAsync(new AnnotationRecord("t/a/d/1", "x", true, false, "n", "g", at), Ct);
        await h.Store.SaveAnnotationAsync(new AnnotationRecord("u/a/d/0", "x", false, false, null, "g", at), Ct);
        await h.Store.SaveAnnotationAsync(new AnnotationRecord("t/a/d/0", "y", false, true, null, "g", at), Ct);
        var list = await h.Store.GetTournamentAnnotationsAsync("t", Ct);
        Assert.Equal([("t/a/d/1", "x"), ("t/a/d/0", "y")], list.Select(a => (a.SessionId, a.Annotator)));
        Assert.Equal("n", list[0].Note);
    }
}
