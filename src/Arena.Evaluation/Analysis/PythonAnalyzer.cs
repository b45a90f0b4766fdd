using System.Text.RegularExpressions;

namespace Arena.Evaluation.Analysis;

/// <summary>
/// Managed Python vulnerability analyzer ("arena-pyscan"): error-tolerant tokenizer and parser, per-scope name
/// resolution (import aliases, constants, call results) and the rules of <see cref="PyRules"/> (listed in
/// RULES.md next to this file). Never throws; work is linear in the input size.
/// </summary>
internal sealed partial class PythonAnalyzer : ICodeAnalyzer
{
    /// <summary>Bumped whenever rules or their behaviour change; labels record it.</summary>
    public const string AnalyzerVersion = "1.12.2";

    private readonly IReadOnlyList<PyRule> _rules;

    public PythonAnalyzer() { _rules = PyRules.All; }

    public string Id => "arena-pyscan";
    public string Version => AnalyzerVersion;
    public IReadOnlyList<PyRule> Rules => _rules;

    [GeneratedRegex(@"#\s*nosec\b:?\s*([A-Za-z0-9_\-]+(?:\s*,\s*[A-Za-z0-9_\-]+)*)?", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NosecRx();

    public IReadOnlyList<Finding> Analyze(string source, AnalyzerOptions options)
    {
        if (string.IsNullOrEmpty(source)) return [];
        options ??= new AnalyzerOptions();
        List<Finding> found;
        Dictionary<int, string> comments;
        List<(int Start, int End)> logical;
        try
        {
            var module = PyParser.ParseModule(source, out comments, out var called, out logical);
            found = PyWalker.Run(module, called, comments);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Last-resort guard: analysis must never fail a labeling run. Control flow never relies on this.
            return [];
        }

        var byLine = new Dictionary<int, List<Finding>>();
        foreach (var f in found)
        {
            if (!byLine.TryGetValue(f.Line, out var l)) byLine[f.Line] = l = [];
            l.Add(f);
        }
        var result = new List<Finding>(found.Count);
        foreach (var f in found)
        {
            if (options.HonourNosec && comments.Count > 0 && SuppressedInStatement(f, comments, logical)) continue;
            if (Superseded(f, byLine[f.Line])) continue;
            result.Add(f);
        }
        result.Sort(static (a, b) => a.Line != b.Line ? a.Line.CompareTo(b.Line) : string.CompareOrdinal(a.Rule, b.Rule));
        return result;
    }

    /// <summary>A <c># nosec</c> on any physical line of the finding's logical line (multi-line calls) counts.</summary>
    private static bool SuppressedInStatement(Finding f, Dictionary<int, string> comments, List<(int Start, int End)> logical)
    {
        int start = f.Line, end = f.Line;
        int lo = 0, hi = logical.Count - 1;
        while (lo <= hi)
        {
            int mid = (lo + hi) / 2;
            var (s, e) = logical[mid];
            if (e < f.Line) lo = mid + 1;
            else if (s > f.Line) hi = mid - 1;
            else { start = s; end = e; break; }
        }
        for (int l = start; l <= end && l - start < 200; l++)
            if (comments.TryGetValue(l, out var c) && Suppressed(c, f)) return true;
        return false;
    }

    private static bool Superseded(Finding f, List<Finding> sameLine)
    {
        foreach (var g in sameLine)
        {
            if (ReferenceEquals(g, f)) continue;
            if (PyRules.ById.TryGetValue(g.Rule, out var r) && r.Supersedes.Contains(f.Rule)) return true;
        }
        return false;
    }

    /// <summary><c># nosec</c> suppresses everything on the line; <c># nosec PY-CMD-001,B602</c> only the listed
    /// rule ids (ours, or Bandit test ids mapped to our categories).</summary>
    internal static bool Suppressed(string comment, Finding f)
    {
        var m = NosecRx().Match(comment);
        if (!m.Success) return false;
        if (!m.Groups[1].Success) return true;
        foreach (var raw in m.Groups[1].Value.Split(','))
        {
            var id = raw.Trim();
            if (id.Length == 0) continue;
            if (string.Equals(id, f.Rule, StringComparison.OrdinalIgnoreCase)) return true;
            if (PyRules.BanditCategory.TryGetValue(id, out var cat) && cat == f.Category) return true;
            if (string.Equals(id, f.Category, StringComparison.OrdinalIgnoreCase)) return true;
        }
        return false;
    }
}
