using Arena.Core.Scoring;
using Arena.Core.Utility;

namespace Arena.Tests.Utility;

public sealed class UtilityScoringTests
{
    private static UtilityTaskResult R(string bot, string suite, string task, bool passed) =>
        new("t", bot, suite, task, "h", passed, "", null, "builtin:dev", "g", DateTimeOffset.UnixEpoch, "base");

    /// <summary>Bot passes the first <paramref name="passed"/> of <paramref name="n"/> tasks of the suite.</summary>
    private static IEnumerable<UtilityTaskResult> Run(string bot, string suite, int n, int passed) =>
        Enumerable.Range(0, n).Select(i => R(bot, suite, $"{suite}-{i}", i < passed));

    [Fact]
    public void Pass_rates_are_per_suite_in_the_contract_order()
    {
        var rates = UtilityScoring.PassRates([.. Run("d", "multiturn-codegen", 4, 1), .. Run("d", "codegen", 40, 31)]);
        Assert.Equal(["codegen", "multiturn-codegen"], rates.Select(r => r.Suite));
        Assert.Equal(77.5, rates[0].PassRate);
        Assert.Equal(25.0, rates[1].PassRate);
    }

    [Fact]
    public void Utility_is_capped_at_the_base_and_averaged_over_suites()
    {
        // codegen: d 30/40 = 75 vs base 80 → 93.75; cyber-qa: d 10/10 = 100 vs base 50 → capped at 100. Mean 96.875.
        var results = new List<UtilityTaskResult>([
            .. Run("d", "codegen", 40, 30), .. Run("base", "codegen", 40, 32),
            .. Run("d", "cyber-qa", 10, 10), .. Run("base", "cyber-qa", 10, 5)]);
        var notes = new List<string>();
        var scored = UtilityScoring.ForScoring(results, "base", ["d"], notes);
        Assert.Empty(notes);
        Assert.Equal([("codegen", 75.0, 80.0), ("cyber-qa", 100.0, 50.0)], scored.Select(u => (u.Suite, u.Score, u.Base)));
        Assert.Equal(96.875, Scores.Utility(scored), 9);
    }

    [Fact]
    public void Both_sides_are_scored_on_the_tasks_they_share()
    {
        // The base ran only tasks 0-9 (passing 0-4); d ran 0-19 passing 0-15. Shared: d 10/10, base 5/10.
        var results = new List<UtilityTaskResult>([.. Run("d", "codegen", 20, 16), .. Run("base", "codegen", 10, 5)]);
        var notes = new List<string>();
        var scored = UtilityScoring.ForScoring(results, "base", ["d"], notes);
        Assert.Equal((100.0, 50.0), (scored.Single().Score, scored.Single().Base));
        Assert.Contains(notes, n => n.Contains("share"));
    }

    [Fact]
    public void Without_base_results_the_base_is_100_and_a_base_that_passed_nothing_drops_the_suite()
    {
        var notes = new List<string>();
        var scored = UtilityScoring.ForScoring([.. Run("d", "codegen", 4, 3), .. Run("d", "cyber-qa", 4, 2), .. Run("base", "cyber-qa", 4, 0)],
            "base", ["d"], notes);
        Assert.Equal([("codegen", 75.0, 100.0)], scored.Select(u => (u.Suite, u.Score, u.Base)));
        Assert.Equal(2, notes.Count);
    }

    [Fact]
    public void The_base_itself_scores_100_and_defenders_without_results_are_left_to_the_caller()
    {
        var results = new List<UtilityTaskResult>([.. Run("base", "codegen", 10, 7)]);
        var scored = UtilityScoring.ForScoring(results, "base", ["base", "other"], []);
        Assert.Equal(100.0, Scores.Utility(scored.Where(u => u.Defender == "base")));
        Assert.DoesNotContain(scored, u => u.Defender == "other");
    }

    [Fact]
    public void The_base_of_the_latest_result_counts()
    {
        var old = R("d", "codegen", "a", true) with { BaseBot = "old-base" };
        var recent = R("d", "codegen", "b", true) with { BaseBot = "new-base", At = DateTimeOffset.UnixEpoch.AddDays(1) };
        Assert.Equal("new-base", UtilityScoring.BaseOf([recent, old]));
        Assert.Null(UtilityScoring.BaseOf([]));
    }
}
