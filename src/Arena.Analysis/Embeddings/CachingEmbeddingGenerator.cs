using System.Security.Cryptography;
using System.Text;
using Arena.Core.Storage;
using Microsoft.Extensions.AI;

namespace Arena.Analysis.Embeddings;

/// <summary>
/// Keeps embeddings in the store, addressed by the embedder and the SHA-256 of the text: the default model embeds
/// ≈ 27 conversations/s, so `arena report` after `arena analyze` (or a second report) must not pay for it again.
/// Finished conversations never change, so a cached vector never goes stale; a different model, window or text is a
/// different key.
/// </summary>
internal sealed class CachingEmbeddingGenerator(IEmbeddingGenerator<string, Embedding<float>> inner, IArenaStore store, string embedderKey)
    : IEmbeddingGenerator<string, Embedding<float>>
{
    /// <summary>Texts answered from the store so far.</summary>
    public int Hits { get; private set; }

    public async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var texts = values.ToList();
        var hashes = texts.Select(t => SHA256.HashData(Encoding.UTF8.GetBytes(t))).ToList();
        var keys = hashes.Select(Convert.ToHexString).ToList();
        var cached = await store.GetEmbeddingsAsync(embedderKey, hashes, cancellationToken);

        var missing = Enumerable.Range(0, texts.Count).Where(i => !cached.ContainsKey(keys[i])).ToList();
        var fresh = new Dictionary<string, float[]>(StringComparer.Ordinal);
        if (missing.Count > 0)
        {
            var generated = await inner.GenerateAsync(missing.Select(i => texts[i]), options, cancellationToken);
            var toSave = new List<(byte[], float[])>(missing.Count);
            for (var k = 0; k < missing.Count; k++)
            {
                var vector = generated[k].Vector.ToArray();
                fresh[keys[missing[k]]] = vector;
                toSave.Add((hashes[missing[k]], vector));
            }
            await store.SaveEmbeddingsAsync(embedderKey, toSave, cancellationToken);
        }
        Hits += texts.Count - missing.Count;
        return new GeneratedEmbeddings<Embedding<float>>(keys.Select(k => new Embedding<float>(cached.TryGetValue(k, out var v) ? v : fresh[k])));
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceType == typeof(CachingEmbeddingGenerator) ? this : inner.GetService(serviceType, serviceKey);

    public void Dispose() => inner.Dispose();
}
