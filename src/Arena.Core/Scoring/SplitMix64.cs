namespace Arena.Core.Scoring;

/// <summary>
/// A small, fast, seedable generator for bootstrap draws (tens of millions per run): SplitMix64, which passes
/// BigCrush. A seeded System.Random falls back to its slow legacy algorithm. Bounded draws use Lemire's
/// multiply-shift; the bias is below n / 2^32, far under bootstrap noise.
/// </summary>
internal struct SplitMix64(ulong seed)
{
    private ulong _state = seed;

    public static SplitMix64 ForRound(int seed, int round, int purpose) =>
        new(((ulong)(uint)seed << 32 | (uint)round) ^ ((ulong)(uint)purpose * 0x9E3779B97F4A7C15UL));

    public ulong Next()
    {
        var z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Uniform in [0, n).</summary>
    public int Next(int n) => (int)(((Next() >> 32) * (ulong)(uint)n) >> 32);
}
