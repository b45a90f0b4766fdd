using Arena.Bots;
using Arena.Core.Bots;
using Arena.Core.Storage;
using Arena.Core.Tournaments;
using Arena.Core.Utility;
using Arena.Engine.Utility;
using Arena.Evaluation.Analysis;
using Arena.Evaluation.Judges;
using Arena.Evaluation.Utility;
using Arena.Sandbox;

namespace Arena.Cli;

/// <summary>
/// Measures defender utility (Appendix E, contracts §7) for `arena utility`, `arena run` (utility.after_run) and
/// `arena demo`: loads suites, picks the sandbox and the judge, runs each bot with progress and stores the results.
/// </summary>
internal sealed class UtilityMeasurement : IDisposable
{
    private readonly HttpClient _http;
    private readonly BotFactory _bots = new();
    private readonly UtilityGrader _grader;

    private UtilityMeasurement(HttpClient http, UtilityGrader grader, ISandbox? sandbox)
    {
        _http = http;
        _grader = grader;
        Sandbox = sandbox;
    }

    public ISandbox? Sandbox { get; }

    /// <summary>
    /// Sets up grading. A sandbox is only needed when there are codegen tasks; without one, the caller decides:
    /// <paramref name="withoutSandbox"/> = true lets codegen tasks be dropped (the demo says so), otherwise the
    /// sandbox's own message (install bubblewrap, or --unsafe-no-sandbox) is raised.
    /// </summary>
    public static UtilityMeasurement Create(UtilityJudgeSpec judgeSpec, UtilityLimits limits, bool needsSandbox, bool allowUnsafe, bool withoutSandbox = false)
    {
        ISandbox? sandbox = null;
        if (needsSandbox)
        {
            try { sandbox = Sandboxes.Create(allowUnsafe); }
            catch (SandboxUnavailableException) when (withoutSandbox) { }
            if (sandbox is { Isolated: false })
                Console.Error.WriteLine($"WARNING: {sandbox.Description}: the defenders' code runs on this machine without isolation (--unsafe-no-sandbox)");
        }
        var http = new HttpClient { Timeout = TimeSpan.FromSeconds(120) };
        var judge = UtilityJudges.Create(judgeSpec.Kind, http, judgeSpec.Kind == "llm" ? LlmOptions(judgeSpec) : null);
        var sandboxLimits = new SandboxLimits(TimeSpan.FromSeconds(limits.CpuS), TimeSpan.FromSeconds(limits.WallS),
            (long)limits.MemoryMb << 20, limits.Processes, (long)limits.OutputKb << 10, SandboxLimits.Default.TmpBytes);
        return new UtilityMeasurement(http, new UtilityGrader(sandbox, judge, new PythonAnalyzer(), sandboxLimits), sandbox);
    }

    private static LlmJudgeOptions LlmOptions(UtilityJudgeSpec spec)
    {
        string? key = null;
        if (spec.ApiKeyEnv is { } variable)
            key = Environment.GetEnvironmentVariable(variable) is { Length: > 0 } v
                ? v : throw new UsageException($"utility judge: environment variable {variable} (api_key_env) is not set");
        return new LlmJudgeOptions(spec.BaseUrl!, spec.Model!, key, spec.Samples);
    }

    /// <summary>The bot that answers for <paramref name="botId"/>: a defender, or the configured reference model.</summary>
    public static BotSpec BotOf(TournamentConfig config, string botId)
    {
        if (config.Defenders.FirstOrDefault(d => d.Id == botId) is { } defender) return defender.Bot;
        if (config.Utility is { BaseBot: { } baseBot } u && u.BaseId == botId) return baseBot;
        var known = config.Defenders.Select(d => d.Id).ToList();
        if (config.Utility is { BaseBot: not null } cu) known.Add(cu.BaseId);
        throw new UsageException($"'{botId}' is no defender of tournament {config.Tournament} (defenders: {string.Join(", ", known)})");
    }

    /// <summary>Runs the tasks against one bot with a progress bar on stderr.</summary>
    public async Task<UtilityRunSummary> RunAsync(IArenaStore store, TournamentConfig config, string botId, IReadOnlyList<SourcedTask> tasks, bool resume, CancellationToken ct)
    {
        var spec = BotOf(config, botId);
        var binding = _bots.Create(new TeamConfig(botId, Role.Defender, spec));
        var runnable = Sandbox is null ? tasks.Where(t => t.Task.Suite != UtilitySuites.Codegen).ToList() : tasks;
        var progress = new WorkProgress($"utility {botId}", runnable.Count);
        var runner = new UtilityRunner(store, _grader);
        var baseId = config.Utility?.BaseId ?? UtilityConfig.DefaultBaseId;
        return await progress.RunAsync(() => runner.RunAsync(config.Tournament, config.MaxTurns, baseId, botId, binding.Bot, spec, runnable,
            resume, Environment.ProcessorCount, progress.Step, ct));
    }

    /// <summary>Loads suites named on the command line or in the config: files (relative to <paramref name="baseDir"/>) or builtin:NAME.</summary>
    public static List<SourcedTask> LoadSuites(IEnumerable<string> specs, string baseDir)
    {
        var tasks = new List<SourcedTask>();
        var seen = new Dictionary<(string, string), string>();
        foreach (var spec in specs)
        {
            IReadOnlyList<UtilityTask> loaded;
            string source;
            try
            {
                if (spec.StartsWith(BuiltinSuites.Prefix, StringComparison.Ordinal))
                {
                    source = spec;
                    loaded = BuiltinSuites.Load(spec[BuiltinSuites.Prefix.Length..]);
                }
                else
                {
                    source = Path.IsPathRooted(spec) ? spec : Path.GetFullPath(Path.Combine(baseDir, spec));
                    if (!File.Exists(source)) throw new UsageException($"{spec}: no such suite file (a JSONL file, or builtin:NAME — {string.Join(", ", BuiltinSuites.Names)})");
                    loaded = UtilitySuiteParser.Parse(File.ReadAllText(source), spec);
                }
            }
            catch (UtilitySuiteException e) { throw new UsageException(e.Message); }
            foreach (var task in loaded)
            {
                if (!seen.TryAdd((task.Suite, task.Id), spec))
                    throw new UsageException($"{spec}: task '{task.Id}' of suite {task.Suite} is also in {seen[(task.Suite, task.Id)]}");
                tasks.Add(new SourcedTask(task, source));
            }
        }
        return tasks;
    }

    public static string Summary(UtilityRunSummary s) =>
        $"{s.Bot}: " + string.Join(", ", s.Suites.Select(r => $"{r.Suite} {r.Passed}/{r.Tasks} ({r.PassRate:0.0} %)")) +
        (s.Reused > 0 ? $" — {s.Reused} results reused from an earlier run" : "") +
        (s.Errors.Count > 0 ? $"; {s.Errors.Count} tasks could not be graded (run again to retry), e.g. {s.Errors[0]}" : "");

    public void Dispose()
    {
        _http.Dispose();
        _bots.Dispose();
    }
}
