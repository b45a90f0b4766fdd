using Arena.Bots;
using Arena.Core.Sessions;
using Arena.Engine;
using Arena.Tests.Fakes;

namespace Arena.Tests.Engine;

public sealed class OpenAiTournamentTests
{
    [Fact]
    public async Task OpenAi_compatible_servers_play_a_whole_tournament_as_attacker_and_defender()
    {
        var keyVar = $"ARENA_TEST_KEY_{Guid.NewGuid():N}";
        Environment.SetEnvironmentVariable(keyVar, "sk-test");
        await using var server = await FakeOpenAiServer.StartAsync(req =>
            req.Model == "red" && req.Messages.Count(m => m.Role == "assistant") >= 2
                ? FakeOpenAiResponse.Reply("[END]", model: "red")
                : FakeOpenAiServer.Echo(req));
        var yaml = $$"""
            tournament: oa
            seed: 5
            sessions_per_matchup: 4
            max_turns: 10
            batch_size: 2
            attackers:
              - id: red
                bot: {kind: openai, base_url: "{{server.BaseUrl}}", model: red, system_prompt: "Attack brief.", concurrency: 2}
            defenders:
              - id: blue
                bot: {kind: openai, base_url: "{{server.BaseUrl}}", model: blue, api_key_env: {{keyVar}}, temperature: 0, concurrency: 2}
            """;
        await using var h = await EngineHarness.CreateAsync();
        Assert.Equal(RunOutcome.Completed, await h.RunAsync(EngineHarness.Config(yaml)));

        var sessions = await h.SessionsAsync("oa");
        Assert.Equal(4, sessions.Count);
        EngineHarness.AssertInvariants(sessions);
        // The attacker said [END] on its third message: two exchanges, then the end marker.
        Assert.All(sessions, s => Assert.Equal((SessionStatus.Completed, EndReason.AttackerEnd, 4), (s.Status, s.EndReason, s.Turns.Count)));
        var blue = server.Completions.Where(r => r.Model == "blue").ToList();
        Assert.Equal(8, blue.Count);
        Assert.All(blue, r => Assert.Equal("Bearer sk-test", r.Header("Authorization")));
        Assert.All(server.Completions.Where(r => r.Model == "red"), r => Assert.Null(r.Header("Authorization")));
        // The defender saw the attacker's words as user messages.
        var last = blue.OrderByDescending(r => r.Messages.Count).First();
        Assert.Equal(["user", "assistant", "user"], last.Messages.Select(m => m.Role));
    }

    [Fact]
    public void A_missing_api_key_variable_is_a_config_error_naming_the_variable()
    {
        var config = EngineHarness.Config("""
            tournament: oa
            attackers:
              - id: red
                bot: {kind: builtin, name: direct}
            defenders:
              - id: blue
                bot: {kind: openai, base_url: "http://127.0.0.1:1/v1", model: m, api_key_env: ARENA_SURELY_UNSET_VARIABLE}
            """);
        var e = Assert.Throws<BotConfigException>(() => new BotFactory().Create(config.Team("blue")));
        Assert.Contains("ARENA_SURELY_UNSET_VARIABLE", e.Message);
    }
}
