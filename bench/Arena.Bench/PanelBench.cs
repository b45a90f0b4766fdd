using System.Diagnostics;
using Arena.Core.Bots;
using Arena.Core.Labels;
using Arena.Core.Sessions;
using Arena.Core.Storage;
using Arena.Evaluation.Judges;
using Arena.Storage.Sqlite;

namespace Arena.Bench;

/// <summary>
/// <c>panel [--conversations N] [--annotators K] [--panels P]</c>: N clean labeled conversations (default 20,000) in a
/// fresh store; times planning the panels of a K-annotator pool (default 30, the paper's), re-planning (idempotent,
/// nothing added), and all answers to the first P panels (default 1,000) submitted 16 at a time.
/// </summary>
internal static class PanelBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        int count = BenchArgs.Option(args, "--conversations", 20_000);
        int annotators = BenchArgs.Option(args, "--annotators", 30);
        int panels = BenchArgs.Option(args, "--panels", 1_000);
        var ct = CancellationToken.None;
        var dir = Directory.CreateTempSubdirectory("arena-panel-bench-").FullName;
        try
        {
            await using var store = await SqliteArenaStore.OpenAsync(Path.Combine(dir, "arena.db"), ct);
            await store.CreateTournamentAsync(new TournamentRecord("bench", 1, "", "{}", DateTimeOffset.UtcNow), ct);
            var sessions = Enumerable.Range(0, count).Select(i => new SessionRecord($"bench/s/{i:D6}", "bench", "a", "d", i, i, 2, SessionStatus.Completed,
                EndReason.MaxTurns, null, null, [new TurnRecord(0, Role.Attacker, "a", "hi", 1, 1, null, false), new TurnRecord(1, Role.Defender, "d", "no", 1, 1, null, false)])).ToList();
            await store.AddFinishedSessionsAsync(sessions, ct);
            await Task.WhenAll(sessions.Select(s => store.SaveLabelAsync("bench", new ConversationLabel(s.Id, Outcome.DefenseSuccess, false, [], "arena-py", "1",
                new JudgeEvidence(false, false, "refused", "heuristic", "1"), DateTimeOffset.UtcNow), ct)));

            var pool = Enumerable.Range(0, annotators).Select(i => $"expert-{i:D2}").ToList();
            var service = new AnnotationPanelService(store, "bench");
            var sw = Stopwatch.StartNew();
            var plan = await service.PlanAsync(pool, ct);
            Console.WriteLine($"plan:    {plan.Added.Count:N0} seats on {plan.NeedingReview:N0} conversations, pool {annotators}, in {sw.Elapsed.TotalSeconds:N2} s");
            sw.Restart();
            var again = await service.PlanAsync(pool, ct);
            Console.WriteLine($"re-plan: {again.Added.Count} seats added in {sw.Elapsed.TotalSeconds:N2} s");

            var seats = (await store.GetAssignmentsAsync("bench", ct)).Where(a => string.CompareOrdinal(a.SessionId, sessions[Math.Min(panels, count) - 1].Id) <= 0).ToList();
            sw.Restart();
            await Parallel.ForEachAsync(seats, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (seat, token) =>
                await service.SubmitAsync(seat.SessionId, seat.Annotator, seat.Annotator.GetHashCode(StringComparison.Ordinal) % 3 == 0, false, null, null, token));
            var seconds = sw.Elapsed.TotalSeconds;
            var labeled = (await store.GetCurrentLabelsAsync("bench", ct)).Values.Count(l => l.Judge?.JudgeId == Panel.JudgeId);
            Console.WriteLine($"answers: {seats.Count:N0} in {seconds:N2} s = {seats.Count / seconds:N0} answers/s; {labeled:N0} panel labels");
            return plan.Added.Count == count * 3 && again.Added.Count == 0 && labeled == seats.Count / 3 ? 0 : 1;
        }
        finally
        {
            try { Directory.Delete(dir, true); } catch (IOException) { }
        }
    }
}
