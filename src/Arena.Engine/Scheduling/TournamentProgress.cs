using System.Diagnostics;

namespace Arena.Engine.Scheduling;

/// <summary>Live counters for progress displays; written by the engine, read by the CLI at any time.</summary>
internal sealed class TournamentProgress
{
    private readonly long _started = Stopwatch.GetTimestamp();
    private long _turns;

    public TournamentProgress(IEnumerable<(string Key, int Quota)> matchups) =>
        Matchups = matchups.Select(m => new MatchupProgress(m.Key, m.Quota)).ToDictionary(m => m.Key, StringComparer.Ordinal);

    public IReadOnlyDictionary<string, MatchupProgress> Matchups { get; }
    public long Turns => Interlocked.Read(ref _turns);
    /// <summary>Turns already stored when this run started (a resumed tournament).</summary>
    public long TurnsAtStart { get; private set; }

    public void StartFrom(long storedTurns)
    {
        TurnsAtStart = storedTurns;
        Interlocked.Exchange(ref _turns, storedTurns);
    }
    public TimeSpan Elapsed => Stopwatch.GetElapsedTime(_started);
    public int TotalSessions => Matchups.Values.Sum(m => m.Quota);
    public int FinishedSessions => Matchups.Values.Sum(m => m.Finished);

    public double TurnsPerSecond => Elapsed.TotalSeconds < 0.01 ? 0 : (Turns - TurnsAtStart) / Elapsed.TotalSeconds;

    /// <summary>Naive ETA from the session completion rate of this run.</summary>
    public TimeSpan? Eta(int finishedAtStart)
    {
        var done = FinishedSessions - finishedAtStart;
        var left = TotalSessions - FinishedSessions;
        if (done <= 0 || left <= 0) return left <= 0 ? TimeSpan.Zero : null;
        return TimeSpan.FromSeconds(Elapsed.TotalSeconds / done * left);
    }

    public void TurnStored() => Interlocked.Increment(ref _turns);
}

internal sealed class MatchupProgress(string key, int quota)
{
    private int _completed;
    private int _failed;

    public string Key { get; } = key;
    public int Quota { get; } = quota;
    public int Completed => Volatile.Read(ref _completed);
    public int Failed => Volatile.Read(ref _failed);
    public int Finished => Completed + Failed;

    public void Add(bool failed) => Interlocked.Increment(ref failed ? ref _failed : ref _completed);

    public void Seed(int completed, int failed)
    {
        _completed = completed;
        _failed = failed;
    }
}
