using System.Text.Json;
using Arena.Tests.Cli;
using Arena.Tests.Fakes;

namespace Arena.Tests.TestBot;

/// <summary>`arena test-bot` through the real CLI against programmable arena.v1 fakes.</summary>
public sealed class TestBotCliTests : IAsyncLifetime
{
    private FakeArenaBots _bots = null!;
    private readonly string _dir = Directory.CreateTempSubdirectory("arena-testbot-").FullName;

    public async Task InitializeAsync() => _bots = await FakeArenaBots.StartAsync();

    public async Task DisposeAsync()
    {
        await _bots.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    // Small enough to keep the suite quick, big enough to exercise every phase.
    private static readonly string[] Quick = ["--sessions", "1", "--max-concurrency", "2", "--calls-per-level", "6"];

    private async Task<(ArenaProcess.Result Result, JsonElement Doc)> TestAsync(string bot, string role, params string[] extra)
    {
        var r = await ArenaProcess.RunAsync(_dir, ["test-bot", _bots.Url(bot), "--role", role, "--json", .. Quick, .. extra]);
        Assert.True(r.ExitCode is 0 or 1, $"exit {r.ExitCode}: {r.Stderr}");
        return (r, JsonDocument.Parse(r.Stdout).RootElement.Clone());
    }

    private static JsonElement Check(JsonElement doc, string name) =>
        doc.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == name);

    private static string Status(JsonElement doc, string name) => Check(doc, name).GetProperty("status").GetString()!;

    private static string[] FailedChecks(JsonElement doc) =>
        doc.GetProperty("failed_checks").EnumerateArray().Select(e => e.GetString()!).ToArray();

    [Fact]
    public async Task A_well_behaved_defender_passes_and_plays_every_built_in_attacker()
    {
        var (r, doc) = await TestAsync("blue", "defender");

        Assert.Equal(0, r.ExitCode);
        Assert.Equal("pass", doc.GetProperty("verdict").GetString());
        Assert.Empty(FailedChecks(doc));
        var run = doc.GetProperty("run");
        var opponents = run.GetProperty("opponents").EnumerateArray().Select(o => o.GetProperty("opponent").GetString()).ToHashSet();
        Assert.Equal(new HashSet<string?> { "direct", "escalation", "roleplay", "vuln-edit", "decompose", "bandit" }, opponents);
        Assert.Equal(run.GetProperty("sessions").GetInt32(), run.GetProperty("completed").GetInt32());
        // Every request the tester sent (probes, sessions, load) followed the protocol's turn/history/key rules.
        Assert.Empty(_bots.Violations);
        Assert.Contains(_bots.Calls, c => c.Turn == 9 && c.History.Count == 9); // the full-history probe
        // The load ladder climbed 1 → 2 with the requested number of calls on each rung.
        var load = doc.GetProperty("load").EnumerateArray().ToList();
        Assert.Equal([1, 2], load.Select(l => l.GetProperty("concurrency").GetInt32()));
        Assert.All(load, l => Assert.Equal(6, l.GetProperty("latency").GetProperty("calls").GetInt32()));
        var latency = doc.GetProperty("latency");
        Assert.True(latency.GetProperty("p50_ms").GetInt32() <= latency.GetProperty("p95_ms").GetInt32());
        Assert.True(latency.GetProperty("p95_ms").GetInt32() <= latency.GetProperty("p99_ms").GetInt32());
        // Progress went to stderr, and stdout held exactly the one document.
        Assert.Contains("test-bot:", r.Stderr);
    }

    [Fact]
    public async Task A_well_behaved_attacker_passes_and_ends_its_sessions()
    {
        var (r, doc) = await TestAsync("red", "attacker");

        Assert.Equal(0, r.ExitCode);
        Assert.Equal("pass", doc.GetProperty("verdict").GetString());
        Assert.Equal("pass", Status(doc, "first-turn"));
        Assert.Equal("pass", Status(doc, "attacker-ends"));
        var opponents = doc.GetProperty("run").GetProperty("opponents").EnumerateArray().ToList();
        Assert.Equal(["naive", "guarded", "cautious"], opponents.Select(o => o.GetProperty("opponent").GetString()));
        // Chatty attackers end after a seed-dependent number of turns, so some sessions end by attacker_end.
        Assert.Contains(opponents, o => o.GetProperty("end_reasons").TryGetProperty("attacker_end", out _));
        Assert.Contains(_bots.Calls, c => c.Bot == "red" && c.Turn == 0 && c.History.Count == 0);
        Assert.Empty(_bots.Violations);
    }

    [Theory]
    [InlineData("this is not json", "json-object")]
    [InlineData("[\"content\"]", "json-object")]
    [InlineData("{\"metadata\": {}}", "content-string")]
    [InlineData("{\"content\": 42}", "content-string")]
    [InlineData("{\"content\": \"hi\", \"end\": \"no\"}", "end-boolean")]
    [InlineData("{\"content\": \"hi\", \"metadata\": [1]}", "metadata-object")]
    public async Task A_defender_with_a_malformed_reply_fails_the_check_that_names_the_problem(string body, string check)
    {
        _bots.On("blue", _ => ArenaAnswer.Raw(body));

        var (r, doc) = await TestAsync("blue", "defender");

        Assert.Equal(1, r.ExitCode);
        Assert.Equal("fail", doc.GetProperty("verdict").GetString());
        Assert.Contains(check, FailedChecks(doc));
        Assert.False(string.IsNullOrEmpty(Check(doc, check).GetProperty("fix").GetString()));
        // The turn-level check agrees with the arena's own parser: the first reply is unusable.
        Assert.Contains("first-reply", FailedChecks(doc));
        // Failed checks are listed first.
        Assert.Equal("fail", doc.GetProperty("checks")[0].GetProperty("status").GetString());
        // Nothing to play with such a bot: the run and load phases are skipped.
        Assert.Equal("skip", Status(doc, "sessions"));
    }

    [Fact]
    public async Task An_attacker_that_ends_every_session_at_once_passes_with_an_attacker_ends_warning()
    {
        // Legal (contracts §2: end ends the session), but every conversation is empty.
        _bots.On("red", _ => ArenaAnswer.End());

        var (r, doc) = await TestAsync("red", "attacker");

        Assert.Equal(0, r.ExitCode);
        Assert.Equal("warn", Status(doc, "attacker-ends"));
        var run = doc.GetProperty("run");
        Assert.Equal(run.GetProperty("sessions").GetInt32(), run.GetProperty("completed").GetInt32());
        Assert.DoesNotContain(_bots.Calls, c => c.Turn > 0 && !c.SessionId.StartsWith("test-bot/conformance", StringComparison.Ordinal) && !c.SessionId.Contains("/load-"));
    }

    [Fact]
    public async Task A_bot_answering_500_fails_http_status()
    {
        _bots.On("blue", _ => ArenaAnswer.Error(500));

        var (r, doc) = await TestAsync("blue", "defender");

        Assert.Equal(1, r.ExitCode);
        Assert.Contains("http-status", FailedChecks(doc));
        Assert.Contains("HTTP 500", Check(doc, "http-status").GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_defender_that_ends_without_content_fails_and_one_that_ends_with_content_is_warned()
    {
        _bots.On("blue", _ => ArenaAnswer.End());
        var (r, doc) = await TestAsync("blue", "defender");
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("defender-end", FailedChecks(doc));

        // contracts §2: a defender's end is ignored, so with content it still plays; the tester warns.
        _bots.On("blue", c => ArenaAnswer.Say($"answer to turn {c.Turn}", end: true));
        (r, doc) = await TestAsync("blue", "defender");
        Assert.Equal(0, r.ExitCode);
        Assert.Equal("warn", Status(doc, "defender-end"));
    }

    [Fact]
    public async Task A_bot_slower_than_its_timeout_fails_latency()
    {
        _bots.On("blue", c => ArenaAnswer.Say("late").After(TimeSpan.FromSeconds(5)));

        var (r, doc) = await TestAsync("blue", "defender", "--timeout-s", "0.5");

        Assert.Equal(1, r.ExitCode);
        Assert.Contains("latency", FailedChecks(doc));
        Assert.Contains("timeout", Check(doc, "latency").GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_bot_that_fails_the_first_attempt_of_every_session_turn_completes_its_sessions_but_fails_error_rate()
    {
        // Conformance probes are answered; the sparring sessions' first attempts fail and succeed on the retry.
        _bots.On("blue", c => c.SessionId.StartsWith("test-bot/conformance", StringComparison.Ordinal) || c.AttemptOfKey > 1
            ? ArenaAnswer.Say($"reply {c.Turn}")
            : ArenaAnswer.Error(503));

        var (r, doc) = await TestAsync("blue", "defender");

        Assert.Equal(1, r.ExitCode);
        Assert.Equal("pass", Status(doc, "sessions"));
        Assert.Contains("error-rate", FailedChecks(doc));
        Assert.True(doc.GetProperty("run").GetProperty("errors_by_kind").GetProperty("HttpStatus").GetInt32() > 0);
    }

    [Fact]
    public async Task A_bot_that_answers_a_retry_differently_is_warned_about_idempotency()
    {
        _bots.On("blue", c => ArenaAnswer.Say($"reply {c.Turn}, attempt {c.AttemptOfKey}"));

        var (r, doc) = await TestAsync("blue", "defender");

        Assert.Equal(0, r.ExitCode);
        Assert.Equal("warn", Status(doc, "idempotent-retry"));
    }

    [Fact]
    public async Task The_token_is_sent_and_a_bot_that_ignores_a_missing_token_is_warned()
    {
        var env = new Dictionary<string, string> { ["TESTBOT_TOKEN"] = "s3cret" };
        var r = await ArenaProcess.RunWithAsync(_dir, null, env, ["test-bot", _bots.Url("blue"), "--role", "defender", "--json", "--token-env", "TESTBOT_TOKEN", .. Quick]);

        Assert.Equal(0, r.ExitCode);
        Assert.Contains(_bots.Calls, c => c.Authorization == "Bearer s3cret");
        Assert.Equal("warn", Status(JsonDocument.Parse(r.Stdout).RootElement, "auth"));
    }

    [Fact]
    public async Task The_human_output_puts_the_verdict_and_the_failed_checks_with_their_fixes_first()
    {
        _bots.On("blue", _ => ArenaAnswer.Raw("oops"));

        var r = await ArenaProcess.RunAsync(_dir, ["test-bot", _bots.Url("blue"), "--role", "defender", .. Quick]);

        Assert.Equal(1, r.ExitCode);
        var lines = r.Stdout.Split('\n');
        Assert.StartsWith("FAIL", lines[0]);
        Assert.Contains("FAIL json-object", lines[1]);
        Assert.Contains("fix:", lines[2]);
        Assert.Contains("verdict: FAIL", r.Stdout);
    }

    [Theory]
    [InlineData("ftp://127.0.0.1/bot", "URL 'ftp://127.0.0.1/bot'")]
    [InlineData("not a url", "URL 'not a url'")]
    public async Task A_url_that_is_not_http_is_bad_usage(string url, string expected)
    {
        var r = await ArenaProcess.RunAsync(_dir, "test-bot", url, "--role", "defender");

        Assert.Equal(2, r.ExitCode);
        Assert.Contains(expected, r.Stderr);
        Assert.Single(r.Stderr.Trim().Split('\n'));
        Assert.Empty(r.Stdout);
    }

    [Fact]
    public async Task A_missing_role_an_unknown_role_and_an_unset_token_variable_are_bad_usage()
    {
        var url = _bots.Url("blue");
        var missing = await ArenaProcess.RunAsync(_dir, "test-bot", url);
        var unknown = await ArenaProcess.RunAsync(_dir, "test-bot", url, "--role", "judge");
        var unset = await ArenaProcess.RunAsync(_dir, "test-bot", url, "--role", "defender", "--token-env", "ARENA_TESTBOT_SURELY_UNSET");

        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("--role", missing.Stderr);
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("'judge'", unknown.Stderr);
        Assert.Equal(2, unset.ExitCode);
        Assert.Contains("ARENA_TESTBOT_SURELY_UNSET", unset.Stderr);
        Assert.Empty(_bots.Calls);
    }

    [Fact]
    public async Task An_unreachable_bot_fails_reachable_with_exit_1()
    {
        // A port that was free a moment ago and has no listener now.
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var url = $"http://127.0.0.1:{((System.Net.IPEndPoint)listener.LocalEndpoint).Port}/respond";
        listener.Stop();

        var r = await ArenaProcess.RunAsync(_dir, "test-bot", url, "--role", "defender", "--json");

        Assert.Equal(1, r.ExitCode);
        Assert.Contains("reachable", FailedChecks(JsonDocument.Parse(r.Stdout).RootElement));
    }
}
