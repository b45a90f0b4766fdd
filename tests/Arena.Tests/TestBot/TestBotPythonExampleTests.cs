using System.Diagnostics;
using System.Net.Sockets;
using System.Text.Json;
using Arena.Tests.Cli;

namespace Arena.Tests.TestBot;

/// <summary>The starter bot in examples/bots/python is what teams copy: `arena test-bot` must pass it in both roles.</summary>
public sealed class TestBotPythonExampleTests
{
    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Arena.slnx"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("repository root not found");
    }

    private static int FreePort()
    {
        using var l = new TcpListener(System.Net.IPAddress.Loopback, 0);
        l.Start();
        return ((System.Net.IPEndPoint)l.LocalEndpoint).Port;
    }

    private static async Task<Process> StartBotAsync(string role, int port)
    {
        var psi = new ProcessStartInfo("python3") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in new[] { Path.Combine(RepoRoot(), "examples", "bots", "python", "arena_bot.py"), "--role", role, "--port", $"{port}", "--token", "tok" })
            psi.ArgumentList.Add(a);
        var p = Process.Start(psi)!;
        p.ErrorDataReceived += (_, _) => { };
        p.BeginErrorReadLine();
        using var http = new HttpClient();
        for (var i = 0; i < 100; i++)
        {
            try
            {
                if ((await http.GetAsync($"http://127.0.0.1:{port}/health")).IsSuccessStatusCode) return p;
            }
            catch (HttpRequestException) { }
            await Task.Delay(100);
        }
        p.Kill();
        throw new InvalidOperationException("python example bot did not start");
    }

    [Theory]
    [InlineData("attacker")]
    [InlineData("defender")]
    public async Task The_python_example_bot_passes_in_its_role(string role)
    {
        var port = FreePort();
        using var bot = await StartBotAsync(role, port);
        var dir = Directory.CreateTempSubdirectory("arena-testbot-py-").FullName;
        try
        {
            var env = new Dictionary<string, string> { ["PY_BOT_TOKEN"] = "tok" };
            var r = await ArenaProcess.RunWithAsync(dir, null, env, "test-bot", $"http://127.0.0.1:{port}/respond", "--role", role,
                "--token-env", "PY_BOT_TOKEN", "--sessions", "2", "--max-concurrency", "4", "--calls-per-level", "8", "--json");

            Assert.True(r.ExitCode == 0, r.Stdout + r.Stderr);
            var doc = JsonDocument.Parse(r.Stdout).RootElement;
            Assert.Equal("pass", doc.GetProperty("verdict").GetString());
            // The example refuses requests without its token and caches replies per Idempotency-Key.
            var checks = doc.GetProperty("checks").EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!, c => c.GetProperty("status").GetString());
            Assert.Equal("pass", checks["auth"]);
            Assert.Equal("pass", checks["idempotent-retry"]);
            var run = doc.GetProperty("run");
            Assert.Equal(run.GetProperty("sessions").GetInt32(), run.GetProperty("completed").GetInt32());
            Assert.Equal(0, doc.GetProperty("latency").GetProperty("errors").GetInt32());
        }
        finally
        {
            bot.Kill();
            Directory.Delete(dir, recursive: true);
        }
    }
}
