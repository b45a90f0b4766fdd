using System.Text;

namespace Arena.Evaluation.Analysis;

internal enum TokKind : byte { Name, Number, String, Op, Newline, Indent, Dedent, Eof }

/// <summary>One token. For strings <see cref="Text"/> is the literal content (prefix and quotes removed,
/// simple escapes decoded); f-string replacement fields are kept in <see cref="Fields"/>.</summary>
internal sealed class Tok
{
    public TokKind Kind;
    public string Text = "";
    public int Line;
    public int Col;
    public bool IsF;
    public bool IsBytes;
    public List<(string Expr, int Line)>? Fields;

    public override string ToString() => $"{Kind}:{Text}@{Line}";
}

/// <summary>
/// One-pass, error-tolerant Python 3 tokenizer: never throws, tracks INDENT/DEDENT (a stray or inconsistent
/// indent opens a new block), bracket depth (reset when a new top-level statement obviously starts),
/// line continuations and all string forms. Comments are collected per line for <c># nosec</c>.
/// </summary>
internal sealed class PyTokenizer
{
    private readonly string _s;
    private int _p;
    private int _line = 1;
    private int _lineStart;
    private readonly List<Tok> _toks;
    private readonly List<int> _indents = [0];
    private int _depth;
    private int _depthOpenIndent;
    private int _curIndent;

    public Dictionary<int, string> Comments { get; } = [];
    /// <summary>Physical line ranges of the logical lines (statements and headers), in order.</summary>
    public List<(int Start, int End)> LogicalLines { get; } = [];
    private int _logicalStart = -1;
    private int _lastEnd;

    private PyTokenizer(string s, int firstLine)
    {
        _s = s;
        _line = firstLine;
        _toks = new List<Tok>(Math.Min(s.Length / 3 + 8, 1 << 20));
    }

    public static List<Tok> Tokenize(string source, out Dictionary<int, string> comments, int firstLine = 1) =>
        Tokenize(source, out comments, out _, firstLine);

    public static List<Tok> Tokenize(string source, out Dictionary<int, string> comments, out List<(int Start, int End)> logicalLines, int firstLine = 1)
    {
        var t = new PyTokenizer(source, firstLine);
        t.Run();
        comments = t.Comments;
        logicalLines = t.LogicalLines;
        return t._toks;
    }

    private void Add(TokKind k, string text, int col)
    {
        var tok = new Tok { Kind = k, Text = text, Line = _line, Col = col };
        Track(tok);
        _toks.Add(tok);
    }

    private void Track(Tok tok)
    {
        if (tok.Kind == TokKind.Newline)
        {
            if (_logicalStart > 0) LogicalLines.Add((_logicalStart, _lastEnd));
            _logicalStart = -1;
        }
        else if (tok.Kind is not (TokKind.Indent or TokKind.Dedent or TokKind.Eof))
        {
            if (_logicalStart < 0) _logicalStart = tok.Line;
            _lastEnd = _line;
        }
    }

    private void Run()
    {
        bool atLineStart = true;
        while (true)
        {
            if (atLineStart && _depth == 0)
            {
                if (!HandleIndent()) break;
                atLineStart = false;
            }
            if (_p >= _s.Length) break;
            char c = _s[_p];
            if (c == '\n' || c == '\r')
            {
                NewLine(c);
                if (_depth > 0 && ShouldResetBrackets()) _depth = 0;
                if (_depth == 0)
                {
                    if (_toks.Count > 0 && _toks[^1].Kind is not (TokKind.Newline or TokKind.Indent or TokKind.Dedent)) Add(TokKind.Newline, "", 0);
                    atLineStart = true;
                }
                continue;
            }
            if (c == ' ' || c == '\t' || c == '\f' || c == '\v' || c == '\0' || c == '\uFEFF') { _p++; continue; }
            if (c == '#') { ReadComment(); continue; }
            if (c == '\\')
            {
                int q = _p + 1;
                while (q < _s.Length && (_s[q] == ' ' || _s[q] == '\t')) q++;
                if (q >= _s.Length) { _p = q; continue; }
                if (_s[q] == '\n' || _s[q] == '\r') { _p = q; NewLine(_s[q]); continue; }
                _p++;
                continue;
            }
            int col = _p - _lineStart;
            if (IsIdStart(c))
            {
                int st = _p;
                while (_p < _s.Length && IsIdChar(_s[_p])) _p++;
                int len = _p - st;
                if (len <= 3 && _p < _s.Length && (_s[_p] == '\'' || _s[_p] == '"') && IsStringPrefix(st, len))
                {
                    ReadString(st, len, col);
                    continue;
                }
                Add(TokKind.Name, _s.Substring(st, len), col);
                continue;
            }
            if (c == '\'' || c == '"') { ReadString(_p, 0, col); continue; }
            if (char.IsAsciiDigit(c) || (c == '.' && _p + 1 < _s.Length && char.IsAsciiDigit(_s[_p + 1])))
            {
                int st = _p;
                while (_p < _s.Length)
                {
                    char d = _s[_p];
                    if (char.IsAsciiLetterOrDigit(d) || d == '_' || d == '.') _p++;
                    else if ((d == '+' || d == '-') && (_s[_p - 1] == 'e' || _s[_p - 1] == 'E') && !(_s[st] == '0' && _p - st > 1 && (_s[st + 1] is 'x' or 'X'))) _p++;
                    else break;
                }
                Add(TokKind.Number, _s.Substring(st, _p - st), col);
                continue;
            }
            ReadOp(col);
        }
        if (_toks.Count > 0 && _toks[^1].Kind is not (TokKind.Newline or TokKind.Dedent or TokKind.Indent)) Add(TokKind.Newline, "", 0);
        for (int i = 1; i < _indents.Count; i++) Add(TokKind.Dedent, "", 0);
        Add(TokKind.Eof, "", 0);
    }

    private void NewLine(char c)
    {
        _p++;
        if (c == '\r' && _p < _s.Length && _s[_p] == '\n') _p++;
        _line++;
        _lineStart = _p;
    }

    private static readonly string[] ResetWords = ["def ", "class ", "import ", "from ", "@", "return", "with ", "try:", "while ", "elif ", "else:", "except", "finally:", "async def "];

    /// <summary>Inside brackets at a line break: does the next line look like a new statement at or left of the
    /// line that opened the bracket? Then the bracket was never closed (partial LLM code) and we recover.</summary>
    private bool ShouldResetBrackets()
    {
        int q = _p, ind = 0;
        while (q < _s.Length && (_s[q] == ' ' || _s[q] == '\t')) { ind += _s[q] == '\t' ? 8 - ind % 8 : 1; q++; }
        if (ind > _depthOpenIndent) return false;
        foreach (var w in ResetWords)
            if (string.CompareOrdinal(_s, q, w, 0, w.Length) == 0) return true;
        // "name = ..." / "name.attr = ..." / "name(...)" at or left of the opening line: a new statement
        int r = q;
        if (r >= _s.Length || !IsIdStart(_s[r])) return false;
        while (r < _s.Length && (IsIdChar(_s[r]) || _s[r] == '.')) r++;
        while (r < _s.Length && (_s[r] == ' ' || _s[r] == '\t')) r++;
        if (r >= _s.Length) return false;
        if (_s[r] == '=' ) return r + 1 >= _s.Length || _s[r + 1] != '=';
        if (_s[r] == '(' && ind == 0) return true;
        return r + 1 < _s.Length && _s[r + 1] == '=' && "+-*/%|&^".IndexOf(_s[r]) >= 0;
    }

    private bool HandleIndent()
    {
        while (true)
        {
            int ind = 0;
            while (_p < _s.Length && (_s[_p] == ' ' || _s[_p] == '\t' || _s[_p] == '\f' || _s[_p] == '\uFEFF'))
            {
                ind += _s[_p] == '\t' ? 8 - ind % 8 : _s[_p] is '\f' or '\uFEFF' ? 0 : 1;
                _p++;
            }
            if (_p >= _s.Length) return false;
            char c = _s[_p];
            if (c == '\n' || c == '\r') { NewLine(c); continue; }
            if (c == '#') { ReadComment(); continue; }
            if (c == '\\' && _p + 1 < _s.Length && (_s[_p + 1] == '\n' || _s[_p + 1] == '\r')) { _p++; NewLine(_s[_p]); continue; }
            _curIndent = ind;
            int top = _indents[^1];
            if (ind > top) { _indents.Add(ind); Add(TokKind.Indent, "", 0); }
            else if (ind < top)
            {
                while (_indents.Count > 1 && _indents[^1] > ind) { _indents.RemoveAt(_indents.Count - 1); Add(TokKind.Dedent, "", 0); }
                if (_indents[^1] < ind) { _indents.Add(ind); Add(TokKind.Indent, "", 0); }
            }
            return true;
        }
    }

    private void ReadComment()
    {
        int st = _p;
        while (_p < _s.Length && _s[_p] != '\n' && _s[_p] != '\r') _p++;
        var text = _s.Substring(st, _p - st);
        Comments[_line] = Comments.TryGetValue(_line, out var prev) ? prev + " " + text : text;
    }

    private static bool IsIdStart(char c) => char.IsAsciiLetter(c) || c == '_' || (c > 127 && char.IsLetter(c));
    private static bool IsIdChar(char c) => char.IsAsciiLetterOrDigit(c) || c == '_' || (c > 127 && char.IsLetterOrDigit(c));

    private bool IsStringPrefix(int st, int len)
    {
        for (int i = st; i < st + len; i++)
            if ("rRbBuUfFtT".IndexOf(_s[i]) < 0) return false;
        return true;
    }

    private void ReadString(int prefixStart, int prefixLen, int col)
    {
        bool raw = false, isF = false, isB = false;
        for (int i = prefixStart; i < prefixStart + prefixLen; i++)
        {
            char pc = char.ToLowerInvariant(_s[i]);
            if (pc == 'r') raw = true; else if (pc == 'f' || pc == 't') isF = true; else if (pc == 'b') isB = true;
        }
        char q = _s[_p];
        bool triple = _p + 2 < _s.Length && _s[_p + 1] == q && _s[_p + 2] == q;
        _p += triple ? 3 : 1;
        int startLine = _line;
        var sb = new StringBuilder();
        List<(string, int)>? fields = isF ? [] : null;
        while (_p < _s.Length)
        {
            char c = _s[_p];
            if (c == q)
            {
                if (!triple) { _p++; break; }
                if (_p + 2 < _s.Length && _s[_p + 1] == q && _s[_p + 2] == q) { _p += 3; break; }
                sb.Append(c); _p++; continue;
            }
            if (c == '\n' || c == '\r')
            {
                if (!triple) break; // unterminated single-line string ends at the line end
                NewLine(c); sb.Append('\n'); continue;
            }
            if (c == '\\' && _p + 1 < _s.Length)
            {
                char n = _s[_p + 1];
                if (n == '\n' || n == '\r') { _p++; NewLine(n); if (raw) sb.Append("\\\n"); continue; }
                if (raw) { sb.Append(c).Append(n); _p += 2; continue; }
                sb.Append(n switch { 'n' => '\n', 't' => '\t', 'r' => '\r', '0' => '\0', _ => n });
                if (n is not ('n' or 't' or 'r' or '0' or '\\' or '\'' or '"')) sb.Insert(sb.Length - 1, '\\');
                _p += 2;
                continue;
            }
            if (isF && c == '{')
            {
                if (_p + 1 < _s.Length && _s[_p + 1] == '{') { sb.Append('{'); _p += 2; continue; }
                ReadField(q, triple, fields!);
                sb.Append("{}");
                continue;
            }
            if (isF && c == '}' && _p + 1 < _s.Length && _s[_p + 1] == '}') { sb.Append('}'); _p += 2; continue; }
            sb.Append(c);
            _p++;
        }
        var st = new Tok { Kind = TokKind.String, Text = sb.ToString(), Line = startLine, Col = col, IsF = isF, IsBytes = isB, Fields = fields };
        Track(st);
        _toks.Add(st);
    }

    /// <summary>Reads an f-string replacement field starting at '{'; keeps the expression text.
    /// Nested strings (also with the same quote, Python 3.12) are skipped as units.</summary>
    private void ReadField(char q, bool triple, List<(string, int)> fields)
    {
        _p++;
        int st = _p, line = _line, nest = 0, exprEnd = -1;
        while (_p < _s.Length)
        {
            char c = _s[_p];
            if (c == '\n' || c == '\r')
            {
                if (!triple && nest == 0) break;
                NewLine(c); continue;
            }
            if (c == '\'' || c == '"')
            {
                if (!triple && c == q && nest == 0) break;
                SkipNestedString(c);
                continue;
            }
            if (c == '(' || c == '[' || c == '{') { nest++; _p++; continue; }
            if (c == ')' || c == ']') { if (nest > 0) nest--; _p++; continue; }
            if (c == '}')
            {
                if (nest > 0) { nest--; _p++; continue; }
                break;
            }
            if (nest == 0 && exprEnd < 0)
            {
                if (c == '!' && _p + 1 < _s.Length && _s[_p + 1] != '=') exprEnd = _p;
                else if (c == ':') exprEnd = _p;
                else if (c == '=' && _p + 1 < _s.Length && _s[_p + 1] is '}' or '!' or ':' && _p > st && _s[_p - 1] is not ('=' or '!' or '<' or '>')) exprEnd = _p;
            }
            _p++;
        }
        int end = exprEnd >= 0 ? exprEnd : _p;
        if (end > st) fields.Add((_s.Substring(st, end - st), line));
        if (_p < _s.Length && _s[_p] == '}') _p++;
    }

    private void SkipNestedString(char q)
    {
        bool triple = _p + 2 < _s.Length && _s[_p + 1] == q && _s[_p + 2] == q;
        _p += triple ? 3 : 1;
        while (_p < _s.Length)
        {
            char c = _s[_p];
            if (c == '\\') { _p += 2; continue; }
            if (c == q)
            {
                if (!triple) { _p++; return; }
                if (_p + 2 < _s.Length && _s[_p + 1] == q && _s[_p + 2] == q) { _p += 3; return; }
            }
            if (c == '\n' || c == '\r') { if (!triple) return; NewLine(c); continue; }
            _p++;
        }
    }

    private static readonly string[] Ops3 = ["**=", "//=", ">>=", "<<=", "...", "!=="];
    private static readonly string[] Ops2 = ["**", "//", ">>", "<<", "<=", ">=", "==", "!=", "->", ":=", "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "@="];

    private void ReadOp(int col)
    {
        foreach (var o in Ops3)
            if (string.CompareOrdinal(_s, _p, o, 0, 3) == 0) { _p += 3; Add(TokKind.Op, o, col); return; }
        foreach (var o in Ops2)
            if (string.CompareOrdinal(_s, _p, o, 0, 2) == 0) { _p += 2; Add(TokKind.Op, o, col); return; }
        char c = _s[_p++];
        if (c is '(' or '[' or '{')
        {
            if (_depth == 0) _depthOpenIndent = _curIndent;
            _depth++;
        }
        else if (c is ')' or ']' or '}') { if (_depth > 0) _depth--; }
        Add(TokKind.Op, c < 128 ? OneChar[c] : c.ToString(), col);
    }

    private static readonly string[] OneChar = Enumerable.Range(0, 128).Select(i => ((char)i).ToString()).ToArray();
}
