using Arena.Core.Bots;

namespace Arena.Engine.Conformance;

/// <summary>What <c>arena test-bot</c> exercises and how hard.</summary>
internal sealed record BotTestOptions(Uri Url, Role Role, string? Token, TimeSpan Timeout)
{
    /// <summary>Sessions against each built-in opponent in the sparring run.</summary>
    public int SessionsPerOpponent { get; init; } = 3;
    /// <summary>The highest concurrency the load ladder may reach (1, 2, 4, … up to this).</summary>
    public int MaxConcurrency { get; init; } = 16;
    public int CallsPerLevel { get; init; } = 64;
    public int MaxTurns { get; init; } = 10;
    /// <summary>The arena's default <c>max_message_chars</c>: longer replies are truncated (docs/bot-protocol.md).</summary>
    public int MaxMessageChars { get; init; } = 32_768;
    public long Seed { get; init; } = 42;
}

internal enum CheckStatus { Pass, Warn, Fail, Skip }

/// <summary>One named check with what was seen and, unless it passed, what to change in the bot.</summary>
internal sealed record CheckResult(string Name, CheckStatus Status, string Detail, string? Fix = null);

/// <summary>One HTTP attempt to the bot under test: how long it took and, when it failed, how.</summary>
internal sealed record CallSample(string Phase, int LatencyMs, string? ErrorKind)
{
    public bool Failed => ErrorKind is not null;
}

internal sealed record LatencySummary(int Calls, int Errors, double ErrorRate, int P50Ms, int P95Ms, int P99Ms, int MaxMs)
{
    /// <summary>Nearest-rank percentiles over every call, failed ones included (a timeout is a real wait).</summary>
    public static LatencySummary Of(IReadOnlyCollection<CallSample> samples)
    {
        if (samples.Count == 0) return new LatencySummary(0, 0, 0, 0, 0, 0, 0);
        var sorted = samples.Select(s => s.LatencyMs).Order().ToArray();
        int Rank(double q) => sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Length) - 1, 0, sorted.Length - 1)];
        var errors = samples.Count(s => s.Failed);
        return new LatencySummary(samples.Count, errors, (double)errors / samples.Count, Rank(0.50), Rank(0.95), Rank(0.99), sorted[^1]);
    }
}

/// <summary>The sessions played against one built-in opponent.</summary>
internal sealed record OpponentRun(string Opponent, int Sessions, int Completed, int Failed,
    IReadOnlyDictionary<string, int> EndReasons, int EmptySessions, IReadOnlyList<string> Errors);

internal sealed record SparringResult(IReadOnlyList<OpponentRun> Opponents, IReadOnlyDictionary<string, int> ErrorsByKind,
    IReadOnlyList<BotRequest> RequestsToBot)
{
    public int Sessions => Opponents.Sum(o => o.Sessions);
    public int Completed => Opponents.Sum(o => o.Completed);
    public int Failed => Opponents.Sum(o => o.Failed);
}

/// <summary>One rung of the load ladder; <paramref name="StopReason"/> is set on the rung that ended the climb.</summary>
internal sealed record LoadLevel(int Concurrency, LatencySummary Latency, double CallsPerSecond, string? StopReason);

internal sealed record BotTestReport(
    Uri Url,
    Role Role,
    TimeSpan Timeout,
    IReadOnlyList<CheckResult> Checks,
    SparringResult? Sparring,
    IReadOnlyList<LoadLevel> Load,
    LatencySummary Latency,
    IReadOnlyDictionary<string, LatencySummary> LatencyByPhase)
{
    public bool Passed => Checks.All(c => c.Status != CheckStatus.Fail);

    /// <summary>The highest concurrency that stayed within the error and latency limits, or 0 when none did.</summary>
    public int SustainedConcurrency => Load.Where(l => l.StopReason is null).Select(l => l.Concurrency).DefaultIfEmpty(0).Max();

    /// <summary>Failures first, then warnings, then the rest, each group in the order the checks ran.</summary>
    public IEnumerable<CheckResult> ChecksWorstFirst() =>
        Checks.Select((c, i) => (c, i)).OrderBy(x => x.c.Status switch
        {
            CheckStatus.Fail => 0, CheckStatus.Warn => 1, CheckStatus.Pass => 2, _ => 3,
        }).ThenBy(x => x.i).Select(x => x.c);
}
