namespace Arena.Evaluation.Extraction;

/// <summary>
/// Finds every piece of Python in a defender's Markdown reply, in document order.
/// <list type="bullet">
/// <item>CommonMark fences (<c>```</c> or <c>~~~</c>, 3 or more; closed by the same character at least as long;
///   an unclosed fence runs to the end; fences in blockquotes and list items too, see <see cref="Fence"/>).
///   Python tags (<see cref="PythonTags"/>) give <see cref="CodeBlockKind.TaggedFence"/>; an untagged fence or a
///   plain-text tag (<see cref="PlainTags"/>) whose content reads as Python gives
///   <see cref="CodeBlockKind.UntaggedFence"/>; any other tag (bash, json, diff, console, …) is skipped.</item>
/// <item>Outside fences: a reply with no fence that is code as a whole, CommonMark indented blocks (4+ columns
///   after a blank line) and unindented paragraphs that read as Python give <see cref="CodeBlockKind.Loose"/>.
///   A paragraph's leading and trailing prose lines ("Here is the code:") are left out; consecutive code
///   paragraphs and the indented blocks after them (function bodies split by blank lines) form one block.</item>
/// <item><c>pycon</c>/<c>ipython</c> blocks, and any block whose first line is a <c>&gt;&gt;&gt;</c> or
///   <c>In [1]:</c> prompt, keep only their input lines, prompts removed (<see cref="ReplTranscript"/>).</item>
/// <item>Each block is trimmed of blank first and last lines and dedented (common leading whitespace removed,
///   tab = up to 4 columns). <see cref="CodeBlock.Code"/> joins the lines with <c>\n</c>, with no final newline;
///   <see cref="CodeBlock.Lines"/> gives each code line's 1-based line in the reply (<c>\r\n</c>, <c>\r</c> and
///   <c>\n</c> all end a line). Blocks with no non-blank line are dropped.</item>
/// </list>
/// Prose that merely mentions code (inline code spans, sentences naming functions) yields nothing.
/// Time is linear in the reply: each line is visited a bounded number of times.
/// </summary>
internal static class CodeExtractor
{
    /// <summary>Tags whose fences are Python without further checks.</summary>
    public static readonly IReadOnlySet<string> PythonTags = new HashSet<string>(StringComparer.Ordinal)
    {
        "python", "py", "python3", "py3", "pycon", "ipython", "python2", "py2", "ipython3", "pyi",
    };

    /// <summary>Tags of interactive sessions: prompts are stripped and output dropped.</summary>
    public static readonly IReadOnlySet<string> SessionTags = new HashSet<string>(StringComparer.Ordinal)
    {
        "pycon", "ipython", "ipython3",
    };

    /// <summary>Tags that say nothing about the language: their fences are Python if they read as Python.</summary>
    public static readonly IReadOnlySet<string> PlainTags = new HashSet<string>(StringComparer.Ordinal)
    {
        "", "text", "txt", "plaintext", "plain", "code", "none", "nohighlight",
    };

    public static IReadOnlyList<CodeBlock> Extract(string reply)
    {
        var blocks = new List<CodeBlock>();
        if (string.IsNullOrEmpty(reply)) return blocks;
        var lines = MarkdownText.SplitLines(reply);
        int i = 0, segmentStart = 0;
        bool anyFence = false;
        while (i < lines.Count)
        {
            if (!Fence.TryOpen(lines[i], out var fence)) { i++; continue; }
            ScanOutside(lines, segmentStart, i, wholeReply: false, blocks);
            anyFence = true;
            var content = new List<(string Text, int Line)>();
            int j = i + 1;
            bool closed = false;
            while (j < lines.Count)
            {
                var rest = MarkdownText.StripQuotes(lines[j], fence.QuoteDepth, out int depth);
                if (depth < fence.QuoteDepth) break; // the blockquote ended, and the fence with it
                if (fence.IsClosedBy(rest)) { closed = true; break; }
                content.Add((MarkdownText.RemoveColumns(rest, fence.Indent), j + 1));
                j++;
            }
            AddFenced(fence, content, blocks);
            i = closed ? j + 1 : j;
            segmentStart = i;
        }
        ScanOutside(lines, segmentStart, lines.Count, wholeReply: !anyFence, blocks);
        return blocks;
    }

    private static void AddFenced(Fence fence, List<(string Text, int Line)> content, List<CodeBlock> blocks)
    {
        var language = fence.Language;
        CodeBlockKind kind;
        if (PythonTags.Contains(language)) kind = CodeBlockKind.TaggedFence;
        else if (PlainTags.Contains(language)) kind = CodeBlockKind.UntaggedFence;
        else return;

        var texts = Texts(content);
        bool session = SessionTags.Contains(language) ? ReplTranscript.HasPrompt(texts) : ReplTranscript.StartsWithPrompt(texts);
        if (session)
        {
            content = ReplTranscript.Strip(content);
            texts = Texts(content);
        }
        if (kind == CodeBlockKind.UntaggedFence)
        {
            var tally = LineTally.Of(PythonLikelihood.Classify(texts));
            if (!(session ? PythonLikelihood.AcceptsTranscript(tally) : PythonLikelihood.AcceptsFenced(tally))) return;
        }
        Add(content, fence.Info.Length == 0 ? null : fence.Info, kind, blocks);
    }

    /// <summary>Lines <paramref name="start"/> (inclusive) to <paramref name="end"/> (exclusive), 0-based, outside any fence.</summary>
    private static void ScanOutside(List<string> lines, int start, int end, bool wholeReply, List<CodeBlock> blocks)
    {
        if (start >= end) return;
        var segment = lines.GetRange(start, end - start);
        if (segment.TrueForAll(MarkdownText.IsBlank)) return;

        var kinds = PythonLikelihood.Classify(segment);
        if (wholeReply && !ReplTranscript.StartsWithPrompt(segment) && PythonLikelihood.AcceptsWholeReply(LineTally.Of(kinds)))
        {
            Add(Range(lines, start, end), null, CodeBlockKind.Loose, blocks);
            return;
        }

        (int Start, int End, bool FromParagraph)? open = null; // segment-relative, end exclusive
        void Flush()
        {
            if (open is { } b) Add(Range(lines, start + b.Start, start + b.End), null, CodeBlockKind.Loose, blocks);
            open = null;
        }

        int k = 0;
        while (k < segment.Count)
        {
            if (MarkdownText.IsBlank(segment[k])) { k++; continue; }
            int chunkStart = k;
            bool indented = MarkdownText.Indent(segment[k]) >= 4;
            // An indented block ends at the first less indented line; a paragraph at the first blank line.
            while (k < segment.Count && !MarkdownText.IsBlank(segment[k]) && (!indented || MarkdownText.Indent(segment[k]) >= 4)) k++;
            int chunkEnd = k;

            if (ReplTranscript.StartsWithPrompt([segment[chunkStart]]))
            {
                Flush();
                var transcript = ReplTranscript.Strip(Range(lines, start + chunkStart, start + chunkEnd));
                if (PythonLikelihood.AcceptsTranscript(LineTally.Of(PythonLikelihood.Classify(Texts(transcript)))))
                    Add(transcript, null, CodeBlockKind.Loose, blocks);
                continue;
            }

            var whole = LineTally.Of(kinds, chunkStart, chunkEnd);
            if (whole.Code == 0)
            {
                // Comments, brackets and the like may sit between code chunks; anything else ends the block.
                if (whole.Bad > 0 || open is not { } b || !(b.FromParagraph || indented)) Flush();
                continue;
            }

            if (indented)
            {
                if (!PythonLikelihood.AcceptsFenced(whole)) { Flush(); continue; }
                if (open is { } b) open = (b.Start, chunkEnd, b.FromParagraph);
                else open = (chunkStart, chunkEnd, false);
                continue;
            }

            var (coreStart, coreEnd) = Core(kinds, chunkStart, chunkEnd);
            if (!PythonLikelihood.AcceptsParagraph(LineTally.Of(kinds, coreStart, coreEnd))) { Flush(); continue; }
            if (open is { FromParagraph: true } p && coreStart == chunkStart) open = (p.Start, coreEnd, true);
            else
            {
                Flush();
                open = (coreStart, coreEnd, true);
            }
            if (coreEnd < chunkEnd) Flush();
        }
        Flush();
    }

    /// <summary>
    /// The part of a paragraph that may be code: leading lines up to the last bad line before the first Python
    /// line are dropped, and trailing lines from the first bad line after the last Python line.
    /// </summary>
    private static (int Start, int End) Core(LineKind[] kinds, int start, int end)
    {
        int first = start, last = end - 1;
        while (!IsCode(kinds[first])) first++;
        while (!IsCode(kinds[last])) last--;
        int coreStart = start, coreEnd = end;
        for (int i = start; i < first; i++)
            if (IsBad(kinds[i])) coreStart = i + 1;
        for (int i = end - 1; i > last; i--)
            if (IsBad(kinds[i])) coreEnd = i;
        return (coreStart, coreEnd);
    }

    private static bool IsCode(LineKind kind) => kind is LineKind.Python or LineKind.StrongPython;

    private static bool IsBad(LineKind kind) => kind is LineKind.Foreign or LineKind.Prose;

    private static List<(string Text, int Line)> Range(List<string> lines, int start, int end)
    {
        var range = new List<(string, int)>(end - start);
        for (int i = start; i < end; i++) range.Add((lines[i], i + 1));
        return range;
    }

    private static List<string> Texts(List<(string Text, int Line)> content) => content.ConvertAll(c => c.Text);

    /// <summary>Trims blank first and last lines, dedents, and adds the block unless nothing is left.</summary>
    private static void Add(List<(string Text, int Line)> content, string? info, CodeBlockKind kind, List<CodeBlock> blocks)
    {
        int first = 0, last = content.Count - 1;
        while (first <= last && MarkdownText.IsBlank(content[first].Text)) first++;
        while (last >= first && MarkdownText.IsBlank(content[last].Text)) last--;
        if (first > last) return;
        var kept = content.GetRange(first, last - first + 1);
        var code = MarkdownText.Dedent(Texts(kept));
        blocks.Add(new CodeBlock(string.Join('\n', code), kept.ConvertAll(c => c.Line), info, kind));
    }
}
