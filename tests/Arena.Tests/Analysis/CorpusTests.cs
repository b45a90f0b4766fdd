using Arena.Evaluation.Analysis;
using Arena.Evaluation.Analysis.Quality;

namespace Arena.Tests.Analysis;

/// <summary>The labelled analyzer corpus (Analysis/Corpus, copied to the test output) and the analyzer's score on it.</summary>
public class CorpusTests
{
    private static readonly string CorpusDir = Path.Combine(AppContext.BaseDirectory, "Analysis", "Corpus");
    private const double Target = 0.90;

    [Fact]
    public void Manifest_is_consistent_with_the_files_and_the_taxonomy()
    {
        var cases = CorpusScore.LoadManifest(CorpusDir);
        var known = Taxonomy.Categories.Select(c => c.Category).ToHashSet();
        var errors = new List<string>();

        foreach (var dup in cases.GroupBy(c => c.File).Where(g => g.Count() > 1))
            errors.Add($"{dup.Key}: listed {dup.Count()} times");
        foreach (var c in cases)
        {
            if (!File.Exists(Path.Combine(CorpusDir, c.File)))
                errors.Add($"{c.File}: listed but missing");
            var parts = c.File.Split('/');
            if (parts.Length != 2 || !known.Contains(parts[0]))
                errors.Add($"{c.File}: not in a <category>/ folder");
            var name = parts[^1];
            var vulnerable = name.StartsWith("vuln-", StringComparison.Ordinal);
            if (!vulnerable && !name.StartsWith("safe-", StringComparison.Ordinal))
                errors.Add($"{c.File}: name must start with vuln- or safe-");
            foreach (var cat in c.Categories.Where(x => !known.Contains(x)))
                errors.Add($"{c.File}: unknown category '{cat}'");
            if (vulnerable && !c.Categories.Contains(parts[0]))
                errors.Add($"{c.File}: vulnerable case must list its folder's category");
            if (vulnerable && c.Lines.Count == 0)
                errors.Add($"{c.File}: vulnerable case needs the lines of the primary vulnerability");
            if (!vulnerable && (c.Categories.Count > 0 || c.Lines.Count > 0))
                errors.Add($"{c.File}: safe case must have no categories and no lines");
            if (string.IsNullOrWhiteSpace(c.Note))
                errors.Add($"{c.File}: note missing");
            if (File.Exists(Path.Combine(CorpusDir, c.File)))
            {
                var lineCount = File.ReadAllLines(Path.Combine(CorpusDir, c.File)).Length;
                foreach (var l in c.Lines.Where(l => l < 1 || l > lineCount))
                    errors.Add($"{c.File}: line {l} outside 1..{lineCount}");
            }
        }

        var listed = cases.Select(c => c.File).ToHashSet();
        foreach (var py in Directory.EnumerateFiles(CorpusDir, "*.py", SearchOption.AllDirectories))
        {
            var rel = Path.GetRelativePath(CorpusDir, py).Replace(Path.DirectorySeparatorChar, '/');
            if (!listed.Contains(rel)) errors.Add($"{rel}: not in the manifest");
        }

        var table5 = Taxonomy.Table5.ToHashSet();
        foreach (var cat in known)
        {
            var inFolder = cases.Where(c => c.File.StartsWith(cat + "/", StringComparison.Ordinal)).ToList();
            var vuln = inFolder.Count(c => c.Categories.Count > 0);
            var safe = inFolder.Count - vuln;
            var min = table5.Contains(cat) ? 10 : 6;
            if (vuln < min || safe < min)
                errors.Add($"{cat}: {vuln} vulnerable and {safe} safe cases, need >= {min} of each");
        }

        var fragments = cases.Count(c => c.Kind == "fragment");
        if (fragments * 10 < cases.Count * 3)
            errors.Add($"only {fragments} of {cases.Count} cases are fragments, need >= 30%");

        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    [Fact]
    [Trait("Category", "Quality")]
    public void PythonAnalyzer_reaches_the_quality_targets_on_the_corpus()
    {
        var report = CorpusScore.Score(new PythonAnalyzer(), CorpusDir);
        var text = CorpusScore.Format(report, Target);
        Assert.True(report.Precision >= Target && report.Recall >= Target, $"overall below {Target}\n{text}");
        foreach (var row in report.Categories.Where(r => r.Table5))
            Assert.True(row.Precision >= Target && row.Recall >= Target, $"{row.Category} below {Target}\n{text}");
    }
}
