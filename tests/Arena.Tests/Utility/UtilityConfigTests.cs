using Arena.Core.Tournaments;
using Arena.Engine.Configuration;

namespace Arena.Tests.Utility;

public sealed class UtilityConfigTests
{
    private const string Teams = """
        tournament: t01
        attackers:
          - id: red-a
            bot: {kind: builtin, name: escalation}
        defenders:
          - id: blue-a
            bot: {kind: builtin, name: guarded}
          - id: blue-b
            bot: {kind: builtin, name: naive}
        """;

    private static TournamentConfig Load(string utility) => ConfigLoader.Parse(Teams + "\n" + utility, "t.yaml");

    [Fact]
    public void A_defender_can_be_the_base_and_defaults_fill_the_rest()
    {
        var u = Load("utility:\n  base: blue-b\n").Utility!;
        Assert.Equal("blue-b", u.BaseId);
        Assert.Null(u.BaseBot);
        Assert.Equal(["builtin:held-out"], u.Suites);
        Assert.False(u.AfterRun);
        Assert.Equal("heuristic", u.Judge.Kind);
        Assert.Equal((5.0, 10.0, 512, 16, 1024), (u.Limits.CpuS, u.Limits.WallS, u.Limits.MemoryMb, u.Limits.Processes, u.Limits.OutputKb));
    }

    [Fact]
    public void A_reference_model_outside_the_tournament_gets_its_own_bot_judge_and_limits()
    {
        var u = Load("""
            utility:
              base: {id: challenge-llm, bot: {kind: openai, base_url: "http://127.0.0.1:8000/v1", model: m}}
              suites: [suites/dev.jsonl, builtin:dev/codegen]
              after_run: true
              judge: {kind: llm, base_url: "http://127.0.0.1:8001/v1", model: judge, samples: 3}
              sandbox: {cpu_s: 2, wall_s: 4.5, memory_mb: 256, processes: 8, output_kb: 64}
            """).Utility!;
        Assert.Equal("challenge-llm", u.BaseId);
        Assert.Equal((BotKind.OpenAi, "m"), (u.BaseBot!.Kind, u.BaseBot.Model));
        Assert.Equal(["suites/dev.jsonl", "builtin:dev/codegen"], u.Suites);
        Assert.True(u.AfterRun);
        Assert.Equal(("llm", "judge", 3), (u.Judge.Kind, u.Judge.Model, u.Judge.Samples));
        Assert.Equal((2.0, 4.5, 256, 8, 64), (u.Limits.CpuS, u.Limits.WallS, u.Limits.MemoryMb, u.Limits.Processes, u.Limits.OutputKb));
    }

    [Fact]
    public void No_utility_section_means_no_utility_config() => Assert.Null(ConfigLoader.Parse(Teams, "t.yaml").Utility);

    [Theory]
    [InlineData("utility:\n  suites: [builtin:dev]\n", "t.yaml:11: utility.base: is required")]
    [InlineData("utility:\n  base: red-a\n", "t.yaml:11: utility.base: 'red-a' is not a defender of this tournament")]
    [InlineData("utility:\n  base: {id: blue-a, bot: {kind: builtin, name: naive}}\n", "utility.base.id: 'blue-a' is already a team id")]
    [InlineData("utility:\n  base: {id: ref}\n", "utility.base.bot: is required")]
    [InlineData("utility:\n  base: blue-a\n  after_run: yes please\n", "t.yaml:12: utility.after_run: 'yes please' is not true or false")]
    [InlineData("utility:\n  base: blue-a\n  suites: []\n", "t.yaml:12: utility.suites: must be a non-empty list")]
    [InlineData("utility:\n  base: blue-a\n  judge: {kind: oracle}\n", "utility.judge.kind: 'oracle' is not a utility judge (heuristic, llm)")]
    [InlineData("utility:\n  base: blue-a\n  judge: {kind: llm, model: m}\n", "utility.judge.base_url: is required for an llm judge")]
    [InlineData("utility:\n  base: blue-a\n  sandbox: {wall_s: 0}\n", "utility.sandbox.wall_s: must be positive")]
    [InlineData("utility:\n  base: blue-a\n  sandbox: {memory_mb: 8}\n", "utility.sandbox.memory_mb: must be at least 16")]
    [InlineData("utility:\n  base: blue-a\n  sandbox: {disk_mb: 8}\n", "utility.sandbox.disk_mb: unknown key")]
    [InlineData("utility:\n  base: blue-a\n  bogus: 1\n", "t.yaml:12: utility.bogus: unknown key")]
    public void Bad_utility_sections_name_the_key(string utility, string expected)
    {
        var e = Assert.Throws<ConfigException>(() => Load(utility));
        Assert.Contains(expected, e.Message);
    }
}
