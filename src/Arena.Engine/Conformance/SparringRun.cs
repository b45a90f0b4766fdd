using System.Collections.Concurrent;
using Arena.Bots.Builtin;
using Arena.Core.Bots;
using Arena.Core.Sessions;
using Arena.Engine.Resilience;

namespace Arena.Engine.Conformance;

/// <summary>
/// A short tournament in memory: the bot under test against every built-in opponent of the other role,
/// through the engine's own <see cref="BotGateway"/> (timeout, one retry with the same Idempotency-Key) and
/// <see cref="TurnRules"/>, so a session fails here exactly when it would fail in a real run.
/// </summary>
internal sealed class SparringRun(IBot botUnderTest, BotTestOptions options)
{
    private const string Tournament = "test-bot";

    public async Task<SparringResult> RunAsync(CancellationToken ct)
    {
        var errors = new ConcurrentDictionary<string, int>();
        var requests = new ConcurrentQueue<BotRequest>();
        var gateway = new BotGateway("bot-under-test", botUnderTest,
            new BotPolicy(options.Timeout, Retries: 1, Rps: null, Burst: null, Concurrency: options.MaxConcurrency),
            // Never offline: a failing bot should fail its sessions here, not make them wait.
            new BotAvailability(int.MaxValue, TimeSpan.FromDays(1), TimeProvider.System), TimeProvider.System,
            (_, _, kind, _) => errors.AddOrUpdate(kind.ToString(), 1, (_, n) => n + 1));

        var opponentRole = options.Role == Role.Attacker ? Role.Defender : Role.Attacker;
        var names = opponentRole == Role.Attacker ? BuiltinBots.AttackerNames : BuiltinBots.DefenderNames;
        var runs = new List<Task<OpponentRun>>();
        foreach (var name in names)
        {
            BuiltinBots.TryCreate(name, opponentRole, out var opponent, out _);
            runs.Add(PlayOpponentAsync(name, opponent!, gateway, requests, ct));
        }
        var results = await Task.WhenAll(runs);
        return new SparringResult(results, new SortedDictionary<string, int>(errors), requests.ToArray());
    }

    private async Task<OpponentRun> PlayOpponentAsync(string name, IBot opponent, BotGateway gateway, ConcurrentQueue<BotRequest> requests, CancellationToken ct)
    {
        var sessions = await Task.WhenAll(Enumerable.Range(0, options.SessionsPerOpponent)
            .Select(i => PlaySessionAsync(name, i, opponent, gateway, requests, ct)));
        var reasons = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var s in sessions) reasons[s.Reason] = reasons.GetValueOrDefault(s.Reason) + 1;
        return new OpponentRun(name, sessions.Length, sessions.Count(s => s.Error is null), sessions.Count(s => s.Error is not null),
            reasons, sessions.Count(s => s.Turns == 0), sessions.Where(s => s.Error is not null).Select(s => s.Error!).Distinct().ToList());
    }

    private async Task<(string Reason, int Turns, string? Error)> PlaySessionAsync(string opponentName, int index, IBot opponent,
        BotGateway gateway, ConcurrentQueue<BotRequest> requests, CancellationToken ct)
    {
        var (attacker, defender) = options.Role == Role.Attacker ? ("bot-under-test", opponentName) : (opponentName, "bot-under-test");
        var sessionId = SessionIdentity.Id(Tournament, attacker, defender, index);
        var seed = SessionIdentity.Seed(options.Seed, sessionId);
        var history = new List<ChatMessage>();
        for (var turn = 0; turn < options.MaxTurns; turn++)
        {
            var request = new BotRequest(Tournament, sessionId, TurnRules.Speaker(turn), turn, options.MaxTurns, seed, history.ToArray());
            BotReply reply;
            if (request.Role == options.Role)
            {
                requests.Enqueue(request);
                var result = await gateway.CallAsync(request, ct);
                if (!result.Succeeded) return (EndReason.BotError.Text(), history.Count, $"turn {turn}: {result.Error}");
                reply = result.Reply!;
            }
            else
            {
                reply = await opponent.RespondAsync(request, ct);
            }
            var step = TurnRules.AfterReply(turn, options.MaxTurns, reply.End);
            if (step.Record) history.Add(new ChatMessage(request.Role, TurnRules.Bound(reply.Content ?? "", options.MaxMessageChars).Content));
            if (step.Finish is { } reason) return (reason.Text(), history.Count, null);
        }
        return (EndReason.MaxTurns.Text(), history.Count, null);
    }
}
