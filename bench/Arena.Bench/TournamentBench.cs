using System.Diagnostics;
using System.Net.Sockets;
using System.Text.Json;
using Arena.Bots;
using Arena.Engine;
using Arena.Engine.Configuration;
using Arena.Storage.Sqlite;

using static Arena.Bench.BenchArgs;

namespace Arena.Bench;

internal static class TournamentBench
{
    public static async Task<int> ThroughputAsync(string[] args)
    {
        var sessions = Option(args, "--sessions", 200);
        await using var bots = await BotProcess.StartAsync(0, 0);
        var r = await RunAsync(bots.BaseUrl, sessions, concurrency: 8, "throughput");
        var rssMb = Process.GetCurrentProcess().PeakWorkingSet64 / 1024.0 / 1024.0;
        Console.WriteLine($"throughput: {r.Turns:N0} turns ({r.Sessions} sessions) in {r.Seconds:N2} s = {r.Turns / r.Seconds:N0} turns/s; peak RSS {rssMb:N0} MB");
        Console.WriteLine($"target: >= 5,000 turns/s and <= 500 MB → {(r.Turns / r.Seconds >= 5000 && rssMb <= 500 ? "PASS" : "FAIL")}");
        return 0;
    }

    public static async Task<int> LatencyAsync(string[] args)
    {
        var sessions = Option(args, "--sessions", 40);
        await using var bots = await BotProcess.StartAsync(200, 50);
        var r = await RunAsync(bots.BaseUrl, sessions, concurrency: 16, "latency");
        var busy = JsonSerializer.Deserialize<Dictionary<string, long>>(await new HttpClient().GetStringAsync($"{bots.BaseUrl}/busy"))!;
        var ideal = busy.Values.Max() / 1000.0 / 16;
        Console.WriteLine($"latency: {r.Turns:N0} turns in {r.Seconds:N2} s; ideal bound (max over bots of busy time / 16) {ideal:N2} s; overhead {(r.Seconds / ideal - 1) * 100:N1}%");
        Console.WriteLine($"target: within 10% of the ideal bound → {(r.Seconds <= ideal * 1.10 ? "PASS" : "FAIL")}");
        return 0;
    }

    private sealed record Result(long Turns, int Sessions, double Seconds);

    private static async Task<Result> RunAsync(string baseUrl, int sessions, int concurrency, string name)
    {
        var yaml = $"tournament: bench-{name}\nseed: 1\nsessions_per_matchup: {sessions}\nmax_turns: 10\nbatch_size: 20\nattackers:\n" +
                   string.Concat(Enumerable.Range(1, 5).Select(i => $"  - id: red-{i}\n    bot: {{kind: http, url: \"{baseUrl}/bots/red-{i}\", concurrency: {concurrency}}}\n")) +
                   "defenders:\n" +
                   string.Concat(Enumerable.Range(1, 5).Select(i => $"  - id: blue-{i}\n    bot: {{kind: http, url: \"{baseUrl}/bots/blue-{i}\", concurrency: {concurrency}}}\n"));
        var config = ConfigLoader.Parse(yaml, $"{name}.yaml");
        var dir = Directory.CreateTempSubdirectory("arena-bench-").FullName;
        try
        {
            await using var store = await SqliteArenaStore.OpenAsync(Path.Combine(dir, "bench.db"), CancellationToken.None);
            using var factory = new BotFactory();
            var runner = new TournamentRunner(config, yaml, store, new RunOptions(factory));
            var sw = Stopwatch.StartNew();
            var outcome = await runner.RunAsync(CancellationToken.None);
            sw.Stop();
            var stats = await store.GetStatsAsync(config.Tournament, CancellationToken.None);
            if (outcome != RunOutcome.Completed || stats.SessionsByState.GetValueOrDefault("completed") != 25 * sessions)
                throw new InvalidOperationException($"bench tournament did not complete cleanly: {outcome}, {string.Join(", ", stats.SessionsByState)}");
            return new Result(stats.Turns, 25 * sessions, sw.Elapsed.TotalSeconds);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(dir, true);
        }
    }

}

/// <summary>The bench bots in a child process (this same executable in "bots" mode).</summary>
internal sealed class BotProcess : IAsyncDisposable
{
    private readonly Process _process;
    public string BaseUrl { get; }

    private BotProcess(Process process, string baseUrl) { _process = process; BaseUrl = baseUrl; }

    public static async Task<BotProcess> StartAsync(int latencyMs, int jitterMs)
    {
        var port = FreePort();
        var self = Environment.ProcessPath!;
        var dll = typeof(BotProcess).Assembly.Location;
        var psi = self.EndsWith("dotnet", StringComparison.Ordinal)
            ? new ProcessStartInfo(self, [dll, "bots", $"{port}", $"{latencyMs}", $"{jitterMs}"])
            : new ProcessStartInfo(self, ["bots", $"{port}", $"{latencyMs}", $"{jitterMs}"]);
        psi.RedirectStandardOutput = true;
        var process = Process.Start(psi)!;
        var url = $"http://127.0.0.1:{port}";
        using var http = new HttpClient();
        for (var i = 0; i < 200; i++)
        {
            try { await http.GetAsync($"{url}/busy"); return new BotProcess(process, url); }
            catch (HttpRequestException) { await Task.Delay(50); }
        }
        process.Kill();
        throw new InvalidOperationException("bench bots did not start");
    }

    private static int FreePort()
    {
        using var l = new TcpListener(System.Net.IPAddress.Loopback, 0);
        l.Start();
        return ((System.Net.IPEndPoint)l.LocalEndpoint).Port;
    }

    public ValueTask DisposeAsync()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
        _process.Dispose();
        return ValueTask.CompletedTask;
    }
}
