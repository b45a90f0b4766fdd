using System.Security.Cryptography;
using System.Text;
using Arena.Core.Bots;

namespace Arena.Core.Sessions;

internal enum SessionStatus { Running, Completed, Failed }

internal enum EndReason { AttackerEnd, MaxTurns, BotError }

internal static class Wire
{
    public static string Text(this SessionStatus s) => s switch
    {
        SessionStatus.Running => "running",
        SessionStatus.Completed => "completed",
        _ => "failed",
    };

    public static string Text(this EndReason r) => r switch
    {
        EndReason.AttackerEnd => "attacker_end",
        EndReason.MaxTurns => "max_turns",
        _ => "bot_error",
    };

    public static SessionStatus ParseStatus(string s) => s switch
    {
        "running" => SessionStatus.Running,
        "completed" => SessionStatus.Completed,
        "failed" => SessionStatus.Failed,
        _ => throw new FormatException($"unknown session status '{s}'"),
    };

    public static EndReason ParseEndReason(string s) => s switch
    {
        "attacker_end" => EndReason.AttackerEnd,
        "max_turns" => EndReason.MaxTurns,
        "bot_error" => EndReason.BotError,
        _ => throw new FormatException($"unknown end reason '{s}'"),
    };
}

/// <summary>Deterministic identities: the same config and seed give the same session ids and seeds.</summary>
internal static class SessionIdentity
{
    public static string Id(string tournament, string attacker, string defender, int index) =>
        $"{tournament}/{attacker}/{defender}/{index}";

    /// <summary>A per-session seed in [0, 2^31) derived from the tournament seed and the session id.</summary>
    public static long Seed(long tournamentSeed, string sessionId)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes($"{tournamentSeed}:{sessionId}"), hash);
        return BitConverter.ToUInt32(hash) & 0x7FFF_FFFF;
    }
}

internal sealed record TurnRecord(
    int Turn,
    Role Role,
    string BotId,
    string Content,
    int LatencyMs,
    int Attempts,
    string? MetadataJson,
    bool Truncated);

internal sealed record SessionRecord(
    string Id,
    string Tournament,
    string Attacker,
    string Defender,
    int Index,
    long Seed,
    int MaxTurns,
    SessionStatus Status,
    EndReason? EndReason,
    string? FailedBot,
    string? Error,
    IReadOnlyList<TurnRecord> Turns);

/// <summary>What the session does after a bot answered turn <c>Turn</c>.</summary>
internal readonly record struct TurnStep(bool Record, EndReason? Finish)
{
    public bool Continues => Finish is null;
}

/// <summary>The termination rules of a session (§4.1, B.3), free of I/O so they can be tested alone.</summary>
internal static class TurnRules
{
    public static Role Speaker(int turn) => turn % 2 == 0 ? Role.Attacker : Role.Defender;

    public static TurnStep AfterReply(int turn, int maxTurns, bool end)
    {
        if (end && Speaker(turn) == Role.Attacker)
            return new TurnStep(Record: false, Finish: Sessions.EndReason.AttackerEnd);
        if (turn + 1 >= maxTurns)
            return new TurnStep(Record: true, Finish: Sessions.EndReason.MaxTurns);
        return new TurnStep(Record: true, Finish: null);
    }

    /// <summary>Cuts an over-long reply; the caller flags the turn as truncated.</summary>
    public static (string Content, bool Truncated) Bound(string content, int maxChars)
    {
        if (content.Length <= maxChars) return (content, false);
        var cut = maxChars;
        if (cut > 0 && char.IsHighSurrogate(content[cut - 1])) cut--;
        return (content[..cut], true);
    }
}
