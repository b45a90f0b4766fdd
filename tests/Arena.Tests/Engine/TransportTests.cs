using Arena.Engine.Transport;

namespace Arena.Tests.Engine;

public sealed class TransportTests
{
    private static TurnWork Work(int index, int turn, int backlog, string defender = "d") =>
        new("t", $"t/a/{defender}/{index}", "a", defender, index, 1, turn, 10, []) { Backlog = backlog };

    [Fact]
    public async Task Each_bot_queue_serves_the_pairs_with_most_work_left_first()
    {
        var transport = new ChannelWorkTransport(["a", "d"]);
        // Attacker turns (even) of sessions with different backlogs and progress.
        var items = new[] { Work(0, 4, 0), Work(1, 0, 0), Work(2, 2, 100), Work(3, 2, 0), Work(4, 2, 0) };
        foreach (var w in items) await transport.PublishAsync(w, CancellationToken.None);
        transport.Complete();

        var order = new List<int>();
        await foreach (var w in transport.ConsumeAsync("a", CancellationToken.None)) order.Add(w.Index);
        // Backlog 100 first; then the session with most turns left; equal urgency → older session first.
        Assert.Equal([2, 1, 3, 4, 0], order);
    }

    [Fact]
    public async Task Work_goes_to_the_queue_of_the_bot_due_to_speak()
    {
        var transport = new ChannelWorkTransport(["a", "d"]);
        await transport.PublishAsync(Work(0, 0, 0), CancellationToken.None);
        await transport.PublishAsync(Work(1, 1, 0), CancellationToken.None);
        transport.Complete();
        var toAttacker = new List<int>();
        await foreach (var w in transport.ConsumeAsync("a", CancellationToken.None)) toAttacker.Add(w.Turn);
        var toDefender = new List<int>();
        await foreach (var w in transport.ConsumeAsync("d", CancellationToken.None)) toDefender.Add(w.Turn);
        Assert.Equal([0], toAttacker);
        Assert.Equal([1], toDefender);
    }
}
