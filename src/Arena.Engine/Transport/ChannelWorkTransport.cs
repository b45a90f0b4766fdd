using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace Arena.Engine.Transport;

/// <summary>
/// In-process transport: one prioritized channel per bot, most urgent work first (see <see cref="TurnWork.Urgency"/>).
/// Durability comes from the store, not the queue.
/// </summary>
internal sealed class ChannelWorkTransport : IWorkTransport
{
    private readonly Dictionary<string, Channel<TurnWork>> _queues;

    public ChannelWorkTransport(IEnumerable<string> botIds) =>
        _queues = botIds.ToDictionary(id => id, _ => Channel.CreateUnboundedPrioritized(
            new UnboundedPrioritizedChannelOptions<TurnWork> { Comparer = MostUrgentFirst }), StringComparer.Ordinal);

    // The prioritized channel hands out the smallest item first; ties go to the older session.
    private static readonly IComparer<TurnWork> MostUrgentFirst = Comparer<TurnWork>.Create((a, b) =>
    {
        var c = b.Urgency.CompareTo(a.Urgency);
        return c != 0 ? c : a.Index.CompareTo(b.Index);
    });

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
