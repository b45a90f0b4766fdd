using Arena.Core.Tournaments;

namespace Arena.Engine.Live;

/// <summary>
/// All sessions of one batch of a pair have finished: <paramref name="Batch"/> is 0-based, as stored, and its sessions
/// are those of indices <paramref name="FirstIndex"/> onwards, in order.
/// </summary>
internal sealed record FinishedBatch(string Tournament, Matchup Matchup, int Batch, int FirstIndex, IReadOnlyList<string> SessionIds);

/// <summary>
/// Told by the session coordinator when a watched pair's batch has finished; the pair's next batch starts when
/// <see cref="BatchFinishedAsync"/> returns. It should not throw: a throw stops the run.
/// </summary>
internal interface IBatchObserver
{
    bool Observes(Matchup matchup);

    Task BatchFinishedAsync(FinishedBatch batch, CancellationToken ct);
}
