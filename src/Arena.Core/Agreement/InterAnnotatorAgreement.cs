using Arena.Core.Labels;

namespace Arena.Core.Agreement;

/// <summary>One annotator's label for one item. Labels are arbitrary strings compared ordinally (nominal data).</summary>
internal sealed record Judgment(string Item, string Annotator, string Label);

/// <summary>How often two annotators gave the same label on the items both judged.</summary>
internal sealed record PairAgreement(string A, string B, int SharedItems, double Agreement);

/// <param name="Items">items this annotator judged</param>
/// <param name="AvgAgreement">mean of <see cref="PairAgreement.Agreement"/> over every annotator they shared an item with
/// (the paper's Table 6); null when they shared none</param>
internal sealed record AnnotatorAgreement(string Id, int Items, double? AvgAgreement);

/// <param name="Items">distinct items, including those with a single judgment</param>
/// <param name="PairableItems">items with at least two judgments: the only ones kappa, alpha and percent agreement use</param>
/// <param name="FleissKappa">null when pairable items have differing numbers of judgments, or when it is undefined (no
/// pairable items, or every judgment has the same label so chance agreement is 1)</param>
/// <param name="KrippendorffAlpha">nominal alpha; null when undefined (no pairable items or a single label value)</param>
/// <param name="PercentAgreement">mean over pairable items of the share of agreeing judgment pairs</param>
internal sealed record AgreementReport(
    int Items,
    int Judgments,
    int PairableItems,
    double? FleissKappa,
    double? KrippendorffAlpha,
    double? PercentAgreement,
    IReadOnlyList<AnnotatorAgreement> Annotators,
    IReadOnlyList<PairAgreement> Pairs);

/// <summary>
/// Inter-annotator agreement on nominal labels (paper Table 1, Table 6, Fig. 7; contracts §6).
/// </summary>
/// <remarks>
/// <para>Percent agreement of an item with n judgments = (pairs of judgments with equal labels) / (n choose 2); the
/// reported value is its mean over pairable items. With equal n per item this is Fleiss' P̄.</para>
/// <para>Fleiss' kappa (Fleiss 1971): κ = (P̄ − P_e) / (1 − P_e), P_e = Σ_c p_c², p_c the share of all judgments in
/// category c. It assumes the same number of judgments per item, so it is null otherwise.</para>
/// <para>Krippendorff's alpha, nominal metric, missing data allowed (Krippendorff 2011): from the coincidence matrix
/// o_ck = Σ_u (ordered c–k value pairs in u) / (m_u − 1), α = 1 − (n − 1) Σ_{c≠k} o_ck / Σ_{c≠k} n_c n_k.</para>
/// </remarks>
internal static class InterAnnotatorAgreement
{
    /// <exception cref="ArgumentException">the same annotator judged the same item twice (callers decide which counts).</exception>
    public static AgreementReport Compute(IEnumerable<Judgment> judgments)
    {
        ArgumentNullException.ThrowIfNull(judgments);
        // item -> annotator -> label, items kept in first-seen order so results do not depend on hashing.
        var items = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
        var itemOrder = new List<string>();
        var perAnnotator = new Dictionary<string, int>(StringComparer.Ordinal);
        var total = 0;
        foreach (var j in judgments)
        {
            if (!items.TryGetValue(j.Item, out var byAnnotator))
            {
                items[j.Item] = byAnnotator = new Dictionary<string, string>(StringComparer.Ordinal);
                itemOrder.Add(j.Item);
            }
            if (!byAnnotator.TryAdd(j.Annotator, j.Label))
                throw new ArgumentException($"annotator '{j.Annotator}' judged item '{j.Item}' more than once", nameof(judgments));
            perAnnotator[j.Annotator] = perAnnotator.GetValueOrDefault(j.Annotator) + 1;
            total++;
        }

        var pairable = itemOrder.Select(i => items[i]).Where(a => a.Count >= 2).ToList();
        var (percent, kappa) = PercentAndKappa(pairable);
        var alpha = KrippendorffNominal(pairable);
        var (pairs, annotators) = Pairwise(pairable, perAnnotator);
        return new AgreementReport(items.Count, total, pairable.Count, kappa, alpha, percent, annotators, pairs);
    }

    private static (double? Percent, double? Kappa) PercentAndKappa(List<Dictionary<string, string>> pairable)
    {
        if (pairable.Count == 0) return (null, null);
        double sumAgreement = 0;
        var categoryTotals = new Dictionary<string, long>(StringComparer.Ordinal);
        long allJudgments = 0;
        var n = pairable[0].Count;
        var uniform = true;
        foreach (var item in pairable)
        {
            var m = item.Count;
            if (m != n) uniform = false;
            long agreeingPairs = 0;
            foreach (var group in item.Values.GroupBy(l => l, StringComparer.Ordinal))
            {
                long c = group.Count();
                agreeingPairs += c * (c - 1) / 2;
                categoryTotals[group.Key] = categoryTotals.GetValueOrDefault(group.Key) + c;
            }
            allJudgments += m;
            sumAgreement += agreeingPairs / (m * (m - 1) / 2.0);
        }
        var pBar = sumAgreement / pairable.Count;
        if (!uniform) return (pBar, null);
        var pe = categoryTotals.Values.Sum(c => (double)c / allJudgments * ((double)c / allJudgments));
        // One category only: chance agreement is 1 and kappa is 0/0.
        double? kappa = pe >= 1 - 1e-12 ? null : (pBar - pe) / (1 - pe);
        return (pBar, kappa);
    }

    private static double? KrippendorffNominal(List<Dictionary<string, string>> pairable)
    {
        // For nominal data only the diagonal and the marginals matter: Σ_{c≠k} o_ck = n − Σ_c o_cc.
        var marginals = new Dictionary<string, double>(StringComparer.Ordinal);
        double diagonal = 0, n = 0;
        foreach (var item in pairable)
        {
            var m = item.Count;
            foreach (var group in item.Values.GroupBy(l => l, StringComparer.Ordinal))
            {
                double c = group.Count();
                diagonal += c * (c - 1) / (m - 1);
                marginals[group.Key] = marginals.GetValueOrDefault(group.Key) + c;
            }
            n += m;
        }
        if (n < 2) return null;
        var observedDisagreement = n - diagonal;
        var expectedDisagreement = n * n - marginals.Values.Sum(c => c * c);
        if (expectedDisagreement <= 0) return null;
        return 1 - (n - 1) * observedDisagreement / expectedDisagreement;
    }

    private static (List<PairAgreement>, List<AnnotatorAgreement>) Pairwise(List<Dictionary<string, string>> pairable, Dictionary<string, int> perAnnotator)
    {
        var counts = new Dictionary<(string, string), (int Shared, int Agreed)>();
        foreach (var item in pairable)
        {
            var judged = item.OrderBy(kv => kv.Key, StringComparer.Ordinal).ToArray();
            for (var x = 0; x < judged.Length; x++)
                for (var y = x + 1; y < judged.Length; y++)
                {
                    var key = (judged[x].Key, judged[y].Key);
                    var (shared, agreed) = counts.GetValueOrDefault(key);
                    counts[key] = (shared + 1, agreed + (string.Equals(judged[x].Value, judged[y].Value, StringComparison.Ordinal) ? 1 : 0));
                }
        }
        var pairs = counts
            .Select(kv => new PairAgreement(kv.Key.Item1, kv.Key.Item2, kv.Value.Shared, (double)kv.Value.Agreed / kv.Value.Shared))
            .OrderBy(p => p.A, StringComparer.Ordinal).ThenBy(p => p.B, StringComparer.Ordinal)
            .ToList();
        var partnerScores = new Dictionary<string, List<double>>(StringComparer.Ordinal);
        foreach (var p in pairs)
        {
            (partnerScores.TryGetValue(p.A, out var la) ? la : partnerScores[p.A] = []).Add(p.Agreement);
            (partnerScores.TryGetValue(p.B, out var lb) ? lb : partnerScores[p.B] = []).Add(p.Agreement);
        }
        // Table 6 order: highest average agreement first; annotators without a partner last.
        var annotators = perAnnotator
            .Select(kv => new AnnotatorAgreement(kv.Key, kv.Value, partnerScores.TryGetValue(kv.Key, out var s) ? s.Average() : null))
            .OrderByDescending(a => a.AvgAgreement ?? double.NegativeInfinity).ThenBy(a => a.Id, StringComparer.Ordinal)
            .ToList();
        return (pairs, annotators);
    }
}

/// <summary>The stored panel annotations (§4.2.1) as nominal judgments: the label the panel votes on, or one question.</summary>
internal static class PanelJudgments
{
    public static IEnumerable<Judgment> SecurityEvent(IReadOnlyList<AnnotationRecord> all) =>
        Latest(all).Select(a => new Judgment(a.SessionId, a.Annotator, Yes(a.MaliciousCode || a.MaliciousExplanation)));

    public static IEnumerable<Judgment> MaliciousCode(IReadOnlyList<AnnotationRecord> all) =>
        Latest(all).Select(a => new Judgment(a.SessionId, a.Annotator, Yes(a.MaliciousCode)));

    public static IEnumerable<Judgment> MaliciousExplanation(IReadOnlyList<AnnotationRecord> all) =>
        Latest(all).Select(a => new Judgment(a.SessionId, a.Annotator, Yes(a.MaliciousExplanation)));

    private static string Yes(bool value) => value ? "yes" : "no";

    /// <summary>The annotation that counts per (session, annotator): the latest, as for the panel's majority vote.</summary>
    internal static List<AnnotationRecord> Latest(IReadOnlyList<AnnotationRecord> all)
    {
        var latest = new Dictionary<(string, string), AnnotationRecord>();
        foreach (var a in all)
            if (!latest.TryGetValue((a.SessionId, a.Annotator), out var seen) || a.At >= seen.At)
                latest[(a.SessionId, a.Annotator)] = a;
        return latest.Values.ToList();
    }
}
