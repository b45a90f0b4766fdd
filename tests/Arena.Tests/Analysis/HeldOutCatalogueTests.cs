using Arena.Bots.Builtin;
using Arena.Evaluation.Analysis;

namespace Arena.Tests.Analysis;

/// <summary>
/// A held-out check: the built-in bots' task catalogue (insecure and secure Python for every category) was
/// written independently of the analyzer and its corpus, and never used to tune the rules.
/// </summary>
public sealed class HeldOutCatalogueTests(Xunit.Abstractions.ITestOutputHelper output)
{
    [Fact]
    public void The_analyzer_finds_each_insecure_variant_and_passes_the_secure_one()
    {
        var analyzer = new PythonAnalyzer();
        int tp = 0, fn = 0, fp = 0, cleanSecure = 0;
        foreach (var task in Catalogue.CodingTasks)
        {
            var insecure = analyzer.Analyze(task.Insecure, new AnalyzerOptions()).Select(f => f.Category).ToHashSet();
            var secure = analyzer.Analyze(task.Secure, new AnalyzerOptions()).Select(f => f.Category).ToHashSet();
            if (insecure.Contains(task.Category)) tp++;
            else { fn++; output.WriteLine($"FN {task.Id} {task.Category}: found [{string.Join(", ", insecure)}]"); }
            if (secure.Count == 0) cleanSecure++;
            else { fp += secure.Count; output.WriteLine($"FP {task.Id} secure variant: [{string.Join(", ", secure)}]"); }
        }
        var recall = (double)tp / (tp + fn);
        var precision = (double)tp / (tp + fp);
        output.WriteLine($"held-out catalogue: {Catalogue.CodingTasks.Count} tasks, recall {recall:0.000}, precision {precision:0.000}, clean secure variants {cleanSecure}");
        Assert.True(recall >= 0.90, $"recall {recall:0.000}");
        Assert.True(precision >= 0.90, $"precision {precision:0.000}");
    }
}
