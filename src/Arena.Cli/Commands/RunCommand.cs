using Arena.Bots;
using Arena.Core.Storage;
using Arena.Core.Tournaments;
using Arena.Engine;
using Arena.Engine.Configuration;

namespace Arena.Cli.Commands;

internal static class RunCommand
{
    private const string Usage = "arena run CONFIG.yaml [--db PATH]";

    public static async Task<int> ExecuteAsync(string db, IReadOnlyList<string> argv, CancellationToken ct)
    {
        var args = CliArgs.Parse("run", argv, Usage, [], []);
        args.ExpectPositional(1, 1);
        var path = args.Positional[0];
        if (!File.Exists(path)) throw new UsageException($"{path}: no such config file");
        var config = ConfigLoader.LoadFile(path);
        await using var store = await Cli.OpenStoreAsync(db, mustExist: false, ct);
        var outcome = await RunAsync(config, await File.ReadAllTextAsync(path, ct), store, ct);
        return outcome == RunOutcome.Completed ? 0 : 1;
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
