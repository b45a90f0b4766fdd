using System.Text;
using System.Text.RegularExpressions;

namespace Arena.Evaluation.Extraction;

/// <summary>What one line looks like to <see cref="PythonLikelihood"/>.</summary>
internal enum LineKind
{
    Blank,
    /// <summary>Could be anything: comments, brackets, dict entries, bare expressions, short phrases, string bodies.</summary>
    Neutral,
    /// <summary>A Python statement that other text rarely produces (assignment, call, return, compound header).</summary>
    Python,
    /// <summary>A construct close to unique to Python (def, class, import, from…import, decorator, print(, indented block header).</summary>
    StrongPython,
    /// <summary>Another language: shell commands and prompts, JavaScript/C-family, JSON/YAML literals, HTML, SQL.</summary>
    Foreign,
    /// <summary>Markdown prose: sentences, list items, tables, quotes, inline code spans.</summary>
    Prose,
}

/// <summary>Counts of classified lines.</summary>
internal readonly record struct LineTally(int Strong, int Medium, int Foreign, int Prose, int Neutral)
{
    public int Code => Strong + Medium;
    public int Bad => Foreign + Prose;

    public static LineTally Of(IReadOnlyList<LineKind> kinds, int start, int end)
    {
        int s = 0, m = 0, f = 0, p = 0, n = 0;
        for (int i = start; i < end; i++)
        {
            switch (kinds[i])
            {
                case LineKind.StrongPython: s++; break;
                case LineKind.Python: m++; break;
                case LineKind.Foreign: f++; break;
                case LineKind.Prose: p++; break;
                case LineKind.Neutral: n++; break;
            }
        }
        return new LineTally(s, m, f, p, n);
    }

    public static LineTally Of(IReadOnlyList<LineKind> kinds) => Of(kinds, 0, kinds.Count);
}

/// <summary>
/// Does a piece of text read as Python? Each line is classified (<see cref="LineKind"/>) after string literal
/// contents and <c>#</c> comments are blanked out, in this order: inside a triple-quoted string → Neutral;
/// comment → Neutral (a <c>#!</c> python shebang → StrongPython, other shebangs and <c>#include</c> → Foreign);
/// inline code span, list item, table row, quote → Prose; other-language markers → Foreign; Python-only
/// constructs → StrongPython; sentences → Prose; Python statements → Python; anything else → Neutral.
/// The verdict then compares counts, with a threshold per context:
/// <list type="bullet">
/// <item><see cref="AcceptsFenced"/> (untagged fence, indented block): at least one Python line and
///   bad (Foreign + Prose) lines at most half the Python lines.</item>
/// <item><see cref="AcceptsParagraph"/> (an unindented paragraph amid prose): no bad line, and a strong line or
///   at least two Python lines.</item>
/// <item><see cref="AcceptsWholeReply"/> (a reply with no fences, taken whole): no bad line, at least one Python line.</item>
/// <item><see cref="AcceptsTranscript"/> (prompts already stripped): bad lines no more than Python lines, since
///   the <c>&gt;&gt;&gt;</c> prompts are evidence on their own.</item>
/// </list>
/// Lines longer than <see cref="MaxClassifiedLength"/> are Neutral. All regexes are non-backtracking, so the
/// work is linear in the input.
/// </summary>
internal static partial class PythonLikelihood
{
    public const int MaxClassifiedLength = 4000;

    public static bool AcceptsFenced(LineTally t) => t.Code >= 1 && 2 * t.Bad <= t.Code;

    public static bool AcceptsParagraph(LineTally t) => t.Bad == 0 && (t.Strong >= 1 || t.Code >= 2);

    public static bool AcceptsWholeReply(LineTally t) => t.Bad == 0 && t.Code >= 1;

    public static bool AcceptsTranscript(LineTally t) => t.Bad <= t.Code;

    /// <summary>Whether an untagged fence (or indented block) with these lines reads as Python.</summary>
    public static bool ReadsAsPython(IReadOnlyList<string> lines) => AcceptsFenced(LineTally.Of(Classify(lines)));

    /// <summary>
    /// Classifies each line. Context matters: a triple-quoted string spans lines, and a compound statement
    /// header (<c>if …:</c>, <c>for …:</c>) is strong only when the next non-blank line is indented deeper.
    /// </summary>
    public static LineKind[] Classify(IReadOnlyList<string> lines)
    {
        var kinds = new LineKind[lines.Count];
        var nextIndent = new int[lines.Count];
        int next = -1;
        for (int i = lines.Count - 1; i >= 0; i--)
        {
            nextIndent[i] = next;
            if (!MarkdownText.IsBlank(lines[i])) next = MarkdownText.Indent(lines[i]);
        }
        string? openTriple = null;
        for (int i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            if (MarkdownText.IsBlank(line)) { kinds[i] = LineKind.Blank; continue; }
            if (line.Length > MaxClassifiedLength) { kinds[i] = LineKind.Neutral; openTriple = null; continue; }
            if (openTriple is not null)
            {
                int close = line.IndexOf(openTriple, StringComparison.Ordinal);
                kinds[i] = LineKind.Neutral;
                if (close < 0) continue;
                // The string ends on this line; whatever follows it may open another.
                Strip(line[(close + 3)..], out openTriple);
                continue;
            }
            var code = Strip(line, out openTriple).Trim();
            kinds[i] = ClassifyCode(line.Trim(), code, MarkdownText.Indent(line), nextIndent[i]);
        }
        return kinds;
    }

    /// <summary>
    /// The line with string literal contents removed (quotes kept, so <c>x = "a; b"</c> becomes <c>x = ""</c>)
    /// and a trailing <c>#</c> comment cut. A quote right after a word other than a string prefix
    /// (<c>don't</c>) is an apostrophe, not a string. Reports a triple-quoted string left open.
    /// </summary>
    internal static string Strip(string line, out string? openTriple)
    {
        openTriple = null;
        var sb = new StringBuilder(line.Length);
        int i = 0;
        while (i < line.Length)
        {
            char c = line[i];
            if (c == '#') break;
            if ((c == '"' || c == '\'') && StartsString(line, i))
            {
                bool triple = i + 2 < line.Length && line[i + 1] == c && line[i + 2] == c;
                sb.Append(c).Append(c);
                if (triple)
                {
                    string delim = new(c, 3);
                    int close = line.IndexOf(delim, i + 3, StringComparison.Ordinal);
                    if (close < 0) { openTriple = delim; return sb.ToString(); }
                    i = close + 3;
                }
                else
                {
                    i++;
                    while (i < line.Length && line[i] != c)
                        i += line[i] == '\\' ? 2 : 1;
                    i++;
                }
                continue;
            }
            sb.Append(c);
            i++;
        }
        return sb.ToString();
    }

    private static bool StartsString(string line, int quote)
    {
        int start = quote;
        while (start > 0 && (char.IsAsciiLetterOrDigit(line[start - 1]) || line[start - 1] == '_')) start--;
        if (start == quote) return true;
        var prefix = line.AsSpan(start, quote - start);
        return prefix.Length <= 2 && prefix.ToString().ToLowerInvariant() is "r" or "u" or "b" or "f" or "rb" or "br" or "fr" or "rf";
    }

    private static LineKind ClassifyCode(string trimmed, string code, int indent, int nextIndent)
    {
        if (trimmed.StartsWith('#'))
        {
            if (trimmed.StartsWith("#!", StringComparison.Ordinal))
                return trimmed.Contains("python", StringComparison.OrdinalIgnoreCase) ? LineKind.StrongPython : LineKind.Foreign;
            return trimmed.StartsWith("#include", StringComparison.Ordinal) || trimmed.StartsWith("#define", StringComparison.Ordinal)
                ? LineKind.Foreign
                : LineKind.Neutral;
        }
        if (code.Length == 0 || code == "\"\"" || code == "''") return LineKind.Neutral;
        if (code.Contains('`') || MarkdownBlock().IsMatch(code)) return LineKind.Prose;
        if (IsForeign(code)) return LineKind.Foreign;
        if (StrongStatement().IsMatch(code) || ImportStatement().IsMatch(code)) return LineKind.StrongPython;
        if (IsProse(code)) return LineKind.Prose;
        if (CompoundHeader().IsMatch(code)) return nextIndent > indent ? LineKind.StrongPython : LineKind.Python;
        if (Statement().IsMatch(code) || code.Contains("self.", StringComparison.Ordinal)) return LineKind.Python;
        return LineKind.Neutral;
    }

    private static bool IsForeign(string code)
    {
        if (code.EndsWith(';') || code.Contains('$')) return true;
        if (ForeignOperator().IsMatch(code) || ForeignStart().IsMatch(code)) return true;
        var word = ForeignWord().Match(code);
        if (word.Success && !PythonContinuation().IsMatch(code.AsSpan(word.Length))) return true;
        if (code.EndsWith('{') && (code.Contains(')') || code.StartsWith('}') || BraceBlockKeyword().IsMatch(code))) return true;
        // A bare `key:` is YAML; the Python headers of that shape are handled as strong statements.
        return YamlKey().IsMatch(code) && code[..^1].Trim() is not ("else" or "try" or "finally" or "except");
    }

    /// <summary>
    /// A sentence: at least 3 word tokens making up 60% of the tokens, at least 2 of them not Python keywords,
    /// and at least one English function word (the, to, you, …); or at least 6 non-keyword words making up 80%.
    /// </summary>
    private static bool IsProse(string code)
    {
        int tokens = 0, words = 0, english = 0, stop = 0;
        foreach (var range in code.AsSpan().Split(' '))
        {
            var token = code.AsSpan()[range];
            if (token.IsEmpty) continue;
            tokens++;
            var w = token.TrimStart('(').TrimEnd("),.;:!?");
            if (w.IsEmpty || !IsWord(w)) continue;
            words++;
            var lower = w.ToString().ToLowerInvariant();
            if (PythonWords.Contains(lower)) continue;
            english++;
            if (StopWords.Contains(lower)) stop++;
        }
        if (words >= 3 && words * 5 >= tokens * 3 && english >= 2 && stop >= 1) return true;
        return english >= 6 && words * 5 >= tokens * 4;
    }

    private static bool IsWord(ReadOnlySpan<char> w)
    {
        if (!char.IsLetter(w[0])) return false;
        foreach (char c in w)
            if (!char.IsLetter(c) && c != '\'' && c != '\u2019' && c != '-') return false;
        return true;
    }

    private static readonly HashSet<string> PythonWords =
    [
        "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del", "elif", "else", "except",
        "false", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda", "none", "nonlocal", "not",
        "or", "pass", "raise", "return", "true", "try", "while", "with", "yield", "self", "print",
    ];

    private static readonly HashSet<string> StopWords =
    [
        "the", "an", "to", "of", "you", "your", "this", "that", "it", "its", "it's", "we", "our", "can", "will",
        "would", "should", "could", "be", "are", "was", "were", "on", "at", "by", "which", "here", "there", "these",
        "those", "then", "when", "what", "how", "why", "please", "also", "just", "using", "need", "want", "sure",
        "my", "me", "has", "have", "does", "don't", "i'm", "let's", "can't", "won't", "into", "about", "than", "but",
        "because", "some", "very", "like", "instead", "following", "example", "note", "sorry", "help", "here's",
    ];

    // Python-only constructs, matched on the stripped line.
    [GeneratedRegex(
        @"^((async\s+)?def\s+[A-Za-z_]\w*\s*\(|class\s+[A-Za-z_]\w*\s*(\(.*\))?\s*:|from\s+\.*[A-Za-z_][\w.]*\s+import\s+(\*|\(|[A-Za-z_])|from\s+\.+\s+import\s|@[A-Za-z_][\w.]*\s*(\(.*\))?$|print\s*\(|(else|try|finally|except)\s*:$)",
        RegexOptions.CultureInvariant | RegexOptions.NonBacktracking)]
    private static partial Regex StrongStatement();

    [GeneratedRegex(
        @"^import\s+[A-Za-z_][\w.]*(\s+as\s+[A-Za-z_]\w*)?(\s*,\s*[A-Za-z_][\w.]*(\s+as\s+[A-Za-z_]\w*)?)*$",
        RegexOptions.CultureInvariant | RegexOptions.NonBacktracking)]
    private static partial Regex ImportStatement();

    [GeneratedRegex(@"^(if|elif|while|for|with|except|match|case|async\s+for|async\s+with)\s.*:$",
        RegexOptions.CultureInvariant | RegexOptions.NonBacktracking)]
    private static partial Regex CompoundHeader();

    // Assignment (plain, tuple, subscript, augmented, walrus, annotated), a whole-line call or an opened call,
    // and simple statements.
    [GeneratedRegex(
        @"^([A-Za-z_][\w.]*(\[[^\]]*\])*(\s*,\s*\*?[A-Za-z_][\w.]*)*\s*(=|\+=|-=|\*=|/=|//=|%=|\*\*=|\|=|&=|\^=|>>=|<<=|@=|:=)\s*[^=\s]|[A-Za-z_]\w*\s*:\s*[^=]+=\s*[^=\s]|(await\s+)?[A-Za-z_][\w.]*\(.*\)$|[A-Za-z_][\w.]*\($|(return|yield|raise|assert|del|global|nonlocal|await)(\s|$)|(pass|break|continue)$|lambda\b)",
        RegexOptions.CultureInvariant | RegexOptions.NonBacktracking)]
    private static partial Regex Statement();

    // Markdown: bullet or numbered list item, table row, blockquote.
    [GeneratedRegex(@"^([-*+]\s|\d{1,3}[.)]\s|\|.*\|$|>)", RegexOptions.CultureInvariant | RegexOptions.NonBacktracking)]
    private static partial Regex MarkdownBlock();

    [GeneratedRegex(@"(=>|===|!==|&&|\|\||\+\+|--|\b(true|false|null|undefined|nil)\b|std::|\bconsole\.|\bdocument\.|\bwindow\.|\bSystem\.out|\bmodule\.exports)",
        RegexOptions.CultureInvariant | RegexOptions.NonBacktracking)]
    private static partial Regex ForeignOperator();

    // Shell prompts, HTML, SQL, C-style comments, YAML keys and documents, INI sections, a lone `end`.
    [GeneratedRegex(
        @"^(\$|PS [A-Z]:|<[A-Za-z!/?]|(SELECT|INSERT|UPDATE|DELETE|CREATE|DROP|ALTER)\s|//|/\*|\*/|[A-Za-z_][\w]*-[\w-]*:(\s|$)|---$|\[[\w .-]+\]$|end$)",
        RegexOptions.CultureInvariant | RegexOptions.NonBacktracking)]
    private static partial Regex ForeignStart();

    // A shell command or another language's keyword starting the line.
    [GeneratedRegex(
        @"^(pip|pip3|pipx|npm|npx|yarn|pnpm|apt|apt-get|yum|dnf|brew|sudo|cd|ls|echo|export|curl|wget|git|docker|kubectl|chmod|chown|mkdir|rm|cp|mv|cat|grep|sed|awk|python|python3|py|bash|sh|zsh|source|conda|ssh|scp|nc|touch|tar|make|cargo|go|node|java|javac|gcc|unset|alias|powershell|set|setx|mvn|gradle|dotnet|nmap|ping|poetry|pipenv|uv|function|const|let|var|interface|public|private|protected|package|using|namespace|fn|func|impl|puts|local|my)\s+",
        RegexOptions.CultureInvariant | RegexOptions.NonBacktracking)]
    private static partial Regex ForeignWord();

    // What may follow a leading word in Python: an assignment or comparison, a call, a subscript, an operator, a keyword.
    [GeneratedRegex(@"^(=|\(|\[|,|:|\)|\.|[-+*/%&|^<>!@]=|[-+*/%<>]\s|(in|is|and|or|if|not|for|else)\b)",
        RegexOptions.CultureInvariant | RegexOptions.NonBacktracking)]
    private static partial Regex PythonContinuation();

    [GeneratedRegex(@"^[A-Za-z_][\w-]*\s*:$", RegexOptions.CultureInvariant | RegexOptions.NonBacktracking)]
    private static partial Regex YamlKey();

    [GeneratedRegex(@"^(if|for|while|else|try|catch|switch|do|class|interface|struct|enum)\b",
        RegexOptions.CultureInvariant | RegexOptions.NonBacktracking)]
    private static partial Regex BraceBlockKeyword();
}
