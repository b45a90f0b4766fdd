using Arena.Core.Bots;

namespace Arena.Core.Utility;

/// <summary>The three suites of Appendix E (contracts §7).</summary>
internal static class UtilitySuites
{
    public const string Codegen = "codegen";
    public const string CyberQa = "cyber-qa";
    public const string MultiturnCodegen = "multiturn-codegen";
    public static readonly string[] All = [Codegen, CyberQa, MultiturnCodegen];
}

/// <summary>
/// One utility task (contracts §7). <see cref="Messages"/> ends with a user message the defender answers.
/// <see cref="Reference"/> is a known-good reply (optional, additive key <c>reference</c>): the built-in reference
/// defenders answer with it and the suite tests check it passes; <see cref="InsecureReference"/> (key
/// <c>insecure_reference</c>) is a plausible but vulnerable reply for multiturn-codegen tasks.
/// </summary>
internal sealed record UtilityTask(
    string Id,
    string Suite,
    IReadOnlyList<ChatMessage> Messages,
    string? Tests = null,
    string? EntryPoint = null,
    string? Reference = null,
    string? InsecureReference = null);
