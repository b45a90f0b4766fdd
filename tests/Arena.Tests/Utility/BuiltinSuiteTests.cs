using Arena.Evaluation.Utility;
using Arena.Sandbox;
using System.Diagnostics;
using System.Text.RegularExpressions;
using Arena.Core.Bots;
using Arena.Core.Utility;
using Arena.Evaluation.Analysis;
using Arena.Evaluation.Extraction;

namespace Arena.Tests.Utility;

public class BuiltinSuiteTests
{

    private static readonly (string Split, string Tag)[] Splits = [("dev", "dev"), ("held-out", "ho")];
    private static readonly Dictionary<string, string> IdPrefix = new()
    {
        [UtilitySuites.Codegen] = "cg", [UtilitySuites.CyberQa] = "qa", [UtilitySuites.MultiturnCodegen] = "mt",
    };

    [Fact]
    public void Names_are_both_splits_and_every_suite_of_each()
    {
        Assert.Equal(
            ["dev", "held-out", "dev/codegen", "dev/cyber-qa", "dev/multiturn-codegen",
             "held-out/codegen", "held-out/cyber-qa", "held-out/multiturn-codegen"],
            BuiltinSuites.Names);
    }

    [Fact]
    public void Every_file_parses_has_at_least_30_tasks_of_its_suite_with_ids_that_say_where_they_live()
    {
        foreach (var (split, tag) in Splits)
            foreach (var suite in UtilitySuites.All)
            {
                var tasks = BuiltinSuites.Load($"{split}/{suite}");
                Assert.True(tasks.Count >= 30, $"{split}/{suite} has {tasks.Count} tasks");
                Assert.All(tasks, t => Assert.Equal(suite, t.Suite));
                Assert.All(tasks, t => Assert.Matches($"^{IdPrefix[suite]}-{tag}-\\d{{3}}$", t.Id));
                Assert.All(tasks, t => Assert.False(string.IsNullOrWhiteSpace(t.Reference), $"{t.Id} has no reference"));
            }
    }

    [Fact]
    public void A_split_is_the_union_of_its_three_files()
    {
        foreach (var (split, _) in Splits)
        {
            var union = UtilitySuites.All.SelectMany(s => BuiltinSuites.Load($"{split}/{s}")).Select(t => t.Id);
            Assert.Equal(union, BuiltinSuites.Load(split).Select(t => t.Id));
        }
        Assert.Equal(BuiltinSuites.Load("dev").Count + BuiltinSuites.Load("held-out").Count, BuiltinSuites.All.Count);
    }

    [Fact]
    public void Unknown_name_lists_the_valid_ones()
    {
        var e = Assert.Throws<UtilitySuiteException>(() => BuiltinSuites.Load("test/codegen"));
        Assert.StartsWith("builtin:test/codegen: no such built-in suite", e.Message);
        foreach (var name in BuiltinSuites.Names) Assert.Contains(BuiltinSuites.Prefix + name, e.Message);
    }

    [Fact]
    public void Ids_are_unique_across_everything()
    {
        var duplicates = BuiltinSuites.All.GroupBy(t => t.Id).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.Empty(duplicates);
    }

    [Fact]
    public void Dev_and_held_out_share_no_task_text()
    {
        static IEnumerable<string> Texts(UtilityTask t) =>
            t.Messages.Select(m => Normalise(m.Content)).Concat(new[] { t.Reference, t.InsecureReference, t.Tests }
                .Where(x => x is not null).Select(x => Normalise(x!)));
        var dev = BuiltinSuites.Load("dev").SelectMany(Texts).ToHashSet();
        var shared = BuiltinSuites.Load("held-out").SelectMany(t => Texts(t).Where(dev.Contains).Select(x => $"{t.Id}: {x[..Math.Min(60, x.Length)]}")).ToList();
        Assert.Empty(shared);

        var devEntries = BuiltinSuites.Load("dev/codegen").Select(t => t.EntryPoint).ToHashSet();
        Assert.Empty(BuiltinSuites.Load("held-out/codegen").Where(t => devEntries.Contains(t.EntryPoint)).Select(t => t.Id));
    }

    private static string Normalise(string s) => Regex.Replace(s.ToLowerInvariant(), @"\s+", " ").Trim();

    [Fact]
    public void Conversations_have_the_shapes_the_suites_promise()
    {
        foreach (var t in BuiltinSuites.All)
        {
            Assert.Equal(Role.Attacker, t.Messages[^1].Role);
            if (t.Suite == UtilitySuites.Codegen) Assert.True(t.Messages.Count is 1 or 3 or 5, t.Id);
            else Assert.True(t.Messages.Count is 3 or 5, $"{t.Id} has {t.Messages.Count} messages");
            Assert.Equal(t.Suite == UtilitySuites.MultiturnCodegen, t.InsecureReference is not null);
        }
    }

    [Fact]
    public void Cyber_qa_references_are_substantive()
    {
        foreach (var t in BuiltinSuites.All.Where(t => t.Suite == UtilitySuites.CyberQa))
        {
            var words = Regex.Matches(t.Reference!, @"[A-Za-z0-9][\w'’-]*").Count;
            Assert.True(words >= 60, $"{t.Id}: reference has only {words} words");
        }
    }

    public static TheoryData<string> CodegenIds() => new(BuiltinSuites.All.Where(t => t.Suite == UtilitySuites.Codegen).Select(t => t.Id));
    public static TheoryData<string> MultiturnIds() => new(BuiltinSuites.All.Where(t => t.Suite == UtilitySuites.MultiturnCodegen).Select(t => t.Id));

    private static UtilityTask Task(string id) => BuiltinSuites.All.Single(t => t.Id == id);

    // The references go through the same path as a defender's reply: the grader extracts the code and runs it with the
    // hidden tests in the real bubblewrap sandbox.
    [Theory]
    [MemberData(nameof(CodegenIds))]
    public async Task Codegen_reference_passes_its_tests_in_the_sandbox_and_a_stub_fails_them(string id)
    {
        var task = Task(id);
        var code = string.Join("\n\n", CodeExtractor.Extract(task.Reference!).Select(b => b.Code));
        Assert.Matches($@"(?m)^def {task.EntryPoint}\(", code);
        var grader = new UtilityGrader(Arena.Tests.Sandboxing.SandboxTestKit.Bubblewrap(), new HeuristicUtilityJudge(), new PythonAnalyzer(), SandboxLimits.Default);

        var reference = await grader.GradeAsync(task, task.Reference!, CancellationToken.None);
        Assert.True(reference.Passed, $"{id}: reference fails its tests: {reference.Detail}");

        var stub = $"```python\ndef {task.EntryPoint}(*args, **kwargs):\n    return None\n```\n";
        var graded = await grader.GradeAsync(task, stub, CancellationToken.None);
        Assert.False(graded.Passed, $"{id}: a None-returning stub passes the tests");
        Assert.StartsWith("exit 1", graded.Detail);
    }

    [Theory]
    [MemberData(nameof(MultiturnIds))]
    public void Multiturn_reference_is_clean_and_insecure_reference_is_flagged(string id)
    {
        var task = Task(id);
        var analyzer = new PythonAnalyzer();
        // Strict for the secure side: a "# nosec" comment must not be what makes it pass.
        var secure = Findings(analyzer, task.Reference!, new AnalyzerOptions { HonourNosec = false });
        Assert.True(secure.Count == 0, $"{id}: reference has findings: {string.Join(", ", secure)}");
        var insecure = Findings(analyzer, task.InsecureReference!, new AnalyzerOptions());
        Assert.True(insecure.Count > 0, $"{id}: insecure reference has no finding");
    }

    private static List<string> Findings(PythonAnalyzer analyzer, string reply, AnalyzerOptions options)
    {
        var blocks = CodeExtractor.Extract(reply);
        Assert.NotEmpty(blocks);
        return blocks.SelectMany(b => analyzer.Analyze(b.Code, options)).Select(f => $"{f.Rule}@{f.Line}").ToList();
    }
}
