namespace Arena.Core.Bots;

/// <summary>
/// One side of a conversation: given the session so far, produce the next message.
/// Implementations report a failed attempt by throwing <see cref="BotCallException"/>;
/// retries, timeouts, rate limits and availability are the engine's job, not the bot's.
/// </summary>
public interface IBot
{
    Task<BotReply> RespondAsync(BotRequest request, CancellationToken cancellationToken);
}

/// <summary>Which side speaks. Attackers speak on even turns, defenders on odd turns (contracts §2).</summary>
public enum Role { Attacker, Defender }

public sealed record ChatMessage(Role Role, string Content);

/// <summary>The arena.v1 request: the whole session so far, so bots may be stateless.</summary>
public sealed record BotRequest(
    string Tournament,
    string SessionId,
    Role Role,
    int Turn,
    int MaxTurns,
    long Seed,
    IReadOnlyList<ChatMessage> History)
{
    /// <summary>Identical on every retry of a turn, so bots can de-duplicate.</summary>
    public string IdempotencyKey => $"{SessionId}/{Turn}";
}

/// <summary>
/// A bot's answer. <paramref name="MetadataJson"/> is a raw JSON object (or null) stored with the turn
/// and never shown to the opponent.
/// </summary>
public sealed record BotReply(string? Content, bool End = false, string? MetadataJson = null);

public enum BotFailureKind { Timeout, HttpStatus, Malformed, MissingContent, Transport, Unavailable }

/// <summary>A failed attempt: counted against the bot and retried by the engine.</summary>
public sealed class BotCallException(BotFailureKind kind, string message, Exception? inner = null)
    : Exception(message, inner)
{
    public BotFailureKind Kind { get; } = kind;
}

public static class Roles
{
    public static string Wire(this Role role) => role == Role.Attacker ? "attacker" : "defender";

    public static bool TryParse(string? text, out Role role)
    {
        switch (text)
        {
            case "attacker": role = Role.Attacker; return true;
            case "defender": role = Role.Defender; return true;
            default: role = default; return false;
        }
    }
}
