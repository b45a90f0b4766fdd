namespace Arena.Evaluation.Analysis;

/// <summary>Lookup structures over <see cref="PyRules.All"/>, built once: call and reference rules bucketed by
/// the last segment of their qualified-name patterns (patterns whose last segment has a wildcard go to a
/// small list checked for every name).</summary>
internal static class RuleIndex
{
    private static readonly Dictionary<string, List<(PyRule Rule, string Pattern)>> CallByLast = [];
    private static readonly List<(PyRule Rule, string Pattern)> CallWild = [];
    private static readonly Dictionary<string, List<(PyRule Rule, string Pattern)>> RefByLast = [];
    private static readonly List<(PyRule Rule, string Pattern)> RefWild = [];
    public static readonly List<PyRule> LiteralRules = [];
    public static readonly List<PyRule> ImportRules = [];
    /// <summary>Exact qualified names mentioned by rules (used to resolve names from <c>from m import *</c>).</summary>
    public static readonly HashSet<string> KnownExact = [];

    static RuleIndex()
    {
        foreach (var r in PyRules.All)
        {
            switch (r.Kind)
            {
                case RuleKind.Call: Add(CallByLast, CallWild, r); break;
                case RuleKind.Ref: Add(RefByLast, RefWild, r); break;
                case RuleKind.Literal: LiteralRules.Add(r); break;
                case RuleKind.Import: ImportRules.Add(r); break;
            }
        }
    }

    private static void Add(Dictionary<string, List<(PyRule, string)>> byLast, List<(PyRule, string)> wild, PyRule r)
    {
        foreach (var p in r.Targets)
        {
            if (!p.Contains('*')) KnownExact.Add(p);
            var last = p[(p.LastIndexOf('.') + 1)..];
            if (last.Contains('*')) { wild.Add((r, p)); continue; }
            if (!byLast.TryGetValue(last, out var l)) byLast[last] = l = [];
            l.Add((r, p));
        }
    }

    private static string Last(string qual) => qual[(qual.LastIndexOf('.') + 1)..];

    public static void CallCandidates(string qual, List<PyRule> into) => Candidates(CallByLast, CallWild, qual, into);
    public static void RefCandidates(string qual, List<PyRule> into) => Candidates(RefByLast, RefWild, qual, into);

    private static void Candidates(Dictionary<string, List<(PyRule, string)>> byLast, List<(PyRule, string)> wild, string qual, List<PyRule> into)
    {
        into.Clear();
        if (byLast.TryGetValue(Last(qual), out var l))
            foreach (var (r, p) in l)
                if (Matches(p, qual) && !into.Contains(r)) into.Add(r);
        foreach (var (r, p) in wild)
            if (Matches(p, qual) && !into.Contains(r)) into.Add(r);
    }

    /// <summary>"*.name": the name itself or any receiver; otherwise '*' matches any run of characters.</summary>
    public static bool Matches(string pattern, string text)
    {
        if (pattern.Length > 2 && pattern[0] == '*' && pattern[1] == '.' && pattern.IndexOf('*', 1) < 0)
        {
            var tail = pattern.AsSpan(2);
            return text.AsSpan().SequenceEqual(tail) || (text.Length > tail.Length && text[^(tail.Length + 1)] == '.' && text.AsSpan().EndsWith(tail));
        }
        if (pattern.IndexOf('*') < 0) return pattern == text;
        int p = 0, t = 0, star = -1, mark = 0;
        while (t < text.Length)
        {
            if (p < pattern.Length && pattern[p] != '*' && pattern[p] == text[t]) { p++; t++; }
            else if (p < pattern.Length && pattern[p] == '*') { star = p++; mark = t; }
            else if (star >= 0) { p = star + 1; t = ++mark; }
            else return false;
        }
        while (p < pattern.Length && pattern[p] == '*') p++;
        return p == pattern.Length;
    }
}
