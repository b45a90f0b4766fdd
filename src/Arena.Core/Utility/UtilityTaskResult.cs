using Arena.Core.Scoring;

namespace Arena.Core.Utility;

/// <summary>One graded utility task, as stored. The latest result per (tournament, bot, suite, task) counts.</summary>
/// <param name="Bot">A defender id, or the reference model's id.</param>
/// <param name="TaskSha256">Hash of the task as run, so a changed task is never mistaken for a finished one.</param>
/// <param name="Source">Where the task came from: a suite file path or <c>builtin:NAME</c>.</param>
/// <param name="Grader">What decided: "sandbox (bubblewrap 0.8.0)", "heuristic-utility@1", "… + arena-pyscan@1.12.2".</param>
/// <param name="BaseBot">The reference model configured when this result was stored; scoring takes the base from the
/// latest result, so every reader of the store (score, report, web app) agrees on it without the config file.</param>
internal sealed record UtilityTaskResult(
    string Tournament, string Bot, string Suite, string TaskId, string TaskSha256, bool Passed, string Detail,
    string? Reply, string Source, string Grader, DateTimeOffset At, string BaseBot);

/// <summary>Per-suite pass rate of one bot.</summary>
internal sealed record SuitePassRate(string Suite, int Tasks, int Passed)
{
    public double PassRate => Tasks == 0 ? 0 : 100.0 * Passed / Tasks;
}

/// <summary>
/// Turns stored task results into the per-suite scores that <see cref="Scores.Utility"/> combines (contracts §5):
/// a defender's score on a suite is its pass rate, the base is the reference model's pass rate on the same tasks.
/// </summary>
internal static class UtilityScoring
{
    public static IReadOnlyList<SuitePassRate> PassRates(IEnumerable<UtilityTaskResult> results) =>
        results.GroupBy(r => r.Suite, StringComparer.Ordinal)
            .OrderBy(g => Array.IndexOf(UtilitySuites.All, g.Key) is var i && i >= 0 ? i : int.MaxValue).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new SuitePassRate(g.Key, g.Count(), g.Count(r => r.Passed)))
            .ToList();

    /// <summary>
    /// Per (defender, suite) score and base. Both are pass rates over the tasks both bots ran, so a partial run of
    /// either side never compares different tasks. Notes say what was assumed: no base results for a suite (base
    /// 100, uncapped), a base that passed nothing (suite left out: 100 × min(s, 0) / 0 has no value), tasks only one
    /// side ran.
    /// </summary>
    public static IReadOnlyList<UtilityResult> ForScoring(
        IReadOnlyList<UtilityTaskResult> results, string baseId, IReadOnlyCollection<string> defenders, List<string> notes)
    {
        var byBot = results.GroupBy(r => r.Bot, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.GroupBy(r => r.Suite, StringComparer.Ordinal)
                .ToDictionary(s => s.Key, s => s.ToDictionary(r => r.TaskId, r => r.Passed, StringComparer.Ordinal), StringComparer.Ordinal),
                StringComparer.Ordinal);
        var baseSuites = byBot.GetValueOrDefault(baseId);
        var scored = new List<UtilityResult>();
        foreach (var defender in defenders)
        {
            if (!byBot.TryGetValue(defender, out var suites)) continue;
            foreach (var (suite, tasks) in suites.OrderBy(s => s.Key, StringComparer.Ordinal))
            {
                var baseTasks = baseSuites?.GetValueOrDefault(suite);
                if (baseTasks is null || !tasks.Keys.Any(baseTasks.ContainsKey))
                {
                    notes.Add($"utility: no results of the reference model '{baseId}' on {suite} tasks that {defender} ran; its base is taken as 100");
                    scored.Add(new UtilityResult(defender, suite, Rate(tasks.Values), 100));
                    continue;
                }
                var shared = tasks.Keys.Where(baseTasks.ContainsKey).ToList();
                if (shared.Count < tasks.Count || shared.Count < baseTasks.Count)
                    notes.Add($"utility: {defender} and '{baseId}' ran different {suite} tasks; both are scored on the {shared.Count} they share");
                var @base = Rate(shared.Select(t => baseTasks[t]));
                if (@base <= 0)
                {
                    notes.Add($"utility: the reference model '{baseId}' passed no {suite} task, so {suite} is left out of {defender}'s utility");
                    continue;
                }
                scored.Add(new UtilityResult(defender, suite, Rate(shared.Select(t => tasks[t])), @base));
            }
        }
        return scored;
    }

    /// <summary>The reference model of the latest stored result (null when there are none).</summary>
    public static string? BaseOf(IReadOnlyList<UtilityTaskResult> results) => results.MaxBy(r => r.At)?.BaseBot;

    private static double Rate(IEnumerable<bool> passed)
    {
        var list = passed.ToList();
        return list.Count == 0 ? 0 : 100.0 * list.Count(p => p) / list.Count;
    }
}
