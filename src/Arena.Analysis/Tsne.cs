namespace Arena.Analysis;

/// <param name="Perplexity">Effective number of neighbours (paper default 30); lowered to (n−1)/3 for tiny inputs.</param>
/// <param name="LearningRate">Null = max(n / exaggeration / 4, 50) (Belkina et al. 2019, as scikit-learn's "auto"): a fixed 200 overshoots on small maps.</param>
internal sealed record TsneOptions(double Perplexity = 30, int Iterations = 1000, int Seed = 1, double? LearningRate = null, int ExaggerationIterations = 250, double Exaggeration = 12);

/// <summary>
/// Exact t-SNE (van der Maaten &amp; Hinton 2008): Gaussian affinities calibrated to the perplexity by binary search,
/// Student-t similarities in 2-D, gradient descent with momentum, gains and early exaggeration. O(n²) per iteration,
/// so callers cap n (see <see cref="TournamentAnalysis"/>). Deterministic for a given seed; the rows run in parallel
/// but each row's sum is computed by one thread in a fixed order, so results do not depend on scheduling.
/// </summary>
internal static class Tsne
{
    public static double EffectivePerplexity(int n, double requested) => Math.Max(1, Math.Min(requested, (n - 1) / 3.0));

    public static double[][] Embed(IReadOnlyList<float[]> points, TsneOptions options, CancellationToken ct)
    {
        var n = points.Count;
        if (n == 0) return [];
        if (n == 1) return [[0, 0]];
        var distSq = SquaredDistances(points);
        var (conditional, _) = Affinities(distSq, n, EffectivePerplexity(n, options.Perplexity));
        var p = new double[n * n];
        for (var i = 0; i < n; i++)
            for (var j = 0; j < n; j++)
                p[i * n + j] = Math.Max((conditional[i * n + j] + conditional[j * n + i]) / (2.0 * n), 1e-12);

        var random = new Random(options.Seed);
        var y = new double[n * 2];
        for (var k = 0; k < y.Length; k++) y[k] = Gaussian(random) * 1e-4;
        var update = new double[n * 2];
        var gains = Enumerable.Repeat(1.0, n * 2).ToArray();
        var grad = new double[n * 2];
        var num = new double[n * n];
        var rowSums = new double[n];
        var learningRate = options.LearningRate ?? Math.Max(n / options.Exaggeration / 4, 50);

        for (var iter = 0; iter < options.Iterations; iter++)
        {
            ct.ThrowIfCancellationRequested();
            var exaggeration = iter < options.ExaggerationIterations ? options.Exaggeration : 1;
            var momentum = iter < options.ExaggerationIterations ? 0.5 : 0.8;
            Parallel.For(0, n, i =>
            {
                double sum = 0;
                for (var j = 0; j < n; j++)
                {
                    if (i == j) { num[i * n + j] = 0; continue; }
                    var dx = y[2 * i] - y[2 * j];
                    var dy = y[2 * i + 1] - y[2 * j + 1];
                    var q = 1 / (1 + dx * dx + dy * dy);
                    num[i * n + j] = q;
                    sum += q;
                }
                rowSums[i] = sum;
            });
            double z = 0;
            for (var i = 0; i < n; i++) z += rowSums[i];
            Parallel.For(0, n, i =>
            {
                double gx = 0, gy = 0;
                for (var j = 0; j < n; j++)
                {
                    var q = num[i * n + j];
                    var mult = (exaggeration * p[i * n + j] - q / z) * q;
                    gx += mult * (y[2 * i] - y[2 * j]);
                    gy += mult * (y[2 * i + 1] - y[2 * j + 1]);
                }
                grad[2 * i] = 4 * gx;
                grad[2 * i + 1] = 4 * gy;
            });
            for (var k = 0; k < y.Length; k++)
            {
                gains[k] = Math.Sign(grad[k]) != Math.Sign(update[k]) ? gains[k] + 0.2 : Math.Max(gains[k] * 0.8, 0.01);
                update[k] = momentum * update[k] - learningRate * gains[k] * grad[k];
                y[k] += update[k];
            }
            double mx = 0, my = 0;
            for (var i = 0; i < n; i++) { mx += y[2 * i]; my += y[2 * i + 1]; }
            mx /= n; my /= n;
            for (var i = 0; i < n; i++) { y[2 * i] -= mx; y[2 * i + 1] -= my; }
        }
        return Enumerable.Range(0, n).Select(i => new[] { y[2 * i], y[2 * i + 1] }).ToArray();
    }

    public static double[] SquaredDistances(IReadOnlyList<float[]> points)
    {
        var n = points.Count;
        var d = new double[n * n];
        Parallel.For(0, n, i =>
        {
            var a = points[i];
            for (var j = i + 1; j < n; j++)
            {
                var b = points[j];
                double s = 0;
                for (var k = 0; k < a.Length; k++) { var diff = (double)a[k] - b[k]; s += diff * diff; }
                d[i * n + j] = s;
                d[j * n + i] = s;
            }
        });
        return d;
    }

    /// <summary>
    /// Row-conditional p_{j|i} (row-major n×n) with each row's precision found by binary search so that its Shannon
    /// entropy (nats) equals ln(perplexity); returns the entropies reached, for checking.
    /// </summary>
    public static (double[] P, double[] Entropy) Affinities(double[] distSq, int n, double perplexity)
    {
        var p = new double[n * n];
        var entropy = new double[n];
        var target = Math.Log(perplexity);
        Parallel.For(0, n, i =>
        {
            var min = double.MaxValue;
            for (var j = 0; j < n; j++) if (j != i) min = Math.Min(min, distSq[i * n + j]);
            double beta = 1, lo = double.NegativeInfinity, hi = double.PositiveInfinity, h = 0;
            var row = new double[n];
            for (var step = 0; step < 200; step++)
            {
                double sum = 0, weighted = 0;
                for (var j = 0; j < n; j++)
                {
                    if (j == i) { row[j] = 0; continue; }
                    var shifted = distSq[i * n + j] - min; // shifting by the row minimum avoids underflow; P is unchanged
                    row[j] = Math.Exp(-shifted * beta);
                    sum += row[j];
                    weighted += shifted * row[j];
                }
                h = Math.Log(sum) + beta * weighted / sum;
                for (var j = 0; j < n; j++) row[j] /= sum;
                var diff = h - target;
                if (Math.Abs(diff) < 1e-6) break;
                if (diff > 0) { lo = beta; beta = double.IsPositiveInfinity(hi) ? beta * 2 : (beta + hi) / 2; }
                else { hi = beta; beta = double.IsNegativeInfinity(lo) ? beta / 2 : (beta + lo) / 2; }
            }
            Array.Copy(row, 0, p, i * n, n);
            entropy[i] = h;
        });
        return (p, entropy);
    }

    private static double Gaussian(Random random)
    {
        var u1 = 1 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
