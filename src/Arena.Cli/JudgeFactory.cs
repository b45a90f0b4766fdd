using Arena.Core.Storage;
using Arena.Evaluation.Judges;

namespace Arena.Cli;

/// <summary>Builds the judge named by `--judge` and its options.</summary>
internal sealed class JudgeFactory : IDisposable
{
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(120) };

    public ISecurityJudge Create(CliArgs args, IArenaStore store) => args.Value("--judge") switch
    {
        null or "heuristic" => new HeuristicJudge(),
        var other => throw new UsageException($"--judge: unknown judge '{other}' (heuristic, llm, panel)"),
    };

    public void Dispose() => _http.Dispose();
}
