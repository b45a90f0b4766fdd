using Arena.Core.Sessions;
using Arena.Core.Storage;
using Arena.Core.Tournaments;
using Arena.Engine.Live;
using Arena.Engine.Transport;

namespace Arena.Engine.Scheduling;

/// <summary>Told by turn handlers when a session ends.</summary>
internal interface ISessionLifecycle
{
    Task SessionEndedAsync(TurnWork last, SessionEnd end, CancellationToken ct);
}

/// <summary>
/// The session coordinator of B.1/B.2: owns the scheduling decisions. It launches sessions per pair in
/// batches (the next batch of a pair starts when its current batch has finished, so attackers can adapt
/// between batches), resumes the sessions a crash left running, and knows when the tournament is done.
/// With an <paramref name="observer"/> (live mode), a watched pair's next batch starts only after the observer has
/// been told about the finished one; that runs off the turn workers so other pairs keep going meanwhile.
/// </summary>
internal sealed class SessionCoordinator(TournamentConfig config, IArenaStore store, IWorkTransport transport, TournamentProgress progress,
    IBatchObserver? observer = null, Action<Exception>? onFault = null)
    : ISessionLifecycle
{
    private readonly Dictionary<string, PairState> _pairs = config.AllMatchups()
        .ToDictionary(m => m.Key, m => new PairState(m), StringComparer.Ordinal);
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _gate = new();
    private readonly List<Task> _notifications = [];

    public Task Completion => _done.Task;

    /// <summary>Completes when every batch notification started so far has ended (they never throw).</summary>
    public Task DrainAsync()
    {
        lock (_gate) return Task.WhenAll(_notifications);
    }

    /// <summary>Rebuilds state from the store (a fresh tournament has none) and puts the first work on the queues.</summary>
    public async Task StartAsync(CancellationToken ct)
    {
        var resumed = new List<TurnWork>();
        await foreach (var s in store.ReadSessionsAsync(config.Tournament, SessionFilter.All, ct))
        {
            if (!_pairs.TryGetValue($"{s.Attacker}/{s.Defender}", out var pair)) continue;
            pair.NextIndex = Math.Max(pair.NextIndex, s.Index + 1);
            switch (s.Status)
            {
                case SessionStatus.Completed: pair.Completed++; break;
                case SessionStatus.Failed: pair.Failed++; break;
                default:
                    if (s.Turns.Count >= s.MaxTurns)
                    {
                        // Crashed between storing the last turn and closing the session.
                        await store.FinishSessionAsync(s.Id, new SessionEnd(SessionStatus.Completed, EndReason.MaxTurns), ct);
                        pair.Completed++;
                        break;
                    }
                    pair.InFlight++;
                    resumed.Add(new TurnWork(s.Tournament, s.Id, s.Attacker, s.Defender, s.Index, s.Seed, s.Turns.Count, s.MaxTurns,
                        s.Turns.Select(t => new Core.Bots.ChatMessage(t.Role, t.Content)).ToList())
                    {
                        Backlog = Backlog(s.Attacker, s.Defender, s.Index),
                    });
                    break;
            }
        }
        foreach (var p in _pairs.Values) progress.Matchups[p.Matchup.Key].Seed(p.Completed, p.Failed);

        foreach (var w in resumed) await transport.PublishAsync(w, ct);

        List<SessionStart> launch;
        lock (_gate)
        {
            // Whether a pair's last batch was delivered before the crash is unknown, so it is delivered again
            // (at least once; receivers de-duplicate by the Idempotency-Key) before the pair goes on.
            foreach (var p in _pairs.Values.Where(p => p.InFlight == 0 && p.NextIndex > 0 && Observed(p)))
                NotifyLocked(p, p.NextIndex - 1, ct);
            launch = _pairs.Values.Where(p => p.InFlight == 0 && !p.Notifying).SelectMany(NextBatchLocked).ToList();
            CheckDoneLocked();
        }
        await LaunchAsync(launch, ct);
    }

    public async Task SessionEndedAsync(TurnWork last, SessionEnd end, CancellationToken ct)
    {
        progress.Matchups[last.MatchupKey].Add(end.Status == SessionStatus.Failed);
        List<SessionStart> launch = [];
        lock (_gate)
        {
            var pair = _pairs[last.MatchupKey];
            pair.InFlight--;
            if (end.Status == SessionStatus.Failed) pair.Failed++; else pair.Completed++;
            if (pair.InFlight == 0)
            {
                if (Observed(pair)) NotifyLocked(pair, last.Index, ct);
                else launch = NextBatchLocked(pair).ToList();
            }
            CheckDoneLocked();
        }
        await LaunchAsync(launch, ct);
    }

    private bool Observed(PairState pair) => observer?.Observes(pair.Matchup) == true;

    /// <summary>Holds the pair back and tells the observer about the batch of session <paramref name="index"/>.</summary>
    private void NotifyLocked(PairState pair, int index, CancellationToken ct)
    {
        var m = pair.Matchup;
        var batch = index / config.BatchSize;
        var first = batch * config.BatchSize;
        var ids = Enumerable.Range(first, Math.Min(config.BatchSize, m.Quota - first))
            .Select(i => SessionIdentity.Id(config.Tournament, m.Attacker, m.Defender, i)).ToList();
        pair.Notifying = true;
        _notifications.RemoveAll(t => t.IsCompleted);
        _notifications.Add(Task.Run(() => NotifyThenLaunchAsync(pair, new FinishedBatch(config.Tournament, m, batch, first, ids), ct), CancellationToken.None));
    }

    private async Task NotifyThenLaunchAsync(PairState pair, FinishedBatch batch, CancellationToken ct)
    {
        try
        {
            await observer!.BatchFinishedAsync(batch, ct);
            List<SessionStart> launch;
            lock (_gate)
            {
                pair.Notifying = false;
                launch = NextBatchLocked(pair).ToList();
                CheckDoneLocked();
            }
            await LaunchAsync(launch, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested) { }
        catch (Exception e)
        {
            // Off the workers, nobody awaits this task: hand the failure to the runner, which stops the run.
            onFault?.Invoke(e);
        }
    }

    private IEnumerable<SessionStart> NextBatchLocked(PairState pair)
    {
        var m = pair.Matchup;
        var count = Math.Min(config.BatchSize, m.Quota - pair.NextIndex);
        if (count <= 0) return [];
        var batch = pair.NextIndex / config.BatchSize;
        var starts = Enumerable.Range(pair.NextIndex, count).Select(i =>
        {
            var id = SessionIdentity.Id(config.Tournament, m.Attacker, m.Defender, i);
            return new SessionStart(id, config.Tournament, m.Attacker, m.Defender, i, SessionIdentity.Seed(config.Seed, id), config.MaxTurns, batch);
        }).ToList();
        pair.NextIndex += count;
        pair.InFlight += count;
        return starts;
    }

    private async Task LaunchAsync(List<SessionStart> starts, CancellationToken ct)
    {
        if (starts.Count == 0) return;
        await store.StartSessionsAsync(starts, ct);
        foreach (var s in starts)
            await transport.PublishAsync(new TurnWork(s.Tournament, s.Id, s.Attacker, s.Defender, s.Index, s.Seed, 0, s.MaxTurns, [])
            {
                Backlog = Backlog(s.Attacker, s.Defender, s.Index),
            }, ct);
    }

    /// <summary>Turns of the pair's sessions that start after the batch of session <paramref name="index"/>.</summary>
    private int Backlog(string attacker, string defender, int index)
    {
        var quota = _pairs[$"{attacker}/{defender}"].Matchup.Quota;
        var batchEnd = Math.Min(quota, (index / config.BatchSize + 1) * config.BatchSize);
        return (quota - batchEnd) * config.MaxTurns;
    }

    private void CheckDoneLocked()
    {
        if (_pairs.Values.All(p => p.InFlight == 0 && !p.Notifying && p.NextIndex >= p.Matchup.Quota)) _done.TrySetResult();
    }

    private sealed class PairState(Matchup matchup)
    {
        public Matchup Matchup { get; } = matchup;
        public int NextIndex;
        public int InFlight;
        public int Completed;
        public int Failed;
        /// <summary>The observer is being told about the pair's last batch; its next batch waits.</summary>
        public bool Notifying;
    }
}
