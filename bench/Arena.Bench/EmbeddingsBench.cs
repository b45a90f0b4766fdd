using Arena.Core.Numerics;
using System.Diagnostics;
using System.Globalization;
using Arena.Analysis;
using Arena.Analysis.Embeddings;
using Arena.Bots;
using Arena.Bots.Builtin;
using Arena.Core.Sessions;
using Arena.Core.Storage;
using Arena.Engine;
using Arena.Engine.Configuration;
using Arena.Storage.Sqlite;

using static Arena.Bench.BenchArgs;

namespace Arena.Bench;

/// <summary>
/// `embeddings [--sessions N] [--tokens T] [--tsne-points N]`: conversations/s of the default embedder (USE lite, 2 Node
/// workers) on conversations played by the built-in bots, at the full 128-token window and at T tokens, plus exact t-SNE
/// time. The machine may be shared, so besides wall-clock rates it reports the workers' CPU time per conversation
/// (from /proc), which gives the rate two idle cores would reach.
/// </summary>
internal static class EmbeddingsBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        var perMatchup = Option(args, "--sessions", 40);
        var smallWindow = Option(args, "--tokens", 32);
        var tsnePoints = Option(args, "--tsne-points", 2000);
        var sessions = await PlayDemoTournamentAsync(perMatchup);
        var texts = sessions.Select(s => ConversationText.For(s, segmented: true)).ToList();
        Console.WriteLine($"embeddings: {texts.Count} conversations by the built-in bots, mean {sessions.Average(s => s.Turns.Count):F1} turns, " +
                          $"mean {texts.Average(t => t.Length):F0} chars; load average before: {LoadAverage()}");

        foreach (var window in new[] { UseEmbeddingGenerator.ModelWindow, smallWindow })
        {
            using var use = new UseEmbeddingGenerator(new UseOptions(Workers: 2, MaxTokens: window));
            var warm = Stopwatch.StartNew();
            await use.WarmUpAsync(CancellationToken.None);
            var startup = warm.Elapsed.TotalSeconds;
            await use.GenerateAsync(texts.Take(32)); // JIT and wasm warm-up, not counted
            var cpuBefore = ChildCpuSeconds();
            var sw = Stopwatch.StartNew();
            var result = await use.GenerateAsync(texts);
            sw.Stop();
            var cpu = ChildCpuSeconds() - cpuBefore;
            var tokens = result.Usage?.InputTokenCount ?? 0;
            Console.WriteLine($"  window {window,3} tokens: {texts.Count / sw.Elapsed.TotalSeconds,6:F1} conversations/s wall ({sw.Elapsed.TotalSeconds:F1} s, " +
                              $"mean {tokens / (double)texts.Count:F0} tokens/conversation); workers' CPU {1000 * cpu / texts.Count:F1} ms/conversation " +
                              $"→ {2 * texts.Count / Math.Max(cpu, 1e-9):F1} conversations/s on 2 idle cores; model start {startup:F1} s");
        }

        var r = new Random(1);
        var centers = Enumerable.Range(0, 10).Select(_ => Enumerable.Range(0, 512).Select(_ => r.NextDouble()).ToArray()).ToList();
        var points = Enumerable.Range(0, tsnePoints).Select(i => Vectors.Normalize(centers[i % 10].Select(c => (float)(c + 0.3 * r.NextDouble())).ToArray())).ToList();
        var t = Stopwatch.StartNew();
        Tsne.Embed(points, new TsneOptions(), CancellationToken.None);
        Console.WriteLine($"  t-SNE: {tsnePoints} points × 512-d, exact, 1000 iterations, perplexity 30: {t.Elapsed.TotalSeconds:F1} s; load average after: {LoadAverage()}");
        return 0;
    }

    private static async Task<IReadOnlyList<SessionRecord>> PlayDemoTournamentAsync(int perMatchup)
    {
        var yaml = "tournament: bench-embeddings\nseed: 7\n" + $"sessions_per_matchup: {perMatchup}\nmax_turns: 10\nbatch_size: 20\nattackers:\n" +
                   string.Concat(BuiltinBots.AttackerNames.Select(n => $"  - id: {n}\n    bot: {{kind: builtin, name: {n}}}\n")) + "defenders:\n" +
                   string.Concat(BuiltinBots.DefenderNames.Select(n => $"  - id: {n}\n    bot: {{kind: builtin, name: {n}}}\n"));
        var config = ConfigLoader.Parse(yaml, "bench-embeddings.yaml");
        var dir = Directory.CreateTempSubdirectory("arena-bench-emb-").FullName;
        try
        {
            await using var store = await SqliteArenaStore.OpenAsync(Path.Combine(dir, "bench.db"), CancellationToken.None);
            using var factory = new BotFactory();
            var outcome = await new TournamentRunner(config, yaml, store, new RunOptions(factory)).RunAsync(CancellationToken.None);
            if (outcome != RunOutcome.Completed) throw new InvalidOperationException($"bench tournament ended {outcome}");
            var sessions = new List<SessionRecord>();
            await foreach (var s in store.ReadSessionsAsync(config.Tournament, SessionFilter.Finished, CancellationToken.None)) sessions.Add(s);
            return sessions;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>User+system CPU seconds of this process's live children (the Node workers), from /proc.</summary>
    private static double ChildCpuSeconds()
    {
        var me = Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        double ticks = 0;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' '); // fields after "pid (comm) "
                if (fields[1] != me) continue; // ppid
                ticks += double.Parse(fields[11], CultureInfo.InvariantCulture) + double.Parse(fields[12], CultureInfo.InvariantCulture); // utime, stime
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException) { }
        }
        return ticks / 100.0; // USER_HZ is 100 on Linux
    }

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";

}
