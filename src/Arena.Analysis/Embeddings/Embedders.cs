using Microsoft.Extensions.AI;

namespace Arena.Analysis.Embeddings;

internal enum EmbedderKind { Use, Lexical, OpenAi }

/// <summary>What the user asked for (CLI: --embeddings use|lexical|openai, --embeddings-url/-model/-key-env/-tokens).</summary>
internal sealed record EmbedderRequest(
    EmbedderKind Kind = EmbedderKind.Use, string? Url = null, string? Model = null, string? KeyEnv = null,
    int MaxTokens = UseEmbeddingGenerator.ModelWindow, UseOptions? Use = null);

/// <summary>The embedder actually used, as every output reports it. <see cref="IsFallback"/> = the lexical stand-in replaced the requested model.</summary>
/// <param name="Window">Tokens per conversation the model reads (USE only).</param>
internal sealed record EmbedderInfo(string Kind, string ModelId, int? Dimensions, bool IsFallback, string? Note, int? Window)
{
    /// <summary>What makes two vectors of the same text interchangeable in the embedding cache. Bump the version when
    /// the way text reaches a model changes (e.g. js/embed.mjs's window sharing).</summary>
    public string CacheKey => $"v1|{Kind}|{ModelId}|{Dimensions}|window={Window}|{(Kind == "openai" ? Note : "")}";
}

internal static class Embedders
{
    /// <summary>
    /// Builds the requested embedder. The default (USE) is started at once; when Node or the model is unavailable the
    /// lexical fallback is returned, <paramref name="warn"/> is called and the info says so. An explicitly requested
    /// OpenAI endpoint never falls back: its errors are the user's to see.
    /// </summary>
    public static async Task<(IEmbeddingGenerator<string, Embedding<float>> Generator, EmbedderInfo Info)> CreateAsync(
        EmbedderRequest request, Action<string> warn, CancellationToken ct)
    {
        switch (request.Kind)
        {
            case EmbedderKind.Lexical:
                return (new LexicalEmbeddingGenerator(), new EmbedderInfo("lexical", LexicalEmbeddingGenerator.ModelId, 1024, false, "requested with --embeddings lexical: word/char n-gram overlap, not meaning", null));
            case EmbedderKind.OpenAi:
            {
                var url = request.Url ?? throw new ArgumentException("--embeddings openai needs --embeddings-url");
                var model = request.Model ?? throw new ArgumentException("--embeddings openai needs --embeddings-model");
                string? key = null;
                if (request.KeyEnv is { } env)
                    key = Environment.GetEnvironmentVariable(env) is { Length: > 0 } k ? k : throw new ArgumentException($"--embeddings-key-env: environment variable {env} is not set");
                var generator = new OpenAiEmbeddingGenerator(new OpenAiEmbeddingOptions(url, model, key));
                return (generator, new EmbedderInfo("openai", model, null, false, $"{url.TrimEnd('/')}/embeddings", null));
            }
            default:
            {
                var options = (request.Use ?? new UseOptions()) with { MaxTokens = request.MaxTokens };
                UseEmbeddingGenerator? use = null;
                try
                {
                    use = new UseEmbeddingGenerator(options);
                    await use.WarmUpAsync(ct);
                    return (use, new EmbedderInfo("use", UseEmbeddingGenerator.ModelId, UseEmbeddingGenerator.Dimensions, false, null, options.MaxTokens));
                }
                catch (EmbeddingBackendException e)
                {
                    use?.Dispose();
                    var note = $"FALLBACK: lexical n-gram vectors, not semantic embeddings (USE unavailable: {e.Message})";
                    warn(note);
                    return (new LexicalEmbeddingGenerator(), new EmbedderInfo("lexical", LexicalEmbeddingGenerator.ModelId, 1024, true, note, null));
                }
            }
        }
    }
}
