using System.Text.Json;
using Arena.Core.Storage;
using Arena.Evaluation.Analysis;
using Arena.Evaluation.Judges;
using Arena.Evaluation.Labels;

namespace Arena.Cli.Commands;

/// <summary>`arena evaluate`: labels every finished conversation of a tournament (§4.2.1); idempotent.</summary>
internal static class EvaluateCommand
{
    private const string Usage = "arena evaluate --tournament ID [--judge heuristic|llm|panel] [--judge-url URL --judge-model M [--judge-api-key-env VAR] [--judge-samples K]] [--no-nosec] [--force] [--json]";


    public static async Task<int> ExecuteAsync(string db, IReadOnlyList<string> argv, CancellationToken ct)
    {
        var args = CliArgs.Parse("evaluate", argv, Usage, ["--no-nosec", "--force", "--json"],
            ["--tournament", "--judge", "--judge-url", "--judge-model", "--judge-api-key-env", "--judge-samples"]);
        args.ExpectPositional(0, 0);
        await using var store = await Cli.OpenStoreAsync(db, mustExist: true, ct);
        var t = await Tournaments.ResolveAsync(store, args.Required("--tournament"), ct);
        using var judges = new JudgeFactory();
        var judge = await judges.CreateAsync(args, store, t.Id, ct);
        var options = new AnalyzerOptions { HonourNosec = !args.Flag("--no-nosec") };
        var summary = await RunAsync(store, t.Id, new ConversationLabeler(new PythonAnalyzer(), judge, options), args.Flag("--force"), judge is not HeuristicJudge, ct);

        if (args.Flag("--json"))
            Console.Out.WriteLine(JsonSerializer.Serialize(new
            {
                tournament = t.Id, labeled = summary.Labeled, unchanged = summary.Unchanged,
                attack_success = summary.AttackSuccess, defense_success = summary.DefenseSuccess,
                vulnerable_code = summary.VulnerableCode, security_event = summary.SecurityEvents,
                errors = summary.Errors,
            }));
        Console.Error.WriteLine($"{t.Id}: labeled {summary.Labeled} conversations ({summary.AttackSuccess} attack_success — " +
            $"{summary.VulnerableCode} vulnerable code, {summary.SecurityEvents} security events — {summary.DefenseSuccess} defense_success), " +
            $"{summary.Unchanged} already labeled by the same analyzer and judge" +
            (summary.Errors.Count > 0 ? $"; {summary.Errors.Count} could not be judged, e.g. {summary.Errors[0]}" : ""));
        return summary.Errors.Count > 0 ? 1 : 0;
    }

    /// <summary>Plans and runs the labeling with a progress bar on stderr; shared by evaluate and demo.</summary>
    public static async Task<LabelingSummary> RunAsync(IArenaStore store, string tournament, ConversationLabeler labeler, bool force, bool networkJudge, CancellationToken ct)
    {
        var labeling = new TournamentLabeling(store, tournament, labeler);
        var (todo, unchanged) = await labeling.PlanAsync(force, ct);
        var progress = new WorkProgress($"labeling {tournament}", todo.Count);
        // A network judge is latency-bound, so it is asked about several conversations at a time.
        return await progress.RunAsync(() => labeling.LabelAsync(todo, unchanged, networkJudge ? 8 : 2, progress.Step, ct));
    }
}
