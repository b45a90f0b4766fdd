using Arena.Analysis;
using Arena.Core.Agreement;

namespace Arena.Reporting;

/// <summary>
/// Adds each computation's result to a report. The report keeps its own flat view; the analyses keep theirs, so neither
/// has to change shape when the other does.
/// </summary>
internal static class ReportAssembler
{
    public static ReportData WithAnalysis(this ReportData data, AnalysisResult a)
    {
        var notes = new List<string>(data.Notes)
        {
            $"embeddings: {a.Embedder.Kind} ({a.Embedder.ModelId}" + (a.Embedder.Dimensions is { } d ? $", {d}-d" : "") + $"); text embedded: {a.EmbeddedText}",
            $"t-SNE: {a.Map.Note}",
        };
        if (a.Embedder.IsFallback)
            notes.Insert(0, "embeddings: LEXICAL FALLBACK — the embedding model was unavailable, so semantic diversity and the t-SNE map use word-overlap vectors" +
                            (a.Embedder.Note is { } n ? $" ({n})" : ""));
        var tournaments = a.VulnerableVsMalicious.Where(r => r.Scope == "tournament").ToList();
        return data with
        {
            Notes = notes,
            Diversity = a.Diversity.Select(m => new DiversityGrouping(m.Dimension, m.Groups, m.Within, m.Between)).ToList(),
            Tsne = a.Map.Points,
            Tables = data.Tables with
            {
                // Counts among labeled conversations: "only" columns exclude the conversations counted under both.
                VulnerableVsMalicious = tournaments.Count == 0 || tournaments.All(r => r.Labeled == 0) ? null :
                    tournaments.Select(r => new SecurityKindRow(r.Key, r.Labeled, r.VulnerableCode - r.Both, r.SecurityEvent - r.Both, r.Both)).ToList(),
                TopVulnerabilityClasses = a.VulnerabilityClasses.Count == 0 ? null : a.VulnerabilityClasses.Take(15).ToList(),
                FirstSuccessTurn = FirstSuccessBins(a.FirstSuccess),
                BotHealth = a.Bots.Select(b => new BotHealthRow(
                    a.Tournaments.Count > 1 ? $"{b.BotId} ({b.Tournament})" : b.BotId,
                    b.Turns, b.FailedAttempts, b.FailedSessions, b.ErrorRate, b.P50Ms, b.P95Ms, b.P99Ms)).ToList(),
            },
        };
    }

    /// <summary>Defender reply of the first finding; successes decided by the judge alone have no turn and get their own bin.</summary>
    private static IReadOnlyList<HistogramBin>? FirstSuccessBins(FirstSuccessTurns f)
    {
        if (f.VulnerableSessions == 0 && f.JudgeDecided == 0) return null;
        var bins = f.ByDefenderReply.OrderBy(kv => kv.Key).Select(kv => new HistogramBin($"reply {kv.Key}", kv.Value)).ToList();
        if (f.JudgeDecided > 0) bins.Add(new HistogramBin("judge (no turn)", f.JudgeDecided));
        return bins;
    }

    public static ReportData WithAgreement(this ReportData data, AgreementReport r, string what)
    {
        if (r.PairableItems == 0) return data;
        var raters = r.Annotators.Select(a => a.Id).Order(StringComparer.Ordinal).ToList();
        var byPair = r.Pairs.ToDictionary(p => (p.A, p.B), p => p.Agreement);
        double? Cell(string a, string b) =>
            a == b ? 1.0 : byPair.TryGetValue((a, b), out var x) ? x : byPair.TryGetValue((b, a), out var y) ? y : null;
        return data with
        {
            Agreement = new AgreementSummary(r.FleissKappa, r.KrippendorffAlpha, r.PercentAgreement, r.PairableItems)
            {
                Raters = raters,
                Pairwise = raters.Select(a => (IReadOnlyList<double?>)raters.Select(b => Cell(a, b)).ToList()).ToList(),
                PairwiseMeasure = $"raw agreement on {what} over shared items",
            },
        };
    }
}
