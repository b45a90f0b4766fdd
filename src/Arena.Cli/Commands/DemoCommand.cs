using System.Text;
using Arena.Analysis;
using Arena.Analysis.Embeddings;
using Arena.Bots.Builtin;
using Arena.Core.Scoring;
using Arena.Datasets;
using Arena.Evaluation.Analysis;
using Arena.Evaluation.Judges;
using Arena.Evaluation.Labels;
using Arena.Engine;
using Arena.Engine.Configuration;
using Arena.Reporting;
using Spectre.Console;

namespace Arena.Cli.Commands;

/// <summary>The whole pipeline on built-in bots, offline: run → evaluate → score → analyse → report → export.</summary>
internal static class DemoCommand
{
    private const string Usage = "arena demo [--out DIR] [--sessions N]";

    public static async Task<int> ExecuteAsync(string? db, IReadOnlyList<string> argv, CancellationToken ct)
    {
        var args = CliArgs.Parse("demo", argv, Usage, [], ["--out", "--sessions"]);
        args.ExpectPositional(0, 0);
        var outDir = args.Value("--out") ?? "arena-demo";
        var sessions = args.Int("--sessions") ?? 20;
        Directory.CreateDirectory(outDir);
        if (db is null)
        {
            // The demo keeps its own store beside its outputs and starts afresh each time.
            db = Path.Combine(outDir, "arena.db");
            foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(db + suffix);
        }

        var yaml = DemoConfig(sessions);
        var configPath = Path.Combine(outDir, "demo.yaml");
        await File.WriteAllTextAsync(configPath, yaml, ct);
        var config = ConfigLoader.Parse(yaml, configPath);

        await using var store = await Cli.OpenStoreAsync(db, mustExist: false, ct);
        if (await RunCommand.RunAsync(config, yaml, store, ct) != RunOutcome.Completed) return 1;

        var labeler = new ConversationLabeler(new PythonAnalyzer(), new HeuristicJudge(), new AnalyzerOptions());
        var labels = await EvaluateCommand.RunAsync(store, config.Tournament, labeler, force: false, networkJudge: false, ct);
        Console.Error.WriteLine($"labeled {labels.Labeled} conversations: {labels.AttackSuccess} attack_success " +
            $"({labels.VulnerableCode} vulnerable code, {labels.SecurityEvents} security events), {labels.DefenseSuccess} defense_success " +
            "(security events judged by the built-in heuristic judge)");

        // The demo has no --unsafe-no-sandbox: without bubblewrap it measures the judged suites and says codegen was skipped.
        var utilityTasks = UtilityMeasurement.LoadSuites(config.Utility!.Suites, outDir);
        await RunCommand.MeasureUtilityAsync(store, config, utilityTasks, allowUnsafe: false, withoutSandbox: true, ct);

        var dataset = Path.Combine(outDir, "dataset.jsonl");
        var report = Path.Combine(outDir, "report.html");
        var summary = await ExportCommand.ExportAsync(store, config.Tournament, dataset, ExportFormat.ChatJsonl, includeFailed: false, ct);
        var options = new ReportOptions(new ConversationSampling(), new EmbedderRequest(), new AnalysisOptions(MaxEmbedded: ReportCommand.DefaultMaxEmbedded), new ScoringOptions());
        var data = await ReportCommand.BuildAsync(store, config.Tournament, options, ct, board => ScoreCommand.RenderBoard(AnsiConsole.Console, board));
        if (data is null) return 1;
        await HtmlReport.WriteAsync(data, report, ct);
        Console.Out.WriteLine($"report:  {report}");
        Console.Out.WriteLine($"dataset: {dataset} ({summary.Written} conversations)");
        Console.Out.WriteLine($"store:   {db} (try: arena --db {db} status)");
        return 0;
    }

    /// <summary>Every built-in attacker against every built-in defender.</summary>
    public static string DemoConfig(int sessionsPerMatchup)
    {
        var y = new StringBuilder();
        y.AppendLine("# Written by `arena demo`: every built-in attacker against every built-in defender.");
        y.AppendLine("tournament: demo");
        y.AppendLine("seed: 42");
        y.AppendLine($"sessions_per_matchup: {sessionsPerMatchup}");
        y.AppendLine("max_turns: 10");
        y.AppendLine("batch_size: 10");
        y.AppendLine("attackers:");
        foreach (var n in BuiltinBots.AttackerNames) y.AppendLine($"  - id: {n}\n    bot: {{kind: builtin, name: {n}}}");
        y.AppendLine("defenders:");
        foreach (var n in BuiltinBots.DefenderNames) y.AppendLine($"  - id: {n}\n    bot: {{kind: builtin, name: {n}}}");
        // Utility (Appendix E): the helpful-but-careless naive bot plays the base model whose scores cap the others'.
        y.AppendLine("utility:");
        y.AppendLine("  base: naive");
        y.AppendLine("  suites: [builtin:held-out]");
        y.AppendLine("  after_run: true");
        return y.ToString();
    }
}
