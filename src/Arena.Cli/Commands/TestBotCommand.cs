using System.Globalization;
using System.Text;
using System.Text.Json;
using Arena.Core.Bots;
using Arena.Engine.Conformance;

namespace Arena.Cli.Commands;

/// <summary><c>arena test-bot URL --role attacker|defender</c>: is this bot ready for a tournament? (Appendix B test mode)</summary>
internal static class TestBotCommand
{
    private const string Usage = "arena test-bot URL --role attacker|defender [--token-env VAR] [--timeout-s S] [--sessions N] " +
                                 "[--max-concurrency C] [--calls-per-level N] [--json]";

    public static async Task<int> ExecuteAsync(IReadOnlyList<string> argv, CancellationToken ct)
    {
        var args = CliArgs.Parse("test-bot", argv, Usage, ["--json"],
            ["--role", "--token-env", "--timeout-s", "--sessions", "--max-concurrency", "--calls-per-level"]);
        args.ExpectPositional(1, 1);
        var options = ReadOptions(args);
        var json = args.Flag("--json");

        var report = await BotTester.RunAsync(options, line => Console.Error.WriteLine($"test-bot: {line}"), ct);
        Console.Out.Write(json ? JsonSerializer.Serialize(ToJson(report)) + "\n" : Render(report));
        return report.Passed ? 0 : 1;
    }

    private static BotTestOptions ReadOptions(CliArgs args)
    {
        var text = args.Positional[0];
        if (!Uri.TryCreate(text, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
            throw new UsageException($"URL '{text}' is not an absolute http:// or https:// URL");
        var roleText = args.Required("--role");
        if (!Roles.TryParse(roleText, out var role))
            throw new UsageException($"--role: '{roleText}' is not 'attacker' or 'defender'");
        string? token = null;
        if (args.Value("--token-env") is { } variable)
        {
            token = Environment.GetEnvironmentVariable(variable);
            if (string.IsNullOrEmpty(token)) throw new UsageException($"--token-env: environment variable {variable} is not set");
        }
        var timeoutS = 45.0; // the contract's default timeout_s
        if (args.Value("--timeout-s") is { } t &&
            (!double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out timeoutS) || !(timeoutS > 0) || timeoutS > 3600))
            throw new UsageException($"--timeout-s: '{t}' is not a number of seconds in (0, 3600]");
        var maxConcurrency = args.Int("--max-concurrency") ?? 16;
        if (maxConcurrency > 1024) throw new UsageException($"--max-concurrency: {maxConcurrency} is more than 1024");
        return new BotTestOptions(url, role, token, TimeSpan.FromSeconds(timeoutS))
        {
            SessionsPerOpponent = args.Int("--sessions") ?? 3,
            MaxConcurrency = maxConcurrency,
            CallsPerLevel = args.Int("--calls-per-level") ?? 64,
        };
    }

    private static string Status(CheckStatus s) => s.ToString().ToLowerInvariant();

    private static object Latency(LatencySummary s) => new
    {
        calls = s.Calls, errors = s.Errors, error_rate = Math.Round(s.ErrorRate, 4), p50_ms = s.P50Ms, p95_ms = s.P95Ms, p99_ms = s.P99Ms, max_ms = s.MaxMs,
    };

    private static object ToJson(BotTestReport r) => new
    {
        url = r.Url.ToString(),
        role = r.Role.Wire(),
        verdict = r.Passed ? "pass" : "fail",
        timeout_s = r.Timeout.TotalSeconds,
        failed_checks = r.Checks.Where(c => c.Status == CheckStatus.Fail).Select(c => c.Name),
        checks = r.ChecksWorstFirst().Select(c => new { name = c.Name, status = Status(c.Status), detail = c.Detail, fix = c.Fix }),
        run = r.Sparring is not { } s ? null : new
        {
            sessions = s.Sessions, completed = s.Completed, failed = s.Failed,
            errors_by_kind = s.ErrorsByKind,
            opponents = s.Opponents.Select(o => new
            {
                opponent = o.Opponent, sessions = o.Sessions, completed = o.Completed, failed = o.Failed, end_reasons = o.EndReasons, errors = o.Errors,
            }),
        },
        latency = Latency(r.Latency),
        latency_by_phase = r.LatencyByPhase.OrderBy(kv => kv.Key, StringComparer.Ordinal).ToDictionary(kv => kv.Key, kv => Latency(kv.Value)),
        load = r.Load.Select(l => new
        {
            concurrency = l.Concurrency, calls_per_s = Math.Round(l.CallsPerSecond, 2), latency = Latency(l.Latency), stop_reason = l.StopReason,
        }),
        sustained_concurrency = r.SustainedConcurrency,
    };

    private static string Render(BotTestReport r)
    {
        var o = new StringBuilder();
        var failed = r.Checks.Count(c => c.Status == CheckStatus.Fail);
        var warned = r.Checks.Count(c => c.Status == CheckStatus.Warn);
        o.AppendLine($"{(r.Passed ? "PASS" : "FAIL")}: {r.Role.Wire()} at {r.Url} — {failed} failed, {warned} warnings, " +
                     $"{r.Checks.Count(c => c.Status == CheckStatus.Pass)} passed");
        foreach (var c in r.ChecksWorstFirst())
        {
            var mark = c.Status switch { CheckStatus.Fail => "FAIL", CheckStatus.Warn => "warn", CheckStatus.Pass => "ok  ", _ => "skip" };
            o.AppendLine($"  {mark} {c.Name}: {c.Detail}");
            if (c.Fix is not null && c.Status is CheckStatus.Fail or CheckStatus.Warn) o.AppendLine($"       fix: {c.Fix}");
        }
        if (r.Sparring is { } s)
        {
            o.AppendLine();
            o.AppendLine($"run against the built-in bots: {s.Sessions} sessions, {s.Completed} completed, {s.Failed} failed" +
                         (s.ErrorsByKind.Count > 0 ? "; failed attempts by kind: " + string.Join(", ", s.ErrorsByKind.Select(kv => $"{kv.Key} {kv.Value}")) : ""));
            foreach (var op in s.Opponents)
                o.AppendLine($"  vs {op.Opponent,-12} {op.Completed}/{op.Sessions} completed  " + string.Join(", ", op.EndReasons.Select(kv => $"{kv.Key} {kv.Value}")));
        }
        o.AppendLine();
        var l = r.Latency;
        o.AppendLine($"latency over {l.Calls} calls: p50 {l.P50Ms} ms, p95 {l.P95Ms} ms, p99 {l.P99Ms} ms, max {l.MaxMs} ms; error rate {l.ErrorRate:P1}");
        if (r.Load.Count > 0)
        {
            o.AppendLine("throughput:");
            o.AppendLine("  concurrency  calls  errors  p50 ms  p95 ms  calls/s");
            foreach (var level in r.Load)
                o.AppendLine($"  {level.Concurrency,11}  {level.Latency.Calls,5}  {level.Latency.Errors,6}  {level.Latency.P50Ms,6}  {level.Latency.P95Ms,6}  {level.CallsPerSecond,7:0.0}" +
                             (level.StopReason is null ? "" : $"  stopped: {level.StopReason}"));
        }
        o.AppendLine(r.Passed ? "verdict: PASS" : $"verdict: FAIL ({string.Join(", ", r.Checks.Where(c => c.Status == CheckStatus.Fail).Select(c => c.Name))})");
        return o.ToString();
    }
}
