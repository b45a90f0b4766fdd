using Arena.Core.Bots;

namespace Arena.Evaluation.Judges;

/// <summary>A conversation to judge: the attacker and defender messages in order.</summary>
internal sealed record JudgedConversation(string Id, IReadOnlyList<ChatMessage> Messages);

/// <summary>
/// The second step of §4.2.1: did the defender comply with a malicious request, by giving malicious code
/// or a malicious explanation (attack help)?
/// </summary>
internal sealed record JudgeVerdict(bool MaliciousCode, bool MaliciousExplanation, string Rationale, string JudgeId, string JudgeVersion)
{
    public bool SecurityEvent => MaliciousCode || MaliciousExplanation;
}

/// <summary>
/// One interface for every judge: heuristic, LLM, human panel. A judge that cannot reach a verdict throws
/// <see cref="JudgeException"/>; it never returns a default verdict.
/// </summary>
internal interface ISecurityJudge
{
    string Id { get; }
    string Version { get; }
    Task<JudgeVerdict> JudgeAsync(JudgedConversation conversation, CancellationToken ct);
}

internal sealed class JudgeException(string message, Exception? inner = null) : Exception(message, inner);
