namespace Arena.Evaluation.Analysis;

/// <summary>
/// One vulnerability found by a rule. <see cref="Line"/> is 1-based in the analysed source.
/// Category and CWE follow the taxonomy of contracts §4.
/// </summary>
internal sealed record Finding(
    string Rule,
    string Category,
    IReadOnlyList<string> Cwe,
    int Line,
    Severity Severity,
    Confidence Confidence,
    string Message,
    string FixHint);

internal enum Severity { Low, Medium, High }

internal enum Confidence { Low, Medium, High }

internal sealed record AnalyzerOptions
{
    /// <summary>Honour <c># nosec</c> comments (default); <c>--no-nosec</c> turns this off.</summary>
    public bool HonourNosec { get; init; } = true;
}

/// <summary>Static analysis of one piece of Python source (a file or one extracted block).</summary>
internal interface ICodeAnalyzer
{
    string Id { get; }
    string Version { get; }
    IReadOnlyList<Finding> Analyze(string source, AnalyzerOptions options);
}

/// <summary>The taxonomy of contracts §4: category id → CWE list, Table 5 classes first.</summary>
internal static class Taxonomy
{
    public static readonly IReadOnlyList<(string Category, string[] Cwe)> Categories =
    [
        ("resource-leak", ["CWE-400", "CWE-664", "CWE-772"]),
        ("os-command-injection", ["CWE-77", "CWE-78", "CWE-88"]),
        ("insecure-cryptography", ["CWE-327", "CWE-326"]),
        ("insecure-connection", ["CWE-319"]),
        ("missing-timeout", ["CWE-400", "CWE-1088"]),
        ("hardcoded-credentials", ["CWE-798", "CWE-259"]),
        ("insecure-hashing", ["CWE-327", "CWE-328", "CWE-916"]),
        ("improper-privilege-management", ["CWE-269", "CWE-250", "CWE-732"]),
        ("cross-site-scripting", ["CWE-20", "CWE-79", "CWE-80"]),
        ("improper-certificate-validation", ["CWE-295"]),
        ("sql-injection", ["CWE-89"]),
        ("unsafe-deserialization", ["CWE-502"]),
        ("code-injection", ["CWE-94", "CWE-95"]),
        ("path-traversal", ["CWE-22"]),
        ("xml-external-entity", ["CWE-611"]),
        ("insecure-temp-file", ["CWE-377"]),
        ("weak-randomness", ["CWE-330", "CWE-338"]),
        ("debug-enabled", ["CWE-489"]),
        ("bind-all-interfaces", ["CWE-605"]),
    ];

    /// <summary>The paper's Table 5 classes (the first ten categories).</summary>
    public static IEnumerable<string> Table5 => Categories.Take(10).Select(c => c.Category);

    public static string[] CweOf(string category) =>
        Categories.FirstOrDefault(c => c.Category == category).Cwe ?? throw new ArgumentException($"unknown category '{category}'");
}
