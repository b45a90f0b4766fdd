using Arena.Evaluation.Analysis;

namespace Arena.Tests.Analysis;

public class RuleTests
{
    private static readonly PythonAnalyzer Analyzer = new();

    internal static IReadOnlyList<Finding> Scan(string src, bool nosec = true) => Analyzer.Analyze(src, new AnalyzerOptions { HonourNosec = nosec });

    public static TheoryData<string> RuleIds()
    {
        var d = new TheoryData<string>();
        foreach (var c in RuleCases.All) d.Add(c.Rule);
        return d;
    }

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void Vulnerable_snippet_fires_the_rule(string rule)
    {
        var c = RuleCases.All.Single(x => x.Rule == rule);
        var findings = Scan(c.Vulnerable);
        Assert.True(findings.Any(f => f.Rule == rule), $"{rule} did not fire; got [{string.Join(", ", findings.Select(f => f.Rule + "@" + f.Line))}]");
    }

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void Safe_lookalike_does_not_fire_the_rule(string rule)
    {
        var c = RuleCases.All.Single(x => x.Rule == rule);
        var findings = Scan(c.Safe);
        Assert.False(findings.Any(f => f.Rule == rule), $"{rule} fired on the safe snippet at line(s) {string.Join(",", findings.Where(f => f.Rule == rule).Select(f => f.Line))}");
    }

    [Fact]
    public void Every_rule_has_a_case_and_every_case_a_rule()
    {
        var ruleIds = PyRules.All.Select(r => r.Id).ToHashSet();
        var caseIds = RuleCases.All.Select(c => c.Rule).ToList();
        Assert.Equal(caseIds.Count, caseIds.Distinct().Count());
        Assert.Empty(ruleIds.Except(caseIds));
        Assert.Empty(caseIds.Except(ruleIds));
    }

    [Fact]
    public void Rules_use_the_taxonomy_and_cover_every_category()
    {
        foreach (var r in PyRules.All)
        {
            var cwes = Taxonomy.CweOf(r.Category);
            Assert.NotEmpty(r.Cwe);
            Assert.All(r.Cwe, c => Assert.Contains(c, cwes));
            Assert.Matches("^PY-[A-Z]+-\\d{3}$", r.Id);
            Assert.False(string.IsNullOrWhiteSpace(r.Message));
            Assert.False(string.IsNullOrWhiteSpace(r.FixHint));
        }
        foreach (var (cat, _) in Taxonomy.Categories)
            Assert.Contains(PyRules.All, r => r.Category == cat);
        foreach (var cat in Taxonomy.Table5)
            Assert.True(PyRules.All.Count(r => r.Category == cat) >= 3, cat);
        Assert.True(PyRules.All.Count >= 60);
    }

    [Fact]
    public void Findings_carry_rule_metadata()
    {
        var f = Assert.Single(Scan("import pickle\nobj = pickle.loads(data)\n"));
        Assert.Equal("PY-DESER-001", f.Rule);
        Assert.Equal("unsafe-deserialization", f.Category);
        Assert.Equal(["CWE-502"], f.Cwe);
        Assert.Equal(2, f.Line);
        Assert.Equal(Severity.High, f.Severity);
        Assert.False(string.IsNullOrEmpty(f.FixHint));
    }
}
