using Arena.Engine;
using Arena.Engine.Resilience;
using Spectre.Console;

namespace Arena.Cli;

/// <summary>
/// Live progress on stderr: per-matchup bars, turns/s, error counts and ETA in a terminal; a plain status
/// line every few seconds when stderr is a file or pipe (CI logs).
/// </summary>
internal static class ProgressView
{
    private const int MaxBars = 40;

    public static async Task<T> ShowAsync<T>(TournamentRunner runner, Func<Task<T>> work)
    {
        if (Console.IsErrorRedirected || Environment.GetEnvironmentVariable("ARENA_PLAIN_PROGRESS") is not null)
            return await PlainAsync(runner, work);

        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        T result = default!;
        await console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .StartAsync(async ctx =>
            {
                var p = runner.Progress;
                var overall = ctx.AddTask("tournament", maxValue: Math.Max(1, p.TotalSessions));
                // One bar per matchup while they fit on a screen; beyond that the headline carries it all.
                var shown = p.Matchups.Count <= MaxBars ? p.Matchups.Values : [];
                var bars = shown.ToDictionary(m => m.Key, m => ctx.AddTask(Markup.Escape(m.Key), maxValue: Math.Max(1, m.Quota)));
                var task = work();
                while (true)
                {
                    foreach (var m in shown)
                    {
                        bars[m.Key].Value = m.Finished;
                        bars[m.Key].Description = Markup.Escape(m.Key) + (m.Failed > 0 ? $" [red]{m.Failed} failed[/]" : "");
                    }
                    overall.Value = p.FinishedSessions;
                    overall.Description = Markup.Escape(Headline(runner));
                    if (task.IsCompleted) break;
                    await Task.WhenAny(task, Task.Delay(250));
                }
                result = await task;
            });
        return result;
    }

    private static async Task<T> PlainAsync<T>(TournamentRunner runner, Func<Task<T>> work)
    {
        var task = work();
        while (await Task.WhenAny(task, Task.Delay(TimeSpan.FromSeconds(5))) != task)
            Console.Error.WriteLine(Headline(runner));
        var result = await task;
        Console.Error.WriteLine(Headline(runner));
        return result;
    }

    /// <summary>"812/1000 sessions · 5,210 turns/s · errors red-a 3 · blue-b OFFLINE · ETA 0:12"</summary>
    public static string Headline(TournamentRunner runner)
    {
        var p = runner.Progress;
        var parts = new List<string>
        {
            $"{p.FinishedSessions}/{p.TotalSessions} sessions",
            $"{p.Turns:N0} turns",
            $"{p.TurnsPerSecond:N0} turns/s",
        };
        var errors = runner.Gateways.Values.Where(g => g.FailedAttempts > 0).Select(g => $"{g.BotId} {g.FailedAttempts}").ToList();
        if (errors.Count > 0) parts.Add("failed attempts " + string.Join(", ", errors));
        var states = runner.Gateways.Values.Where(g => g.Availability.State != BotState.Online)
            .Select(g => $"{g.BotId} {g.Availability.State.ToString().ToUpperInvariant()}").ToList();
        if (states.Count > 0) parts.Add(string.Join(", ", states));
        if (p.Eta(runner.FinishedAtStart) is { } eta) parts.Add($"ETA {eta:h\\:mm\\:ss}");
        return string.Join(" · ", parts);
    }
}
