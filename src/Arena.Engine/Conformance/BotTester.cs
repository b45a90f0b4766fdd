using System.Collections.Concurrent;
using System.Diagnostics;
using Arena.Bots.Http;
using Arena.Core.Bots;

namespace Arena.Engine.Conformance;

/// <summary>
/// Test mode for a team's bot (paper Appendix B): protocol conformance, a short run against the built-in
/// opponents, latency and error rate, and throughput at rising concurrency, ending in one verdict.
/// </summary>
internal static class BotTester
{
    public static async Task<BotTestReport> RunAsync(BotTestOptions options, Action<string>? progress, CancellationToken ct)
    {
        using var http = new HttpClient(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false, MaxConnectionsPerServer = int.MaxValue })
        {
            Timeout = Timeout.InfiniteTimeSpan, // every attempt carries its own deadline
        };
        progress?.Invoke($"conformance: probing {options.Url} in the {options.Role.Wire()} role");
        var conformance = new ConformanceChecks(http, options);
        var checks = (await conformance.RunAsync(ct)).ToList();
        var samples = new List<CallSample>(conformance.Samples);

        SparringResult? sparring = null;
        IReadOnlyList<LoadLevel> load = [];
        if (ConformanceChecks.BasicTurnWorks(checks))
        {
            var recorder = new RecordingBot(new ArenaHttpBot(http, options.Url, options.Token), "sparring");
            var opponents = options.Role == Role.Attacker ? "defenders" : "attackers";
            progress?.Invoke($"sparring: {options.SessionsPerOpponent} sessions against each built-in {opponents[..^1]}");
            sparring = await new SparringRun(recorder, options).RunAsync(ct);
            samples.AddRange(recorder.Samples);
            checks.Add(SessionsCheck(sparring));
            if (options.Role == Role.Attacker) checks.Add(AttackerEndsCheck(sparring));
            checks.Add(ErrorRateCheck(recorder.Samples));
            checks.Add(LatencyP95Check(recorder.Samples, options.Timeout));

            var templates = sparring.RequestsToBot.Count > 0
                ? sparring.RequestsToBot
                : ConformanceChecks.Scenarios(options.Role, options.MaxTurns, options.Seed).Select(s => s.Request).ToList();
            progress?.Invoke($"load: {options.CallsPerLevel} calls per level at concurrency {string.Join(", ", LoadLadder.Levels(options.MaxConcurrency))}");
            var ladder = new LoadLadder(new ArenaHttpBot(http, options.Url, options.Token), options);
            load = await ladder.RunAsync(templates, ct);
            samples.AddRange(ladder.Samples);
            checks.Add(LoadCheck(load, options.MaxConcurrency));
        }
        else
        {
            const string why = "skipped: the bot does not answer the first request usably, so there is nothing to play or load";
            foreach (var name in new[] { "sessions", "error-rate", "load" })
                checks.Add(new CheckResult(name, CheckStatus.Skip, why));
        }

        var byPhase = samples.GroupBy(s => s.Phase).ToDictionary(g => g.Key, g => LatencySummary.Of(g.ToList()));
        return new BotTestReport(options.Url, options.Role, options.Timeout, checks, sparring, load, LatencySummary.Of(samples), byPhase);
    }

    private static CheckResult SessionsCheck(SparringResult run)
    {
        if (run.Failed == 0)
            return new CheckResult("sessions", CheckStatus.Pass, $"{run.Completed} of {run.Sessions} sessions against the built-in bots completed");
        var first = run.Opponents.First(o => o.Failed > 0);
        return new CheckResult("sessions", CheckStatus.Fail,
            $"{run.Failed} of {run.Sessions} sessions failed (bot_error); e.g. against {first.Opponent}: {first.Errors[0]}",
            "every turn must succeed within one retry; fix the errors listed under the run (errors by kind)");
    }

    private static CheckResult AttackerEndsCheck(SparringResult run)
    {
        var reasons = run.Opponents.SelectMany(o => o.EndReasons).GroupBy(kv => kv.Key).ToDictionary(g => g.Key, g => g.Sum(kv => kv.Value));
        var summary = string.Join(", ", reasons.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key} {kv.Value}"));
        var empty = run.Opponents.Sum(o => o.EmptySessions);
        return empty > 0
            ? new CheckResult("attacker-ends", CheckStatus.Warn, $"{empty} sessions ended before the attacker said anything ({summary})",
                "answer turn 0 with an opening message; \"end\": true on the first turn leaves an empty conversation")
            : new CheckResult("attacker-ends", CheckStatus.Pass, $"sessions ended by the attacker or at max_turns ({summary})");
    }

    private static CheckResult ErrorRateCheck(IReadOnlyList<CallSample> sparring)
    {
        var s = LatencySummary.Of(sparring);
        var kinds = string.Join(", ", sparring.Where(c => c.Failed).GroupBy(c => c.ErrorKind!).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} {g.Count()}"));
        var detail = $"{s.Errors} failed attempts of {s.Calls} ({s.ErrorRate:P1})" + (kinds.Length > 0 ? $": {kinds}" : "");
        if (s.Errors == 0) return new CheckResult("error-rate", CheckStatus.Pass, detail);
        return new CheckResult("error-rate", s.ErrorRate > LoadLadder.MaxErrorRate ? CheckStatus.Fail : CheckStatus.Warn, detail,
            "every failed attempt costs a retry and its latency; fix the failures listed by kind");
    }

    private static CheckResult LatencyP95Check(IReadOnlyList<CallSample> sparring, TimeSpan timeout)
    {
        var s = LatencySummary.Of(sparring);
        var detail = $"p50 {s.P50Ms} ms, p95 {s.P95Ms} ms, p99 {s.P99Ms} ms against a timeout of {timeout.TotalSeconds:0.###} s";
        if (s.P95Ms > timeout.TotalMilliseconds)
            return new CheckResult("latency-p95", CheckStatus.Fail, detail, "bring p95 under timeout_s: more than 5 % of turns would time out");
        if (s.P95Ms * 2 > timeout.TotalMilliseconds)
            return new CheckResult("latency-p95", CheckStatus.Warn, detail, "leave headroom: p95 is above half the timeout");
        return new CheckResult("latency-p95", CheckStatus.Pass, detail);
    }

    private static CheckResult LoadCheck(IReadOnlyList<LoadLevel> load, int maxConcurrency)
    {
        var stopped = load.FirstOrDefault(l => l.StopReason is not null);
        var held = load.Where(l => l.StopReason is null).ToList();
        if (held.Count == 0)
            return new CheckResult("load", CheckStatus.Fail, $"even one call at a time: {stopped!.StopReason}",
                "the bot cannot serve sequential calls reliably; fix the errors or the latency first");
        var best = held[^1];
        var detail = $"sustained concurrency {best.Concurrency} at {best.CallsPerSecond:0.0} calls/s (p95 {best.Latency.P95Ms} ms)" +
                     (stopped is null ? $"; no limit reached up to {maxConcurrency}" : $"; at {stopped.Concurrency}: {stopped.StopReason}");
        // The arena's default per-bot concurrency is 8 (docs/configuration.md).
        return stopped is not null && best.Concurrency < Math.Min(8, maxConcurrency)
            ? new CheckResult("load", CheckStatus.Warn, detail,
                $"set 'concurrency: {best.Concurrency}' for this bot in the tournament config, or let the server handle more requests in parallel")
            : new CheckResult("load", CheckStatus.Pass, detail);
    }

    /// <summary>Times every attempt the engine makes, failed ones included, for the latency and error figures.</summary>
    private sealed class RecordingBot(IBot inner, string phase) : IBot
    {
        private readonly ConcurrentQueue<CallSample> _samples = new();

        public IReadOnlyList<CallSample> Samples => _samples.ToArray();

        public async Task<BotReply> RespondAsync(BotRequest request, CancellationToken cancellationToken)
        {
            var started = Stopwatch.GetTimestamp();
            string? error = null;
            try
            {
                var reply = await inner.RespondAsync(request, cancellationToken);
                if (reply.Content is null && !(reply.End && request.Role == Role.Attacker)) error = nameof(BotFailureKind.MissingContent);
                return reply;
            }
            catch (BotCallException e) { error = e.Kind.ToString(); throw; }
            catch (OperationCanceledException) { error = nameof(BotFailureKind.Timeout); throw; }
            finally
            {
                _samples.Enqueue(new CallSample(phase, (int)Stopwatch.GetElapsedTime(started).TotalMilliseconds, error));
            }
        }
    }
}
