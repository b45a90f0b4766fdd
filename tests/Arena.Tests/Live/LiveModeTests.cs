using System.Text.Json;
using Arena.Bots;
using Arena.Core.Labels;
using Arena.Core.Sessions;
using Arena.Engine;
using Arena.Engine.Configuration;
using Arena.Evaluation.Analysis;
using Arena.Evaluation.Judges;
using Arena.Evaluation.Labels;
using Arena.Tests.Engine;
using Microsoft.Data.Sqlite;

namespace Arena.Tests.Live;

public sealed class LiveModeTests
{
    private const int Sessions = 6;
    private const int Batch = 2;
    private const string Token = "hook-s3cret";
    private static CancellationToken Ct => CancellationToken.None;

    /// <summary>a1 and d1 have webhooks, a2 and d2 do not: a2/d2 is the one pair nobody watches.</summary>
    private static string Yaml(string a1Hook, string d1Hook) => $$"""
        tournament: live
        seed: 3
        sessions_per_matchup: {{Sessions}}
        max_turns: 4
        batch_size: {{Batch}}
        attackers:
          - id: a1
            bot: {kind: builtin, name: escalation}
            webhook: {{a1Hook}}
          - id: a2
            bot: {kind: builtin, name: direct}
        defenders:
          - id: d1
            bot: {kind: builtin, name: naive}
            webhook: {{d1Hook}}
          - id: d2
            bot: {kind: builtin, name: guarded}
        """;

    private static readonly (string A, string D)[] Watched = [("a1", "d1"), ("a1", "d2"), ("a2", "d1")];

    private static RunOptions Options(RecordingBots bots, List<string>? log = null) => EngineHarness.FastOptions() with
    {
        Bots = bots,
        Environment = name => name == "HOOK_TOKEN" ? Token : null,
        WebhookBackoff = TimeSpan.FromMilliseconds(20),
        Log = line => { lock (log ?? []) log?.Add(line); },
    };

    private static async Task<RunOutcome> RunAsync(EngineHarness h, string yaml, RunOptions options)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        return await new TournamentRunner(EngineHarness.Config(yaml), yaml, h.Store, options).RunAsync(cts.Token);
    }

    private static string SessionId(string a, string d, int i) => $"live/{a}/{d}/{i}";

    [Fact]
    public async Task Each_team_gets_one_call_per_batch_of_its_own_matchups_with_that_batch_and_its_stored_labels()
    {
        await using var receiver = await WebhookReceiver.StartAsync(delay: TimeSpan.FromMilliseconds(100));
        await using var h = await EngineHarness.CreateAsync();
        var bots = new RecordingBots(new BotFactory());
        var yaml = Yaml($$"""{url: "{{receiver.Url("a1")}}", token_env: HOOK_TOKEN, timeout_s: 5}""", $$"""{url: "{{receiver.Url("d1")}}"}""");

        Assert.Equal(RunOutcome.Completed, await RunAsync(h, yaml, Options(bots)));

        var calls = receiver.Calls;
        var stored = (await h.SessionsAsync("live")).ToDictionary(s => s.Id);
        var labels = await h.Store.GetCurrentLabelsAsync("live", Ct);
        Assert.All(stored.Values, s => Assert.Equal(SessionStatus.Completed, s.Status));

        // Exactly one call per batch per watching team, and only for that team's matchups.
        foreach (var team in new[] { "a1", "d1" })
        {
            var expected = Watched.Where(p => p.A == team || p.D == team)
                .SelectMany(p => Enumerable.Range(0, Sessions / Batch).Select(n => $"live/{p.A}/{p.D}/batch/{n}")).Order().ToList();
            Assert.Equal(expected, calls.Where(c => c.Path == $"/hook/{team}").Select(c => c.IdempotencyKey!).Order().ToList());
        }
        Assert.DoesNotContain(calls, c => c.Path is not ("/hook/a1" or "/hook/d1"));

        foreach (var call in calls)
        {
            var team = call.Path["/hook/".Length..];
            var json = call.Json;
            var (a, d, n) = (json.GetProperty("attacker").GetString()!, json.GetProperty("defender").GetString()!, json.GetProperty("batch").GetInt32());
            Assert.Equal("batch_finished", call.Event);
            Assert.Equal("batch_finished", json.GetProperty("event").GetString());
            Assert.Equal("live", json.GetProperty("tournament").GetString());
            Assert.Equal(team, json.GetProperty("team").GetString());
            Assert.Equal($"live/{a}/{d}/batch/{n}", call.IdempotencyKey);
            Assert.Equal(team == "a1" ? $"Bearer {Token}" : "", call.Authorization ?? "");
            // No turn metadata at all, so none of the other team's.
            Assert.DoesNotContain("metadata", call.Body);
            Assert.DoesNotContain("private-to-", call.Body);

            var sessions = json.GetProperty("sessions").EnumerateArray().ToList();
            Assert.Equal(Enumerable.Range(n * Batch, Batch).Select(i => SessionId(a, d, i)).ToList(),
                sessions.Select(s => s.GetProperty("session_id").GetString()!).ToList());
            foreach (var s in sessions)
            {
                var id = s.GetProperty("session_id").GetString()!;
                var label = labels[id];
                Assert.Equal(stored[id].Index, s.GetProperty("index").GetInt32());
                Assert.Equal("completed", s.GetProperty("status").GetString());
                Assert.Equal(label.Outcome == Outcome.AttackSuccess ? "attack_success" : "defense_success", s.GetProperty("outcome").GetString());
                Assert.Equal(label.VulnerableCode, s.GetProperty("vulnerable_code").GetBoolean());
                Assert.Equal(label.SecurityEvent, s.GetProperty("security_event").GetBoolean());
                Assert.Equal(label.Findings.Select(f => (f.Turn, f.Category)).ToList(),
                    s.GetProperty("findings").EnumerateArray().Select(f => (f.GetProperty("turn").GetInt32(), f.GetProperty("category").GetString()!)).ToList());
                Assert.Equal(stored[id].Turns.Select(t => t.Content).ToList(),
                    s.GetProperty("turns").EnumerateArray().Select(t => t.GetProperty("content").GetString()!).ToList());
            }

            var soFar = json.GetProperty("matchup_so_far");
            var through = Enumerable.Range(0, (n + 1) * Batch).Select(i => SessionId(a, d, i)).ToList();
            Assert.Equal(through.Count, soFar.GetProperty("sessions").GetInt32());
            Assert.Equal(through.Count(id => labels[id].Outcome == Outcome.AttackSuccess), soFar.GetProperty("attack_successes").GetInt32());

            // The pair's next batch started only after this POST was answered.
            if (n + 1 < Sessions / Batch)
            {
                var nextStart = Enumerable.Range((n + 1) * Batch, Batch).Min(i => bots.FirstAsked[(SessionId(a, d, i), 0)]);
                Assert.True(nextStart > call.AnsweredAt, $"batch {n + 1} of {a}/{d} started before {team}'s webhook for batch {n} was answered");
            }
        }
        // The run is not trivially all-safe: the naive defender gives attack successes.
        Assert.Contains(labels.Values, l => l.Outcome == Outcome.AttackSuccess);
    }

    [Fact]
    public async Task Provisional_labels_count_as_done_for_evaluate_with_the_same_tools_and_unwatched_pairs_are_left_to_it()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var h = await EngineHarness.CreateAsync();
        var yaml = Yaml($$"""{url: "{{receiver.Url("a1")}}"}""", $$"""{url: "{{receiver.Url("d1")}}"}""");

        Assert.Equal(RunOutcome.Completed, await RunAsync(h, yaml, Options(new RecordingBots(new BotFactory()))));

        var evaluate = new ConversationLabeler(new PythonAnalyzer(), new HeuristicJudge(), new AnalyzerOptions());
        var (todo, unchanged) = await new TournamentLabeling(h.Store, "live", evaluate).PlanAsync(force: false, Ct);
        Assert.Equal(Watched.Length * Sessions, unchanged);
        Assert.Equal(Enumerable.Range(0, Sessions).Select(i => SessionId("a2", "d2", i)).ToList(), todo.Select(s => s.Id).Order().ToList());
    }

    [Fact]
    public async Task Failing_and_silent_webhooks_are_retried_recorded_and_logged_but_the_tournament_completes()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Status["a1"] = 500;
        receiver.Status["d1"] = -1; // never answers
        await using var h = await EngineHarness.CreateAsync();
        var log = new List<string>();
        var yaml = Yaml($$"""{url: "{{receiver.Url("a1")}}", retries: 1}""", $$"""{url: "{{receiver.Url("d1")}}", timeout_s: 0.3, retries: 0}""");

        Assert.Equal(RunOutcome.Completed, await RunAsync(h, yaml, Options(new RecordingBots(new BotFactory()), log)));

        var sessions = await h.SessionsAsync("live");
        Assert.Equal(4 * Sessions, sessions.Count);
        Assert.All(sessions, s => Assert.Equal(SessionStatus.Completed, s.Status));
        var batchesOf = (string team) => Watched.Count(p => p.A == team || p.D == team) * (Sessions / Batch);
        // a1: first attempt + 1 retry per batch, same key each time.
        Assert.All(receiver.Calls.Where(c => c.Path == "/hook/a1").GroupBy(c => c.IdempotencyKey), g => Assert.Equal(2, g.Count()));
        Assert.Equal(batchesOf("a1"), receiver.Calls.Where(c => c.Path == "/hook/a1").Select(c => c.IdempotencyKey).Distinct().Count());

        var failures = new List<(string Bot, string Kind, int Turn, string Message)>();
        await using (var c = new SqliteConnection($"Data Source={h.DbPath};Pooling=false"))
        {
            await c.OpenAsync();
            await using var cmd = c.CreateCommand();
            cmd.CommandText = "SELECT bot, kind, turn, message FROM attempt_failures WHERE tournament = 'live'";
            await using var r = await cmd.ExecuteReaderAsync();
            while (await r.ReadAsync()) failures.Add((r.GetString(0), r.GetString(1), r.GetInt32(2), r.GetString(3)));
        }
        Assert.All(failures, f => Assert.Equal(("webhook", -1), (f.Kind, f.Turn)));
        Assert.Equal(2 * batchesOf("a1"), failures.Count(f => f.Bot == "a1"));
        Assert.Contains(failures, f => f.Bot == "a1" && f.Message.Contains("HTTP 500"));
        Assert.Equal(batchesOf("d1"), failures.Count(f => f.Bot == "d1"));
        Assert.All(failures.Where(f => f.Bot == "d1"), f => Assert.Contains("no answer within 0.3 s", f.Message));
        Assert.Equal(batchesOf("a1") + batchesOf("d1"), log.Count(l => l.Contains("not delivered")));

        // The bots themselves did not fail: their statistics do not count the webhook's failures.
        var stats = await h.Store.GetStatsAsync("live", Ct);
        Assert.All(stats.Bots, b => Assert.Equal(0, b.FailedAttempts));
    }

    [Fact]
    public async Task A_resumed_run_delivers_each_watched_pairs_last_batch_again_with_the_same_key_and_keeps_its_labels()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var h = await EngineHarness.CreateAsync();
        var yaml = Yaml($$"""{url: "{{receiver.Url("a1")}}"}""", $$"""{url: "{{receiver.Url("d1")}}"}""");
        Assert.Equal(RunOutcome.Completed, await RunAsync(h, yaml, Options(new RecordingBots(new BotFactory()))));
        var first = receiver.Calls.Count;

        Assert.Equal(RunOutcome.Completed, await RunAsync(h, yaml, Options(new RecordingBots(new BotFactory()))));

        var again = receiver.Calls.Skip(first).ToList();
        var last = Sessions / Batch - 1;
        var expected = Watched.SelectMany(p => new[] { p.A, p.D }.Where(t => t is "a1" or "d1").Select(t => $"/hook/{t} live/{p.A}/{p.D}/batch/{last}"));
        Assert.Equal(expected.Order().ToList(), again.Select(c => $"{c.Path} {c.IdempotencyKey}").Order().ToList());
        var before = receiver.Calls.Take(first).Where(c => c.IdempotencyKey!.EndsWith($"/batch/{last}", StringComparison.Ordinal))
            .ToDictionary(c => $"{c.Path} {c.IdempotencyKey}", c => c.Json.GetProperty("sessions").GetRawText());
        Assert.All(again, c => Assert.Equal(before[$"{c.Path} {c.IdempotencyKey}"], c.Json.GetProperty("sessions").GetRawText()));
        Assert.All(again, c => Assert.Equal(Sessions, c.Json.GetProperty("matchup_so_far").GetProperty("sessions").GetInt32()));
        foreach (var (a, d) in Watched)
            Assert.Single(await h.Store.GetLabelHistoryAsync(SessionId(a, d, Sessions - 1), Ct));
    }

    [Theory]
    [InlineData("{url: \"ftp://x/hook\"}", "test.yaml:9: attackers[0].webhook.url: 'ftp://x/hook' is not an http(s) URL")]
    [InlineData("{token_env: T}", "test.yaml:9: attackers[0].webhook.url: is required")]
    [InlineData("{url: \"http://x/h\", secret: s}", "test.yaml:9: attackers[0].webhook.secret: unknown key (expected one of: url, token_env, timeout_s, retries)")]
    [InlineData("{url: \"http://x/h\", token_env: \"MY-VAR\"}", "test.yaml:9: attackers[0].webhook.token_env: 'MY-VAR' is not an environment variable name")]
    [InlineData("{url: \"http://x/h\", timeout_s: 0}", "test.yaml:9: attackers[0].webhook.timeout_s: must be positive (got 0)")]
    [InlineData("{url: \"http://x/h\", retries: -1}", "test.yaml:9: attackers[0].webhook.retries: must be at least 0 (got -1)")]
    [InlineData("\"http://x/h\"", "test.yaml:9: attackers[0].webhook: must be a mapping")]
    public void Webhook_config_errors_name_the_line_and_key(string hook, string message)
    {
        var e = Assert.Throws<ConfigException>(() => EngineHarness.Config(Yaml(hook, "{url: \"http://x/d1\"}")));
        Assert.StartsWith(message, e.Message);
    }

    [Fact]
    public void Webhook_defaults_apply_and_a_team_without_one_has_none()
    {
        var config = EngineHarness.Config(Yaml("{url: \"https://x/a1\", token_env: HOOK_TOKEN}", "{url: \"http://x/d1\", timeout_s: 2.5, retries: 0}"));
        Assert.Equal(new Arena.Core.Tournaments.WebhookSpec("https://x/a1", "HOOK_TOKEN", 10, 2), config.Team("a1").Webhook);
        Assert.Equal(new Arena.Core.Tournaments.WebhookSpec("http://x/d1", null, 2.5, 0), config.Team("d1").Webhook);
        Assert.Null(config.Team("d2").Webhook);
    }

    [Fact]
    public async Task An_unset_token_variable_stops_the_run_before_it_starts_with_exit_code_2()
    {
        await using var h = await EngineHarness.CreateAsync();
        var yaml = Yaml("{url: \"http://127.0.0.1:9/a1\", token_env: NOT_SET_ANYWHERE}", "{url: \"http://127.0.0.1:9/d1\"}");
        var e = Assert.Throws<RunException>(() => new TournamentRunner(EngineHarness.Config(yaml), yaml, h.Store, Options(new RecordingBots(new BotFactory()))));
        Assert.Equal(2, e.ExitCode);
        Assert.Equal("a1: webhook.token_env names environment variable NOT_SET_ANYWHERE, which is not set", e.Message);
    }
}
