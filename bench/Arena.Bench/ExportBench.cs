using System.Diagnostics;
using Arena.Analysis.Embeddings;
using Arena.Core.Bots;
using Arena.Core.Labels;
using Arena.Core.Sessions;
using Arena.Datasets;

namespace Arena.Bench;

/// <summary>
/// <c>export [--conversations N] [--embedded M]</c>: the export pipeline over N in-memory conversations (10 turns,
/// ~400-char messages; attackers replay 50 openings per matchup index so dpo has contexts to pair): chat-jsonl,
/// exact dedupe, a filter, dpo, hf, and lexical-embedding dedupe over the first M (default 2,000; it is O(n·kept)).
/// Store reads are not timed (see the import bench for the store's speed).
/// </summary>
internal static class ExportBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        var count = Option(args, "--conversations", 20_000);
        var embedded = Option(args, "--embedded", 2_000);
        var (sessions, labels) = Synthesize(count);
        var dir = Directory.CreateTempSubdirectory("arena-export-bench-").FullName;
        try
        {
            async Task Time(string name, int n, Func<Task<ExportSummary>> run)
            {
                var sw = Stopwatch.StartNew();
                var s = await run();
                var seconds = sw.Elapsed.TotalSeconds;
                Console.WriteLine($"{name,-28} {seconds,7:N2} s  {n / seconds,9:N0} conversations/s  → {s.Describe()}");
            }
            Task<ExportSummary> ToFile(IReadOnlyList<SessionRecord> input, ExportOptions o) => WriteFile(input, labels, Path.Combine(dir, "out.jsonl"), o);

            await Time("chat-jsonl", count, () => ToFile(sessions, new ExportOptions()));
            await Time("chat-jsonl --dedupe exact", count, () => ToFile(sessions, new ExportOptions(Dedupe: DedupeOptions.Exact)));
            await Time("--filter", count, () => ToFile(sessions, new ExportOptions(Filter: ExportFilter.Parse("label=attack_success and (category=sql-injection or turns>=8)"))));
            await Time("dpo", count, () => ToFile(sessions, new ExportOptions(ExportFormat.Dpo)));
            await Time("hf", count, () => HfDataset.WriteAsync(Async(sessions), labels, Path.Combine(dir, "hf"), new ExportOptions(ExportFormat.Hf), CancellationToken.None));
            using var lexical = new LexicalEmbeddingGenerator();
            var head = sessions.Take(embedded).ToList();
            await Time($"--dedupe embedding (lexical, {head.Count:N0})", head.Count, () => ToFile(head, new ExportOptions(Dedupe: new DedupeOptions(DedupeMode.Embedding), Embedder: lexical)));
            return 0;
        }
        finally
        {
            try { Directory.Delete(dir, true); } catch (IOException) { }
        }
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 ? int.Parse(args[i + 1]) : fallback;
    }

    private static async Task<ExportSummary> WriteFile(IReadOnlyList<SessionRecord> sessions, IReadOnlyDictionary<string, ConversationLabel> labels, string path, ExportOptions options)
    {
        await using var file = File.Create(path);
        return await ExportPipeline.WriteAsync(Async(sessions), labels, file, options, CancellationToken.None);
    }

    private static (List<SessionRecord>, Dictionary<string, ConversationLabel>) Synthesize(int count)
    {
        var rng = new Random(42);
        string Text(Random r, int n) => string.Create(n, r, (span, x) => { for (var k = 0; k < span.Length; k++) span[k] = k % 7 == 6 ? ' ' : (char)('a' + x.Next(26)); });
        var sessions = new List<SessionRecord>(count);
        var labels = new Dictionary<string, ConversationLabel>();
        for (var s = 0; s < count; s++)
        {
            var (a, d, idx) = ($"red-{s % 5}", $"blue-{s / 5 % 5}", s / 25);
            var id = SessionIdentity.Id("bench", a, d, idx);
            // The attacker's messages depend on (attacker, index mod 50) only: every defender sees the same ones.
            var attackerRng = new Random(HashCode.Combine(s % 5, idx % 50));
            var turns = Enumerable.Range(0, 10).Select(t => new TurnRecord(t, t % 2 == 0 ? Role.Attacker : Role.Defender, t % 2 == 0 ? a : d,
                t % 2 == 0 ? Text(attackerRng, 400) : Text(rng, 400), rng.Next(50, 2000), 1, null, false)).ToList();
            sessions.Add(new SessionRecord(id, "bench", a, d, idx, s, 10, SessionStatus.Completed, EndReason.MaxTurns, null, null, turns));
            var finding = rng.Next(4) == 0 ? 1 + 2 * rng.Next(5) : -1;
            labels[id] = new ConversationLabel(id, finding >= 0 ? Outcome.AttackSuccess : Outcome.DefenseSuccess, finding >= 0,
                finding >= 0 ? [new LabelFinding(finding, "PY-SQL-001", rng.Next(2) == 0 ? "sql-injection" : "os-command-injection", ["CWE-89"], 4, "high", "high", "m")] : [],
                "arena-py", "1.0", finding >= 0 ? null : new JudgeEvidence(false, false, "refused", "heuristic", "2"), DateTimeOffset.UnixEpoch);
        }
        return (sessions, labels);
    }

    private static async IAsyncEnumerable<SessionRecord> Async(IReadOnlyList<SessionRecord> sessions)
    {
        await Task.CompletedTask;
        foreach (var s in sessions) yield return s;
    }
}
