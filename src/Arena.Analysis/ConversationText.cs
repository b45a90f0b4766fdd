using Arena.Analysis.Embeddings;
using Arena.Core.Sessions;

namespace Arena.Analysis;

/// <summary>
/// Which text of a conversation is embedded. The paper embeds whole conversations; USE lite reads only 128 tokens, so
/// the turns are passed as separate segments and js/embed.mjs gives each turn an equal share of the window (unused
/// shares go to longer turns). Every turn then counts, instead of the first attacker message filling the window alone.
/// Other embedders get the turns joined by blank lines.
/// </summary>
internal static class ConversationText
{
    public static string Policy(bool segmented, int? window) => segmented
        ? $"all turns (attacker and defender), sharing the model's {window}-token window equally between turns"
        : "all turns (attacker and defender), joined by blank lines";

    public static string For(SessionRecord session, bool segmented) =>
        string.Join(segmented ? UseEmbeddingGenerator.SegmentSeparator.ToString() : "\n\n",
            session.Turns.OrderBy(t => t.Turn).Select(t => segmented ? t.Content.Replace(UseEmbeddingGenerator.SegmentSeparator, ' ') : t.Content));
}
