using Arena.Core.Numerics;
using Arena.Analysis.Embeddings;

namespace Arena.Analysis;

/// <summary>SD of one grouping (by attacker, defender or tournament): within values on the diagonal, between values off it.</summary>
/// <param name="Within">SD(d_i): mean 1 − cosine over distinct pairs inside group i; null when it has fewer than 2 samples.</param>
/// <param name="Between">SD(d_j, d_k): mean 1 − cosine over all cross pairs; the diagonal repeats Within.</param>
internal sealed record DiversityMatrix(string Dimension, IReadOnlyList<string> Groups, IReadOnlyList<int> Sizes, IReadOnlyList<double?> Within, IReadOnlyList<IReadOnlyList<double?>> Between);

/// <summary>
/// Semantic diversity of §4.3 / Table 2 with semantic distance = 1 − cosine. Vectors are L2-normalised, so the mean
/// cosine over all pairs is a dot product of group sums: exact and O(n·d) instead of O(n²·d).
/// </summary>
internal static class SemanticDiversity
{
    public static DiversityMatrix Compute(string dimension, IReadOnlyList<float[]> vectors, IReadOnlyList<string> groupOf)
    {
        if (vectors.Count != groupOf.Count) throw new ArgumentException("one group per vector");
        var groups = groupOf.Distinct().Order(StringComparer.Ordinal).ToList();
        var dim = vectors.Count == 0 ? 0 : vectors[0].Length;
        var sums = groups.ToDictionary(g => g, _ => new double[dim]);
        var sizes = groups.ToDictionary(g => g, _ => 0);
        var selfDots = groups.ToDictionary(g => g, _ => 0.0);
        for (var i = 0; i < vectors.Count; i++)
        {
            var unit = Vectors.Normalize((float[])vectors[i].Clone());
            var sum = sums[groupOf[i]];
            double self = 0;
            for (var k = 0; k < dim; k++) { sum[k] += unit[k]; self += (double)unit[k] * unit[k]; }
            sizes[groupOf[i]]++;
            selfDots[groupOf[i]] += self; // 1 for a unit vector, 0 for an all-zero one
        }
        var between = new List<IReadOnlyList<double?>>();
        var within = new List<double?>();
        foreach (var a in groups)
        {
            var row = new List<double?>();
            foreach (var b in groups)
            {
                if (a == b)
                {
                    var n = sizes[a];
                    double? sd = n < 2 ? null : 1 - (Dot(sums[a], sums[a]) - selfDots[a]) / ((double)n * (n - 1));
                    row.Add(sd);
                }
                else row.Add(1 - Dot(sums[a], sums[b]) / ((double)sizes[a] * sizes[b]));
            }
            within.Add(row[groups.IndexOf(a)]);
            between.Add(row);
        }
        return new DiversityMatrix(dimension, groups, groups.Select(g => sizes[g]).ToList(), within, between);
    }

    private static double Dot(double[] a, double[] b)
    {
        double s = 0;
        for (var i = 0; i < a.Length; i++) s += a[i] * b[i];
        return s;
    }
}
