namespace Arena.Tests.Judges;

/// <summary>Reads an LLM judge's user prompt back: the fenced data line between its boundary lines.</summary>
internal static class FencedPrompt
{
    /// <summary>The user prompt split at its boundary lines: (before, data line, after, begin line, end line).</summary>
    public static (string Before, string Data, string After, string Begin, string End) Split(string user)
    {
        var lines = user.Split('\n');
        int begin = Array.FindIndex(lines, l => l.StartsWith("<<<BEGIN CONVERSATION DATA ", StringComparison.Ordinal));
        int end = Array.FindIndex(lines, l => l.StartsWith("<<<END CONVERSATION DATA ", StringComparison.Ordinal));
        Assert.True(begin >= 0 && end == begin + 2, $"expected BEGIN, one data line, END; got lines {begin}..{end}");
        return (string.Join('\n', lines[..begin]), lines[begin + 1], string.Join('\n', lines[(end + 1)..]), lines[begin], lines[end]);
    }

    /// <summary>Occurrences of <paramref name="part"/> in <paramref name="text"/>, overlapping ones included.</summary>
    public static int Count(string text, string part)
    {
        int n = 0;
        for (int i = text.IndexOf(part, StringComparison.Ordinal); i >= 0; i = text.IndexOf(part, i + 1, StringComparison.Ordinal)) n++;
        return n;
    }
}
