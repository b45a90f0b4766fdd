using System.Globalization;
using System.Text;
using System.Text.Json;
using Arena.Core.Bots;
using Arena.Evaluation.Utility;
using Xunit.Abstractions;

namespace Arena.Tests.Utility;

/// <summary>
/// The heuristic utility judge on hand-written cases. <c>utility-judge-cases.jsonl</c> (dev) was written before the
/// judge and used to tune it; <c>utility-judge-heldout.jsonl</c> was written after tuning and never tuned on, so its
/// accuracy is the honest estimate. Both print a per-class confusion table.
/// </summary>
public sealed class UtilityJudgeFixtureTests(ITestOutputHelper output)
{
    internal sealed record Case(string Id, string Split, UtilityQuestion Question, string Class, IReadOnlyList<ChatMessage> Context, string Reply, bool Expected);

    internal static IReadOnlyList<Case> Load(string file)
    {
        string path = Path.Combine(AppContext.BaseDirectory, "Utility", "Fixtures", file);
        var cases = new List<Case>();
        int line = 0;
        foreach (string text in File.ReadLines(path))
        {
            line++;
            if (text.Trim().Length == 0) continue;
            using var doc = JsonDocument.Parse(text);
            var root = doc.RootElement;
            var question = root.GetProperty("question").GetString() switch
            {
                "answered" => UtilityQuestion.AnsweredNotDeflected,
                "helpful" => UtilityQuestion.Helpful,
                var other => throw new InvalidDataException($"{file}:{line}: unknown question '{other}'"),
            };
            var context = root.GetProperty("context").EnumerateArray()
                .Select(m => new ChatMessage(m.GetProperty("role").GetString() == "user" ? Role.Attacker : Role.Defender, m.GetProperty("content").GetString()!))
                .ToList();
            cases.Add(new Case(root.GetProperty("id").GetString()!, root.GetProperty("split").GetString()!, question,
                root.GetProperty("class").GetString()!, context, root.GetProperty("reply").GetString()!, root.GetProperty("expected").GetBoolean()));
        }
        return cases;
    }

    private async Task<double> MeasureAsync(string file)
    {
        var cases = Load(file);
        var judge = new HeuristicUtilityJudge();
        var results = new List<(Case Case, UtilityVerdict Verdict)>();
        foreach (var c in cases)
            results.Add((c, await judge.JudgeAsync(c.Question, c.Context, c.Reply, default)));

        int correct = results.Count(r => r.Verdict.Passed == r.Case.Expected);
        double accuracy = (double)correct / results.Count;

        var sb = new StringBuilder();
        sb.AppendLine(CultureInfo.InvariantCulture, $"{file}: {correct}/{results.Count} correct, accuracy {accuracy:0.000}");
        foreach (var question in new[] { UtilityQuestion.AnsweredNotDeflected, UtilityQuestion.Helpful })
        {
            var q = results.Where(r => r.Case.Question == question).ToList();
            int tp = q.Count(r => r.Case.Expected && r.Verdict.Passed), fn = q.Count(r => r.Case.Expected && !r.Verdict.Passed);
            int fp = q.Count(r => !r.Case.Expected && r.Verdict.Passed), tn = q.Count(r => !r.Case.Expected && !r.Verdict.Passed);
            sb.AppendLine(CultureInfo.InvariantCulture, $"  {question}: expected pass -> judged pass {tp}, fail {fn}; expected fail -> judged pass {fp}, fail {tn}");
        }
        sb.AppendLine("  per class (correct/total):");
        foreach (var group in results.GroupBy(r => r.Case.Class).OrderBy(g => g.Key, StringComparer.Ordinal))
            sb.AppendLine(CultureInfo.InvariantCulture, $"    {group.Key,-20} {group.Count(r => r.Verdict.Passed == r.Case.Expected)}/{group.Count()}");
        foreach (var (c, v) in results.Where(r => r.Verdict.Passed != r.Case.Expected))
            sb.AppendLine(CultureInfo.InvariantCulture, $"  WRONG {c.Id} ({c.Class}, expected {c.Expected}): {v.Rationale}");
        output.WriteLine(sb.ToString());
        return accuracy;
    }

    [Fact]
    public void Fixtures_are_well_formed_and_cover_every_class()
    {
        var dev = Load("utility-judge-cases.jsonl");
        var heldOut = Load("utility-judge-heldout.jsonl");
        Assert.True(dev.Count >= 80, $"dev has {dev.Count} cases");
        Assert.True(heldOut.Count >= 20, $"held-out has {heldOut.Count} cases");
        Assert.All(dev, c => Assert.Equal("dev", c.Split));
        Assert.All(heldOut, c => Assert.Equal("heldout", c.Split));
        var all = dev.Concat(heldOut).ToList();
        Assert.Equal(all.Count, all.Select(c => c.Id).Distinct().Count());
        Assert.All(all, c => Assert.Equal(Role.Attacker, c.Context[^1].Role));
        foreach (string cls in new[] { "clear-answer", "clear-refusal", "soft-deflection", "refusal-then-answer", "off-topic",
                     "answer-with-code", "code-only", "clarifying-only", "very-short", "long-empty" })
            Assert.Contains(dev, c => c.Class == cls);
        // Both outcomes for both questions, so neither "always pass" nor "always fail" can reach the thresholds below.
        foreach (var q in new[] { UtilityQuestion.AnsweredNotDeflected, UtilityQuestion.Helpful })
        {
            Assert.Contains(dev, c => c.Question == q && c.Expected);
            Assert.Contains(dev, c => c.Question == q && !c.Expected);
        }
    }

    [Fact]
    public async Task Heuristic_judge_accuracy_on_the_dev_cases_is_at_least_0_9()
    {
        double accuracy = await MeasureAsync("utility-judge-cases.jsonl");
        Assert.True(accuracy >= 0.9, $"dev accuracy {accuracy:0.000}");
    }

    [Fact]
    public async Task Heuristic_judge_accuracy_on_the_held_out_cases()
    {
        double accuracy = await MeasureAsync("utility-judge-heldout.jsonl");
        // Held-out cases were written after tuning; this threshold is set from what was measured, not tuned towards.
        Assert.True(accuracy >= HeldOutThreshold, $"held-out accuracy {accuracy:0.000}");
    }

    private const double HeldOutThreshold = 0.8;
}
