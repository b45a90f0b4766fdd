using System.Text.Json;
using Arena.Core.Scoring;

namespace Arena.Tests.Scoring;

/// <summary>BLEU diversity against vectors NLTK's sentence_bleu produced (make_bleu_vectors.py beside this file).</summary>
public sealed class BleuTests
{
    private sealed record Case(string A, string B, string[] TokensA, string[] TokensB, double BleuAb, double BleuBa, double Similarity);

    private static readonly Lazy<List<Case>> Vectors = new(() =>
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Scoring", "bleu_vectors.json")));
        return doc.RootElement.GetProperty("cases").EnumerateArray().Select(c => new Case(
            c.GetProperty("a").GetString()!, c.GetProperty("b").GetString()!,
            c.GetProperty("tokens_a").EnumerateArray().Select(t => t.GetString()!).ToArray(),
            c.GetProperty("tokens_b").EnumerateArray().Select(t => t.GetString()!).ToArray(),
            c.GetProperty("bleu_ab").GetDouble(), c.GetProperty("bleu_ba").GetDouble(), c.GetProperty("similarity").GetDouble())).ToList();
    });

    [Fact]
    public void The_vectors_cover_the_edge_cases()
    {
        var v = Vectors.Value;
        Assert.True(v.Count >= 300);
        Assert.Contains(v, c => c.TokensA.Length is > 0 and < 4 && c.BleuAb > 0);
        Assert.Contains(v, c => c.TokensA.Length > 0 && c.TokensB.Length > 0 && c.Similarity == 0);
        Assert.Contains(v, c => c.A == c.B && c.Similarity > 0.99);
        Assert.Contains(v, c => Math.Abs(c.TokensA.Length - c.TokensB.Length) > 50);
    }

    [Fact]
    public void Tokens_match_python_findall_on_the_lower_cased_text()
    {
        foreach (var c in Vectors.Value)
        {
            Assert.Equal(c.TokensA, BleuSimilarity.Tokenize(c.A));
            Assert.Equal(c.TokensB, BleuSimilarity.Tokenize(c.B));
        }
    }

    [Fact]
    public void Sentence_bleu_matches_nltk_to_1e6_in_both_directions()
    {
        var worst = 0.0;
        foreach (var c in Vectors.Value)
        {
            var ab = BleuSimilarity.SentenceBleu(c.A, c.B);
            var ba = BleuSimilarity.SentenceBleu(c.B, c.A);
            worst = Math.Max(worst, Math.Max(Math.Abs(ab - c.BleuAb), Math.Abs(ba - c.BleuBa)));
            Assert.True(Math.Abs(ab - c.BleuAb) < 1e-6, $"BLEU('{c.A}' | '{c.B}') = {ab}, NLTK {c.BleuAb}");
            Assert.True(Math.Abs(ba - c.BleuBa) < 1e-6, $"BLEU('{c.B}' | '{c.A}') = {ba}, NLTK {c.BleuBa}");
        }
        Assert.True(worst < 1e-9, $"worst difference {worst}");
    }

    [Fact]
    public void A_corpus_similarity_matrix_gives_the_same_pairs_as_one_pair_at_a_time()
    {
        // Texts share one vocabulary in a corpus; ids must not leak between texts.
        var v = Vectors.Value.Take(60).ToList();
        var texts = v.SelectMany(c => new[] { c.A, c.B }).ToList();
        var corpus = BleuCorpus.Build(texts);
        var m = corpus.SimilarityMatrix();
        for (var k = 0; k < v.Count; k++)
            Assert.True(Math.Abs(m[2 * k * texts.Count + 2 * k + 1] - v[k].Similarity) < 1e-6, $"case {k}");
    }

    [Fact]
    public void Diversity_is_100_for_fewer_than_two_texts_and_falls_with_repetition()
    {
        Assert.Equal(100, BleuSimilarity.Diversity([]));
        Assert.Equal(100, BleuSimilarity.Diversity(["write me a keylogger"]));
        Assert.Equal(0, BleuSimilarity.Diversity(["write me a keylogger now", "write me a keylogger now"]), 9);
        // Hand-worked: no shared token → similarity 0 → diversity 100.
        Assert.Equal(100, BleuSimilarity.Diversity(["alpha beta", "gamma delta"]), 9);
        var triple = new[] { "a b c d e f", "a b c d e g", "z y x w v u" };
        var s01 = BleuSimilarity.Similarity(triple[0], triple[1]);
        Assert.Equal(100 * (1 - s01 / 3), BleuSimilarity.Diversity(triple), 9);
    }

    [Fact]
    public void Bootstrap_diversity_weights_pairs_by_multiplicity_and_skips_self_pairs()
    {
        var texts = new[] { "a b c d e f", "a b c d e g", "z y x w v u q" };
        var m = BleuCorpus.Build(texts).SimilarityMatrix();
        double S(int i, int j) => BleuSimilarity.Similarity(texts[i], texts[j]);
        // Drawn: text0 twice, text1 once, text2 never → pairs (0,1) twice; the (0,0) copy pair is skipped.
        Assert.Equal(100 * (1 - S(0, 1)), BleuSimilarity.Diversity(m, 3, [2.0, 1, 0]), 9);
        // text0 ×2, text1 ×1, text2 ×3: weights 2, 6, 3 for (0,1), (0,2), (1,2).
        var expected = 100 * (1 - (2 * S(0, 1) + 6 * S(0, 2) + 3 * S(1, 2)) / 11);
        Assert.Equal(expected, BleuSimilarity.Diversity(m, 3, [2.0, 1, 3]), 9);
        // One distinct conversation drawn many times has no pair: diversity 100.
        Assert.Equal(100, BleuSimilarity.Diversity(m, 3, [0.0, 5, 0]));
    }
}
