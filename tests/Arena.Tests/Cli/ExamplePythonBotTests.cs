using System.Diagnostics;
using System.Net.Sockets;
using Arena.Core.Sessions;
using Arena.Engine;
using Arena.Tests.Engine;

namespace Arena.Tests.Cli;

/// <summary>The starter bot in examples/bots/python plays whole tournaments against the built-in bots.</summary>
public sealed class ExamplePythonBotTests
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

    [Fact]
    public async Task The_python_example_bot_plays_both_roles_without_protocol_errors()
    {
        int attackerPort = FreePort(), defenderPort = FreePort();
        using var attacker = await StartBotAsync("attacker", attackerPort);
        using var defender = await StartBotAsync("defender", defenderPort);
        try
        {
            var yaml = $$"""
                tournament: py
                seed: 11
                sessions_per_matchup: 6
                max_turns: 10
                batch_size: 3
                attackers:
                  - id: py-red
                    bot: {kind: http, url: "http://127.0.0.1:{{attackerPort}}/respond", token: tok, concurrency: 4}
                  - id: escalation
                    bot: {kind: builtin, name: escalation}
                defenders:
                  - id: py-blue
                    bot: {kind: http, url: "http://127.0.0.1:{{defenderPort}}/respond", token: tok, concurrency: 4}
                  - id: guarded
                    bot: {kind: builtin, name: guarded}
                """;
            await using var h = await EngineHarness.CreateAsync();
            Assert.Equal(RunOutcome.Completed, await h.RunAsync(EngineHarness.Config(yaml), TimeSpan.FromMinutes(2)));
            var sessions = await h.SessionsAsync("py");
            Assert.Equal(24, sessions.Count);
            Assert.All(sessions, s => Assert.True(s.Status == SessionStatus.Completed, $"{s.Id}: {s.Error}"));
            EngineHarness.AssertInvariants(sessions);
            var stats = await h.Store.GetStatsAsync("py", CancellationToken.None);
            Assert.All(stats.Bots, b => Assert.Equal(0, b.FailedAttempts));
            // The python attacker ends its own sessions early.
            Assert.Contains(sessions, s => s.Attacker == "py-red" && s.EndReason == EndReason.AttackerEnd);
        }
        finally
        {
            attacker.Kill();
            defender.Kill();
        }
    }
}
