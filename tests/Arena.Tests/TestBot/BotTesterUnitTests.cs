using Arena.Core.Bots;
using Arena.Engine.Conformance;

namespace Arena.Tests.TestBot;

public sealed class BotTesterUnitTests
{
    [Fact]
    public void Percentiles_are_nearest_rank_over_all_calls()
    {
        // 1..100 ms: nearest rank puts p50 at the 50th value, p95 at the 95th, p99 at the 99th.
        var samples = Enumerable.Range(1, 100).Select(ms => new CallSample("x", ms, ms % 10 == 0 ? "Timeout" : null)).Reverse().ToList();

        var s = LatencySummary.Of(samples);

        Assert.Equal((50, 95, 99, 100), (s.P50Ms, s.P95Ms, s.P99Ms, s.MaxMs));
        Assert.Equal(10, s.Errors);
        Assert.Equal(0.1, s.ErrorRate, 9);
    }

    [Fact]
    public void Concurrency_levels_double_up_to_the_maximum_which_is_always_tried()
    {
        Assert.Equal([1, 2, 4, 8, 16], LoadLadder.Levels(16));
        Assert.Equal([1, 2, 4, 6], LoadLadder.Levels(6));
        Assert.Equal([1], LoadLadder.Levels(1));
    }

    [Theory]
    [InlineData(Role.Attacker, 10)]
    [InlineData(Role.Defender, 10)]
    [InlineData(Role.Attacker, 7)]
    [InlineData(Role.Defender, 7)]
    public void Every_staged_request_obeys_the_turn_and_history_rules(Role role, int maxTurns)
    {
        foreach (var s in ConformanceChecks.Scenarios(role, maxTurns, seed: 1))
        {
            var r = s.Request;
            Assert.Equal(role, r.Role);
            Assert.Equal(r.Turn % 2 == 0 ? Role.Attacker : Role.Defender, r.Role);
            Assert.Equal(r.Turn, r.History.Count);
            Assert.True(r.Turn < r.MaxTurns, s.Title);
            for (var i = 0; i < r.History.Count; i++) Assert.Equal(i % 2 == 0 ? Role.Attacker : Role.Defender, r.History[i].Role);
        }
    }

    [Fact]
    public void The_defender_is_staged_at_the_last_turn_of_the_conversation()
    {
        var turns = ConformanceChecks.Scenarios(Role.Defender, 10, seed: 1).Select(s => s.Request.Turn).ToList();
        Assert.Contains(9, turns);
        Assert.Contains(1, turns);
    }

    /// <summary>Fails every call that arrives while two others are in flight: it serves two at a time.</summary>
    private sealed class TwoAtATimeBot : IBot
    {
        private int _inFlight;

        public async Task<BotReply> RespondAsync(BotRequest request, CancellationToken cancellationToken)
        {
            try
            {
                if (Interlocked.Increment(ref _inFlight) > 2) throw new BotCallException(BotFailureKind.HttpStatus, "HTTP 503: busy");
                await Task.Delay(20, cancellationToken);
                return new BotReply("ok");
            }
            finally { Interlocked.Decrement(ref _inFlight); }
        }
    }

    [Fact]
    public async Task The_load_ladder_stops_at_the_first_level_the_bot_cannot_serve()
    {
        var options = new BotTestOptions(new Uri("http://unused/"), Role.Defender, null, TimeSpan.FromSeconds(30)) { MaxConcurrency = 16, CallsPerLevel = 40 };
        var templates = ConformanceChecks.Scenarios(Role.Defender, 10, 1).Select(s => s.Request).ToList();

        var levels = await new LoadLadder(new TwoAtATimeBot(), options).RunAsync(templates, CancellationToken.None);

        Assert.Equal([1, 2, 4], levels.Select(l => l.Concurrency));
        Assert.Null(levels[0].StopReason);
        Assert.Null(levels[1].StopReason);
        Assert.Contains("error rate", levels[2].StopReason);
        Assert.Equal(0, levels[1].Latency.Errors);
    }
}
