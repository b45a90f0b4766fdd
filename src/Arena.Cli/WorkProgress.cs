using Spectre.Console;

namespace Arena.Cli;

/// <summary>A single progress bar on stderr for batch work (labeling, scanning); plain lines when not a terminal.</summary>
internal sealed class WorkProgress(string title, int total)
{
    private int _done;
    private int _errors;

    public void Step(bool error = false)
    {
        Interlocked.Increment(ref _done);
        if (error) Interlocked.Increment(ref _errors);
    }

    private string Line => $"{title}: {_done}/{total}" + (_errors > 0 ? $" · {_errors} errors" : "");

    public async Task<T> RunAsync<T>(Func<Task<T>> work)
    {
        if (Console.IsErrorRedirected || Environment.GetEnvironmentVariable("ARENA_PLAIN_PROGRESS") is not null)
        {
            var task = work();
            while (await Task.WhenAny(task, Task.Delay(TimeSpan.FromSeconds(5))) != task) Console.Error.WriteLine(Line);
            Console.Error.WriteLine(Line);
            return await task;
        }
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        T result = default!;
        await console.Progress().AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .StartAsync(async ctx =>
            {
                var bar = ctx.AddTask(Markup.Escape(title), maxValue: Math.Max(1, total));
                var task = work();
                while (true)
                {
                    bar.Value = _done;
                    bar.Description = Markup.Escape(Line);
                    if (task.IsCompleted) break;
                    await Task.WhenAny(task, Task.Delay(200));
                }
                result = await task;
            });
        return result;
    }
}
