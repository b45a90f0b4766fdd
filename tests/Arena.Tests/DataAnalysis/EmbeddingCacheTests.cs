using Arena.Analysis.Embeddings;
using Arena.Tests.Engine;
using Microsoft.Extensions.AI;

namespace Arena.Tests.DataAnalysis;

public sealed class EmbeddingCacheTests
{
    /// <summary>A stand-in model that records what it was asked and answers with a vector derived from the text.</summary>
    private sealed class RecordingGenerator : IEmbeddingGenerator<string, Embedding<float>>
    {
        public List<List<string>> Calls { get; } = [];

        public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
        {
            var batch = values.ToList();
            Calls.Add(batch);
            return Task.FromResult(new GeneratedEmbeddings<Embedding<float>>(batch.Select(t => new Embedding<float>(new float[] { t.Length, t[0], 0.5f }))));
        }

        public object? GetService(Type serviceType, object? serviceKey = null) => null;
        public void Dispose() { }
    }

    private static float[][] Vectors(GeneratedEmbeddings<Embedding<float>> e) => e.Select(x => x.Vector.ToArray()).ToArray();

    [Fact]
    public async Task Cached_vectors_come_back_in_order_and_only_new_texts_reach_the_model()
    {
        await using var h = await EngineHarness.CreateAsync();
        var model = new RecordingGenerator();
        var cache = new CachingEmbeddingGenerator(model, h.Store, "k1");

        var first = Vectors(await cache.GenerateAsync(["alpha", "bb", "gamma ray"]));
        Assert.Equal(["alpha", "bb", "gamma ray"], Assert.Single(model.Calls));

        var again = Vectors(await new CachingEmbeddingGenerator(model, h.Store, "k1").GenerateAsync(["gamma ray", "new text", "alpha"]));
        Assert.Equal(["new text"], model.Calls[1]);
        Assert.Equal([first[2], [8, 'n', 0.5f], first[0]], again);

        // Another embedder (model, window…) never reuses these vectors.
        await new CachingEmbeddingGenerator(model, h.Store, "k2").GenerateAsync(["alpha"]);
        Assert.Equal(["alpha"], model.Calls[2]);
        Assert.Equal(0, cache.Hits);
    }

    [Fact]
    public void The_cache_key_separates_models_windows_and_endpoints()
    {
        var use128 = new EmbedderInfo("use", "m", 512, false, null, 128);
        Assert.NotEqual(use128.CacheKey, (use128 with { Window = 32 }).CacheKey);
        var a = new EmbedderInfo("openai", "m", null, false, "http://a/v1/embeddings", null);
        Assert.NotEqual(a.CacheKey, (a with { Note = "http://b/v1/embeddings" }).CacheKey);
        Assert.NotEqual(use128.CacheKey, a.CacheKey);
    }
}
