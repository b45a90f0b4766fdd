namespace Arena.Analysis.Embeddings;

/// <summary>An embedding backend could not be started or failed; the message says which and why (incl. captured stderr).</summary>
internal sealed class EmbeddingBackendException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>A float vector helper shared by the embedders and the analyses.</summary>
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
}
