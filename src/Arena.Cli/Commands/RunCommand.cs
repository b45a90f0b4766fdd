using Arena.Bots;
using Arena.Core.Storage;
using Arena.Core.Tournaments;
using Arena.Engine;
using Arena.Engine.Configuration;
using Arena.Engine.Utility;
using Arena.Core.Utility;
using Arena.Sandbox;

namespace Arena.Cli.Commands;

internal static class RunCommand
{
    private const string Usage = "arena run CONFIG.yaml [--db PATH] [--unsafe-no-sandbox]";

    public static async Task<int> ExecuteAsync(string db, IReadOnlyList<string> argv, CancellationToken ct)
    {
        var args = CliArgs.Parse("run", argv, Usage, ["--unsafe-no-sandbox"], []);
        args.ExpectPositional(1, 1);
        var path = args.Positional[0];
        if (!File.Exists(path)) throw new UsageException($"{path}: no such config file");
        if (SeriesConfigLoader.IsSeriesFile(path)) return await SeriesCommand.RunAsync(db, path, args.Flag("--unsafe-no-sandbox"), json: false, ct);
        var config = ConfigLoader.LoadFile(path);
        // Suites are checked before the tournament starts, so a typo does not surface hours later.
        var utilityTasks = config.Utility is { AfterRun: true } u
            ? UtilityMeasurement.LoadSuites(u.Suites, Path.GetDirectoryName(Path.GetFullPath(path))!)
            : null;
        await using var store = await Cli.OpenStoreAsync(db, mustExist: false, ct);
        var outcome = await RunAsync(config, await File.ReadAllTextAsync(path, ct), store, ct);
        if (outcome != RunOutcome.Completed) return 1;
        if (utilityTasks is null) return 0;
        return await MeasureUtilityAsync(store, config, utilityTasks, args.Flag("--unsafe-no-sandbox"), withoutSandbox: false, ct) ? 0 : 1;
    }

    /// <summary>
    /// utility.after_run: the reference model first (its scores cap everyone's), then every defender. Resumable:
    /// results already stored for the same tasks are kept. False when something could not be measured.
    /// </summary>
    public static async Task<bool> MeasureUtilityAsync(IArenaStore store, TournamentConfig config, IReadOnlyList<SourcedTask> tasks,
        bool allowUnsafe, bool withoutSandbox, CancellationToken ct)
    {
        var u = config.Utility!;
        UtilityMeasurement measurement;
        try
        {
            measurement = UtilityMeasurement.Create(u.Judge, u.Limits, tasks.Any(t => t.Task.Suite == UtilitySuites.Codegen), allowUnsafe, withoutSandbox);
        }
        catch (SandboxUnavailableException e)
        {
            Console.Error.WriteLine($"arena: utility not measured: {e.Message}");
            return false;
        }
        using (measurement)
        {
            if (measurement.Sandbox is null && tasks.Any(t => t.Task.Suite == UtilitySuites.Codegen))
                Console.Error.WriteLine("note: no sandbox (bubblewrap is not installed), so the codegen suite is skipped; apt-get install -y bubblewrap");
            var bots = new List<string>();
            if (u.BaseBot is not null) bots.Add(u.BaseId);
            bots.AddRange(config.Defenders.Select(d => d.Id).OrderBy(d => d == u.BaseId ? 0 : 1));
            var ok = true;
            foreach (var bot in bots)
            {
                var summary = await measurement.RunAsync(store, config, bot, tasks, resume: true, ct);
                Console.Error.WriteLine(UtilityMeasurement.Summary(summary));
                ok &= summary.Errors.Count == 0;
            }
            return ok;
        }
    }

    /// <summary>Runs with live progress and prints a one-line summary; shared by run and demo.</summary>
    public static async Task<RunOutcome> RunAsync(TournamentConfig config, string yaml, IArenaStore store, CancellationToken ct)
    {
        using var bots = new BotFactory();
        var runner = new TournamentRunner(config, yaml, store, new RunOptions(bots));
        var existing = await store.GetTournamentAsync(config.Tournament, ct);
        Console.Error.WriteLine(existing is null
            ? $"tournament {config.Tournament}: {config.Attackers.Count} attackers × {config.Defenders.Count} defenders, {runner.Progress.TotalSessions} sessions, up to {config.MaxTurns} turns each"
            : $"tournament {config.Tournament}: resuming");
        var outcome = await ProgressView.ShowAsync(runner, () => runner.RunAsync(ct));
        var stats = await store.GetStatsAsync(config.Tournament, CancellationToken.None);
        var p = runner.Progress;
        Console.Error.WriteLine(outcome == RunOutcome.Completed
            ? $"tournament {config.Tournament} complete: {stats.SessionsByState.GetValueOrDefault("completed")} completed, " +
              $"{stats.SessionsByState.GetValueOrDefault("failed")} failed, {stats.Turns:N0} turns in {p.Elapsed.TotalSeconds:N1} s"
            : $"tournament {config.Tournament} interrupted after {p.FinishedSessions}/{p.TotalSessions} sessions; run the same command again to resume");
        return outcome;
    }
}
