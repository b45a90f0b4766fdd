using Arena.Core.Annotation;
using Arena.Core.Bots;
using Arena.Core.Labels;
using Arena.Core.Sessions;
using Arena.Core.Storage;
using Arena.Evaluation.Judges;
using Arena.Storage.Sqlite;
using Arena.Tests.Engine;

// Not "Arena.Tests.Annotation": that namespace would hide the Judges.Annotation type from every Arena.Tests.* file.
namespace Arena.Tests.Panels;

public sealed class AnnotationPanelServiceTests
{
    private static readonly CancellationToken Ct = CancellationToken.None;
    private static readonly string[] Pool = ["alice", "bob", "carol", "dave", "erin"];

    private static string Id(int i) => $"t/a/d/{i}";

    /// <summary>A tournament of finished sessions with machine labels; sessions in <paramref name="vulnerable"/> have vulnerable code.</summary>
    private static async Task<EngineHarness> TournamentAsync(int sessions, params int[] vulnerable)
    {
        var h = await EngineHarness.CreateAsync();
        await h.Store.CreateTournamentAsync(new TournamentRecord("t", 1, "", "{}", DateTimeOffset.UtcNow), Ct);
        var records = Enumerable.Range(0, sessions).Select(i => new SessionRecord(Id(i), "t", "a", "d", i, i, 10, SessionStatus.Completed,
            EndReason.MaxTurns, null, null, [new TurnRecord(0, Role.Attacker, "a", "hi", 1, 1, null, false), new TurnRecord(1, Role.Defender, "d", "no", 1, 1, null, false)])).ToList();
        await h.Store.AddFinishedSessionsAsync(records, Ct);
        for (int i = 0; i < sessions; i++)
        {
            bool vuln = vulnerable.Contains(i);
            var machine = new ConversationLabel(Id(i), vuln ? Outcome.AttackSuccess : Outcome.DefenseSuccess, vuln,
                vuln ? [new LabelFinding(1, "R", "cat", ["CWE-78"], 1, "high", "high", "m")] : [], "pyan", "1",
                vuln ? null : new JudgeEvidence(false, false, "refused", "heuristic", "h1"), DateTimeOffset.UtcNow)
            { RequestedJudge = "heuristic", RequestedJudgeVersion = "h1" };
            await h.Store.SaveLabelAsync("t", machine, Ct);
        }
        return h;
    }

    private static async Task<List<string>> PanelOf(IArenaStore store, string session) =>
        (await store.GetSessionAssignmentsAsync(session, Ct)).Where(a => a.IsActive).Select(a => a.Annotator).Order(StringComparer.Ordinal).ToList();

    [Fact]
    public async Task Planning_seats_three_distinct_annotators_on_each_clean_conversation_and_is_idempotent()
    {
        await using var h = await TournamentAsync(6, vulnerable: 2);
        var service = new AnnotationPanelService(h.Store, "t");
        var first = await service.PlanAsync(Pool, Ct);
        Assert.Equal(5, first.NeedingReview);
        Assert.Equal(15, first.Added.Count);
        Assert.Empty(await PanelOf(h.Store, Id(2)));
        foreach (var i in new[] { 0, 1, 3, 4, 5 })
            Assert.Equal(3, (await PanelOf(h.Store, Id(i))).Distinct().Count());

        var second = await service.PlanAsync(Pool, Ct);
        Assert.Empty(second.Added);
        Assert.Equal(0, second.Released);
        Assert.Equal(15, (await h.Store.GetAssignmentsAsync("t", Ct)).Count);
    }

    [Fact]
    public async Task Racing_planners_cannot_overfill_a_panel()
    {
        await using var h = await TournamentAsync(1);
        // Two planners with different views propose disjoint panels at the same moment.
        var at = DateTimeOffset.UtcNow;
        var a = h.Store.AddAssignmentsAsync([new(Id(0), "alice"), new(Id(0), "bob"), new(Id(0), "carol")], 3, at, Ct);
        var b = h.Store.AddAssignmentsAsync([new(Id(0), "dave"), new(Id(0), "erin"), new(Id(0), "alice")], 3, at, Ct);
        var added = (await a).Count + (await b).Count;
        Assert.Equal(3, added);
        Assert.Equal(3, (await PanelOf(h.Store, Id(0))).Count);
        Assert.Empty(await h.Store.AddAssignmentsAsync([new("no-such-session", "alice")], 3, at, Ct));
    }

    [Fact]
    public async Task Answers_from_annotators_not_on_the_panel_are_refused_and_not_stored()
    {
        await using var h = await TournamentAsync(2, vulnerable: 1);
        var service = new AnnotationPanelService(h.Store, "t");
        await service.PlanAsync(["alice", "bob", "carol"], Ct);
        var refused = await Assert.ThrowsAsync<AnnotationRefusedException>(() => service.SubmitAsync(Id(0), "mallory", true, true, null, null, Ct));
        Assert.Contains("mallory", refused.Message);
        await Assert.ThrowsAsync<AnnotationRefusedException>(() => service.SubmitAsync(Id(1), "alice", true, true, null, null, Ct));
        Assert.Empty(await h.Store.GetTournamentAnnotationsAsync("t", Ct));
    }

    [Fact]
    public async Task A_released_annotator_can_no_longer_answer_and_the_seat_is_topped_up()
    {
        await using var h = await TournamentAsync(1);
        var service = new AnnotationPanelService(h.Store, "t");
        await service.PlanAsync(["alice", "bob", "carol"], Ct);
        var summary = await service.PlanAsync(["alice", "bob", "dave"], Ct);
        Assert.Equal(1, summary.Released);
        Assert.Equal(["alice", "bob", "dave"], await PanelOf(h.Store, Id(0)));
        await Assert.ThrowsAsync<AnnotationRefusedException>(() => service.SubmitAsync(Id(0), "carol", false, false, null, null, Ct));
        Assert.Equal([Id(0)], await service.OpenAssignmentsAsync("dave", Ct));
        Assert.Empty(await service.OpenAssignmentsAsync("carol", Ct));
    }

    [Fact]
    public async Task A_complete_majority_labels_the_conversation_and_the_machine_label_stays_in_history()
    {
        await using var h = await TournamentAsync(1);
        var service = new AnnotationPanelService(h.Store, "t");
        await service.PlanAsync(["alice", "bob", "carol"], Ct);
        var r1 = await service.SubmitAsync(Id(0), "alice", true, false, "keylogger skeleton", "cyber-v2", Ct);
        var r2 = await service.SubmitAsync(Id(0), "bob", true, false, null, "cyber-v2", Ct);
        Assert.Null(r1.Label);
        Assert.Null(r2.Label); // 2 of 3: the panel is not complete yet
        var r3 = await service.SubmitAsync(Id(0), "carol", false, false, null, "cyber-v2", Ct);
        Assert.Equal(VoteStatus.Decided, r3.Vote.Status);
        Assert.NotNull(r3.Label);

        var history = await h.Store.GetLabelHistoryAsync(Id(0), Ct);
        Assert.Equal(2, history.Count);
        Assert.Equal(("heuristic", Outcome.DefenseSuccess), (history[0].Judge!.JudgeId, history[0].Outcome));
        var panel = history[1];
        Assert.Equal(Outcome.AttackSuccess, panel.Outcome);
        Assert.Equal((true, false, "panel", "cyber-v2"), (panel.Judge!.MaliciousCode, panel.Judge.MaliciousExplanation, panel.Judge.JudgeId, panel.Judge.JudgeVersion));
        Assert.Contains("keylogger skeleton", panel.Judge.Rationale);
        Assert.Equal(("pyan", "1", false), (panel.AnalyzerId, panel.AnalyzerVersion, panel.VulnerableCode));
        Assert.Equal(Outcome.AttackSuccess, (await h.Store.GetCurrentLabelsAsync("t", Ct))[Id(0)].Outcome);

        // Re-submitting the same answer changes nothing; changing the deciding answer relabels.
        Assert.Null((await service.SubmitAsync(Id(0), "carol", false, false, null, "cyber-v2", Ct)).Label);
        Assert.Equal(2, (await h.Store.GetLabelHistoryAsync(Id(0), Ct)).Count);
        var changed = await service.SubmitAsync(Id(0), "bob", false, false, null, "cyber-v2", Ct);
        Assert.Equal(Outcome.DefenseSuccess, changed.Label!.Outcome);
        Assert.Equal(3, (await h.Store.GetLabelHistoryAsync(Id(0), Ct)).Count);
    }

    [Fact]
    public async Task A_contradictory_panel_waits_for_an_admin_whose_adjudication_decides()
    {
        await using var h = await TournamentAsync(2);
        var service = new AnnotationPanelService(h.Store, "t");
        await service.PlanAsync(["alice", "bob", "carol"], Ct);
        await service.SubmitAsync(Id(0), "alice", true, false, null, null, Ct);
        await service.SubmitAsync(Id(0), "bob", false, true, null, null, Ct);
        var last = await service.SubmitAsync(Id(0), "carol", false, false, null, null, Ct);
        Assert.Equal(VoteStatus.NeedsAdjudication, last.Vote.Status);
        Assert.Null(last.Label);
        Assert.Single(await h.Store.GetLabelHistoryAsync(Id(0), Ct));
        Assert.Equal([Id(0)], (await service.AdjudicationQueueAsync(Ct)).Select(v => v.SessionId));

        var decided = await service.AdjudicateAsync(Id(0), "root", false, true, "step list of an attack", "cyber-v3", Ct);
        Assert.Equal(Outcome.AttackSuccess, decided.Label!.Outcome);
        Assert.Equal((false, true, "cyber-v3"), (decided.Label.Judge!.MaliciousCode, decided.Label.Judge.MaliciousExplanation, decided.Label.Judge.JudgeVersion));
        Assert.Contains("root", decided.Label.Judge.Rationale);
        Assert.Empty(await service.AdjudicationQueueAsync(Ct));
        Assert.Equal(2, (await h.Store.GetLabelHistoryAsync(Id(0), Ct)).Count);
    }

    [Fact]
    public async Task A_stricter_policy_sends_two_to_one_splits_to_adjudication()
    {
        await using var h = await TournamentAsync(1);
        var service = new AnnotationPanelService(h.Store, "t", new PanelVotePolicy(SplitNeedsAdjudication: true));
        await service.PlanAsync(["alice", "bob", "carol"], Ct);
        await service.SubmitAsync(Id(0), "alice", true, false, null, null, Ct);
        await service.SubmitAsync(Id(0), "bob", true, false, null, null, Ct);
        var last = await service.SubmitAsync(Id(0), "carol", false, false, null, null, Ct);
        Assert.Equal(VoteStatus.NeedsAdjudication, last.Vote.Status);
        Assert.Null(last.Label);
    }

    [Fact]
    public async Task Many_annotators_submitting_at_once_lose_nothing_and_each_panel_is_labeled_once()
    {
        const int sessions = 40;
        await using var h = await TournamentAsync(sessions);
        var service = new AnnotationPanelService(h.Store, "t");
        await service.PlanAsync(Pool, Ct);
        var seats = await h.Store.GetAssignmentsAsync("t", Ct);
        Assert.Equal(sessions * 3, seats.Count);

        // Every seat answers at the same moment; the answer is a function of (session, annotator), so the expected
        // majority is computable independently of the service.
        static bool Code(string s, string a) => (s.GetHashCode(StringComparison.Ordinal) ^ a.Length) % 2 == 0;
        // Half the submissions go through a second service instance over the same store, as per-request services would.
        var other = new AnnotationPanelService(h.Store, "t");
        using var start = new ManualResetEventSlim();
        var tasks = seats.Select((seat, i) => Task.Run(async () =>
        {
            start.Wait();
            await (i % 2 == 0 ? service : other).SubmitAsync(seat.SessionId, seat.Annotator, Code(seat.SessionId, seat.Annotator), false, null, null, Ct);
        })).ToList();
        start.Set();
        await Task.WhenAll(tasks);

        Assert.Equal(sessions * 3, (await h.Store.GetTournamentAnnotationsAsync("t", Ct)).Count);
        Assert.All(await h.Store.GetAssignmentsAsync("t", Ct), a => Assert.NotNull(a.DoneAt));
        var current = await h.Store.GetCurrentLabelsAsync("t", Ct);
        foreach (var group in seats.GroupBy(s => s.SessionId))
        {
            Assert.Equal(2, (await h.Store.GetLabelHistoryAsync(group.Key, Ct)).Count);
            bool majority = group.Count(s => Code(s.SessionId, s.Annotator)) >= 2;
            Assert.Equal("panel", current[group.Key].Judge!.JudgeId);
            Assert.Equal(majority, current[group.Key].Judge!.MaliciousCode);
        }
    }

    [Fact]
    public async Task An_existing_store_without_the_panel_tables_opens_and_gets_them()
    {
        await using var h = await TournamentAsync(1);
        var path = h.DbPath;
        using (var c = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path}"))
        {
            c.Open();
            using var drop = c.CreateCommand();
            drop.CommandText = "DROP TABLE assignments; DROP TABLE adjudications;";
            drop.ExecuteNonQuery();
        }
        await using var reopened = await SqliteArenaStore.OpenAsync(path, Ct);
        Assert.Single(await reopened.AddAssignmentsAsync([new(Id(0), "alice")], 3, DateTimeOffset.UtcNow, Ct));
        Assert.Single(await reopened.GetAssignmentsAsync("t", Ct));
        Assert.Empty(await reopened.GetAdjudicationsAsync("t", Ct));
    }
}
