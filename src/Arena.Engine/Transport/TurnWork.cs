using Arena.Core.Bots;
using Arena.Core.Sessions;

namespace Arena.Engine.Transport;

/// <summary>
/// The unit of work: "session S needs turn k from its next speaker". It carries the full history, as the
/// paper's SQS messages do, so a turn handler needs nothing else to call the bot.
/// </summary>
internal sealed record TurnWork(
    string Tournament,
    string SessionId,
    string Attacker,
    string Defender,
    int Index,
    long Seed,
    int Turn,
    int MaxTurns,
    IReadOnlyList<ChatMessage> History)
{
    /// <summary>
    /// Turns still ahead of this session's pair when the session was launched (later batches included).
    /// Queues serve the most-work-left pairs first, a critical-path rule that keeps every pair finishing
    /// together so bots are not left idle at the end of a tournament.
    /// </summary>
    public int Backlog { get; init; }

    /// <summary>Higher is more urgent: the pair's backlog plus this session's remaining turns.</summary>
    public int Urgency => Backlog + (MaxTurns - Turn);

    public Role Speaker => TurnRules.Speaker(Turn);
    public string SpeakerBot => Speaker == Role.Attacker ? Attacker : Defender;
    public string MatchupKey => $"{Attacker}/{Defender}";

    public BotRequest ToRequest() => new(Tournament, SessionId, Speaker, Turn, MaxTurns, Seed, History);

    public TurnWork Next(string content) =>
        this with { Turn = Turn + 1, History = [.. History, new ChatMessage(Speaker, content)] };
}

/// <summary>
/// Carries work items to the bots' queues: one queue per bot, so a slow bot never holds up another's work.
/// In-process by default; a message broker later, behind the same interface.
/// </summary>
internal interface IWorkTransport
{
    ValueTask PublishAsync(TurnWork work, CancellationToken ct);
    IAsyncEnumerable<TurnWork> ConsumeAsync(string botId, CancellationToken ct);
    /// <summary>No more work will be published; consumers drain and stop.</summary>
    void Complete();
}
