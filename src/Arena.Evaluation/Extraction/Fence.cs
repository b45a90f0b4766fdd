namespace Arena.Evaluation.Extraction;

/// <summary>
/// An opening CommonMark code fence: a run of at least 3 backticks or 3 tildes, with an info string.
/// <see cref="Indent"/> is the column of the fence after any blockquote markers and list marker; that much
/// indentation is removed from each content line. <see cref="QuoteDepth"/> is the number of blockquote
/// markers before the fence; content lines must carry as many.
/// </summary>
internal sealed record Fence(char Char, int Length, int Indent, int QuoteDepth, string Info)
{
    /// <summary>
    /// Recognises an opening fence. CommonMark allows 0–3 spaces of indentation at the top level; fences
    /// indented further are accepted too, because in chat replies they almost always sit in a list item.
    /// A list marker (<c>- </c>, <c>1. </c>) right before the fence is skipped. A backtick fence's info
    /// string may not contain a backtick (that line is an inline code span).
    /// </summary>
    public static bool TryOpen(string line, out Fence fence)
    {
        fence = null!;
        var rest = MarkdownText.StripQuotes(line, int.MaxValue, out int depth);
        int pos = 0, col = 0;
        SkipWhitespace(rest, ref pos, ref col);
        int marker = ListMarkerLength(rest, pos);
        if (marker > 0)
        {
            pos += marker;
            col += marker;
            SkipWhitespace(rest, ref pos, ref col);
        }
        if (pos >= rest.Length) return false;
        char c = rest[pos];
        if (c != '`' && c != '~') return false;
        int run = Run(rest, pos, c);
        if (run < 3) return false;
        string info = rest[(pos + run)..].Trim();
        if (c == '`' && info.Contains('`')) return false;
        fence = new Fence(c, run, col, depth, info);
        return true;
    }

    /// <summary>
    /// A closing fence: the same character, at least as long, nothing but whitespace after it, indented at most
    /// 3 columns past the opening fence (less is accepted, since replies often misalign list-item fences).
    /// </summary>
    public bool IsClosedBy(string line)
    {
        int pos = 0, col = 0;
        SkipWhitespace(line, ref pos, ref col);
        if (col > Indent + 3 || pos >= line.Length || line[pos] != Char) return false;
        int run = Run(line, pos, Char);
        if (run < Length) return false;
        for (int i = pos + run; i < line.Length; i++)
            if (line[i] != ' ' && line[i] != '\t') return false;
        return true;
    }

    /// <summary>
    /// The language named by the info string, lower-cased: its first word with braces, leading dots,
    /// a <c>language-</c> prefix and anything from <c>:</c>, <c>,</c>, <c>{</c>, <c>(</c>, <c>[</c>, <c>=</c> on
    /// removed. <c>{.python}</c>, <c>python title="x.py"</c> and <c>py:file.py</c> all give <c>python</c>/<c>py</c>.
    /// </summary>
    public string Language
    {
        get
        {
            var word = Info;
            int space = word.IndexOfAny([' ', '\t']);
            if (space >= 0) word = word[..space];
            word = word.TrimStart('{').TrimStart('.');
            int cut = word.IndexOfAny([':', ',', '{', '}', '(', '[', '=', ';']);
            if (cut >= 0) word = word[..cut];
            word = word.ToLowerInvariant();
            if (word.StartsWith("language-", StringComparison.Ordinal)) word = word["language-".Length..];
            else if (word.StartsWith("lang-", StringComparison.Ordinal)) word = word["lang-".Length..];
            return word;
        }
    }

    private static void SkipWhitespace(string s, ref int pos, ref int col)
    {
        while (pos < s.Length)
        {
            if (s[pos] == ' ') col++;
            else if (s[pos] == '\t') col = (col / MarkdownText.TabWidth + 1) * MarkdownText.TabWidth;
            else break;
            pos++;
        }
    }

    private static int Run(string s, int pos, char c)
    {
        int end = pos;
        while (end < s.Length && s[end] == c) end++;
        return end - pos;
    }

    /// <summary>Length of a bullet (<c>-</c>, <c>*</c>, <c>+</c>) or ordered (<c>12.</c>, <c>3)</c>) list marker followed by a space, else 0.</summary>
    private static int ListMarkerLength(string s, int pos)
    {
        if (pos >= s.Length) return 0;
        int end = pos;
        if (s[end] is '-' or '*' or '+') end++;
        else
        {
            while (end < s.Length && end - pos < 9 && char.IsAsciiDigit(s[end])) end++;
            if (end == pos || end >= s.Length || s[end] is not ('.' or ')')) return 0;
            end++;
        }
        return end < s.Length && (s[end] == ' ' || s[end] == '\t') ? end - pos : 0;
    }
}
