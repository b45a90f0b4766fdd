using Arena.Core.Scoring;
using Arena.Core.Storage;
using Arena.Core.Utility;

namespace Arena.Analysis;

/// <summary>The scoring input (contracts §5) read from a store.</summary>
internal static class StoredScoring
{
    /// <summary>Every session of a tournament with its current label (unlabeled ones included, to be counted).</summary>
    public static async Task<List<ScoredConversation>> LoadAsync(IArenaStore store, string tournament, CancellationToken ct)
    {
        var labels = await store.GetCurrentLabelsAsync(tournament, ct);
        var result = new List<ScoredConversation>();
        await foreach (var s in store.ReadSessionsAsync(tournament, SessionFilter.All, ct))
            result.Add(ScoredConversation.From(s, labels.GetValueOrDefault(s.Id)));
        return result;
    }

    /// <summary>
    /// Utility per (defender, suite) from the stored utility results (contracts §5); null when the tournament has
    /// none, in which case every defender's utility is 100 and the callers say so. <paramref name="notes"/> gets what
    /// was assumed (defenders without results, a missing base, different task sets).
    /// </summary>
    public static async Task<IReadOnlyList<UtilityResult>?> LoadUtilityAsync(
        IArenaStore store, string tournament, IReadOnlyCollection<string> defenders, List<string> notes, CancellationToken ct)
    {
        var results = await store.GetUtilityResultsAsync(tournament, null, ct);
        if (results.Count == 0) return null;
        var baseBot = UtilityScoring.BaseOf(results)!;
        var scored = UtilityScoring.ForScoring(results, baseBot, defenders, notes);
        foreach (var d in defenders.Where(d => scored.All(u => u.Defender != d)))
            notes.Add($"utility: {d} has no utility results, so its utility is taken as 100 (arena utility --defender {d})");
        return scored;
    }
}
