using Arena.Core.Numerics;
using System.Text;
using Microsoft.Extensions.AI;

namespace Arena.Analysis.Embeddings;

/// <summary>
/// The fallback when no semantic model is available: hashed word unigrams + bigrams and character 3-grams, term
/// frequencies (sub-linear), L2-normalised. It measures shared wording, not meaning, so every output that uses it says so.
/// </summary>
internal sealed class LexicalEmbeddingGenerator(int dimensions = 1024) : IEmbeddingGenerator<string, Embedding<float>>
{
    public const string ModelId = "lexical-hashed-ngrams";

    public EmbeddingGeneratorMetadata Metadata { get; } = new("arena-lexical", null, ModelId, dimensions);

    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var result = new GeneratedEmbeddings<Embedding<float>>(values.Select(v => new Embedding<float>(Embed(v)) { ModelId = ModelId }));
        return Task.FromResult(result);
    }

    public float[] Embed(string text)
    {
        var v = new float[dimensions];
        var words = Words(text.Replace(UseEmbeddingGenerator.SegmentSeparator, ' ').ToLowerInvariant());
        for (var i = 0; i < words.Count; i++)
        {
            Add(v, "w:" + words[i]);
            if (i + 1 < words.Count) Add(v, "b:" + words[i] + " " + words[i + 1]);
            var padded = $" {words[i]} ";
            for (var c = 0; c + 3 <= padded.Length; c++) Add(v, "c:" + padded.Substring(c, 3));
        }
        for (var i = 0; i < v.Length; i++) v[i] = v[i] > 0 ? 1 + MathF.Log(v[i]) : 0; // sub-linear TF: one repeated word cannot dominate
        return Vectors.Normalize(v);
    }

    private void Add(float[] v, string feature)
    {
        // FNV-1a: stable across runs and processes (string.GetHashCode is randomised per process).
        var hash = 2166136261u;
        foreach (var ch in feature) { hash ^= ch; hash *= 16777619u; }
        v[(int)(hash % (uint)dimensions)] += 1;
    }

    private static List<string> Words(string text)
    {
        var words = new List<string>();
        var current = new StringBuilder();
        foreach (var ch in text)
        {
            if (char.IsLetterOrDigit(ch) || ch == '_') current.Append(ch);
            else if (current.Length > 0) { words.Add(current.ToString()); current.Clear(); }
        }
        if (current.Length > 0) words.Add(current.ToString());
        return words;
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is not null ? null
        : serviceType == typeof(EmbeddingGeneratorMetadata) ? Metadata
        : serviceType.IsInstanceOfType(this) ? this : null;

    public void Dispose() { }
}
