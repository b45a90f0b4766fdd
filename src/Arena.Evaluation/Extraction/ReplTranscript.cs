using System.Text.RegularExpressions;

namespace Arena.Evaluation.Extraction;

/// <summary>
/// Interactive-session transcripts (<c>pycon</c>, <c>ipython</c>): keeps the input lines with their prompts
/// removed and drops the output. Prompts: <c>&gt;&gt;&gt; </c> and its continuation <c>... </c>, IPython's
/// <c>In [1]: </c> and its continuation <c>   ...: </c>. A continuation only counts right after an input line,
/// so output that happens to start with <c>...</c> is still dropped.
/// </summary>
internal static partial class ReplTranscript
{
    /// <summary>Whether the first non-blank line is a prompt.</summary>
    public static bool StartsWithPrompt(IReadOnlyList<string> lines)
    {
        foreach (var line in lines)
        {
            if (MarkdownText.IsBlank(line)) continue;
            return Prompt(line.TrimStart()) >= 0;
        }
        return false;
    }

    /// <summary>Whether any line is a prompt.</summary>
    public static bool HasPrompt(IReadOnlyList<string> lines)
    {
        foreach (var line in lines)
            if (Prompt(line.TrimStart()) >= 0) return true;
        return false;
    }

    /// <summary>The input lines of the transcript, prompts removed, each with its reply line.</summary>
    public static List<(string Text, int Line)> Strip(IReadOnlyList<(string Text, int Line)> lines)
    {
        var kept = new List<(string, int)>();
        bool inInput = false;
        foreach (var (text, line) in lines)
        {
            var t = text.TrimStart();
            int prompt = Prompt(t);
            if (prompt < 0 && inInput) prompt = Continuation(t);
            if (prompt >= 0)
            {
                kept.Add((t[prompt..], line));
                inInput = true;
            }
            else
            {
                inInput = false;
            }
        }
        return kept;
    }

    /// <summary>Length of a primary prompt at the start of <paramref name="t"/>, or -1.</summary>
    private static int Prompt(string t)
    {
        if (t.StartsWith(">>>", StringComparison.Ordinal))
            return t.Length == 3 ? 3 : t[3] == ' ' ? 4 : -1;
        var m = IPythonIn().Match(t);
        return m.Success ? m.Length : -1;
    }

    /// <summary>Length of a continuation prompt at the start of <paramref name="t"/>, or -1.</summary>
    private static int Continuation(string t)
    {
        if (t.StartsWith("...:", StringComparison.Ordinal))
            return t.Length == 4 ? 4 : t[4] == ' ' ? 5 : -1;
        if (t.StartsWith("...", StringComparison.Ordinal))
            return t.Length == 3 ? 3 : t[3] == ' ' ? 4 : -1;
        return -1;
    }

    [GeneratedRegex(@"^In \[\d{0,9}\]: ?", RegexOptions.CultureInvariant)]
    private static partial Regex IPythonIn();
}
