using Arena.Core.Sessions;
using Arena.Core.Storage;
using Arena.Engine.Resilience;
using Arena.Engine.Scheduling;
using Arena.Engine.Transport;

namespace Arena.Engine.Turns;

/// <summary>
/// Handles one work item, statelessly (the paper's Lambda): call the speaker's bot, commit the turn, then
/// either enqueue the next turn or end the session. The commit happens before the next request is sent.
/// </summary>
internal sealed class TurnHandler(
    IArenaStore store,
    IWorkTransport transport,
    ISessionLifecycle lifecycle,
    IReadOnlyDictionary<string, BotGateway> gateways,
    int maxMessageChars,
    TournamentProgress? progress = null)
{
    public async Task HandleAsync(TurnWork work, CancellationToken ct)
    {
        var bot = work.SpeakerBot;
        var result = await gateways[bot].CallAsync(work.ToRequest(), ct);
        if (!result.Succeeded)
        {
            await EndAsync(work, new SessionEnd(SessionStatus.Failed, EndReason.BotError, bot, result.Error), ct);
            return;
        }

        var reply = result.Reply!;
        var step = TurnRules.AfterReply(work.Turn, work.MaxTurns, reply.End);
        var next = work;
        if (step.Record)
        {
            var (content, truncated) = TurnRules.Bound(reply.Content ?? "", maxMessageChars);
            var turn = new TurnRecord(work.Turn, work.Speaker, bot, content, result.LatencyMs, result.Attempts, reply.MetadataJson, truncated);
            // False means another delivery of this work item got there first; that one carries the session on.
            if (!await store.AppendTurnAsync(work.SessionId, turn, ct)) return;
            progress?.TurnStored();
            next = work.Next(content);
        }

        if (step.Finish is { } reason)
            await EndAsync(next, new SessionEnd(SessionStatus.Completed, reason), ct);
        else
            await transport.PublishAsync(next, ct);
    }

    private async Task EndAsync(TurnWork work, SessionEnd end, CancellationToken ct)
    {
        if (await store.FinishSessionAsync(work.SessionId, end, ct))
            await lifecycle.SessionEndedAsync(work, end, ct);
    }
}
