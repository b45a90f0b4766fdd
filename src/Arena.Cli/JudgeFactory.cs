using Arena.Core.Storage;
using Arena.Evaluation.Judges;

namespace Arena.Cli;

/// <summary>Builds the judge named by `--judge` from its options.</summary>
internal sealed class JudgeFactory : IDisposable
{
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(120) };

    public async Task<ISecurityJudge> CreateAsync(CliArgs args, IArenaStore store, string tournament, CancellationToken ct)
    {
        switch (args.Value("--judge"))
        {
            case null or "heuristic":
                return new HeuristicJudge();
            case "llm":
                var url = args.Required("--judge-url");
                if (!Uri.TryCreate(url, UriKind.Absolute, out var u) || (u.Scheme != Uri.UriSchemeHttp && u.Scheme != Uri.UriSchemeHttps))
                    throw new UsageException($"--judge-url: '{url}' is not an http(s) URL");
                string? key = null;
                if (args.Value("--judge-api-key-env") is { } variable)
                    key = Environment.GetEnvironmentVariable(variable) is { Length: > 0 } v
                        ? v : throw new UsageException($"--judge-api-key-env: environment variable {variable} is not set");
                return new LlmJudge(_http, new LlmJudgeOptions(url, args.Required("--judge-model"), key, args.Int("--judge-samples") ?? 1));
            case "panel":
                // The panel's verdicts come from stored annotations; load them once for the whole tournament.
                var annotations = new Dictionary<string, IReadOnlyList<Annotation>>(StringComparer.Ordinal);
                await foreach (var s in store.ReadSessionsAsync(tournament, SessionFilter.Finished, ct))
                    annotations[s.Id] = (await store.GetAnnotationsAsync(s.Id, ct))
                        .Select(a => new Annotation(a.SessionId, a.Annotator, a.MaliciousCode, a.MaliciousExplanation, a.Note, a.GuidelineVersion, a.At))
                        .ToList();
                return new PanelJudge(id => annotations.GetValueOrDefault(id) ?? []);
            case var other:
                throw new UsageException($"--judge: unknown judge '{other}' (heuristic, llm, panel)");
        }
    }

    public void Dispose() => _http.Dispose();
}
