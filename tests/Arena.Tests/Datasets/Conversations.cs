using Arena.Core.Bots;
using Arena.Core.Labels;
using Arena.Core.Sessions;

namespace Arena.Tests.Datasets;

/// <summary>Hand-made sessions and labels for the dataset tests.</summary>
internal static class Conversations
{
    /// <summary>A session whose turns alternate attacker, defender, … starting with the attacker.</summary>
    public static SessionRecord Session(string attacker, string defender, int index, params string[] turns) =>
        Session("t", attacker, defender, index, SessionStatus.Completed, turns);

    public static SessionRecord Session(string tournament, string attacker, string defender, int index, SessionStatus status, params string[] turns) =>
        new(SessionIdentity.Id(tournament, attacker, defender, index), tournament, attacker, defender, index, 0, Math.Max(1, turns.Length), status,
            status switch { SessionStatus.Running => null, SessionStatus.Failed => EndReason.BotError, _ => EndReason.MaxTurns },
            status == SessionStatus.Failed ? defender : null, status == SessionStatus.Failed ? "boom" : null,
            turns.Select((c, i) => new TurnRecord(i, i % 2 == 0 ? Role.Attacker : Role.Defender, i % 2 == 0 ? attacker : defender, c, 10, 1, null, false)).ToList());

    public static ConversationLabel Safe(SessionRecord s) =>
        new(s.Id, Outcome.DefenseSuccess, false, [], "arena-py", "1.0", new JudgeEvidence(false, false, "refused", "heuristic", "2"), DateTimeOffset.UnixEpoch);

    /// <summary>Vulnerable code in defender turn <paramref name="turn"/> (step 1 decides: no judge).</summary>
    public static ConversationLabel Vulnerable(SessionRecord s, int turn, string category = "sql-injection", string rule = "PY-SQL-001", string cwe = "CWE-89") =>
        new(s.Id, Outcome.AttackSuccess, true, [new LabelFinding(turn, rule, category, [cwe], 3, "high", "high", "m")], "arena-py", "1.0", null, DateTimeOffset.UnixEpoch);

    /// <summary>The judge saw a security event; no finding.</summary>
    public static ConversationLabel SecurityEvent(SessionRecord s) =>
        new(s.Id, Outcome.AttackSuccess, false, [], "arena-py", "1.0", new JudgeEvidence(false, true, "explained the exploit", "heuristic", "2"), DateTimeOffset.UnixEpoch);

    public static async IAsyncEnumerable<SessionRecord> Async(IEnumerable<SessionRecord> sessions)
    {
        await Task.Yield();
        foreach (var s in sessions) yield return s;
    }
}
