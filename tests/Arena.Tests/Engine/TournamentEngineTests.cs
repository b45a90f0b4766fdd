using Arena.Core.Sessions;
using Arena.Engine;
using Arena.Engine.Resilience;
using Arena.Tests.Fakes;

namespace Arena.Tests.Engine;

public sealed class TournamentEngineTests
{
    private static string Yaml(FakeArenaBots bots, string tournament = "t01", int sessions = 6, int maxTurns = 6, int batch = 3,
        string attackerExtra = "", string defenderExtra = "", string extraTop = "") => $$"""
        tournament: {{tournament}}
        seed: 7
        sessions_per_matchup: {{sessions}}
        max_turns: {{maxTurns}}
        batch_size: {{batch}}
        {{extraTop}}
        attackers:
          - id: a1
            bot: {kind: http, url: "{{bots.Url("a1")}}", timeout_s: 5, concurrency: 4{{attackerExtra}}}
          - id: a2
            bot: {kind: http, url: "{{bots.Url("a2")}}", timeout_s: 5, concurrency: 4{{attackerExtra}}}
        defenders:
          - id: d1
            bot: {kind: http, url: "{{bots.Url("d1")}}", timeout_s: 5, concurrency: 4{{defenderExtra}}}
          - id: d2
            bot: {kind: http, url: "{{bots.Url("d2")}}", timeout_s: 5, concurrency: 4{{defenderExtra}}}
        """;

    [Fact]
    public async Task Every_pair_runs_its_quota_with_alternating_turns_and_full_history()
    {
        await using var bots = await FakeArenaBots.StartAsync();
        await using var h = await EngineHarness.CreateAsync();
        var config = EngineHarness.Config(Yaml(bots));

        Assert.Equal(RunOutcome.Completed, await h.RunAsync(config));

        var sessions = await h.SessionsAsync("t01");
        Assert.Equal(4 * 6, sessions.Count);
        Assert.All(sessions, s => Assert.Equal(SessionStatus.Completed, s.Status));
        Assert.Empty(bots.Violations);
        EngineHarness.AssertInvariants(sessions);
        // The stored content is exactly what each bot said for that session and turn.
        foreach (var s in sessions)
            foreach (var t in s.Turns)
                Assert.Equal($"{t.BotId} says turn {t.Turn} in {s.Id}", t.Content);
        // Each request carried the whole session so far.
        foreach (var call in bots.Calls)
        {
            var s = sessions.Single(x => x.Id == call.SessionId);
            Assert.Equal(s.Turns.Take(call.Turn).Select(t => t.Content), call.History.Select(m => m.Content));
        }
        // Attackers ended some sessions, the turn cap ended others.
        Assert.Contains(sessions, s => s.EndReason == EndReason.AttackerEnd);
        Assert.Contains(sessions, s => s.EndReason == EndReason.MaxTurns);
    }

    [Fact]
    public async Task Sessions_of_a_pair_start_in_batches_and_quotas_can_differ_per_pair()
    {
        await using var bots = await FakeArenaBots.StartAsync();
        await using var h = await EngineHarness.CreateAsync();
        var yaml = Yaml(bots, sessions: 7, batch: 3) + "\nmatchups:\n  - {attacker: a2, defender: d2, sessions: 2}\n";
        await h.RunAsync(EngineHarness.Config(yaml));

        var sessions = await h.SessionsAsync("t01");
        Assert.Equal(7 * 3 + 2, sessions.Count);
        Assert.Equal(2, sessions.Count(s => s.Attacker == "a2" && s.Defender == "d2"));

        // A session of batch k+1 is first called only after every session of batch k has made its last call.
        var calls = bots.Calls.Select((c, i) => (c, i)).ToList();
        foreach (var pair in sessions.GroupBy(s => (s.Attacker, s.Defender)))
        {
            var byIndex = pair.ToDictionary(s => s.Index, s => calls.Where(x => x.c.SessionId == s.Id).Select(x => x.i).ToList());
            foreach (var (index, order) in byIndex)
            {
                var batch = index / 3;
                if (batch == 0) continue;
                var previousBatchLast = byIndex.Where(kv => kv.Key / 3 == batch - 1).Max(kv => kv.Value.Max());
                Assert.True(order.Min() > previousBatchLast, $"{pair.Key} session {index} started before batch {batch - 1} finished");
            }
        }
    }

    [Fact]
    public async Task A_failed_attempt_is_retried_with_the_same_idempotency_key()
    {
        await using var bots = await FakeArenaBots.StartAsync();
        // d1 fails the first attempt of every turn it is asked for.
        bots.On("d1", c => c.AttemptOfKey == 1 ? ArenaAnswer.Error(500) : FakeArenaBots.Chatty(c));
        await using var h = await EngineHarness.CreateAsync();
        await h.RunAsync(EngineHarness.Config(Yaml(bots, defenderExtra: ", offline_after: 1000")));

        var sessions = await h.SessionsAsync("t01");
        Assert.All(sessions, s => Assert.Equal(SessionStatus.Completed, s.Status));
        EngineHarness.AssertInvariants(sessions);
        var d1Turns = sessions.SelectMany(s => s.Turns).Where(t => t.BotId == "d1").ToList();
        Assert.NotEmpty(d1Turns);
        Assert.All(d1Turns, t => Assert.Equal(2, t.Attempts));
        Assert.All(sessions.SelectMany(s => s.Turns).Where(t => t.BotId != "d1"), t => Assert.Equal(1, t.Attempts));
        // Both attempts of a turn carried the same key.
        var d1Calls = bots.Calls.Where(c => c.Bot == "d1").ToList();
        Assert.All(d1Calls.GroupBy(c => c.IdempotencyKey), g => Assert.Equal(2, g.Count()));

        var stats = await h.Store.GetStatsAsync("t01", CancellationToken.None);
        Assert.Equal(d1Turns.Count, stats.Bots.Single(b => b.BotId == "d1").FailedAttempts);
        Assert.Equal(0, stats.Bots.Single(b => b.BotId == "d2").FailedAttempts);
    }

    [Fact]
    public async Task Exhausted_retries_end_the_session_failed_and_name_the_bot()
    {
        await using var bots = await FakeArenaBots.StartAsync();
        bots.On("d2", c => c.SessionId.EndsWith("/0") ? ArenaAnswer.Error(500) : FakeArenaBots.Chatty(c));
        await using var h = await EngineHarness.CreateAsync();
        await h.RunAsync(EngineHarness.Config(Yaml(bots, defenderExtra: ", retries: 2, offline_after: 1000")));

        var sessions = await h.SessionsAsync("t01");
        var failed = sessions.Where(s => s.Status == SessionStatus.Failed).ToList();
        Assert.Equal(["t01/a1/d2/0", "t01/a2/d2/0"], failed.Select(s => s.Id).Order());
        Assert.All(failed, s => { Assert.Equal("d2", s.FailedBot); Assert.Equal(EndReason.BotError, s.EndReason); Assert.Contains("500", s.Error); });
        Assert.Equal(sessions.Count - 2, sessions.Count(s => s.Status == SessionStatus.Completed));
        // 1 + 2 retries per failing session.
        Assert.Equal(6, bots.Calls.Count(c => c.Bot == "d2" && c.SessionId.EndsWith("/0")));
        var stats = await h.Store.GetStatsAsync("t01", CancellationToken.None);
        Assert.Equal(2, stats.Bots.Single(b => b.BotId == "d2").FailedSessions);
        Assert.Equal(6, stats.Bots.Single(b => b.BotId == "d2").FailedAttempts);
    }

    [Theory]
    [InlineData("malformed")]
    [InlineData("missing-content")]
    [InlineData("content-not-string")]
    [InlineData("timeout")]
    [InlineData("not-an-object")]
    public async Task Garbage_replies_are_counted_failed_attempts_not_crashes(string kind)
    {
        await using var bots = await FakeArenaBots.StartAsync();
        bots.On("d1", c => c.Turn == 1 && c.SessionId.EndsWith("/1") ? kind switch
        {
            "malformed" => ArenaAnswer.Raw("{\"content\": \"unterminated"),
            "missing-content" => ArenaAnswer.Raw("{\"end\": false}"),
            "content-not-string" => ArenaAnswer.Raw("{\"content\": 42}"),
            "not-an-object" => ArenaAnswer.Raw("[1,2,3]"),
            _ => FakeArenaBots.Chatty(c).After(TimeSpan.FromSeconds(2)),
        } : FakeArenaBots.Chatty(c));
        await using var h = await EngineHarness.CreateAsync();
        var yaml = Yaml(bots, sessions: 3, defenderExtra: ", offline_after: 1000")
            .Replace($"url: \"{bots.Url("d1")}\", timeout_s: 5", $"url: \"{bots.Url("d1")}\", timeout_s: 0.3");
        await h.RunAsync(EngineHarness.Config(yaml));

        var sessions = await h.SessionsAsync("t01");
        var failed = sessions.Where(s => s.Status == SessionStatus.Failed).Select(s => s.Id).Order().ToList();
        Assert.Equal(["t01/a1/d1/1", "t01/a2/d1/1"], failed);
        Assert.All(sessions.Where(s => s.Status == SessionStatus.Failed), s => Assert.Single(s.Turns));
        EngineHarness.AssertInvariants(sessions);
        var stats = await h.Store.GetStatsAsync("t01", CancellationToken.None);
        Assert.Equal(4, stats.Bots.Single(b => b.BotId == "d1").FailedAttempts);
    }

    [Fact]
    public async Task A_bot_that_goes_offline_makes_its_sessions_wait_and_they_resume_when_it_recovers()
    {
        await using var bots = await FakeArenaBots.StartAsync();
        // Down for 1.5 s from its first call, then back.
        var firstCall = new Lazy<DateTime>(() => DateTime.UtcNow, LazyThreadSafetyMode.ExecutionAndPublication);
        bots.On("d1", c => DateTime.UtcNow - firstCall.Value < TimeSpan.FromSeconds(1.5) ? ArenaAnswer.Error(503) : FakeArenaBots.Chatty(c));
        await using var h = await EngineHarness.CreateAsync();
        var config = EngineHarness.Config(Yaml(bots, sessions: 6, defenderExtra: ", offline_after: 3, retries: 1"));
        var runner = h.Runner(config);
        var states = new List<BotState>();
        runner.Gateways["d1"].Availability.StateChanged += s => { lock (states) states.Add(s); };
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        Assert.Equal(RunOutcome.Completed, await runner.RunAsync(cts.Token));

        var sessions = await h.SessionsAsync("t01");
        // Only failures before the bot was marked offline count against retries: at most offline_after - 1 = 2
        // counted failures, so at most one session (retries + 1 = 2 failures each) can have failed, whatever the timing.
        Assert.True(sessions.Count(s => s.Status == SessionStatus.Failed) <= (3 - 1) / (1 + 1));
        Assert.All(sessions.Where(s => s.Status == SessionStatus.Failed), s => Assert.Equal("d1", s.FailedBot));
        Assert.Equal(sessions.Count, sessions.Count(s => s.Status == SessionStatus.Completed) + sessions.Count(s => s.Status == SessionStatus.Failed));
        EngineHarness.AssertInvariants(sessions);
        lock (states) Assert.Contains(BotState.Offline, states);
        Assert.Equal(BotState.Online, runner.Gateways["d1"].Availability.State);
        // While d1 was offline, calls were single probes, not a flood: far fewer than sessions × retries.
        Assert.True(bots.Calls.Count(c => c.Bot == "d1" && c.AttemptOfKey > 1) < 40);
    }

    [Fact]
    public async Task A_failing_health_url_holds_calls_until_it_recovers()
    {
        await using var bots = await FakeArenaBots.StartAsync();
        bots.Healthy["d2"] = false;
        await using var h = await EngineHarness.CreateAsync();
        var yaml = Yaml(bots, sessions: 3).Replace($"url: \"{bots.Url("d2")}\"", $"url: \"{bots.Url("d2")}\", health_url: \"{bots.BaseUrl}/health/d2\"");
        var runner = h.Runner(EngineHarness.Config(yaml));
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var run = runner.RunAsync(cts.Token);

        // The other defender's sessions all finish while d2 is unhealthy, and d2 gets no calls.
        while (runner.Progress.Matchups["a1/d1"].Finished < 3 || runner.Progress.Matchups["a2/d1"].Finished < 3)
            await Task.Delay(20, cts.Token);
        await Task.Delay(300, cts.Token);
        Assert.Equal(0, bots.Calls.Count(c => c.Bot == "d2"));
        Assert.Equal(BotState.Offline, runner.Gateways["d2"].Availability.State);

        bots.Healthy["d2"] = true;
        Assert.Equal(RunOutcome.Completed, await run);
        Assert.All(await h.SessionsAsync("t01"), s => Assert.Equal(SessionStatus.Completed, s.Status));
    }

    [Fact]
    public async Task A_slow_bot_does_not_stall_the_sessions_of_other_bots()
    {
        await using var bots = await FakeArenaBots.StartAsync();
        bots.On("d1", c => FakeArenaBots.Chatty(c).After(TimeSpan.FromMilliseconds(150)));
        await using var h = await EngineHarness.CreateAsync();
        var yaml = Yaml(bots, sessions: 6, maxTurns: 10).Replace($"url: \"{bots.Url("d1")}\", timeout_s: 5, concurrency: 4", $"url: \"{bots.Url("d1")}\", timeout_s: 5, concurrency: 1");
        var runner = h.Runner(EngineHarness.Config(yaml));
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        var run = runner.RunAsync(cts.Token);
        while (runner.Progress.Matchups["a1/d2"].Finished < 6 || runner.Progress.Matchups["a2/d2"].Finished < 6)
            await Task.Delay(10, cts.Token);
        // d1 serves one call at a time at 150 ms: its 12 sessions need well over a second.
        Assert.True(runner.Progress.Matchups["a1/d1"].Finished + runner.Progress.Matchups["a2/d1"].Finished < 12);
        Assert.Equal(RunOutcome.Completed, await run);
    }

    [Fact]
    public async Task A_cancelled_run_resumes_on_the_same_store_without_lost_or_duplicated_turns()
    {
        await using var bots = await FakeArenaBots.StartAsync();
        foreach (var b in new[] { "a1", "a2", "d1", "d2" })
            bots.On(b, c => FakeArenaBots.Chatty(c).After(TimeSpan.FromMilliseconds(5)));
        await using var h = await EngineHarness.CreateAsync();
        var config = EngineHarness.Config(Yaml(bots, sessions: 8, maxTurns: 8, batch: 4));

        var first = h.Runner(config);
        using (var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60)))
        {
            var run = first.RunAsync(cts.Token);
            while (first.Progress.Turns < 40) await Task.Delay(5);
            cts.Cancel();
            Assert.Equal(RunOutcome.Cancelled, await run);
        }
        var midway = await h.SessionsAsync("t01");
        Assert.Contains(midway, s => s.Status == SessionStatus.Running);
        EngineHarness.AssertInvariants(midway);

        Assert.Equal(RunOutcome.Completed, await h.RunAsync(config));
        // Only turns in flight at the cancel were asked again, with the same key.
        EngineHarness.AssertResumedCleanly(await h.SessionsAsync("t01"), 4 * 8, bots);
    }

    [Fact]
    public async Task Pausing_a_bot_by_hand_holds_its_calls_until_resumed()
    {
        await using var bots = await FakeArenaBots.StartAsync();
        foreach (var b in new[] { "a1", "a2", "d1", "d2" })
            bots.On(b, c => FakeArenaBots.Chatty(c).After(TimeSpan.FromMilliseconds(10)));
        await using var h = await EngineHarness.CreateAsync();
        var config = EngineHarness.Config(Yaml(bots, sessions: 10, maxTurns: 10, batch: 5));
        var runner = h.Runner(config);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var run = runner.RunAsync(cts.Token);
        while (bots.Calls.Count(c => c.Bot == "d1") < 3) await Task.Delay(5);

        await h.Store.SetBotPausedAsync("t01", "d1", true, CancellationToken.None);
        while (runner.Gateways["d1"].Availability.State != BotState.Paused) await Task.Delay(10);
        await Task.Delay(100); // in-flight calls finish
        var before = bots.Calls.Count(c => c.Bot == "d1");
        await Task.Delay(400);
        Assert.Equal(before, bots.Calls.Count(c => c.Bot == "d1"));
        Assert.False(run.IsCompleted);

        await h.Store.SetBotPausedAsync("t01", "d1", false, CancellationToken.None);
        Assert.Equal(RunOutcome.Completed, await run);
        Assert.All(await h.SessionsAsync("t01"), s => Assert.Equal(SessionStatus.Completed, s.Status));
    }

    [Fact]
    public async Task Replies_over_the_size_limit_are_truncated_and_flagged()
    {
        await using var bots = await FakeArenaBots.StartAsync();
        bots.On("d1", c => ArenaAnswer.Say(new string('x', 5000)));
        await using var h = await EngineHarness.CreateAsync();
        await h.RunAsync(EngineHarness.Config(Yaml(bots, sessions: 2, extraTop: "max_message_chars: 1000")));
        var turns = (await h.SessionsAsync("t01")).SelectMany(s => s.Turns).ToList();
        Assert.All(turns.Where(t => t.BotId == "d1"), t => { Assert.Equal(1000, t.Content.Length); Assert.True(t.Truncated); });
        Assert.All(turns.Where(t => t.BotId != "d1"), t => Assert.False(t.Truncated));
    }

    [Fact]
    public async Task Session_ids_seeds_and_conversations_are_reproducible_from_the_tournament_seed()
    {
        await using var bots = await FakeArenaBots.StartAsync();
        await using var h1 = await EngineHarness.CreateAsync();
        await using var h2 = await EngineHarness.CreateAsync();
        var config = EngineHarness.Config(Yaml(bots));
        await h1.RunAsync(config);
        await h2.RunAsync(config);
        string Fingerprint(List<SessionRecord> s) => string.Join("\n", s.Select(x => $"{x.Id}:{x.Seed}:{x.EndReason}:{string.Join("|", x.Turns.Select(t => t.Content))}"));
        Assert.Equal(Fingerprint(await h1.SessionsAsync("t01")), Fingerprint(await h2.SessionsAsync("t01")));

        var other = EngineHarness.Config(Yaml(bots).Replace("seed: 7", "seed: 8"));
        await using var h3 = await EngineHarness.CreateAsync();
        await h3.RunAsync(other);
        Assert.NotEqual(
            (await h1.SessionsAsync("t01")).Select(s => s.Seed),
            (await h3.SessionsAsync("t01")).Select(s => s.Seed));
    }

    [Fact]
    public async Task A_second_runner_is_refused_while_the_first_holds_the_tournament()
    {
        await using var bots = await FakeArenaBots.StartAsync();
        foreach (var b in new[] { "a1", "a2", "d1", "d2" })
            bots.On(b, c => FakeArenaBots.Chatty(c).After(TimeSpan.FromMilliseconds(20)));
        await using var h = await EngineHarness.CreateAsync();
        var config = EngineHarness.Config(Yaml(bots));
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var run = h.Runner(config).RunAsync(cts.Token);
        while (bots.Calls.Count == 0) await Task.Delay(5);

        var e = await Assert.ThrowsAsync<RunException>(() => h.Runner(config).RunAsync(cts.Token));
        Assert.Contains("being run by another process", e.Message);
        Assert.Equal(RunOutcome.Completed, await run);
    }

    [Fact]
    public async Task Resuming_with_a_config_that_changes_the_tournament_is_rejected()
    {
        await using var bots = await FakeArenaBots.StartAsync();
        await using var h = await EngineHarness.CreateAsync();
        await h.RunAsync(EngineHarness.Config(Yaml(bots, sessions: 2)));
        var e = await Assert.ThrowsAsync<RunException>(() => h.RunAsync(EngineHarness.Config(Yaml(bots, sessions: 3))));
        Assert.Equal(2, e.ExitCode);
        // The same config resumes (here: nothing left to do).
        Assert.Equal(RunOutcome.Completed, await h.RunAsync(EngineHarness.Config(Yaml(bots, sessions: 2))));
    }

    [Fact]
    public async Task Bearer_token_is_sent_when_configured()
    {
        await using var bots = await FakeArenaBots.StartAsync();
        await using var h = await EngineHarness.CreateAsync();
        var yaml = Yaml(bots, sessions: 1).Replace($"url: \"{bots.Url("a1")}\"", $"url: \"{bots.Url("a1")}\", token: s3cret");
        await h.RunAsync(EngineHarness.Config(yaml));
        Assert.All(bots.Calls.Where(c => c.Bot == "a1"), c => Assert.Equal("Bearer s3cret", c.Authorization));
        Assert.All(bots.Calls.Where(c => c.Bot != "a1"), c => Assert.Null(c.Authorization));
    }
}
