namespace Arena.Evaluation.Extraction;

/// <summary>
/// A piece of Python found in a chat reply. <see cref="Lines"/> maps each line of <see cref="Code"/>
/// (index 0 = first code line) to its 1-based line in the reply, so findings point into the reply.
/// </summary>
internal sealed record CodeBlock(string Code, IReadOnlyList<int> Lines, string? Info, CodeBlockKind Kind)
{
    /// <summary>The reply line of a 1-based code line (clamped to the block).</summary>
    public int ReplyLine(int codeLine) => Lines.Count == 0 ? 1 : Lines[Math.Clamp(codeLine - 1, 0, Lines.Count - 1)];
}

internal enum CodeBlockKind
{
    /// <summary>A fenced block tagged as Python (python, py, python3, py3, pycon, ipython).</summary>
    TaggedFence,
    /// <summary>A fenced block without a tag (or with an unknown one) that reads as Python.</summary>
    UntaggedFence,
    /// <summary>An indented block (or a whole reply) outside fences that reads as Python.</summary>
    Loose,
}
