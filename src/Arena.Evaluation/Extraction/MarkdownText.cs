namespace Arena.Evaluation.Extraction;

/// <summary>
/// Line-level Markdown helpers shared by the extractor: line splitting, indentation in columns
/// (a tab advances to the next multiple of 4, as in CommonMark), blockquote markers, dedenting.
/// Every helper is linear in its input.
/// </summary>
internal static class MarkdownText
{
    public const int TabWidth = 4;

    /// <summary>Splits on <c>\r\n</c>, <c>\r</c> and <c>\n</c>. A final line break does not add an empty line.</summary>
    public static List<string> SplitLines(string text)
    {
        var lines = new List<string>();
        int start = 0;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c != '\n' && c != '\r') continue;
            lines.Add(text[start..i]);
            if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n') i++;
            start = i + 1;
        }
        if (start < text.Length) lines.Add(text[start..]);
        return lines;
    }

    public static bool IsBlank(string line)
    {
        foreach (char c in line)
            if (!char.IsWhiteSpace(c)) return false;
        return true;
    }

    /// <summary>Width in columns of the leading spaces and tabs.</summary>
    public static int Indent(string line)
    {
        int col = 0;
        foreach (char c in line)
        {
            if (c == ' ') col++;
            else if (c == '\t') col = NextTabStop(col);
            else break;
        }
        return col;
    }

    /// <summary>
    /// Removes up to <paramref name="columns"/> columns of leading whitespace. A tab that straddles the limit
    /// leaves its remaining columns as spaces, so relative indentation survives.
    /// </summary>
    public static string RemoveColumns(string line, int columns)
    {
        if (columns <= 0 || line.Length == 0) return line;
        int col = 0, pos = 0;
        while (pos < line.Length && col < columns)
        {
            char c = line[pos];
            if (c == ' ') col++;
            else if (c == '\t') col = NextTabStop(col);
            else break;
            pos++;
        }
        return col > columns ? new string(' ', col - columns) + line[pos..] : line[pos..];
    }

    /// <summary>
    /// Strips up to <paramref name="maxDepth"/> blockquote markers (up to 3 spaces, <c>&gt;</c>, one optional
    /// space) and reports how many were stripped.
    /// </summary>
    public static string StripQuotes(string line, int maxDepth, out int depth)
    {
        depth = 0;
        int pos = 0;
        while (depth < maxDepth)
        {
            int p = pos, spaces = 0;
            while (p < line.Length && line[p] == ' ' && spaces < 3) { p++; spaces++; }
            if (p >= line.Length || line[p] != '>') break;
            p++;
            if (p < line.Length && (line[p] == ' ' || line[p] == '\t')) p++;
            pos = p;
            depth++;
        }
        return pos == 0 ? line : line[pos..];
    }

    /// <summary>Removes the common leading whitespace of the non-blank lines; blank lines become empty.</summary>
    public static List<string> Dedent(IReadOnlyList<string> lines)
    {
        int common = int.MaxValue;
        foreach (var line in lines)
            if (!IsBlank(line)) common = Math.Min(common, Indent(line));
        if (common == int.MaxValue) common = 0;
        var result = new List<string>(lines.Count);
        foreach (var line in lines)
            result.Add(IsBlank(line) ? "" : RemoveColumns(line, common));
        return result;
    }

    private static int NextTabStop(int col) => (col / TabWidth + 1) * TabWidth;
}
