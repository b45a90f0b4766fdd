using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Arena.Evaluation.Analysis.Quality;

/// <summary>One labelled case of the analyzer corpus (one line of <c>manifest.jsonl</c>).</summary>
/// <param name="File">Path relative to the corpus directory, '/'-separated.</param>
/// <param name="Categories">Every category a correct analyzer must report for the file; empty for a safe case.</param>
/// <param name="Lines">1-based lines of the primary vulnerability (informational; scoring is per file).</param>
/// <param name="Kind"><c>file</c> (a complete program that parses) or <c>fragment</c> (chat snippet, may not parse).</param>
internal sealed record CorpusCase(
    [property: JsonPropertyName("file")] string File,
    [property: JsonPropertyName("categories")] IReadOnlyList<string> Categories,
    [property: JsonPropertyName("lines")] IReadOnlyList<int> Lines,
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("note")] string Note);

/// <param name="LineHits">True positives where a finding of the category sits on one of the labelled lines.</param>
internal sealed record CategoryScore(string Category, bool Table5, int Tp, int Fp, int Fn, int LineHits, double Precision, double Recall);

/// <param name="Kind"><c>FP</c> (reported, not expected) or <c>FN</c> (expected, not reported).</param>
/// <param name="Lines">FP: lines the analyzer reported for the category; FN: the labelled lines.</param>
internal sealed record CorpusMiss(string File, string Category, string Kind, IReadOnlyList<int> Lines);

internal sealed record CorpusReport(
    int Files,
    IReadOnlyList<CategoryScore> Categories,
    int Tp,
    int Fp,
    int Fn,
    double Precision,
    double Recall,
    IReadOnlyList<CorpusMiss> Misses);

/// <summary>
/// Scores an <see cref="ICodeAnalyzer"/> against the labelled corpus (tests/Arena.Tests/Analysis/Corpus).
/// Scoring is per (file, category): the set of categories the analyzer reports for a file is compared with the
/// manifest's expected set. TP = expected and reported, FP = reported but not expected, FN = expected but not reported;
/// several findings of one category in one file count once. Findings with a category outside the taxonomy count as FP.
/// Precision = TP / (TP + FP); when TP + FP = 0 it is 1 if FN = 0 (nothing expected, nothing reported) and 0 otherwise
/// (a category the analyzer never reports although the corpus expects it must not pass on precision).
/// Recall = TP / (TP + FN), 1 when TP + FN = 0. Overall figures are micro-averaged over all (file, category) pairs.
/// </summary>
internal static class CorpusScore
{
    public const string ManifestName = "manifest.jsonl";

    public static IReadOnlyList<CorpusCase> LoadManifest(string corpusDir)
    {
        var path = Path.Combine(corpusDir, ManifestName);
        var cases = new List<CorpusCase>();
        var lineNo = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNo++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            var c = JsonSerializer.Deserialize<CorpusCase>(line)
                    ?? throw new InvalidDataException($"{path}:{lineNo}: empty manifest entry");
            if (string.IsNullOrEmpty(c.File) || c.Categories is null || c.Lines is null || c.Kind is not ("file" or "fragment"))
                throw new InvalidDataException($"{path}:{lineNo}: manifest entry needs file, categories, lines and kind file|fragment");
            cases.Add(c);
        }
        return cases;
    }

    public static string ReadCase(string corpusDir, CorpusCase c) =>
        File.ReadAllText(Path.Combine(corpusDir, c.File.Replace('/', Path.DirectorySeparatorChar)));

    public static CorpusReport Score(ICodeAnalyzer analyzer, string corpusDir) => Score(analyzer, corpusDir, new AnalyzerOptions());

    public static CorpusReport Score(ICodeAnalyzer analyzer, string corpusDir, AnalyzerOptions options)
    {
        var cases = LoadManifest(corpusDir);
        var known = Taxonomy.Categories.Select(c => c.Category).ToList();
        var tp = known.ToDictionary(c => c, _ => 0);
        var fp = known.ToDictionary(c => c, _ => 0);
        var fn = known.ToDictionary(c => c, _ => 0);
        var lineHits = known.ToDictionary(c => c, _ => 0);
        var misses = new List<CorpusMiss>();
        var unknownFp = 0;

        foreach (var c in cases)
        {
            var findings = analyzer.Analyze(ReadCase(corpusDir, c), options);
            var reported = findings.GroupBy(f => f.Category)
                .ToDictionary(g => g.Key, g => (IReadOnlyList<int>)g.Select(f => f.Line).Distinct().Order().ToList());
            foreach (var expected in c.Categories.Distinct())
            {
                if (reported.TryGetValue(expected, out var lines))
                {
                    tp[expected]++;
                    if (c.Lines.Count == 0 || lines.Any(c.Lines.Contains)) lineHits[expected]++;
                }
                else
                {
                    fn[expected]++;
                    misses.Add(new CorpusMiss(c.File, expected, "FN", c.Lines));
                }
            }
            foreach (var (category, lines) in reported)
            {
                if (c.Categories.Contains(category)) continue;
                if (fp.ContainsKey(category)) fp[category]++;
                else unknownFp++;
                misses.Add(new CorpusMiss(c.File, category, "FP", lines));
            }
        }

        var table5 = Taxonomy.Table5.ToHashSet();
        var rows = known.Select(k => new CategoryScore(k, table5.Contains(k), tp[k], fp[k], fn[k], lineHits[k],
            Precision(tp[k], fp[k], fn[k]), Recall(tp[k], fn[k]))).ToList();
        int sumTp = tp.Values.Sum(), sumFp = fp.Values.Sum() + unknownFp, sumFn = fn.Values.Sum();
        return new CorpusReport(cases.Count, rows, sumTp, sumFp, sumFn,
            Precision(sumTp, sumFp, sumFn), Recall(sumTp, sumFn),
            misses.OrderBy(m => m.File, StringComparer.Ordinal).ThenBy(m => m.Category, StringComparer.Ordinal).ToList());
    }

    public static double Precision(int tp, int fp, int fn) => tp + fp == 0 ? (fn == 0 ? 1.0 : 0.0) : (double)tp / (tp + fp);

    public static double Recall(int tp, int fn) => tp + fn == 0 ? 1.0 : (double)tp / (tp + fn);

    /// <summary>A text table, one line per category (Table 5 classes marked *), the micro average, then the misses.</summary>
    public static string Format(CorpusReport report, double target = 0.90)
    {
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.AppendLine(inv, $"corpus: {report.Files} files; target precision and recall >= {target:0.00} overall and per Table 5 class (*)");
        sb.AppendLine(inv, $"{"category",-33} {"TP",4} {"FP",4} {"FN",4} {"line",5} {"prec",6} {"recall",6}  verdict");
        foreach (var r in report.Categories)
        {
            var pass = r.Precision >= target && r.Recall >= target;
            var verdict = r.Table5 ? (pass ? "PASS" : "FAIL") : (pass ? "ok" : "below");
            sb.AppendLine(inv, $"{(r.Table5 ? "* " : "  ") + r.Category,-33} {r.Tp,4} {r.Fp,4} {r.Fn,4} {r.LineHits,5} {r.Precision,6:0.000} {r.Recall,6:0.000}  {verdict}");
        }
        var overall = report.Precision >= target && report.Recall >= target;
        sb.AppendLine(inv, $"{"overall (micro)",-33} {report.Tp,4} {report.Fp,4} {report.Fn,4} {"",5} {report.Precision,6:0.000} {report.Recall,6:0.000}  {(overall ? "PASS" : "FAIL")}");
        if (report.Misses.Count > 0)
        {
            sb.AppendLine(inv, $"misses ({report.Misses.Count}):");
            foreach (var m in report.Misses)
                sb.AppendLine(inv, $"  {m.Kind} {m.Category,-31} {m.File}{(m.Lines.Count > 0 ? ":" + string.Join(",", m.Lines) : "")}");
        }
        return sb.ToString();
    }

    /// <summary>True when overall and every Table 5 class reach the target on both precision and recall.</summary>
    public static bool Passes(CorpusReport report, double target = 0.90) =>
        report.Precision >= target && report.Recall >= target &&
        report.Categories.Where(r => r.Table5).All(r => r.Precision >= target && r.Recall >= target);
}
