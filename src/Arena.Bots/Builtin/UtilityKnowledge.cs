using Arena.Core.Bots;
using Arena.Core.Utility;

namespace Arena.Bots.Builtin;

/// <summary>
/// What the reference defenders "know" about the built-in utility suites: the known-good reply of each task,
/// looked up by the text of the user's last message. Deterministic bots cannot write code for an arbitrary prompt,
/// so they answer the suites' prompts from the suites' own reference replies; their utility scores then measure
/// their refusal policies (which tasks they refuse or deflect) and, for the naive bot, its insecure habits. Real
/// defenders (HTTP, OpenAI-compatible) get no such help.
/// </summary>
internal static class UtilityKnowledge
{
    private static readonly Lazy<Dictionary<string, UtilityTask>> ByPrompt = new(() =>
    {
        var index = new Dictionary<string, UtilityTask>(StringComparer.Ordinal);
        foreach (var task in BuiltinSuites.All)
            if (task.Reference is not null) index.TryAdd(Key(task.Messages[^1].Content), task);
        return index;
    });

    /// <summary>The built-in task whose final question is the request's latest message, if any.</summary>
    public static UtilityTask? Match(BotRequest request) =>
        request.History.Count > 0 && request.History[^1].Role == Role.Attacker
            ? ByPrompt.Value.GetValueOrDefault(Key(request.History[^1].Content))
            : null;

    private static string Key(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    public static Task<BotReply> Answer(UtilityTask task, bool insecure) =>
        DefenderReplies.Reply(insecure && task.InsecureReference is { } weak ? weak : task.Reference!, "comply", task.Id, insecure ? "insecure" : "reference");
}
