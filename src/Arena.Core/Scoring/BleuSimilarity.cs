using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace Arena.Core.Scoring;

/// <summary>
/// Attack diversity (contracts §5): sentence BLEU-4 exactly as NLTK's <c>sentence_bleu</c> with
/// <c>SmoothingFunction().method1</c> (ε = 0.1), uniform weights and NLTK's brevity penalty, on tokens of
/// <c>re.findall(r"\w+|[^\w\s]", text.lower())</c>. Checked against vectors NLTK produced
/// (tests/Arena.Tests/Scoring/make_bleu_vectors.py).
/// </summary>
internal static class BleuSimilarity
{
    public const int MaxOrder = 4;
    private const double Epsilon = 0.1;

    /// <summary>Python's <c>re.findall(r"\w+|[^\w\s]", text.lower())</c>, code point by code point.</summary>
    // Runs once per process on large inputs: skip tier-0 code.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static List<string> Tokenize(string text)
    {
        var tokens = new List<string>();
        var word = new StringBuilder();
        Span<char> utf16 = stackalloc char[2];
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c < 0x80)
            {
                // ASCII fast path: same classes as below, without Rune work or allocation.
                if (c is >= 'a' and <= 'z' or >= '0' and <= '9' or '_') { word.Append(c); continue; }
                if (c is >= 'A' and <= 'Z') { word.Append((char)(c | 0x20)); continue; }
                FlushWord(tokens, word);
                if (!(c is ' ' or >= '\t' and <= '\r' or >= '\x1C' and <= '\x1F')) tokens.Add(AsciiToken(c));
                continue;
            }
            if (Rune.DecodeFromUtf16(text.AsSpan(i), out var raw, out var consumed) != System.Buffers.OperationStatus.Done)
            {
                raw = Rune.ReplacementChar;
                consumed = 1;
            }
            i += consumed - 1;
            // Python's str.lower() uses the full mapping: only U+0130 lower-cases to two code points.
            if (raw.Value == 0x130)
            {
                word.Append('i');
                FlushWord(tokens, word);
                tokens.Add("\u0307"); // a combining mark: neither \w nor \s, so a token of its own
                continue;
            }
            var r = Rune.ToLowerInvariant(raw);
            var length = r.EncodeToUtf16(utf16);
            if (IsWord(r))
            {
                word.Append(utf16[..length]);
                continue;
            }
            FlushWord(tokens, word);
            if (!IsSpace(r)) tokens.Add(new string(utf16[..length]));
        }
        FlushWord(tokens, word);
        return tokens;
    }

    private static readonly string[] AsciiTokens = Enumerable.Range(0, 128).Select(c => ((char)c).ToString()).ToArray();

    private static string AsciiToken(char c) => AsciiTokens[c];

    private static void FlushWord(List<string> tokens, StringBuilder word)
    {
        if (word.Length == 0) return;
        tokens.Add(word.ToString());
        word.Clear();
    }

    // Python's \w on str: str.isalnum() (letters and every numeric category, not combining marks) or '_'.
    private static bool IsWord(Rune r) => r.Value == '_' || Rune.GetUnicodeCategory(r) switch
    {
        UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
            or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter
            or UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber => true,
        _ => false,
    };

    // Python's \s on str also counts the information separators U+001C..U+001F.
    private static bool IsSpace(Rune r) => Rune.IsWhiteSpace(r) || r.Value is >= 0x1C and <= 0x1F;

    /// <summary>NLTK's sentence BLEU of one hypothesis against one reference; 0 when either has no tokens.</summary>
    public static double SentenceBleu(string hypothesis, string reference)
    {
        var c = BleuCorpus.Build([hypothesis, reference]);
        return c.Bleu(0, 1);
    }

    /// <summary>Mean of BLEU(a | ref b) and BLEU(b | ref a).</summary>
    public static double Similarity(string a, string b) => BleuCorpus.Build([a, b]).Similarity(0, 1);

    /// <summary>100 × (1 − mean pairwise similarity); 100 when fewer than two texts.</summary>
    public static double Diversity(IReadOnlyList<string> texts)
    {
        if (texts.Count < 2) return 100;
        var corpus = BleuCorpus.Build(texts);
        var m = corpus.SimilarityMatrix();
        double sum = 0;
        for (var i = 0; i < texts.Count; i++)
            for (var j = i + 1; j < texts.Count; j++)
                sum += m[i * texts.Count + j];
        var pairs = (double)texts.Count * (texts.Count - 1) / 2;
        return 100 * (1 - sum / pairs);
    }

    /// <summary>
    /// Diversity of a multiset drawn from texts whose similarity matrix is <paramref name="matrix"/> (n × n, zero
    /// diagonal): <paramref name="multiplicity"/>[i] copies of text i. Pairs of copies of the same text are skipped: a
    /// bootstrap that draws a conversation twice did not observe a repeated attack, so the self-similarity of 1 would
    /// only bias diversity down. The mean weights each pair of distinct texts by the product of their multiplicities;
    /// 100 when fewer than two distinct texts are present.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double Diversity(ReadOnlySpan<double> matrix, int n, ReadOnlySpan<double> multiplicity)
    {
        if (n < 2) return 100;
        // Σ_{i<j} m_i m_j s_ij = ½ Σ_i m_i (row_i · m) because the diagonal is 0; rows are dense dot products.
        double twiceWeighted = 0, sum = 0, sumSquares = 0;
        var distinct = 0;
        for (var i = 0; i < n; i++)
        {
            var mi = multiplicity[i];
            if (mi == 0) continue;
            distinct++;
            sum += mi;
            sumSquares += mi * mi;
            twiceWeighted += mi * Dot(matrix.Slice(i * n, n), multiplicity);
        }
        if (distinct < 2) return 100;
        var weights = (sum * sum - sumSquares) / 2;
        return 100 * (1 - twiceWeighted / 2 / weights);
    }

    private static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        var acc = System.Numerics.Vector<double>.Zero;
        var width = System.Numerics.Vector<double>.Count;
        var k = 0;
        for (; k <= a.Length - width; k += width)
            acc += new System.Numerics.Vector<double>(a.Slice(k, width)) * new System.Numerics.Vector<double>(b.Slice(k, width));
        var total = System.Numerics.Vector.Sum(acc);
        for (; k < a.Length; k++) total += a[k] * b[k];
        return total;
    }

    internal static double BleuFromCounts(int hypLength, int refLength, ReadOnlySpan<int> overlap)
    {
        if (hypLength == 0 || refLength == 0 || overlap[0] == 0) return 0;
        double logSum = 0;
        for (var n = 1; n <= MaxOrder; n++)
        {
            // NLTK: denominator = max(1, hypothesis n-grams); method1 adds ε to a zero numerator.
            var denominator = Math.Max(1, hypLength - n + 1);
            var numerator = overlap[n - 1];
            var p = numerator == 0 ? Epsilon / denominator : (double)numerator / denominator;
            logSum += 0.25 * Math.Log(p);
        }
        var brevity = hypLength > refLength ? 1.0 : Math.Exp(1 - (double)refLength / hypLength);
        return brevity * Math.Exp(logSum);
    }
}

/// <summary>
/// Texts turned once into n-gram count profiles over a shared vocabulary (n-grams numbered exactly, no hashing),
/// so any pair's BLEU is a merge of sorted id arrays and never re-tokenizes.
/// </summary>
internal sealed class BleuCorpus
{
    private readonly Profile[] _profiles;
    private readonly int[] _distinct; // distinct n-grams per order over the corpus: ids are 0..count−1

    private BleuCorpus(Profile[] profiles, int[] distinct)
    {
        _profiles = profiles;
        _distinct = distinct;
    }

    public int Count => _profiles.Length;

    public int TokenCount(int i) => _profiles[i].Length;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static BleuCorpus Build(IReadOnlyList<string> texts)
    {
        var tokenized = texts.Select(BleuSimilarity.Tokenize).ToArray();
        var total = tokenized.Sum(t => t.Count);
        var vocabulary = new Dictionary<string, int>(StringComparer.Ordinal);
        // Order n's n-gram id = id of (order n−1 prefix id, last token id); one table per order keeps ids exact.
        // Presized: most 3- and 4-grams are new, and rehashing would dominate the build.
        var extend = new IdTable[BleuSimilarity.MaxOrder - 1];
        for (var i = 0; i < extend.Length; i++) extend[i] = new IdTable(total);
        var profiles = new Profile[texts.Count];
        for (var t = 0; t < texts.Count; t++)
        {
            var tokens = tokenized[t];
            var ids = new int[tokens.Count];
            for (var k = 0; k < tokens.Count; k++)
            {
                if (!vocabulary.TryGetValue(tokens[k], out var id)) vocabulary[tokens[k]] = id = vocabulary.Count;
                ids[k] = id;
            }
            var orders = new (int[] Keys, int[] Counts)[BleuSimilarity.MaxOrder];
            var current = ids;
            orders[0] = CountSorted(current);
            for (var n = 2; n <= BleuSimilarity.MaxOrder; n++)
            {
                var table = extend[n - 2];
                var next = new int[Math.Max(0, current.Length - 1)];
                for (var k = 0; k < next.Length; k++)
                {
                    next[k] = table.IdOf(((ulong)(uint)current[k] << 32) | (uint)ids[k + n - 1]);
                }
                orders[n - 1] = CountSorted(next);
                current = next;
            }
            profiles[t] = new Profile(ids.Length, orders);
        }
        return new BleuCorpus(profiles, [vocabulary.Count, .. extend.Select(t => t.Count)]);
    }

    private static (int[] Keys, int[] Counts) CountSorted(int[] ids)
    {
        if (ids.Length == 0) return ([], []);
        var sorted = (int[])ids.Clone();
        Array.Sort(sorted);
        var keys = new int[sorted.Length];
        var counts = new int[sorted.Length];
        var distinct = 0;
        for (var k = 0; k < sorted.Length; k++)
        {
            if (k > 0 && sorted[k] == sorted[k - 1]) counts[distinct - 1]++;
            else { keys[distinct] = sorted[k]; counts[distinct++] = 1; }
        }
        return (keys[..distinct], counts[..distinct]);
    }

    /// <summary>Clipped n-gram matches; symmetric, so one merge serves BLEU in both directions.</summary>
    private void Overlap(int a, int b, Span<int> overlap)
    {
        var pa = _profiles[a];
        var pb = _profiles[b];
        for (var n = 0; n < BleuSimilarity.MaxOrder; n++)
        {
            var (ka, ca) = pa.Orders[n];
            var (kb, cb) = pb.Orders[n];
            int i = 0, j = 0, sum = 0;
            while (i < ka.Length && j < kb.Length)
            {
                var x = ka[i];
                var y = kb[j];
                if (x == y) { sum += Math.Min(ca[i], cb[j]); i++; j++; }
                else if (x < y) i++;
                else j++;
            }
            overlap[n] = sum;
            if (sum == 0)
            {
                // No match at order n means none at any higher order.
                for (var m = n + 1; m < BleuSimilarity.MaxOrder; m++) overlap[m] = 0;
                return;
            }
        }
    }

    public double Bleu(int hypothesis, int reference)
    {
        Span<int> overlap = stackalloc int[BleuSimilarity.MaxOrder];
        Overlap(hypothesis, reference, overlap);
        return BleuSimilarity.BleuFromCounts(_profiles[hypothesis].Length, _profiles[reference].Length, overlap);
    }

    public double Similarity(int a, int b)
    {
        Span<int> overlap = stackalloc int[BleuSimilarity.MaxOrder];
        Overlap(a, b, overlap);
        var la = _profiles[a].Length;
        var lb = _profiles[b].Length;
        return (BleuSimilarity.BleuFromCounts(la, lb, overlap) + BleuSimilarity.BleuFromCounts(lb, la, overlap)) / 2;
    }

    /// <summary>Row-major n × n pairwise similarities (symmetric; the diagonal is left 0 and never used).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public double[] SimilarityMatrix()
    {
        var n = Count;
        var overlaps = new int[BleuSimilarity.MaxOrder][];
        Parallel.For(0, BleuSimilarity.MaxOrder, order => overlaps[order] = OverlapMatrix(order));
        var m = new double[n * n];
        Parallel.For(0, n, i =>
        {
            Span<int> overlap = stackalloc int[BleuSimilarity.MaxOrder];
            var li = _profiles[i].Length;
            for (var j = i + 1; j < n; j++)
            {
                for (var k = 0; k < overlap.Length; k++) overlap[k] = overlaps[k][i * n + j];
                var lj = _profiles[j].Length;
                var s = (BleuSimilarity.BleuFromCounts(li, lj, overlap) + BleuSimilarity.BleuFromCounts(lj, li, overlap)) / 2;
                m[i * n + j] = s;
                m[j * n + i] = s;
            }
        });
        return m;
    }

    /// <summary>
    /// Clipped matches of one order for every pair at once, through an inverted index: an n-gram only costs work for
    /// the pairs of texts that share it, and most 3- and 4-grams occur in a single text. Upper triangle, row-major.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int[] OverlapMatrix(int order)
    {
        var n = Count;
        var start = new int[_distinct[order] + 1];
        foreach (var p in _profiles)
            foreach (var key in p.Orders[order].Keys) start[key + 1]++;
        for (var k = 1; k < start.Length; k++) start[k] += start[k - 1];
        var texts = new int[start[^1]];
        var counts = new int[start[^1]];
        var fill = (int[])start.Clone();
        for (var i = 0; i < n; i++)
        {
            var (keys, c) = _profiles[i].Orders[order];
            for (var k = 0; k < keys.Length; k++)
            {
                var at = fill[keys[k]]++;
                texts[at] = i; // ascending i, so every posting pair lands in the upper triangle
                counts[at] = c[k];
            }
        }
        var overlap = new int[n * n];
        for (var key = 0; key < start.Length - 1; key++)
        {
            var end = start[key + 1];
            for (var a = start[key]; a < end - 1; a++)
            {
                var row = texts[a] * n;
                var ca = counts[a];
                for (var b = a + 1; b < end; b++)
                    overlap[row + texts[b]] += Math.Min(ca, counts[b]);
            }
        }
        return overlap;
    }

    private sealed record Profile(int Length, (int[] Keys, int[] Counts)[] Orders);

    /// <summary>
    /// Dense ids for 64-bit n-gram keys: open addressing with linear probing. Several times faster than a
    /// Dictionary here, where nearly every 3- and 4-gram is new and the table never needs to grow.
    /// </summary>
    private sealed class IdTable
    {
        private readonly ulong[] _keys;
        private readonly int[] _ids; // id + 1; 0 = empty slot
        private readonly int _mask;

        public IdTable(int maxKeys)
        {
            var size = (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Math.Max(16, maxKeys * 2));
            _keys = new ulong[size];
            _ids = new int[size];
            _mask = size - 1;
        }

        public int Count { get; private set; }

        public int IdOf(ulong key)
        {
            var slot = (int)((key * 0x9E3779B97F4A7C15UL) >> 40) & _mask;
            while (true)
            {
                var id = _ids[slot];
                if (id == 0)
                {
                    _keys[slot] = key;
                    _ids[slot] = ++Count;
                    return Count - 1;
                }
                if (_keys[slot] == key) return id - 1;
                slot = (slot + 1) & _mask;
            }
        }
    }
}
