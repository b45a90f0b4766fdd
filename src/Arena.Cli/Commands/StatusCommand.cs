using System.Text.Json;
using Spectre.Console;

namespace Arena.Cli.Commands;

internal static class StatusCommand
{
    private const string Usage = "arena status [--tournament ID] [--json]";

    public static async Task<int> ExecuteAsync(string db, IReadOnlyList<string> argv, CancellationToken ct)
    {
        var args = CliArgs.Parse("status", argv, Usage, ["--json"], ["--tournament"]);
        args.ExpectPositional(0, 0);
        await using var store = await Cli.OpenStoreAsync(db, mustExist: true, ct);
        var t = await Tournaments.ResolveAsync(store, args.Value("--tournament"), ct);
        var s = await store.GetStatsAsync(t.Id, ct);
        var paused = await store.GetPausedBotsAsync(t.Id, ct);

        if (args.Flag("--json"))
        {
            var doc = new
            {
                tournament = t.Id,
                sessions = new { running = s.SessionsByState.GetValueOrDefault("running"), completed = s.SessionsByState.GetValueOrDefault("completed"), failed = s.SessionsByState.GetValueOrDefault("failed") },
                end_reasons = s.EndReasons,
                turns = s.Turns,
                matchups = s.Matchups.Select(m => new { attacker = m.Attacker, defender = m.Defender, running = m.Running, completed = m.Completed, failed = m.Failed }),
                bots = s.Bots.Select(b => new
                {
                    id = b.BotId, turns = b.Turns, failed_attempts = b.FailedAttempts, failed_sessions = b.FailedSessions,
                    error_rate = Math.Round(b.ErrorRate, 4), paused = paused.Contains(b.BotId),
                    latency_ms = new { p50 = b.P50Ms, p95 = b.P95Ms, p99 = b.P99Ms },
                }),
            };
            Console.Out.WriteLine(JsonSerializer.Serialize(doc));
            return 0;
        }

        var console = AnsiConsole.Console;
        console.MarkupLine($"[bold]tournament {Markup.Escape(t.Id)}[/] (seed {t.Seed}, created {t.CreatedAt:u})");
        console.MarkupLine($"sessions: {s.SessionsByState.GetValueOrDefault("completed")} completed, {s.SessionsByState.GetValueOrDefault("failed")} failed, " +
                           $"{s.SessionsByState.GetValueOrDefault("running")} running · {s.Turns:N0} turns · end reasons: " +
                           Markup.Escape(string.Join(", ", s.EndReasons.Select(kv => $"{kv.Key} {kv.Value}"))));
        var matchups = new Table().AddColumns("attacker", "defender", "running", "completed", "failed");
        foreach (var m in s.Matchups) matchups.AddRow(Markup.Escape(m.Attacker), Markup.Escape(m.Defender), $"{m.Running}", $"{m.Completed}", $"{m.Failed}");
        console.Write(matchups);
        var bots = new Table().AddColumns("bot", "turns", "failed attempts", "failed sessions", "error rate", "p50 ms", "p95 ms", "p99 ms", "state");
        foreach (var b in s.Bots)
            bots.AddRow(Markup.Escape(b.BotId), $"{b.Turns}", $"{b.FailedAttempts}", $"{b.FailedSessions}", $"{b.ErrorRate:P1}",
                $"{b.P50Ms}", $"{b.P95Ms}", $"{b.P99Ms}", paused.Contains(b.BotId) ? "paused" : "");
        console.Write(bots);
        return 0;
    }
}
