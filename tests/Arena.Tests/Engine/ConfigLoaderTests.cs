using Arena.Core.Tournaments;
using Arena.Engine.Configuration;

namespace Arena.Tests.Engine;

public sealed class ConfigLoaderTests
{
    private const string Valid = """
        tournament: t01
        seed: 42
        sessions_per_matchup: 200
        max_turns: 10
        batch_size: 20
        attackers:
          - id: red-a
            bot: {kind: http, url: "http://127.0.0.1:9101/respond", timeout_s: 30, concurrency: 8, retries: 1}
          - id: red-b
            bot: {kind: builtin, name: escalation}
        defenders:
          - id: blue-a
            bot: {kind: openai, base_url: "http://127.0.0.1:8000/v1", model: "m", api_key_env: OPENAI_API_KEY, timeout_s: 45, concurrency: 4}
          - id: blue-b
            bot: {kind: builtin, name: guarded}
        """;

    [Fact]
    public void The_contract_example_loads_with_its_values_and_defaults()
    {
        var c = ConfigLoader.Parse(Valid, "t.yaml");
        Assert.Equal("t01", c.Tournament);
        Assert.Equal(42, c.Seed);
        Assert.Equal(["red-a", "red-b"], c.Attackers.Select(a => a.Id));
        var red = c.Team("red-a").Bot;
        Assert.Equal((BotKind.Http, "http://127.0.0.1:9101/respond", 30.0, 8, 1), (red.Kind, red.Url, red.TimeoutS, red.Concurrency, red.Retries));
        var blue = c.Team("blue-a").Bot;
        Assert.Equal((BotKind.OpenAi, "m", "OPENAI_API_KEY", "[END]"), (blue.Kind, blue.Model, blue.ApiKeyEnv, blue.EndMarker));
        Assert.Equal(45, c.Team("blue-b").Bot.TimeoutS);
        Assert.Equal(32_768, c.MaxMessageChars);
        Assert.Equal(4, c.AllMatchups().Count);
        Assert.All(c.AllMatchups(), m => Assert.Equal(200, m.Quota));
    }

    [Fact]
    public void Per_pair_quotas_override_the_default()
    {
        var c = ConfigLoader.Parse(Valid + "\nmatchups:\n  - {attacker: red-b, defender: blue-a, sessions: 5}\n", "t.yaml");
        Assert.Equal(5, c.AllMatchups().Single(m => m.Key == "red-b/blue-a").Quota);
        Assert.Equal(200, c.AllMatchups().Single(m => m.Key == "red-a/blue-a").Quota);
    }

    [Theory]
    [InlineData("batch_size: 20", "batch_size: 20\nbogus: 1", "t.yaml:6: bogus: unknown key")]
    [InlineData("max_turns: 10", "max_turns: 0", "t.yaml:4: max_turns: must be positive")]
    [InlineData("sessions_per_matchup: 200", "sessions_per_matchup: -3", "t.yaml:3: sessions_per_matchup: must be positive")]
    [InlineData("seed: 42", "seed: forty", "t.yaml:2: seed: 'forty' is not an integer")]
    [InlineData("url: \"http://127.0.0.1:9101/respond\"", "url: \"ftp://127.0.0.1/x\"", "t.yaml:8: attackers[0].bot.url: 'ftp://127.0.0.1/x' is not an http(s) URL")]
    [InlineData("- id: red-b", "- id: red-a", "t.yaml:9: attackers[1].id: duplicate team id 'red-a'")]
    [InlineData("- id: blue-b", "- id: red-a", "t.yaml:14: defenders[1].id: duplicate team id 'red-a'")]
    [InlineData("- id: red-b", "- id: red b", "t.yaml:9: attackers[1].id: 'red b' is not a valid id")]
    [InlineData("name: escalation", "name: nosuch", "t.yaml:10: attackers[1].bot.name: unknown builtin attacker 'nosuch'")]
    [InlineData("name: guarded", "name: escalation", "t.yaml:15: defenders[1].bot.name:")]
    [InlineData("concurrency: 4}", "concurrency: 4, url: \"http://x\"}", "t.yaml:13: defenders[0].bot.url: unknown key")]
    [InlineData("kind: builtin, name: guarded", "kind: grpc", "t.yaml:15: defenders[1].bot.kind: 'grpc' is not a bot kind")]
    [InlineData("retries: 1}", "retries: -1}", "t.yaml:8: attackers[0].bot.retries: must be at least 0")]
    [InlineData("  - id: red-a\n", "  - bot: {kind: builtin, name: direct}\n  - id: red-a\n", "t.yaml:7: attackers[0].id: is required")]
    [InlineData("model: \"m\", ", "", "t.yaml:13: defenders[0].bot.model: is required for kind openai")]
    [InlineData("tournament: t01", "tournament: [t01", "t.yaml:")]
    [InlineData("timeout_s: 30", "timeout_s: 1e9", "t.yaml:8: attackers[0].bot.timeout_s: is too large")]
    [InlineData("retries: 1}", "retries: 1, burst: 3}", "t.yaml:8: attackers[0].bot.burst: only applies together with rps")]
    public void Bad_configs_name_the_file_line_and_key(string find, string replace, string expected)
    {
        Assert.Contains(find, Valid);
        var e = Assert.Throws<ConfigException>(() => ConfigLoader.Parse(Valid.Replace(find, replace), "t.yaml"));
        Assert.StartsWith(expected, e.Message);
    }

    [Fact]
    public void Missing_sides_and_unknown_matchup_teams_are_rejected()
    {
        var noDefenders = Valid[..Valid.IndexOf("defenders:", StringComparison.Ordinal)];
        Assert.Contains("defenders: is required", Assert.Throws<ConfigException>(() => ConfigLoader.Parse(noDefenders, "t.yaml")).Message);
        var e = Assert.Throws<ConfigException>(() => ConfigLoader.Parse(Valid + "\nmatchups:\n  - {attacker: red-z, defender: blue-a, sessions: 5}\n", "t.yaml"));
        Assert.Contains("matchups[0].attacker: 'red-z' is not an attacker", e.Message);
    }
}
