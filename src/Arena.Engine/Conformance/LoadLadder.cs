using System.Diagnostics;
using Arena.Core.Bots;

namespace Arena.Engine.Conformance;

/// <summary>
/// Throughput at rising concurrency (1, 2, 4, … up to the maximum) with a fixed number of calls per level.
/// The climb stops at the first level whose error rate passes 5 % or whose p95 passes the timeout: that
/// level's concurrency is more than the bot serves, so the one before it is what to configure.
/// </summary>
internal sealed class LoadLadder(IBot bot, BotTestOptions options)
{
    public const double MaxErrorRate = 0.05;
    private readonly List<CallSample> _samples = [];

    public IReadOnlyList<CallSample> Samples => _samples;

    public static IEnumerable<int> Levels(int max)
    {
        for (var c = 1; c < max; c *= 2) yield return c;
        yield return max;
    }

    /// <param name="templates">realistic requests to replay (from the sparring run); each call gets a fresh session id
    /// so a bot's idempotency cache cannot answer it.</param>
    public async Task<IReadOnlyList<LoadLevel>> RunAsync(IReadOnlyList<BotRequest> templates, CancellationToken ct)
    {
        var levels = new List<LoadLevel>();
        foreach (var concurrency in Levels(options.MaxConcurrency))
        {
            var level = await RunLevelAsync(concurrency, templates, ct);
            levels.Add(level);
            if (level.StopReason is not null) break;
        }
        return levels;
    }

    private async Task<LoadLevel> RunLevelAsync(int concurrency, IReadOnlyList<BotRequest> templates, CancellationToken ct)
    {
        var calls = Math.Max(options.CallsPerLevel, concurrency);
        var samples = new CallSample[calls];
        var next = -1;
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < calls)
            {
                var t = templates[i % templates.Count];
                var request = t with { SessionId = $"{t.SessionId}/load-c{concurrency}-{i}" };
                samples[i] = await CallOnceAsync(request, ct);
            }
        }));
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        _samples.AddRange(samples);
        var latency = LatencySummary.Of(samples);
        string? stop = null;
        if (latency.ErrorRate > MaxErrorRate) stop = $"error rate {latency.ErrorRate:P1} > {MaxErrorRate:P0}";
        else if (latency.P95Ms > options.Timeout.TotalMilliseconds) stop = $"p95 {latency.P95Ms} ms > timeout";
        return new LoadLevel(concurrency, latency, seconds > 0 ? calls / seconds : 0, stop);
    }

    /// <summary>One attempt, no retry: the ladder measures the bot, not the arena's resilience.</summary>
    private async Task<CallSample> CallOnceAsync(BotRequest request, CancellationToken ct)
    {
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(ct);
        attempt.CancelAfter(options.Timeout);
        var started = Stopwatch.GetTimestamp();
        string? error = null;
        try
        {
            var reply = await bot.RespondAsync(request, attempt.Token);
            if (reply.Content is null && !(reply.End && request.Role == Role.Attacker)) error = nameof(BotFailureKind.MissingContent);
        }
        catch (BotCallException e) { error = e.Kind.ToString(); }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested) { error = nameof(BotFailureKind.Timeout); }
        return new CallSample("load", (int)Stopwatch.GetElapsedTime(started).TotalMilliseconds, error);
    }
}
