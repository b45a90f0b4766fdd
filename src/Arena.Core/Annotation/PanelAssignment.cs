using Arena.Core.Labels;

namespace Arena.Core.Annotation;

/// <summary>
/// One annotator's place on one conversation's panel. <see cref="DoneAt"/> is set by their first answer;
/// <see cref="ReleasedAt"/> when they left the pool before answering (their seat is then topped up by someone else).
/// </summary>
internal sealed record PanelAssignment(string SessionId, string Annotator, DateTimeOffset AssignedAt, DateTimeOffset? DoneAt, DateTimeOffset? ReleasedAt)
{
    public bool IsOpen => DoneAt is null && ReleasedAt is null;

    /// <summary>Holds a seat on the panel: answered, or still expected to answer.</summary>
    public bool IsActive => ReleasedAt is null;
}

/// <summary>A seat to fill (<see cref="AssignmentPlan.Add"/>) or to give up (<see cref="AssignmentPlan.Release"/>).</summary>
internal sealed record Seat(string SessionId, string Annotator);

/// <param name="Understaffed">Conversations whose panel stays short because too few eligible annotators are in the pool.</param>
internal sealed record AssignmentPlan(IReadOnlyList<Seat> Add, IReadOnlyList<Seat> Release, IReadOnlyList<string> Understaffed);

/// <summary>
/// Which conversations go to the human panel, and who sits on each panel (paper §4.2.1: three distinct experts per
/// conversation from a pool; the analyzer's positives need no review).
/// </summary>
internal static class AssignmentPlanner
{
    public const int DefaultPanelSize = 3;

    /// <summary>
    /// Finished conversations with a current label that does not mark vulnerable code, in ordinal id order.
    /// Conversations without a label are left out: the analyzer has not looked at them yet.
    /// </summary>
    public static IReadOnlyList<string> NeedingReview(IEnumerable<string> finishedSessionIds, IReadOnlyDictionary<string, ConversationLabel> currentLabels) =>
        finishedSessionIds
            .Where(id => currentLabels.TryGetValue(id, out var label) && !label.VulnerableCode)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();

    /// <summary>
    /// Plans the seats still missing. Idempotent: planning again over the result (<paramref name="existing"/> plus
    /// the plan applied) yields an empty plan.
    /// </summary>
    /// <remarks>
    /// <para>Open seats of annotators no longer in <paramref name="pool"/> are released and refilled; seats already
    /// answered are kept, so a departed expert's vote still counts.</para>
    /// <para>Nobody is ever seated twice on one conversation, not even after being released from it.</para>
    /// <para>Load balancing: each seat goes to the eligible annotator with the fewest open seats; ties go to the
    /// fewest seats ever held, then to the ordinally smaller id (deterministic, so a re-run plans the same seats).
    /// Filling conversations one by one this way keeps every annotator's open load within one of each other when
    /// starting from equal loads.</para>
    /// </remarks>
    public static AssignmentPlan Plan(IReadOnlyList<string> sessions, IReadOnlyCollection<string> pool, IReadOnlyList<PanelAssignment> existing, int panelSize = DefaultPanelSize)
    {
        ArgumentNullException.ThrowIfNull(sessions);
        ArgumentNullException.ThrowIfNull(pool);
        ArgumentNullException.ThrowIfNull(existing);
        ArgumentOutOfRangeException.ThrowIfLessThan(panelSize, 1);
        if (pool.Any(string.IsNullOrWhiteSpace)) throw new ArgumentException("the pool holds an empty annotator id", nameof(pool));

        var members = new HashSet<string>(pool, StringComparer.Ordinal);
        var release = existing.Where(a => a.IsOpen && !members.Contains(a.Annotator))
            .Select(a => new Seat(a.SessionId, a.Annotator)).ToList();
        var released = release.ToHashSet();

        var open = members.ToDictionary(m => m, _ => 0, StringComparer.Ordinal);
        var ever = members.ToDictionary(m => m, _ => 0, StringComparer.Ordinal);
        var seated = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);  // everyone ever on a panel
        var active = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var a in existing)
        {
            if (!seated.TryGetValue(a.SessionId, out var people)) seated[a.SessionId] = people = new HashSet<string>(StringComparer.Ordinal);
            people.Add(a.Annotator);
            if (ever.ContainsKey(a.Annotator)) ever[a.Annotator]++;
            if (a.IsActive && !released.Contains(new Seat(a.SessionId, a.Annotator)))
            {
                active[a.SessionId] = active.GetValueOrDefault(a.SessionId) + 1;
                if (a.IsOpen && open.ContainsKey(a.Annotator)) open[a.Annotator]++;
            }
        }

        var add = new List<Seat>();
        var understaffed = new List<string>();
        foreach (var session in sessions.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            int missing = panelSize - active.GetValueOrDefault(session);
            if (missing <= 0) continue;
            var people = seated.GetValueOrDefault(session) ?? [];
            var chosen = members.Where(m => !people.Contains(m))
                .OrderBy(m => open[m]).ThenBy(m => ever[m]).ThenBy(m => m, StringComparer.Ordinal)
                .Take(missing).ToList();
            foreach (var m in chosen)
            {
                add.Add(new Seat(session, m));
                open[m]++;
                ever[m]++;
            }
            if (chosen.Count < missing) understaffed.Add(session);
        }
        return new AssignmentPlan(add, release, understaffed);
    }
}
