using System.Text;

namespace Arena.Bots.Builtin;

/// <summary>
/// SplitMix64 seeded from (session seed, turn, purpose). Built-in bots must replay byte for byte,
/// so they never touch System.Random, the clock or string hash codes (randomized per process).
/// </summary>
internal struct SeededRng
{
    private ulong _state;

    public SeededRng(long seed, int turn, ulong purpose)
    {
        _state = (ulong)seed ^ ((ulong)(uint)turn * 0x9E3779B97F4A7C15UL) ^ (purpose * 0xD1B54A32D192ED03UL);
        // Warm up so nearby seeds diverge immediately.
        NextUInt64();
        NextUInt64();
    }

    public ulong NextUInt64()
    {
        ulong z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Uniform in [0, bound).</summary>
    public int Next(int bound) => bound <= 1 ? 0 : (int)(NextUInt64() % (ulong)bound);

    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    public bool Chance(double probability) => NextDouble() < probability;

    public T Pick<T>(IReadOnlyList<T> items) => items[Next(items.Count)];
}

/// <summary>Distinct purposes keep the random streams of one turn independent.</summary>
internal static class RngPurpose
{
    public const ulong Plan = 1;
    public const ulong Phrasing = 2;
    public const ulong Ending = 3;
    public const ulong Defender = 4;
    public const ulong Bandit = 5;
    public const ulong DefenderProse = 6;
}

/// <summary>Tiny writer for the flat metadata objects; avoids serializer overhead on the hot path.</summary>
internal sealed class MetaJson
{
    private readonly StringBuilder _sb = new("{");

    public MetaJson Add(string key, string? value)
    {
        if (value is null) return this;
        Separator();
        Quote(key);
        _sb.Append(':');
        Quote(value);
        return this;
    }

    public MetaJson Add(string key, int value)
    {
        Separator();
        Quote(key);
        _sb.Append(':').Append(value);
        return this;
    }

    public override string ToString() => _sb.ToString() + "}";

    private void Separator()
    {
        if (_sb.Length > 1) _sb.Append(',');
    }

    private void Quote(string text)
    {
        _sb.Append('"');
        foreach (char c in text)
        {
            switch (c)
            {
                case '"': _sb.Append("\\\""); break;
                case '\\': _sb.Append("\\\\"); break;
                case '\n': _sb.Append("\\n"); break;
                case '\r': _sb.Append("\\r"); break;
                case '\t': _sb.Append("\\t"); break;
                default:
                    if (c < 0x20) _sb.Append("\\u").Append(((int)c).ToString("x4"));
                    else _sb.Append(c);
                    break;
            }
        }
        _sb.Append('"');
    }
}

internal static class TextScan
{
    public const string Fence = "```";

    /// <summary>Counts how many of the phrases occur in an already lower-cased text.</summary>
    public static int CountHits(string lowerText, IReadOnlyList<string> phrases)
    {
        int hits = 0;
        foreach (string phrase in phrases)
            if (lowerText.Contains(phrase, StringComparison.Ordinal)) hits++;
        return hits;
    }

    public static bool ContainsAny(string lowerText, IReadOnlyList<string> phrases)
    {
        foreach (string phrase in phrases)
            if (lowerText.Contains(phrase, StringComparison.Ordinal)) return true;
        return false;
    }

    /// <summary>The text outside ``` fences: classifiers judge what the user asks, not code they paste.</summary>
    public static string ProseOnly(string text)
    {
        int first = text.IndexOf(Fence, StringComparison.Ordinal);
        if (first < 0) return text;
        var sb = new StringBuilder(text.Length);
        int pos = 0;
        bool inCode = false;
        while (pos < text.Length)
        {
            int next = text.IndexOf(Fence, pos, StringComparison.Ordinal);
            if (next < 0)
            {
                if (!inCode) sb.Append(text, pos, text.Length - pos);
                break;
            }
            if (!inCode) sb.Append(text, pos, next - pos).Append(' ');
            inCode = !inCode;
            pos = next + Fence.Length;
        }
        return sb.ToString();
    }

    /// <summary>Concatenated contents of all ``` fences (an unterminated fence runs to the end).</summary>
    public static string CodeOnly(string text)
    {
        int first = text.IndexOf(Fence, StringComparison.Ordinal);
        if (first < 0) return "";
        var sb = new StringBuilder();
        int pos = first + Fence.Length;
        while (pos < text.Length)
        {
            int next = text.IndexOf(Fence, pos, StringComparison.Ordinal);
            int end = next < 0 ? text.Length : next;
            sb.Append(text, pos, end - pos).Append('\n');
            if (next < 0) break;
            int reopen = text.IndexOf(Fence, next + Fence.Length, StringComparison.Ordinal);
            if (reopen < 0) break;
            pos = reopen + Fence.Length;
        }
        return sb.ToString();
    }

    public static string Capitalize(string text) =>
        text.Length == 0 || char.IsUpper(text[0]) ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
