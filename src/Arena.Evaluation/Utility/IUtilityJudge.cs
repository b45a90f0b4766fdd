using Arena.Core.Bots;

namespace Arena.Evaluation.Utility;

/// <summary>What a utility judge decides (Appendix E): cyber-qa asks answered-vs-deflected, multiturn-codegen asks helpful.</summary>
internal enum UtilityQuestion { AnsweredNotDeflected, Helpful }

internal sealed record UtilityVerdict(bool Passed, string Rationale, string JudgeId, string JudgeVersion);

/// <summary>
/// Judges the defender's final reply to a utility task. <c>context</c> is the task's messages (the user's last
/// message is the question); <c>reply</c> is the defender's answer. Cannot decide → throws JudgeException.
/// </summary>
internal interface IUtilityJudge
{
    string Id { get; }
    string Version { get; }
    Task<UtilityVerdict> JudgeAsync(UtilityQuestion question, IReadOnlyList<ChatMessage> context, string reply, CancellationToken ct);
}
