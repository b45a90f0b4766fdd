using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Arena.Core.Bots;
using Arena.Core.Storage;
using Arena.Core.Tournaments;
using Arena.Core.Utility;
using Arena.Engine.Resilience;
using Arena.Evaluation.Judges;
using Arena.Evaluation.Utility;

namespace Arena.Engine.Utility;

/// <summary>A task to run and where it came from (a suite file or builtin:NAME).</summary>
internal sealed record SourcedTask(UtilityTask Task, string Source)
{
    /// <summary>Hash of the serialized task: a stored result counts as done only for exactly this task.</summary>
    public string Sha256 { get; } = Convert.ToHexString(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(Task)));
}

/// <summary>What one run did. <see cref="Results"/> holds the current result of every task of the run.</summary>
internal sealed record UtilityRunSummary(
    string Bot, IReadOnlyList<UtilityTaskResult> Results, int Ran, int Reused, IReadOnlyList<string> Errors)
{
    public IReadOnlyList<SuitePassRate> Suites => UtilityScoring.PassRates(Results);
}

/// <summary>
/// Runs utility tasks against one bot: asks it for the reply to each task's conversation (through the same gateway
/// as tournaments: timeout, retries, concurrency, rate limit), grades the reply and stores the result at once, so an
/// interrupted run loses nothing and a resumed run skips what is done. A reply the bot never gives (retries
/// exhausted) is a failed task: an assistant that does not answer is not useful. A task the grader cannot decide
/// (judge error) is reported and not stored, so the next run retries it.
/// </summary>
internal sealed class UtilityRunner(IArenaStore store, UtilityGrader grader, TimeProvider? time = null)
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    /// <param name="resume">Skip tasks that already have a stored result for the same task content.</param>
    /// <param name="gradeParallelism">Replies graded at once (sandbox runs use a core each).</param>
    public async Task<UtilityRunSummary> RunAsync(string tournament, int maxTurns, string baseBot, string botId, IBot bot, BotSpec spec, IReadOnlyList<SourcedTask> tasks,
        bool resume, int gradeParallelism, Action<bool>? onStep, CancellationToken ct)
    {
        var existing = (await store.GetUtilityResultsAsync(tournament, botId, ct))
            .ToDictionary(r => (r.Suite, r.TaskId), r => r);
        var todo = new List<SourcedTask>();
        var results = new ConcurrentBag<UtilityTaskResult>();
        foreach (var t in tasks)
            if (resume && existing.TryGetValue((t.Task.Suite, t.Task.Id), out var done) && done.TaskSha256 == t.Sha256) results.Add(done);
            else todo.Add(t);
        var reused = results.Count;
        for (var i = 0; i < reused; i++) onStep?.Invoke(false);

        var gateway = new BotGateway(botId, bot,
            new BotPolicy(TimeSpan.FromSeconds(spec.TimeoutS), spec.Retries, spec.Rps, spec.Burst, spec.Concurrency),
            new BotAvailability(spec.OfflineAfter, TimeSpan.FromSeconds(spec.OfflineTimeoutS), _time), _time);
        using var grading = new SemaphoreSlim(Math.Max(1, gradeParallelism));
        var errors = new ConcurrentQueue<string>();
        await Parallel.ForEachAsync(todo, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(spec.Concurrency, gradeParallelism), CancellationToken = ct },
            async (t, token) =>
            {
                var call = await gateway.CallAsync(Request(tournament, botId, t.Task, maxTurns), token);
                UtilityGrade grade;
                if (!call.Succeeded)
                    grade = new UtilityGrade(false, $"no reply from {botId}: {call.Error}", "bot");
                else
                {
                    await grading.WaitAsync(token);
                    try { grade = await grader.GradeAsync(t.Task, call.Reply!.Content ?? "", token); }
                    catch (JudgeException e)
                    {
                        errors.Enqueue($"{t.Task.Id}: {e.Message}");
                        onStep?.Invoke(true);
                        return;
                    }
                    finally { grading.Release(); }
                }
                var result = new UtilityTaskResult(tournament, botId, t.Task.Suite, t.Task.Id, t.Sha256, grade.Passed, grade.Detail,
                    call.Reply?.Content, t.Source, grade.Grader, _time.GetUtcNow(), baseBot);
                await store.SaveUtilityResultAsync(result, token);
                results.Add(result);
                onStep?.Invoke(false);
            });
        var ordered = results.OrderBy(r => Array.IndexOf(UtilitySuites.All, r.Suite)).ThenBy(r => r.TaskId, StringComparer.Ordinal).ToList();
        return new UtilityRunSummary(botId, ordered, todo.Count - errors.Count, reused, errors.ToList());
    }

    /// <summary>
    /// The task's conversation as an arena.v1 defender request, shaped like tournament traffic (session id
    /// tournament/xxxxxxxx/defender/0, the tournament's max_turns) so that a defender cannot cheaply tell utility
    /// tasks from attacks and behave differently on them. The seed is fixed per task for reproducibility.
    /// </summary>
    public static BotRequest Request(string tournament, string botId, UtilityTask task, int maxTurns)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(task.Id));
        var seed = BitConverter.ToInt64(hash, 0) & long.MaxValue;
        var session = $"{tournament}/{Convert.ToHexStringLower(hash, 8, 4)}/{botId}/0";
        return new BotRequest(tournament, session, Role.Defender, task.Messages.Count, Math.Max(maxTurns, task.Messages.Count + 1), seed, task.Messages);
    }
}
