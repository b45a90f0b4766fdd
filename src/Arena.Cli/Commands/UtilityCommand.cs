using System.Text.Json;
using Arena.Core.Utility;
using Arena.Engine.Configuration;
using Arena.Sandbox;

namespace Arena.Cli.Commands;

/// <summary>
/// `arena utility`: runs utility suites (contracts §7) against one defender of a tournament, or its reference
/// model, and stores the results for `arena score`. Exit 1 when some task could not be graded or the sandbox is
/// unavailable; failed tasks are results, not errors.
/// </summary>
internal static class UtilityCommand
{
    private const string Usage =
        "arena utility --tournament ID --defender ID [--suite FILE.jsonl|builtin:NAME[,...]] [--judge heuristic|llm --judge-url URL --judge-model M " +
        "[--judge-api-key-env VAR] [--judge-samples K]] [--resume] [--unsafe-no-sandbox] [--json]";

    public static async Task<int> ExecuteAsync(string db, IReadOnlyList<string> argv, CancellationToken ct)
    {
        var args = CliArgs.Parse("utility", argv, Usage, ["--json", "--resume", "--unsafe-no-sandbox"],
            ["--tournament", "--defender", "--suite", "--judge", "--judge-url", "--judge-model", "--judge-api-key-env", "--judge-samples"]);
        args.ExpectPositional(0, 0);
        await using var store = await Cli.OpenStoreAsync(db, mustExist: true, ct);
        var t = await Tournaments.ResolveAsync(store, args.Required("--tournament"), ct);
        var config = StoredConfig(t);
        var defender = args.Required("--defender");
        UtilityMeasurement.BotOf(config, defender);

        var suiteSpecs = args.Value("--suite")?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            ?? config.Utility?.Suites.ToArray()
            ?? throw new UsageException($"'arena utility' needs --suite (tournament {t.Id} configures no utility suites) ({Usage})");
        var tasks = UtilityMeasurement.LoadSuites(suiteSpecs, Directory.GetCurrentDirectory());
        if (tasks.Count == 0) throw new UsageException($"--suite: {string.Join(", ", suiteSpecs)} holds no task");

        var judge = JudgeSpec(args) ?? config.Utility?.Judge ?? UtilityJudgeSpec.Heuristic;
        UtilityMeasurement measurement;
        try
        {
            measurement = UtilityMeasurement.Create(judge, config.Utility?.Limits ?? UtilityLimits.Default,
                needsSandbox: tasks.Any(x => x.Task.Suite == UtilitySuites.Codegen), allowUnsafe: args.Flag("--unsafe-no-sandbox"));
        }
        catch (SandboxUnavailableException e) { return Cli.Fail(1, e.Message); }
        using (measurement)
        {
            var summary = await measurement.RunAsync(store, config, defender, tasks, args.Flag("--resume"), ct);
            Console.Error.WriteLine(UtilityMeasurement.Summary(summary));
            if (args.Flag("--json"))
                Console.Out.WriteLine(JsonSerializer.Serialize(new
                {
                    defender,
                    suites = summary.Suites.Select(s => new { suite = s.Suite, tasks = s.Tasks, passed = s.Passed, pass_rate = Math.Round(s.PassRate, 2) }),
                    tasks = summary.Results.Select(r => new { id = r.TaskId, suite = r.Suite, passed = r.Passed, detail = r.Detail }),
                    errors = summary.Errors,
                    sandbox = measurement.Sandbox?.Description,
                }));
            return summary.Errors.Count > 0 ? 1 : 0;
        }
    }

    /// <summary>The tournament's config as stored when it ran; utility needs the defenders' bots from it.</summary>
    public static Core.Tournaments.TournamentConfig StoredConfig(Core.Storage.TournamentRecord t)
    {
        try { return ConfigLoader.Parse(t.ConfigYaml, $"stored config of tournament {t.Id}"); }
        catch (ConfigException e)
        {
            throw new UsageException($"tournament {t.Id} has no runnable config (imported datasets carry no bots): {e.Message}");
        }
    }

    /// <summary>`--judge` options as for `arena evaluate`; null when none are given.</summary>
    private static UtilityJudgeSpec? JudgeSpec(CliArgs args)
    {
        switch (args.Value("--judge"))
        {
            case null: return null;
            case "heuristic": return UtilityJudgeSpec.Heuristic;
            case "llm":
                var url = args.Required("--judge-url");
                if (!Uri.TryCreate(url, UriKind.Absolute, out var u) || (u.Scheme != Uri.UriSchemeHttp && u.Scheme != Uri.UriSchemeHttps))
                    throw new UsageException($"--judge-url: '{url}' is not an http(s) URL");
                return new UtilityJudgeSpec("llm", url, args.Required("--judge-model"), args.Value("--judge-api-key-env"), args.Int("--judge-samples") ?? 1);
            case var other:
                throw new UsageException($"--judge: unknown utility judge '{other}' (heuristic, llm)");
        }
    }
}
