namespace Arena.Core.Numerics;

/// <summary>Float vector math shared by the embedders, the analyses and embedding-based deduplication.</summary>
internal static class Vectors
{
    public static float[] Normalize(float[] v)
    {
        double sum = 0;
        foreach (var x in v) sum += (double)x * x;
        if (sum <= 0) return v;
        var inv = (float)(1 / Math.Sqrt(sum));
        for (var i = 0; i < v.Length; i++) v[i] *= inv;
        return v;
    }

    public static double Cosine(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        double dot = 0, na = 0, nb = 0;
        for (var i = 0; i < a.Length; i++) { dot += (double)a[i] * b[i]; na += (double)a[i] * a[i]; nb += (double)b[i] * b[i]; }
        return na == 0 || nb == 0 ? 0 : dot / Math.Sqrt(na * nb);
    }

    /// <summary>Dot product (SIMD); the cosine of two vectors already made unit-length by <see cref="Normalize"/>.</summary>
    public static double Dot(float[] a, float[] b)
    {
        var n = Math.Min(a.Length, b.Length);
        var width = System.Numerics.Vector<float>.Count;
        var acc = System.Numerics.Vector<float>.Zero;
        var i = 0;
        for (; i + width <= n; i += width)
            acc += new System.Numerics.Vector<float>(a, i) * new System.Numerics.Vector<float>(b, i);
        double dot = System.Numerics.Vector.Sum(acc);
        for (; i < n; i++) dot += a[i] * b[i];
        return dot;
    }
}
