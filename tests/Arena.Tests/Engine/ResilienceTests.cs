using System.Diagnostics;
using Arena.Core.Bots;
using Arena.Engine.Resilience;

namespace Arena.Tests.Engine;

public sealed class ResilienceTests
{
    [Fact]
    public async Task The_token_bucket_allows_a_burst_then_paces_to_the_rate()
    {
        var bucket = new TokenBucket(ratePerSecond: 20, burst: 5, TimeProvider.System);
        var sw = Stopwatch.StartNew();
        for (var i = 0; i < 5; i++) await bucket.AcquireAsync(CancellationToken.None);
        var burst = sw.Elapsed;
        for (var i = 0; i < 10; i++) await bucket.AcquireAsync(CancellationToken.None);
        // 10 tokens beyond the burst at 20/s cannot take less than ~0.5 s (a lower bound, so never flaky).
        Assert.True(sw.Elapsed >= TimeSpan.FromMilliseconds(450), $"took {sw.Elapsed}");
        Assert.True(burst < TimeSpan.FromMilliseconds(400), $"burst took {burst}");
    }

    [Fact]
    public async Task Consecutive_failures_take_a_bot_offline_and_a_successful_probe_brings_it_back()
    {
        var a = new BotAvailability(offlineAfter: 3, TimeSpan.FromMinutes(1), TimeProvider.System, TimeSpan.FromMilliseconds(50));
        var call = await a.WaitAsync(CancellationToken.None);
        Assert.Equal(BotAvailability.Permit.Call, call);
        Assert.False(a.ReportFailure(call));
        Assert.False(a.ReportFailure(call));
        Assert.True(a.ReportFailure(call));
        Assert.Equal(BotState.Offline, a.State);

        // One probe at a time; a second caller waits.
        var probe = await a.WaitAsync(CancellationToken.None);
        Assert.Equal(BotAvailability.Permit.Probe, probe);
        var second = a.WaitAsync(CancellationToken.None);
        await Task.Delay(200);
        Assert.False(second.IsCompleted);

        // A failed probe keeps it offline and backs off; a successful one releases everyone.
        Assert.True(a.ReportFailure(probe));
        var probe2 = await second;
        Assert.Equal(BotAvailability.Permit.Probe, probe2);
        a.ReportSuccess(probe2);
        Assert.Equal(BotState.Online, a.State);
        Assert.Equal(BotAvailability.Permit.Call, await a.WaitAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_bot_offline_past_its_timeout_gives_up_its_waiting_calls()
    {
        var a = new BotAvailability(offlineAfter: 1, TimeSpan.FromMilliseconds(200), TimeProvider.System, TimeSpan.FromHours(1)) { HealthChecked = true };
        a.ReportFailure(await a.WaitAsync(CancellationToken.None));
        Assert.Equal(BotAvailability.Permit.GiveUp, await a.WaitAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task Pausing_holds_callers_until_resumed()
    {
        var a = new BotAvailability(5, TimeSpan.FromMinutes(1), TimeProvider.System);
        a.SetPaused(true);
        Assert.Equal(BotState.Paused, a.State);
        var waiting = a.WaitAsync(CancellationToken.None);
        await Task.Delay(100);
        Assert.False(waiting.IsCompleted);
        a.SetPaused(false);
        Assert.Equal(BotAvailability.Permit.Call, await waiting.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    private sealed class ScriptedBot(params Func<BotRequest, BotReply>[] script) : IBot
    {
        private int _i;
        public int Calls => _i;
        public Task<BotReply> RespondAsync(BotRequest request, CancellationToken ct) =>
            Task.FromResult(script[Math.Min(Interlocked.Increment(ref _i) - 1, script.Length - 1)](request));
    }

    private static readonly BotRequest Defender = new("t", "t/a/d/0", Role.Defender, 1, 10, 1, [new ChatMessage(Role.Attacker, "hi")]);

    [Fact]
    public async Task The_gateway_retries_once_then_reports_the_failure()
    {
        var bot = new ScriptedBot(_ => throw new BotCallException(BotFailureKind.HttpStatus, "HTTP 500"));
        var failures = new List<BotFailureKind>();
        var g = new BotGateway("d", bot, new BotPolicy(TimeSpan.FromSeconds(5), Retries: 1, null, null),
            new BotAvailability(100, TimeSpan.FromMinutes(1), TimeProvider.System), TimeProvider.System, (_, _, k, _) => failures.Add(k));
        var result = await g.CallAsync(Defender, CancellationToken.None);
        Assert.False(result.Succeeded);
        Assert.Equal(2, result.Attempts);
        Assert.Equal(2, bot.Calls);
        Assert.Contains("HTTP 500", result.Error);
        Assert.Equal([BotFailureKind.HttpStatus, BotFailureKind.HttpStatus], failures);
    }

    [Fact]
    public async Task A_defender_reply_without_content_is_a_failed_attempt_even_with_end()
    {
        var bot = new ScriptedBot(_ => new BotReply(null, End: true), _ => new BotReply("ok"));
        var g = new BotGateway("d", bot, new BotPolicy(TimeSpan.FromSeconds(5), 1, null, null),
            new BotAvailability(100, TimeSpan.FromMinutes(1), TimeProvider.System), TimeProvider.System);
        var result = await g.CallAsync(Defender, CancellationToken.None);
        Assert.Equal(("ok", 2), (result.Reply!.Content, result.Attempts));
    }

    [Fact]
    public async Task A_slow_attempt_times_out_and_counts_as_failed()
    {
        var bot = new SlowBot();
        var g = new BotGateway("d", bot, new BotPolicy(TimeSpan.FromMilliseconds(100), 0, null, null),
            new BotAvailability(100, TimeSpan.FromMinutes(1), TimeProvider.System), TimeProvider.System);
        var result = await g.CallAsync(Defender, CancellationToken.None);
        Assert.False(result.Succeeded);
        Assert.StartsWith("Timeout", result.Error);
    }

    [Fact]
    public async Task Concurrency_bounds_the_calls_in_flight()
    {
        var bot = new CountingBot();
        var g = new BotGateway("d", bot, new BotPolicy(TimeSpan.FromSeconds(5), 0, null, null, Concurrency: 3),
            new BotAvailability(100, TimeSpan.FromMinutes(1), TimeProvider.System), TimeProvider.System);
        await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => g.CallAsync(Defender, CancellationToken.None)));
        Assert.Equal(3, bot.MaxInFlight);
    }

    private sealed class SlowBot : IBot
    {
        public async Task<BotReply> RespondAsync(BotRequest request, CancellationToken ct)
        {
            await Task.Delay(TimeSpan.FromSeconds(10), ct);
            return new BotReply("late");
        }
    }

    private sealed class CountingBot : IBot
    {
        private int _inFlight;
        public int MaxInFlight;
        public async Task<BotReply> RespondAsync(BotRequest request, CancellationToken ct)
        {
            var now = Interlocked.Increment(ref _inFlight);
            lock (this) MaxInFlight = Math.Max(MaxInFlight, now);
            await Task.Delay(30, ct);
            Interlocked.Decrement(ref _inFlight);
            return new BotReply("ok");
        }
    }
}
