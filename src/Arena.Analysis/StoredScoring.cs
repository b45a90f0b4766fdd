using Arena.Core.Scoring;
using Arena.Core.Storage;

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
}
