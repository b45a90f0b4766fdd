using Arena.Evaluation.Analysis;

namespace Arena.Tests.Analysis;

public class RuleDocTests
{
    [Fact]
    public void Rules_md_lists_every_rule_with_its_category_and_severity()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir != null && !File.Exists(Path.Combine(dir.FullName, "src", "Arena.Evaluation", "Analysis", "RULES.md"))) dir = dir.Parent;
        Assert.NotNull(dir);
        var lines = File.ReadAllLines(Path.Combine(dir!.FullName, "src", "Arena.Evaluation", "Analysis", "RULES.md"));
        string? section = null;
        var listed = new Dictionary<string, (string Category, string Line)>();
        foreach (var l in lines)
        {
            if (l.StartsWith("### ")) section = l[4..].Trim();
            else if (l.StartsWith("| PY-") && section != null) listed[l.Split('|')[1].Trim()] = (section, l);
        }
        foreach (var r in PyRules.All)
        {
            Assert.True(listed.TryGetValue(r.Id, out var entry), $"{r.Id} missing from RULES.md");
            Assert.Equal(r.Category, entry.Category);
            Assert.Contains($"| {r.Severity} | {r.Confidence} |", entry.Line);
        }
        Assert.Equal(PyRules.All.Count, listed.Count);
    }
}
