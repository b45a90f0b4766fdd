using System.Diagnostics;
using Arena.Tests.Fakes;
using System.Net.Sockets;
using System.Text.Json;
using Arena.Tests.Cli;

namespace Arena.Tests.TestBot;

/// <summary>The starter bot in examples/bots/python is what teams copy: `arena test-bot` must pass it in both roles.</summary>
public sealed class TestBotPythonExampleTests
{
    [Theory]
    [InlineData("attacker")]
    [InlineData("defender")]
    public async Task The_python_example_bot_passes_in_its_role(string role)
    {
        var port = PythonExampleBot.FreePort();
        using var bot = await PythonExampleBot.StartAsync(role, port);
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
