using Arena.Core.Numerics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Arena.Core.Bots;
using Arena.Core.Sessions;
using Microsoft.Extensions.AI;

namespace Arena.Datasets;

internal enum DedupeMode { None, Exact, Embedding }

/// <summary><c>--dedupe none|exact|embedding[:THRESHOLD]</c>. Embedding mode runs the exact check first (cheaper, and
/// the reason printed is the more precise one).</summary>
internal sealed record DedupeOptions(DedupeMode Mode, double Threshold = DedupeOptions.DefaultThreshold)
{
    public const double DefaultThreshold = 0.95;

    public static readonly DedupeOptions None = new(DedupeMode.None);
    public static readonly DedupeOptions Exact = new(DedupeMode.Exact);

    /// <summary>Without <c>--dedupe</c>: chat-jsonl and sharegpt keep every conversation (contracts §3: one line per
    /// finished conversation, and export → import → export stays byte-identical); dpo and hf are training sets, where a
    /// repeated item only over-weights itself, so they drop exact duplicates.</summary>
    public static DedupeOptions DefaultFor(ExportFormat format) => format is ExportFormat.Dpo or ExportFormat.Hf ? Exact : None;

    public static DedupeOptions Parse(string text)
    {
        switch (text)
        {
            case "none": return None;
            case "exact": return Exact;
            case "embedding": return new DedupeOptions(DedupeMode.Embedding);
        }
        if (text.StartsWith("embedding:", StringComparison.Ordinal))
        {
            var t = text["embedding:".Length..];
            return double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v is > 0 and <= 1
                ? new DedupeOptions(DedupeMode.Embedding, v)
                : throw new FormatException($"'{t}' is not a cosine threshold in (0, 1] (e.g. embedding:0.95)");
        }
        throw new FormatException($"'{text}' is not one of none, exact, embedding[:THRESHOLD]");
    }

    public override string ToString() => Mode switch
    {
        DedupeMode.None => "none",
        DedupeMode.Exact => "exact",
        _ => $"embedding:{Threshold.ToString("0.###", CultureInfo.InvariantCulture)}",
    };
}

/// <summary>The text that duplicate detection compares.</summary>
internal static class ExportText
{
    /// <summary>Lower-case, every whitespace run collapsed to one space, trimmed; digits and punctuation kept (a changed
    /// port or line number is a different conversation).</summary>
    public static string Normalise(string text)
    {
        var sb = new StringBuilder(text.Length);
        var space = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c)) { space = sb.Length > 0; continue; }
            if (space) { sb.Append(' '); space = false; }
            sb.Append(char.ToLowerInvariant(c));
        }
        return sb.ToString();
    }

    /// <summary>Every turn with its speaker's side (not its team id: the same words from another team are still a duplicate).</summary>
    public static string Conversation(SessionRecord s) =>
        Normalise(string.Join("\n", s.Turns.Select(t => (t.Role == Role.Attacker ? "user: " : "assistant: ") + t.Content)));

    public static string Sha256(string normalised) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(normalised)));
}

/// <summary>
/// Keeps the first of each group of duplicates in the order items arrive (callers feed a stable order, so the same
/// store gives the same dataset). Embedding mode compares each item with every kept one: O(n·kept) dot products.
/// </summary>
internal sealed class Deduplicator(DedupeOptions options, IEmbeddingGenerator<string, Embedding<float>>? embedder)
{
    private readonly HashSet<string> _hashes = new(StringComparer.Ordinal);
    private readonly List<float[]> _kept = [];

    public DedupeOptions Options => options;

    /// <param name="normalised">texts from <see cref="ExportText.Normalise"/>, in output order</param>
    /// <returns>per item: null to keep it, else the drop reason</returns>
    public async Task<string?[]> CheckAsync(IReadOnlyList<string> normalised, CancellationToken ct)
    {
        var verdicts = new string?[normalised.Count];
        if (options.Mode == DedupeMode.None || normalised.Count == 0) return verdicts;
        for (var i = 0; i < normalised.Count; i++)
            if (!_hashes.Add(ExportText.Sha256(normalised[i]))) verdicts[i] = DropReasons.DuplicateExact;
        if (options.Mode != DedupeMode.Embedding) return verdicts;

        var e = embedder ?? throw new InvalidOperationException("embedding dedupe needs an embedding generator");
        var pending = Enumerable.Range(0, normalised.Count).Where(i => verdicts[i] is null).ToList();
        if (pending.Count == 0) return verdicts;
        var vectors = await e.GenerateAsync(pending.Select(i => normalised[i]).ToList(), cancellationToken: ct);
        for (var k = 0; k < pending.Count; k++)
        {
            var v = Vectors.Normalize(vectors[k].Vector.ToArray());
            if (_kept.Any(kept => Vectors.Dot(kept, v) >= options.Threshold)) verdicts[pending[k]] = DropReasons.DuplicateEmbedding;
            else _kept.Add(v);
        }
        return verdicts;
    }
}
