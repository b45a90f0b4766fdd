using System.Diagnostics;
using Arena.Tests.Fakes;
using System.Net.Sockets;
using Arena.Core.Sessions;
using Arena.Engine;
using Arena.Tests.Engine;

namespace Arena.Tests.Cli;

/// <summary>The starter bot in examples/bots/python plays whole tournaments against the built-in bots.</summary>
public sealed class ExamplePythonBotTests
{
    [Fact]
    public async Task The_python_example_bot_plays_both_roles_without_protocol_errors()
    {
        int attackerPort = PythonExampleBot.FreePort(), defenderPort = PythonExampleBot.FreePort();
        using var attacker = await PythonExampleBot.StartAsync("attacker", attackerPort);
        using var defender = await PythonExampleBot.StartAsync("defender", defenderPort);
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
