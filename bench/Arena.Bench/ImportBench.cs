using System.Diagnostics;
using Arena.Core.Bots;
using Arena.Core.Labels;
using Arena.Core.Sessions;
using Arena.Core.Storage;
using Arena.Datasets;
using Arena.Storage.Sqlite;

namespace Arena.Bench;

/// <summary>
/// <c>import [--conversations N]</c>: writes N conversations (10 turns, ~400-char messages, bot metadata, a label
/// with a finding and judge evidence) with the real exporter, then times <c>arena import</c>'s code path into a fresh
/// SQLite store, and a second import of the same file (everything skipped: the idempotency check).
/// </summary>
internal static class ImportBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        var count = 20_000;
        var i = Array.IndexOf(args, "--conversations");
        if (i >= 0) count = int.Parse(args[i + 1]);
        var dir = Directory.CreateTempSubdirectory("arena-import-bench-").FullName;
        try
        {
            var file = Path.Combine(dir, "dataset.jsonl");
            var (sessions, labels) = Synthesize(count);
            await using (var output = File.Create(file))
                await DatasetExporter.WriteAsync(ToAsync(sessions), labels, output, ExportFormat.ChatJsonl, includeFailed: true, CancellationToken.None);
            var size = new FileInfo(file).Length;
            Console.WriteLine($"file: {count:N0} conversations, {size / 1e6:N1} MB");

            await using var store = await SqliteArenaStore.OpenAsync(Path.Combine(dir, "arena.db"), CancellationToken.None);
            var sw = Stopwatch.StartNew();
            ImportSummary first;
            using (var reader = new StreamReader(file))
                first = await DatasetImporter.ImportAsync(store, reader, file, CancellationToken.None);
            var importSeconds = sw.Elapsed.TotalSeconds;
            Console.WriteLine($"import:    {first.Imported:N0} conversations in {importSeconds:N2} s = {first.Imported / importSeconds:N0} conversations/s");

            sw.Restart();
            ImportSummary again;
            using (var reader = new StreamReader(file))
                again = await DatasetImporter.ImportAsync(store, reader, file, CancellationToken.None);
            var againSeconds = sw.Elapsed.TotalSeconds;
            Console.WriteLine($"re-import: {again.Skipped:N0} skipped in {againSeconds:N2} s = {again.Skipped / againSeconds:N0} conversations/s");
            return first.Imported == count && again.Skipped == count ? 0 : 1;
        }
        finally
        {
            try { Directory.Delete(dir, true); } catch (IOException) { }
        }
    }

    private static (List<SessionRecord>, Dictionary<string, ConversationLabel>) Synthesize(int count)
    {
        var rng = new Random(42);
        var sessions = new List<SessionRecord>(count);
        var labels = new Dictionary<string, ConversationLabel>();
        string Text(int n) => string.Create(n, rng, (span, r) => { for (var k = 0; k < span.Length; k++) span[k] = k % 7 == 6 ? ' ' : (char)('a' + r.Next(26)); });
        for (var s = 0; s < count; s++)
        {
            var (a, d, idx) = ($"red-{s % 5}", $"blue-{s / 5 % 5}", s / 25);
            var id = SessionIdentity.Id("bench", a, d, idx);
            var turns = Enumerable.Range(0, 10).Select(t => new TurnRecord(t, t % 2 == 0 ? Role.Attacker : Role.Defender, t % 2 == 0 ? a : d,
                Text(400), rng.Next(50, 2000), 1, t % 2 == 0 ? "{\"strategy\":\"escalation\",\"step\":" + t + "}" : null, false)).ToList();
            sessions.Add(new SessionRecord(id, "bench", a, d, idx, s, 10, SessionStatus.Completed, EndReason.MaxTurns, null, null, turns));
            var vulnerable = s % 3 == 0;
            labels[id] = new ConversationLabel(id, vulnerable || s % 3 == 1 ? Outcome.AttackSuccess : Outcome.DefenseSuccess, vulnerable,
                vulnerable ? [new LabelFinding(3, "PY-SUBPROCESS-SHELL", "os-command-injection", ["CWE-78"], 4, "high", "high", "shell=True with input")] : [],
                "arena-py", "1.0", vulnerable ? null : new JudgeEvidence(false, s % 3 == 1, "rationale", "heuristic", "1"), DateTimeOffset.UnixEpoch.AddSeconds(s));
        }
        sessions.Sort((x, y) => string.CompareOrdinal(x.Attacker + "\0" + x.Defender, y.Attacker + "\0" + y.Defender) is var c and not 0 ? c : x.Index.CompareTo(y.Index));
        return (sessions, labels);
    }

    private static async IAsyncEnumerable<SessionRecord> ToAsync(List<SessionRecord> sessions)
    {
        await Task.CompletedTask;
        foreach (var s in sessions) yield return s;
    }
}
