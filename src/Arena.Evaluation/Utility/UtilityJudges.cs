using Arena.Evaluation.Judges;

namespace Arena.Evaluation.Utility;

/// <summary>Builds the utility judge named by the CLI's <c>--judge</c> (same names as <c>arena evaluate</c>).</summary>
internal static class UtilityJudges
{
    public static readonly string[] Kinds = ["heuristic", "llm"];

    /// <summary>
    /// <paramref name="kind"/> null or "heuristic" → <see cref="HeuristicUtilityJudge"/>; "llm" →
    /// <see cref="LlmUtilityJudge"/> with <paramref name="llm"/> (required). Anything else, or "llm" without options,
    /// throws <see cref="ArgumentException"/> with a one-line message the CLI can show as a usage error.
    /// </summary>
    public static IUtilityJudge Create(string? kind, HttpClient http, LlmJudgeOptions? llm) => kind switch
    {
        null or "heuristic" => new HeuristicUtilityJudge(),
        "llm" => new LlmUtilityJudge(http, llm ?? throw new ArgumentException("the llm utility judge needs --judge-url and --judge-model", nameof(llm))),
        _ => throw new ArgumentException($"unknown utility judge '{kind}' ({string.Join(", ", Kinds)})", nameof(kind)),
    };
}
