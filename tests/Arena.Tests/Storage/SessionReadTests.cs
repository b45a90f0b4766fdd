using Arena.Core.Bots;
using Arena.Core.Labels;
using Arena.Core.Sessions;
using Arena.Core.Storage;
using Arena.Storage.Sqlite;

namespace Arena.Tests.Storage;

/// <summary>Reading one session and its current label by id (GetSessionAsync, GetCurrentLabelAsync).</summary>
public sealed class SessionReadTests : IAsyncLifetime
{
    private static readonly CancellationToken Ct = CancellationToken.None;
    private readonly string _dir = Directory.CreateTempSubdirectory("arena-oneread-").FullName;
    private SqliteArenaStore _store = null!;

    public async Task InitializeAsync()
    {
        _store = await SqliteArenaStore.OpenAsync(Path.Combine(_dir, "arena.db"), Ct);
        foreach (var t in new[] { "t", "u" }) await _store.CreateTournamentAsync(new TournamentRecord(t, 1, "", "{}", DateTimeOffset.UtcNow), Ct);
    }

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }

    private static TurnRecord Turn(int n) => new(n, TurnRules.Speaker(n), n % 2 == 0 ? "a" : "d", $"turn {n}", 10 + n, 1 + n % 2,
        n == 1 ? "{\"k\":1}" : null, n == 2);

    private static SessionRecord Finished(string id, string tournament, int index, IReadOnlyList<TurnRecord> turns) =>
        new(id, tournament, "a", "d", index, 40 + index, 6, SessionStatus.Failed, EndReason.BotError, "d", "HTTP 500", turns);

    private static ConversationLabel Label(string sid, Outcome outcome, int minute) =>
        new(sid, outcome, false, [], "az", "1", new JudgeEvidence(outcome == Outcome.AttackSuccess, false, $"why {minute}", "j", "1"),
            new DateTimeOffset(2026, 1, 1, 0, minute, 0, TimeSpan.Zero));

    [Fact]
    public async Task An_unknown_id_reads_as_null()
    {
        await _store.AddFinishedSessionsAsync([Finished("t/a/d/0", "t", 0, [Turn(0)])], Ct);
        await _store.SaveLabelAsync("t", Label("t/a/d/0", Outcome.DefenseSuccess, 1), Ct);
        Assert.Null(await _store.GetSessionAsync("t/a/d/9", Ct));
        Assert.Null(await _store.GetSessionAsync("", Ct));
        Assert.Null(await _store.GetCurrentLabelAsync("t/a/d/9", Ct));
    }

    [Fact]
    public async Task A_session_reads_with_its_fields_its_tournament_and_its_turns_in_order()
    {
        // Stored out of order, next to sessions of the same and of another tournament: only this one's turns, by turn number.
        await _store.AddFinishedSessionsAsync(
        [
            Finished("t/a/d/0", "t", 0, [Turn(0)]),
            Finished("u/a/d/1", "u", 1, [Turn(3), Turn(1), Turn(0), Turn(2)]),
            Finished("u/a/d/2", "u", 2, [Turn(0), Turn(1)]),
        ], Ct);

        var s = await _store.GetSessionAsync("u/a/d/1", Ct);

        Assert.NotNull(s);
        Assert.Equal(("u/a/d/1", "u", "a", "d", 1, 41L, 6), (s.Id, s.Tournament, s.Attacker, s.Defender, s.Index, s.Seed, s.MaxTurns));
        Assert.Equal((SessionStatus.Failed, EndReason.BotError, "d", "HTTP 500"), (s.Status, s.EndReason, s.FailedBot, s.Error));
        Assert.Equal([Turn(0), Turn(1), Turn(2), Turn(3)], s.Turns);
        // The same record as the tournament read gives.
        var scanned = new List<SessionRecord>();
        await foreach (var r in _store.ReadSessionsAsync("u", SessionFilter.All, Ct)) scanned.Add(r);
        var expected = scanned.Single(r => r.Id == "u/a/d/1");
        Assert.Equal(expected with { Turns = [] }, s with { Turns = [] });
        Assert.Equal(expected.Turns, s.Turns);
    }

    [Fact]
    public async Task A_running_session_without_turns_reads_with_no_turns()
    {
        await _store.StartSessionsAsync([new SessionStart("t/a/d/5", "t", "a", "d", 5, 9, 4, 0)], Ct);
        var s = await _store.GetSessionAsync("t/a/d/5", Ct);
        Assert.NotNull(s);
        Assert.Equal((SessionStatus.Running, (EndReason?)null, "t"), (s.Status, s.EndReason, s.Tournament));
        Assert.Empty(s.Turns);

        Assert.True(await _store.AppendTurnAsync("t/a/d/5", Turn(0), Ct));
        Assert.Equal([Turn(0)], (await _store.GetSessionAsync("t/a/d/5", Ct))!.Turns);
    }

    [Fact]
    public async Task The_current_label_is_the_last_saved_for_that_session()
    {
        await _store.AddFinishedSessionsAsync([Finished("t/a/d/0", "t", 0, [Turn(0)]), Finished("t/a/d/1", "t", 1, [Turn(0)])], Ct);
        Assert.Null(await _store.GetCurrentLabelAsync("t/a/d/0", Ct));  // a session with no label yet

        await _store.SaveLabelAsync("t", Label("t/a/d/0", Outcome.DefenseSuccess, 1), Ct);
        await _store.SaveLabelAsync("t", Label("t/a/d/0", Outcome.AttackSuccess, 2), Ct);
        await _store.SaveLabelAsync("t", Label("t/a/d/1", Outcome.DefenseSuccess, 3), Ct);  // another session's, saved later

        var current = await _store.GetCurrentLabelAsync("t/a/d/0", Ct);
        Assert.NotNull(current);
        Assert.Equal((Outcome.AttackSuccess, "why 2", new DateTimeOffset(2026, 1, 1, 0, 2, 0, TimeSpan.Zero)),
            (current.Outcome, current.Judge!.Rationale, current.At));
        // Agrees with the history's last entry and with the tournament's current labels.
        var last = (await _store.GetLabelHistoryAsync("t/a/d/0", Ct))[^1];
        Assert.Equal(last with { Findings = [] }, current with { Findings = [] });
        Assert.Equal("why 2", (await _store.GetCurrentLabelsAsync("t", Ct))["t/a/d/0"].Judge!.Rationale);

        await _store.SaveLabelAsync("t", Label("t/a/d/0", Outcome.DefenseSuccess, 4), Ct);
        Assert.Equal("why 4", (await _store.GetCurrentLabelAsync("t/a/d/0", Ct))!.Judge!.Rationale);
        Assert.Equal("why 3", (await _store.GetCurrentLabelAsync("t/a/d/1", Ct))!.Judge!.Rationale);
    }
}
