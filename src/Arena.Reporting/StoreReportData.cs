using Arena.Core.Bots;
using Arena.Core.Labels;
using Arena.Core.Sessions;
using Arena.Core.Storage;

namespace Arena.Reporting;

/// <summary>How many conversations a report carries: every attack success up to a cap, plus an even sample of the rest.</summary>
internal sealed record ConversationSampling(int MaxAttackSuccesses = 300, int MaxOthers = 100);

/// <summary>
/// Fills <see cref="ReportData"/> with what the store knows by itself: sessions, labels, findings and bot health.
/// Scores, ratings, agreement and the embedding analyses are added by their own computations.
/// </summary>
internal static class StoreReportData
{
    public static async Task<ReportData> LoadAsync(IArenaStore store, string tournament, ConversationSampling sampling, CancellationToken ct)
    {
        var t = await store.GetTournamentAsync(tournament, ct) ?? throw new InvalidOperationException($"no tournament '{tournament}'");
        var stats = await store.GetStatsAsync(t.Id, ct);
        var labels = await store.GetCurrentLabelsAsync(t.Id, ct);
        // Two passes keep memory bounded on big tournaments: summaries of every session, then the full text of the chosen few.
        var sessions = new List<SessionSummary>();
        await foreach (var s in store.ReadSessionsAsync(t.Id, SessionFilter.Finished, ct)) sessions.Add(new SessionSummary(s.Id, s.Attacker, s.Defender, s.Turns.Count));

        var notes = new List<string>();
        if (labels.Count == 0) notes.Add("labels: not yet evaluated (run `arena evaluate`): outcomes and findings are empty");
        else
            notes.Add($"labels: {labels.Count} of {sessions.Count} finished conversations labeled by " +
                      string.Join(", ", labels.Values.Select(l => $"{l.AnalyzerId}@{l.AnalyzerVersion} + {l.RequestedJudge}@{l.RequestedJudgeVersion}").Distinct()));

        var chosenIds = Sample(sessions, s => s.Id, s => (s.Attacker, s.Defender), id => labels.GetValueOrDefault(id)?.Outcome == Outcome.AttackSuccess, sampling)
            .Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
        var chosen = new List<ConversationView>(chosenIds.Count);
        await foreach (var s in store.ReadSessionsAsync(t.Id, SessionFilter.Finished, ct))
            if (chosenIds.Contains(s.Id)) chosen.Add(View(s, labels.GetValueOrDefault(s.Id)));

        return new ReportData
        {
            Title = $"Adversarial Arena — {t.Id}",
            Tournaments = [t.Id],
            GeneratedAt = DateTimeOffset.UtcNow,
            Notes = notes,
            // The label tables and bot health come from the analyses (ReportAssembler.WithAnalysis); matchup counts are the report's own.
            Tables = new ReportTables { Matchups = Matchups(stats, sessions, labels) },
            Conversations = chosen,
            ConversationsTotal = sessions.Count,
        };
    }

    /// <summary>
    /// All attack successes up to the cap, then the rest round-robin over matchups so every pair is represented;
    /// the result keeps the store's order.
    /// </summary>
    public static List<T> Sample<T>(IReadOnlyList<T> sessions, Func<T, string> id, Func<T, (string Attacker, string Defender)> matchup,
        Func<string, bool> isSuccess, ConversationSampling sampling)
    {
        var keep = new HashSet<string>(StringComparer.Ordinal);
        foreach (var s in RoundRobin(sessions.Where(s => isSuccess(id(s))), matchup, sampling.MaxAttackSuccesses)) keep.Add(id(s));
        foreach (var s in RoundRobin(sessions.Where(s => !isSuccess(id(s))), matchup, sampling.MaxOthers)) keep.Add(id(s));
        return sessions.Where(s => keep.Contains(id(s))).ToList();
    }

    private static IEnumerable<T> RoundRobin<T>(IEnumerable<T> sessions, Func<T, (string, string)> matchup, int max)
    {
        var queues = sessions.GroupBy(matchup).Select(g => new Queue<T>(g)).ToList();
        var taken = 0;
        while (taken < max && queues.Any(q => q.Count > 0))
            foreach (var q in queues)
            {
                if (taken >= max) yield break;
                if (q.Count == 0) continue;
                taken++;
                yield return q.Dequeue();
            }
    }

    private static List<MatchupCountsRow> Matchups(TournamentStats stats, List<SessionSummary> sessions, IReadOnlyDictionary<string, ConversationLabel> labels)
    {
        var byPair = sessions.ToLookup(s => (s.Attacker, s.Defender));
        return stats.Matchups.Select(m =>
        {
            var pair = byPair[(m.Attacker, m.Defender)].ToList();
            var pl = pair.Select(s => labels.GetValueOrDefault(s.Id)).OfType<ConversationLabel>().ToList();
            return new MatchupCountsRow(m.Attacker, m.Defender, m.Completed, m.Failed, pl.Count,
                pl.Count(l => l.Outcome == Outcome.AttackSuccess), pl.Count(l => l.VulnerableCode), pl.Count(l => l.SecurityEvent),
                pair.Count == 0 ? 0 : Math.Round(pair.Average(s => s.Turns), 2));
        }).ToList();
    }

    private sealed record SessionSummary(string Id, string Attacker, string Defender, int Turns);

    public static ConversationView View(SessionRecord s, ConversationLabel? label) => new(
        s.Id, s.Tournament, s.Attacker, s.Defender,
        label?.Outcome.Text() ?? Outcome.Unlabeled.Text(),
        s.EndReason?.Text(),
        s.Turns.Select(t => new TurnView(t.Turn, t.Role.Wire(), t.BotId, t.Content, t.Truncated)).ToList(),
        label?.Findings.Select(f => new FindingView(f.Turn, f.Line, f.Rule, f.Category, f.Cwe, f.Severity, f.Message)).ToList() ?? [],
        label?.Judge?.Rationale,
        label?.Judge is { } j ? $"{j.JudgeId}@{j.JudgeVersion}" : null,
        s.Error is null ? null : $"{s.FailedBot}: {s.Error}");
}
