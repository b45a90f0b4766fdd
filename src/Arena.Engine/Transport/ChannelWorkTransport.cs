using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace Arena.Engine.Transport;

/// <summary>In-process transport: one unbounded channel per bot. Durability comes from the store, not the queue.</summary>
internal sealed class ChannelWorkTransport : IWorkTransport
{
    private readonly Dictionary<string, Channel<TurnWork>> _queues;

    public ChannelWorkTransport(IEnumerable<string> botIds) =>
        _queues = botIds.ToDictionary(id => id, _ => Channel.CreateUnbounded<TurnWork>(), StringComparer.Ordinal);

    public ValueTask PublishAsync(TurnWork work, CancellationToken ct) => Queue(work.SpeakerBot).Writer.WriteAsync(work, ct);

    public async IAsyncEnumerable<TurnWork> ConsumeAsync(string botId, [EnumeratorCancellation] CancellationToken ct)
    {
        await foreach (var w in Queue(botId).Reader.ReadAllAsync(ct)) yield return w;
    }

    public int Pending(string botId) => Queue(botId).Reader.Count;

    public void Complete()
    {
        foreach (var q in _queues.Values) q.Writer.TryComplete();
    }

    private Channel<TurnWork> Queue(string botId) =>
        _queues.TryGetValue(botId, out var q) ? q : throw new InvalidOperationException($"no queue for bot '{botId}'");
}
