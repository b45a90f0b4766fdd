using System.Collections.Concurrent;
using Arena.Core.Labels;
using Arena.Core.Sessions;
using Arena.Core.Storage;
using Arena.Evaluation.Judges;

namespace Arena.Evaluation.Labels;

internal sealed record LabelingSummary(int Labeled, int Unchanged, int AttackSuccess, int DefenseSuccess, int VulnerableCode, int SecurityEvents, IReadOnlyList<string> Errors);

/// <summary>
/// Labels the finished conversations of a tournament. Idempotent: a conversation whose current label came from
/// the same analyzer and judge versions is left alone unless forced; a new label keeps the old ones as history.
/// </summary>
internal sealed class TournamentLabeling(IArenaStore store, string tournament, ConversationLabeler labeler)
{
    /// <summary>The conversations that need a (new) label, and how many are already labeled by the same tools.</summary>
    public async Task<(List<SessionRecord> Todo, int Unchanged)> PlanAsync(bool force, CancellationToken ct)
    {
        var current = await store.GetCurrentLabelsAsync(tournament, ct);
        var todo = new List<SessionRecord>();
        var unchanged = 0;
        await foreach (var s in store.ReadSessionsAsync(tournament, SessionFilter.Finished, ct))
        {
            if (!force && current.TryGetValue(s.Id, out var l) && l.ToolKey == labeler.ToolKey) unchanged++;
            else todo.Add(s);
        }
        return (todo, unchanged);
    }

    /// <summary>
    /// Labels and stores each conversation; one the judge cannot decide is reported, not labeled.
    /// <paramref name="onStep"/> is told after each conversation whether it failed.
    /// </summary>
    public async Task<LabelingSummary> LabelAsync(IReadOnlyList<SessionRecord> todo, int unchanged, int parallelism, Action<bool>? onStep, CancellationToken ct)
    {
        var errors = new ConcurrentQueue<string>();
        var labels = new ConcurrentBag<ConversationLabel>();
        await Parallel.ForEachAsync(todo, new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = ct }, async (s, token) =>
        {
            try
            {
                var label = await labeler.LabelAsync(s, token);
                await store.SaveLabelAsync(tournament, label, token);
                labels.Add(label);
                onStep?.Invoke(false);
            }
            catch (JudgeException e)
            {
                errors.Enqueue($"{s.Id}: {e.Message}");
                onStep?.Invoke(true);
            }
        });
        return new LabelingSummary(labels.Count, unchanged,
            labels.Count(l => l.Outcome == Outcome.AttackSuccess), labels.Count(l => l.Outcome == Outcome.DefenseSuccess),
            labels.Count(l => l.VulnerableCode), labels.Count(l => l.SecurityEvent), errors.ToList());
    }
}
