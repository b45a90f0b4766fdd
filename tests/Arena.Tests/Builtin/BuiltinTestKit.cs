using Arena.Bots.Builtin;
using Arena.Core.Bots;

namespace Arena.Tests.Builtin;

/// <summary>A plain session loop (no engine) and reply checks shared by the builtin bot tests.</summary>
internal static class BuiltinTestKit
{
    public sealed record Session(IReadOnlyList<ChatMessage> Messages, IReadOnlyList<string?> Metadata, bool EndedByAttacker);

    public static IBot Create(string name, Role role)
    {
        Assert.True(BuiltinBots.TryCreate(name, role, out var bot, out string error), error);
        return bot!;
    }

    public static BotRequest Request(Role role, IReadOnlyList<ChatMessage> history, long seed, int maxTurns = 10) =>
        new("t-test", $"t-test/s/{seed}", role, history.Count, maxTurns, seed, history);

    public static BotRequest DefenderRequest(string attackerMessage, long seed) =>
        Request(Role.Defender, [new ChatMessage(Role.Attacker, attackerMessage)], seed);

    /// <summary>Built-in bots complete synchronously; this keeps test bodies free of blocking-call warnings.</summary>
    public static BotReply Call(IBot bot, BotRequest request) => bot.RespondAsync(request, CancellationToken.None).GetAwaiter().GetResult();

    public static Session Run(IBot attacker, IBot defender, long seed, int maxTurns = 10)
    {
        var history = new List<ChatMessage>();
        var metadata = new List<string?>();
        while (history.Count < maxTurns)
        {
            bool attackerTurn = history.Count % 2 == 0;
            var role = attackerTurn ? Role.Attacker : Role.Defender;
            var reply = (attackerTurn ? attacker : defender)
                .RespondAsync(Request(role, history.ToArray(), seed, maxTurns), CancellationToken.None).GetAwaiter().GetResult();
            if (attackerTurn && reply.End) return new Session(history, metadata, true);
            Assert.False(string.IsNullOrWhiteSpace(reply.Content));
            history.Add(new ChatMessage(role, reply.Content!));
            metadata.Add(reply.MetadataJson);
        }
        return new Session(history, metadata, false);
    }

    /// <summary>Whether a reply contains some catalogue task's insecure variant verbatim, inside a python fence.</summary>
    public static bool HasInsecureSnippet(string reply)
    {
        int fence = reply.IndexOf("```python\n", StringComparison.Ordinal);
        if (fence < 0) return false;
        string code = reply[fence..];
        return Catalogue.CodingTasks.Any(t => code.Contains(t.Insecure, StringComparison.Ordinal));
    }

    public static bool SessionHasInsecure(Session session) =>
        session.Messages.Where(m => m.Role == Role.Defender).Any(m => HasInsecureSnippet(m.Content));
}
