using Arena.Core.Labels;
using Arena.Core.Sessions;

namespace Arena.Analysis;

/// <summary>The label-based tables of §4.3 (Tables 4–5, Fig 4, turn of first success); pure functions of sessions and labels.</summary>
internal static class AnalysisTables
{
    public static IReadOnlyList<OutcomeRow> VulnerableVsMalicious(IReadOnlyList<SessionRecord> sessions, IReadOnlyDictionary<string, ConversationLabel> labels)
    {
        IEnumerable<OutcomeRow> Rows(string scope, Func<SessionRecord, string> key) =>
            sessions.GroupBy(key).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g =>
            {
                var ls = g.Select(s => labels.GetValueOrDefault(s.Id)).OfType<ConversationLabel>().ToList();
                return new OutcomeRow(scope, g.Key, g.Count(), ls.Count,
                    ls.Count(l => l.VulnerableCode), ls.Count(l => l.SecurityEvent), ls.Count(l => l.VulnerableCode && l.SecurityEvent),
                    ls.Count(l => l.Outcome == Outcome.AttackSuccess));
            });
        return [.. Rows("tournament", s => s.Tournament), .. Rows("attacker", s => s.Attacker)];
    }

    public static IReadOnlyList<VulnerabilityClassRow> VulnerabilityClasses(IEnumerable<ConversationLabel> labels) =>
        labels.SelectMany(l => l.Findings.Select(f => (l.SessionId, f)))
            .GroupBy(x => x.f.Category)
            .Select(g => new VulnerabilityClassRow(g.Key, g.Select(x => x.SessionId).Distinct().Count(), g.Count(),
                g.SelectMany(x => x.f.Cwe).Distinct().Order(StringComparer.Ordinal).ToList()))
            .OrderByDescending(r => r.Sessions).ThenByDescending(r => r.Findings).ThenBy(r => r.Category, StringComparer.Ordinal)
            .ToList();

    /// <summary>Turn t (0-based, defender turns are odd) is defender reply (t+1)/2.</summary>
    public static FirstSuccessTurns FirstSuccess(IEnumerable<ConversationLabel> labels)
    {
        var byReply = new SortedDictionary<int, int>();
        int vulnerable = 0, judge = 0;
        foreach (var l in labels)
        {
            if (l.Findings.Count > 0)
            {
                vulnerable++;
                var reply = (l.Findings.Min(f => f.Turn) + 1) / 2;
                byReply[reply] = byReply.GetValueOrDefault(reply) + 1;
            }
            else if (l.Outcome == Outcome.AttackSuccess) judge++;
        }
        double? mean = vulnerable == 0 ? null : byReply.Sum(kv => (double)kv.Key * kv.Value) / vulnerable;
        return new FirstSuccessTurns(byReply, vulnerable, judge, mean);
    }
}
