using Arena.Core.Annotation;
using Arena.Core.Labels;

// Not "Arena.Tests.Annotation": that namespace would hide the Judges.Annotation type from every Arena.Tests.* file.
namespace Arena.Tests.Panels;

public sealed class AssignmentPlannerTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static List<string> Sessions(int n) => Enumerable.Range(0, n).Select(i => $"s{i:D4}").ToList();
    private static List<string> Pool(int n) => Enumerable.Range(0, n).Select(i => $"ann{i:D2}").ToList();

    /// <summary>Applies a plan the way the store does: releases open seats, adds new ones.</summary>
    private static List<PanelAssignment> Apply(IReadOnlyList<PanelAssignment> existing, AssignmentPlan plan)
    {
        var released = plan.Release.ToHashSet();
        var result = existing.Select(a => a.IsOpen && released.Contains(new Seat(a.SessionId, a.Annotator)) ? a with { ReleasedAt = T0 } : a).ToList();
        result.AddRange(plan.Add.Select(s => new PanelAssignment(s.SessionId, s.Annotator, T0, null, null)));
        return result;
    }

    private static Dictionary<string, int> OpenLoad(IEnumerable<PanelAssignment> seats, IEnumerable<string> pool)
    {
        var load = pool.ToDictionary(p => p, _ => 0);
        foreach (var a in seats.Where(a => a.IsOpen)) load[a.Annotator]++;
        return load;
    }

    [Fact]
    public void Every_panel_gets_distinct_annotators_from_the_pool()
    {
        var pool = Pool(7);
        var plan = AssignmentPlanner.Plan(Sessions(50), pool, [], panelSize: 3);
        Assert.Empty(plan.Release);
        Assert.Empty(plan.Understaffed);
        foreach (var panel in plan.Add.GroupBy(s => s.SessionId))
        {
            Assert.Equal(3, panel.Count());
            Assert.Equal(3, panel.Select(s => s.Annotator).Distinct().Count());
            Assert.All(panel, s => Assert.Contains(s.Annotator, pool));
        }
        Assert.Equal(50, plan.Add.Select(s => s.SessionId).Distinct().Count());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Open_load_stays_within_one_on_a_big_random_case_planned_in_batches(int seed)
    {
        var rng = new Random(seed);
        var pool = Pool(rng.Next(3, 40));
        int panelSize = rng.Next(1, Math.Min(pool.Count, 5) + 1);
        var sessions = Sessions(rng.Next(500, 3000)).OrderBy(_ => rng.Next()).ToList();
        var seats = new List<PanelAssignment>();
        // Conversations arrive in random batches, as a tournament's labels do.
        for (int start = 0; start < sessions.Count;)
        {
            int size = rng.Next(1, 400);
            var batch = sessions.Skip(start).Take(size).ToList();
            start += size;
            seats = Apply(seats, AssignmentPlanner.Plan(batch, pool, seats, panelSize));
        }
        var load = OpenLoad(seats, pool);
        Assert.True(load.Values.Max() - load.Values.Min() <= 1, $"loads {string.Join(",", load.Values)} with pool {pool.Count}, panel {panelSize}");
        Assert.Equal(sessions.Count * panelSize, seats.Count);
        Assert.All(seats.GroupBy(s => s.SessionId), g => Assert.Equal(panelSize, g.Select(s => s.Annotator).Distinct().Count()));
    }

    [Fact]
    public void The_least_loaded_annotators_get_the_next_seats()
    {
        var pool = Pool(4);
        // ann00 and ann01 already hold two open seats each elsewhere; ann02 and ann03 none.
        var existing = new List<PanelAssignment>
        {
            new("x1", "ann00", T0, null, null), new("x2", "ann00", T0, null, null),
            new("x1", "ann01", T0, null, null), new("x2", "ann01", T0, null, null),
        };
        var plan = AssignmentPlanner.Plan(["new"], pool, existing, panelSize: 2);
        Assert.Equal(["ann02", "ann03"], plan.Add.Select(s => s.Annotator).Order());
    }

    [Fact]
    public void Planning_again_over_the_applied_plan_changes_nothing()
    {
        var pool = Pool(5);
        var sessions = Sessions(40);
        var first = AssignmentPlanner.Plan(sessions, pool, [], 3);
        var seats = Apply([], first);
        var second = AssignmentPlanner.Plan(sessions, pool, seats, 3);
        Assert.Empty(second.Add);
        Assert.Empty(second.Release);
        // Deterministic: the same input plans the same seats.
        Assert.Equal(first.Add, AssignmentPlanner.Plan(sessions, pool, [], 3).Add);
    }

    [Fact]
    public void Removing_an_annotator_releases_their_open_seats_and_tops_up_with_someone_new_keeping_answered_seats()
    {
        var pool = Pool(6);
        var sessions = Sessions(12);
        var seats = Apply([], AssignmentPlanner.Plan(sessions, pool, [], 3));
        const string leaving = "ann00";
        var theirs = seats.Where(a => a.Annotator == leaving).Select(a => a.SessionId).ToList();
        Assert.True(theirs.Count >= 2);
        // They answered their first conversation before leaving.
        seats = seats.Select(a => a.Annotator == leaving && a.SessionId == theirs[0] ? a with { DoneAt = T0 } : a).ToList();

        var smaller = pool.Where(p => p != leaving).ToList();
        var plan = AssignmentPlanner.Plan(sessions, smaller, seats, 3);
        Assert.Equal(theirs.Skip(1).Order(), plan.Release.Select(s => s.SessionId).Order());
        Assert.All(plan.Release, s => Assert.Equal(leaving, s.Annotator));
        Assert.Equal(theirs.Skip(1).Order(), plan.Add.Select(s => s.SessionId).Order());
        seats = Apply(seats, plan);
        foreach (var session in sessions)
        {
            var active = seats.Where(a => a.SessionId == session && a.IsActive).Select(a => a.Annotator).ToList();
            Assert.Equal(3, active.Count);
            Assert.Equal(3, active.Distinct().Count());
        }
        Assert.Contains(seats, a => a.SessionId == theirs[0] && a.Annotator == leaving && a.IsActive);
        Assert.Empty(AssignmentPlanner.Plan(sessions, smaller, seats, 3).Add);

        // Back in the pool, they are never seated again where they were released.
        var back = AssignmentPlanner.Plan(sessions, pool, seats, 3);
        Assert.Empty(back.Add);
    }

    [Fact]
    public void Never_the_same_person_twice_even_when_the_pool_is_too_small()
    {
        var seats = new List<PanelAssignment> { new("s", "ann00", T0, null, T0) }; // ann00 was released from s
        var plan = AssignmentPlanner.Plan(["s"], Pool(3), seats, 3);
        Assert.Equal(["ann01", "ann02"], plan.Add.Select(a => a.Annotator).Order());
        Assert.Equal(["s"], plan.Understaffed);
    }

    [Fact]
    public void Only_finished_labeled_conversations_without_vulnerable_code_need_review()
    {
        static ConversationLabel Label(string id, bool vulnerable) =>
            new(id, vulnerable ? Outcome.AttackSuccess : Outcome.DefenseSuccess, vulnerable, [], "a", "1", null, T0);
        var labels = new Dictionary<string, ConversationLabel>
        {
            ["clean"] = Label("clean", false),
            ["vuln"] = Label("vuln", true),
            ["running"] = Label("running", false),
        };
        Assert.Equal(["clean"], AssignmentPlanner.NeedingReview(["vuln", "clean", "unlabeled"], labels));
    }
}
