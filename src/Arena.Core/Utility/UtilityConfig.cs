using Arena.Core.Tournaments;

namespace Arena.Core.Utility;

/// <summary>
/// The <c>utility:</c> section of a tournament config: which suites measure defender utility, which bot is the
/// reference model whose score caps it (contracts §5), and whether <c>arena run</c> measures it after the tournament.
/// </summary>
/// <param name="BaseId">Id under which the reference model's results are stored: a defender of the tournament, or
/// the id given to <paramref name="BaseBot"/>.</param>
/// <param name="BaseBot">The reference model's bot when it is not one of the defenders; null when it is.</param>
/// <param name="Suites">Suite files (relative to the config file) or <c>builtin:NAME</c>.</param>
internal sealed record UtilityConfig(
    string BaseId,
    BotSpec? BaseBot,
    IReadOnlyList<string> Suites,
    bool AfterRun,
    UtilityJudgeSpec Judge,
    UtilityLimits Limits)
{
    public const string DefaultBaseId = "base";
}

/// <summary>The judge for cyber-qa and multiturn-codegen: heuristic, or an LLM behind an OpenAI-compatible API.</summary>
internal sealed record UtilityJudgeSpec(string Kind, string? BaseUrl = null, string? Model = null, string? ApiKeyEnv = null, int Samples = 1)
{
    public static UtilityJudgeSpec Heuristic { get; } = new("heuristic");
}

/// <summary>Sandbox limits for one codegen test run, as configured (seconds, MiB, counts, KiB).</summary>
internal sealed record UtilityLimits(double CpuS = 5, double WallS = 10, int MemoryMb = 512, int Processes = 16, int OutputKb = 1024)
{
    public static UtilityLimits Default { get; } = new();
}
