namespace Arena.Evaluation.Analysis;

/// <summary>
/// Error-tolerant recursive-descent parser for Python 3. Never throws: a statement that does not parse is
/// skipped up to the end of its logical line and parsing continues (an indented body after a broken header is
/// still parsed, as a block). Recursion is bounded: expression nesting by <see cref="MaxExprDepth"/>, tree depth
/// by <see cref="MaxNodeDepth"/>, block nesting by <see cref="MaxBlockDepth"/>, f-string nesting by
/// <see cref="MaxFStringNesting"/>.
/// </summary>
internal sealed class PyParser
{
    public const int MaxExprDepth = 80;
    public const int MaxNodeDepth = 160;
    public const int MaxBlockDepth = 60;
    public const int MaxFStringNesting = 3;

    private readonly List<Tok> _t;
    private int _i;
    private int _exprDepth;
    private bool _err;
    private readonly int _fnest;
    private readonly HashSet<string> _called;

    private PyParser(List<Tok> toks, int fnest, HashSet<string> called) { _t = toks; _fnest = fnest; _called = called; }

    /// <summary>Parses a module. <paramref name="calledNames"/> receives every function/method name that is called.</summary>
    public static List<Stmt> ParseModule(string source, out Dictionary<int, string> comments, out HashSet<string> calledNames) =>
        ParseModule(source, out comments, out calledNames, out _);

    public static List<Stmt> ParseModule(string source, out Dictionary<int, string> comments, out HashSet<string> calledNames, out List<(int Start, int End)> logicalLines)
    {
        var toks = PyTokenizer.Tokenize(source, out comments, out logicalLines);
        calledNames = [];
        var p = new PyParser(toks, 0, calledNames);
        var list = new List<Stmt>();
        p.ParseStatements(list, 0, false);
        return list;
    }

    private Expr ParseFieldExpr(string text, int line)
    {
        var toks = PyTokenizer.Tokenize(text, out _, line);
        var p = new PyParser(toks, _fnest + 1, _called);
        while (p.Cur.Kind is TokKind.Indent or TokKind.Newline) p._i++;
        var e = p.ParseExprList();
        return e;
    }

    private Tok Cur => _t[_i];
    private bool AtEnd => _t[_i].Kind is TokKind.Newline or TokKind.Eof or TokKind.Indent or TokKind.Dedent;
    private bool IsOp(string s) => _t[_i].Kind == TokKind.Op && _t[_i].Text == s;
    private bool IsName(string s) => _t[_i].Kind == TokKind.Name && _t[_i].Text == s;
    private bool PeekOp(int k, string s) => _i + k < _t.Count && _t[_i + k].Kind == TokKind.Op && _t[_i + k].Text == s;
    private void Next() { if (_t[_i].Kind != TokKind.Eof) _i++; }
    private bool Accept(string op) { if (IsOp(op)) { Next(); return true; } return false; }
    private bool AcceptName(string n) { if (IsName(n)) { Next(); return true; } return false; }
    private void Expect(string op) { if (!Accept(op)) _err = true; }

    private static T Mk<T>(T node, int line, Expr? a = null, Expr? b = null) where T : Expr
    {
        node.Line = line;
        int d = 0;
        if (a != null) d = a.Depth;
        if (b != null && b.Depth > d) d = b.Depth;
        node.Depth = d + 1;
        return node;
    }

    private static Expr Cap(Expr e) => e.Depth > MaxNodeDepth ? new UnknownE { Line = e.Line } : e;

    private static int MaxDepth(List<Expr> l)
    {
        int d = 0;
        foreach (var e in l) if (e.Depth > d) d = e.Depth;
        return d;
    }

    private static Expr MkList<T>(T node, int line, List<Expr> children) where T : Expr
    {
        node.Line = line;
        node.Depth = MaxDepth(children) + 1;
        return Cap(node);
    }

    // ---------------------------------------------------------------- statements

    private void ParseStatements(List<Stmt> into, int blockDepth, bool untilDedent)
    {
        while (true)
        {
            var k = Cur.Kind;
            if (k == TokKind.Eof) return;
            if (k == TokKind.Dedent) { Next(); if (untilDedent) return; continue; }
            if (k == TokKind.Newline) { Next(); continue; }
            if (k == TokKind.Indent)
            {
                Next();
                if (blockDepth < MaxBlockDepth) ParseStatements(into, blockDepth + 1, true); // stray indent: a new block
                continue;
            }
            int start = _i;
            ParseStatement(into, blockDepth);
            if (_i == start) Next();
        }
    }

    private void SkipLine()
    {
        while (Cur.Kind is not (TokKind.Newline or TokKind.Eof or TokKind.Indent or TokKind.Dedent)) _i++;
        if (Cur.Kind == TokKind.Newline) _i++;
    }

    private void EndSimple()
    {
        if (_err || !(Cur.Kind is TokKind.Newline or TokKind.Eof or TokKind.Dedent or TokKind.Indent)) SkipLine();
        else if (Cur.Kind == TokKind.Newline) _i++;
        _err = false;
    }

    private void ParseStatement(List<Stmt> into, int blockDepth)
    {
        _err = false;
        var tok = Cur;
        if (tok.Kind == TokKind.Name)
        {
            switch (tok.Text)
            {
                case "if": case "elif": case "while": ParseIfWhile(into, blockDepth); return;
                case "else": case "finally":
                    if (PeekOp(1, ":")) { Next(); Next(); into.Add(new BlockS(tok.Text, null, null, ParseSuite(blockDepth), []) { Line = tok.Line }); return; }
                    break;
                case "for": ParseFor(into, blockDepth); return;
                case "with": ParseWith(into, blockDepth); return;
                case "def": case "class": ParseDef(into, blockDepth, []); return;
                case "async":
                    if (_i + 1 < _t.Count && _t[_i + 1].Kind == TokKind.Name && _t[_i + 1].Text is "def" or "with" or "for") { Next(); ParseStatement(into, blockDepth); return; }
                    break;
                case "except": ParseStrayExcept(into, blockDepth); return;
            }
        }
        if (tok.Kind == TokKind.Name && tok.Text == "try") { ParseTry(into, blockDepth); return; }
        if (tok.Kind == TokKind.Op && tok.Text == "@") { ParseDecorated(into, blockDepth); return; }
        if (tok.Kind == TokKind.Name && (tok.Text == "match" || tok.Text == "case") && LineEndsWithColon())
        {
            Next();
            var subj = ParseExprList();
            _err = false;
            SkipToHeaderColon();
            into.Add(new BlockS(tok.Text, null, subj, ParseSuite(blockDepth), []) { Line = tok.Line });
            return;
        }
        while (true)
        {
            ParseSmall(into);
            if (_err) break;
            if (Accept(";") && !AtEnd) continue;
            break;
        }
        EndSimple();
    }

    private bool LineEndsWithColon()
    {
        int j = _i;
        while (_t[j].Kind is not (TokKind.Newline or TokKind.Eof or TokKind.Indent or TokKind.Dedent)) j++;
        return j > _i && _t[j - 1].Kind == TokKind.Op && _t[j - 1].Text == ":" && !(_i + 1 < _t.Count && _t[_i + 1].Kind == TokKind.Op && _t[_i + 1].Text is "=" or "." or "(" or "[");
    }

    /// <summary>After a header expression: on error, skip to the ':' that ends the line (or the line end).</summary>
    private void SkipToHeaderColon()
    {
        if (!_err && IsOp(":")) { Next(); return; }
        while (!AtEnd)
        {
            if (IsOp(":") && _t[_i + 1].Kind is TokKind.Newline or TokKind.Eof) { Next(); break; }
            _i++;
        }
        _err = false;
    }

    private List<Stmt> ParseSuite(int blockDepth)
    {
        var body = new List<Stmt>();
        if (Cur.Kind == TokKind.Newline)
        {
            Next();
            if (Cur.Kind == TokKind.Indent)
            {
                Next();
                if (blockDepth < MaxBlockDepth) ParseStatements(body, blockDepth + 1, true);
            }
            return body;
        }
        if (Cur.Kind is TokKind.Eof or TokKind.Dedent or TokKind.Indent) return body;
        if (blockDepth >= MaxBlockDepth) { SkipLine(); return body; }
        ParseStatement(body, blockDepth + 1); // body on the header line
        return body;
    }

    private void ParseIfWhile(List<Stmt> into, int blockDepth)
    {
        var kw = Cur; Next();
        var test = ParseExpr();
        SkipToHeaderColon();
        var body = ParseSuite(blockDepth);
        var orElse = new List<Stmt>();
        // elif chains are kept flat (siblings in the else list) so that walks stay shallow
        while (kw.Text != "while" && IsName("elif"))
        {
            var ek = Cur; Next();
            var et = ParseExpr();
            SkipToHeaderColon();
            orElse.Add(new BlockS("if", null, et, ParseSuite(blockDepth), []) { Line = ek.Line });
        }
        if (IsName("else") && PeekOp(1, ":")) { Next(); Next(); orElse.AddRange(ParseSuite(blockDepth)); }
        into.Add(new BlockS(kw.Text == "while" ? "while" : "if", null, test, body, orElse) { Line = kw.Line });
    }

    private void ParseFor(List<Stmt> into, int blockDepth)
    {
        var kw = Cur; Next();
        var target = ParseTargetList();
        Expr? iter = null;
        if (AcceptName("in")) iter = ParseExprList(); else _err = true;
        SkipToHeaderColon();
        var body = ParseSuite(blockDepth);
        var orElse = new List<Stmt>();
        if (IsName("else") && PeekOp(1, ":")) { Next(); Next(); orElse = ParseSuite(blockDepth); }
        into.Add(new BlockS("for", target, iter, body, orElse) { Line = kw.Line });
    }

    private Expr ParseTargetList()
    {
        int line = Cur.Line;
        var first = IsOp("*") ? ParseStar() : ParseBin(5);
        if (!IsOp(",")) return first;
        var items = new List<Expr> { first };
        while (Accept(","))
        {
            if (IsName("in") || IsOp("=") || AtEnd) break;
            items.Add(IsOp("*") ? ParseStar() : ParseBin(5));
        }
        return MkList(new SeqE('(', items), line, items);
    }

    private Expr ParseStar()
    {
        int line = Cur.Line; Next();
        if (++_exprDepth > MaxExprDepth || _err)
        {
            SkipExpr();
            _exprDepth--;
            return new UnknownE { Line = line };
        }
        var v = ParseBin(5);
        _exprDepth--;
        return Cap(Mk(new StarE(v), line, v));
    }

    private void ParseWith(List<Stmt> into, int blockDepth)
    {
        var kw = Cur; Next();
        var items = new List<(Expr, Expr?)>();
        int save = _i;
        bool done = false;
        if (IsOp("("))
        {
            Next();
            ParseWithItems(items);
            if (!_err && Accept(")") && IsOp(":")) done = true;
            else { _i = save; items.Clear(); _err = false; }
        }
        if (!done) ParseWithItems(items);
        SkipToHeaderColon();
        into.Add(new WithS(items, ParseSuite(blockDepth)) { Line = kw.Line });
    }

    private void ParseWithItems(List<(Expr, Expr?)> items)
    {
        while (!_err)
        {
            var ctx = ParseExpr();
            Expr? target = null;
            if (AcceptName("as")) target = ParseBin(5);
            items.Add((ctx, target));
            if (!Accept(",") || IsOp(")")) break;
        }
    }

    private void ParseTry(List<Stmt> into, int blockDepth)
    {
        var kw = Cur; Next();
        SkipToHeaderColon();
        var t = new TryS { Line = kw.Line, Body = ParseSuite(blockDepth) };
        while (IsName("except"))
        {
            Next();
            Accept("*");
            Expr? type = null; string? name = null;
            if (!IsOp(":")) type = ParseExpr();
            if (AcceptName("as") && Cur.Kind == TokKind.Name) { name = Cur.Text; Next(); }
            else if (Accept(",") && Cur.Kind == TokKind.Name) { name = Cur.Text; Next(); }
            SkipToHeaderColon();
            t.Handlers.Add((type, name, ParseSuite(blockDepth)));
        }
        if (IsName("else") && PeekOp(1, ":")) { Next(); Next(); t.Else = ParseSuite(blockDepth); }
        if (IsName("finally") && PeekOp(1, ":")) { Next(); Next(); t.Finally = ParseSuite(blockDepth); }
        into.Add(t);
    }

    private void ParseStrayExcept(List<Stmt> into, int blockDepth)
    {
        var kw = Cur; Next();
        if (!IsOp(":")) ParseExpr();
        if (AcceptName("as")) Next();
        SkipToHeaderColon();
        into.Add(new BlockS("except", null, null, ParseSuite(blockDepth), []) { Line = kw.Line });
    }

    private void ParseDecorated(List<Stmt> into, int blockDepth)
    {
        var decos = new List<Expr>();
        while (IsOp("@"))
        {
            Next();
            decos.Add(ParseExpr());
            if (_err || Cur.Kind != TokKind.Newline) SkipLine(); else Next();
            _err = false;
            while (Cur.Kind == TokKind.Newline) Next();
        }
        if (IsName("async")) Next();
        if (IsName("def") || IsName("class")) ParseDef(into, blockDepth, decos);
    }

    private void ParseDef(List<Stmt> into, int blockDepth, List<Expr> decos)
    {
        var kw = Cur; Next();
        var d = new DefS { Line = kw.Line, IsClass = kw.Text == "class", Decorators = decos };
        if (Cur.Kind == TokKind.Name) { d.Name = Cur.Text; Next(); } else _err = true;
        if (!_err && IsOp("["))
        {
            int nest = 0; // PEP 695 type parameters
            while (!AtEnd) { if (IsOp("[")) nest++; else if (IsOp("]") && --nest == 0) { Next(); break; } _i++; }
        }
        if (!_err && Accept("("))
        {
            if (d.IsClass)
            {
                var call = ParseCallArgs(new UnknownE(), kw.Line);
                if (call is CallE c) { d.Bases.AddRange(c.Args); foreach (var kv in c.Kwargs) d.Bases.Add(kv.Value); }
            }
            else ParseParams(d);
        }
        if (!_err && Accept("->")) ParseExpr();
        SkipToHeaderColon();
        d.Body = ParseSuite(blockDepth);
        into.Add(d);
    }

    private void ParseParams(DefS d)
    {
        while (!_err)
        {
            if (Accept(")")) return;
            if (AtEnd) { _err = true; return; }
            if (Accept("*") || Accept("**")) { }
            if (Accept("/")) { if (!Accept(",")) { Expect(")"); return; } continue; }
            if (IsOp(",")) { Next(); continue; }
            if (Cur.Kind != TokKind.Name) { _err = true; return; }
            var name = Cur.Text; Next();
            if (Accept(":")) ParseExpr();
            Expr? def = null;
            if (Accept("=")) def = ParseExpr();
            d.Params.Add((name, def));
            if (!Accept(",")) { Expect(")"); return; }
        }
    }

    private void ParseSmall(List<Stmt> into)
    {
        var tok = Cur;
        int line = tok.Line;
        if (tok.Kind == TokKind.Name)
        {
            switch (tok.Text)
            {
                case "import": Next(); ParseImport(into, line); return;
                case "from":
                    if (!(_i + 1 < _t.Count && _t[_i + 1].Kind == TokKind.Op && _t[_i + 1].Text == "(")) { Next(); ParseFromImport(into, line); return; }
                    break;
                case "return":
                    Next();
                    into.Add(new ReturnS(AtEnd || IsOp(";") ? null : ParseExprList()) { Line = line });
                    return;
                case "pass": case "break": case "continue":
                    Next(); into.Add(new OtherS(tok.Text, []) { Line = line }); return;
                case "global": case "nonlocal":
                    {
                        Next();
                        var names = new List<Expr>();
                        while (Cur.Kind == TokKind.Name) { names.Add(new NameE(Cur.Text) { Line = Cur.Line }); Next(); if (!Accept(",")) break; }
                        into.Add(new OtherS(tok.Text, names) { Line = line });
                        return;
                    }
                case "raise": case "del": case "assert": case "print" when _i + 1 < _t.Count && _t[_i + 1].Kind == TokKind.String:
                    {
                        Next();
                        var ex = new List<Expr>();
                        if (!AtEnd && !IsOp(";"))
                        {
                            ex.Add(ParseExprList());
                            if (AcceptName("from") || Accept(",")) ex.Add(ParseExpr());
                        }
                        into.Add(new OtherS(tok.Text, ex) { Line = line });
                        return;
                    }
            }
        }
        var first = ParseExprList();
        if (_err) { into.Add(new ExprS(first) { Line = line }); return; }
        if (IsOp("="))
        {
            var targets = new List<Expr> { first };
            Expr value = first;
            while (Accept("="))
            {
                value = ParseExprList();
                if (_err) break;
                if (IsOp("=")) targets.Add(value);
            }
            into.Add(new AssignS(targets, value, "=") { Line = line });
            return;
        }
        if (Cur.Kind == TokKind.Op && Cur.Text.Length >= 2 && Cur.Text[^1] == '=' && Cur.Text is not ("==" or "<=" or ">=" or "!="))
        {
            var op = Cur.Text; Next();
            into.Add(new AssignS([first], ParseExprList(), op) { Line = line });
            return;
        }
        if (Accept(":"))
        {
            ParseExpr();
            Expr? v = null;
            if (Accept("=")) v = ParseExprList();
            into.Add(new AssignS([first], v, v == null ? ":" : "=") { Line = line });
            return;
        }
        into.Add(new ExprS(first) { Line = line });
    }

    private string DottedName()
    {
        var parts = new List<string>();
        while (Cur.Kind == TokKind.Name)
        {
            parts.Add(Cur.Text); Next();
            if (!Accept(".")) break;
        }
        if (parts.Count == 0) _err = true;
        return string.Join('.', parts);
    }

    private void ParseImport(List<Stmt> into, int line)
    {
        var names = new List<(string, string?)>();
        while (!_err)
        {
            var mod = DottedName();
            string? alias = null;
            if (AcceptName("as")) { if (Cur.Kind == TokKind.Name) { alias = Cur.Text; Next(); } else _err = true; }
            if (mod.Length > 0) names.Add((mod, alias));
            if (!Accept(",")) break;
        }
        into.Add(new ImportS(names) { Line = line });
    }

    private void ParseFromImport(List<Stmt> into, int line)
    {
        int dots = 0;
        while (IsOp(".") || IsOp("...")) { dots += Cur.Text.Length; Next(); }
        var mod = IsName("import") ? "" : DottedName();
        _err = false;
        if (!AcceptName("import")) { _err = true; return; }
        var names = new List<(string, string?)>();
        bool paren = Accept("(");
        while (true)
        {
            if (Accept("*")) { names.Add(("*", null)); break; }
            if (Cur.Kind != TokKind.Name) break;
            var n = Cur.Text; Next();
            string? alias = null;
            if (AcceptName("as") && Cur.Kind == TokKind.Name) { alias = Cur.Text; Next(); }
            names.Add((n, alias));
            if (!Accept(",")) break;
        }
        if (paren) Accept(")");
        into.Add(new FromImportS(dots > 0 && mod.Length == 0 ? "." : mod, names) { Line = line });
    }

    // ---------------------------------------------------------------- expressions

    private bool IsExprStart()
    {
        var t = Cur;
        return t.Kind switch
        {
            TokKind.Name => t.Text is not ("in" or "for" or "if" or "else" or "as" or "from" or "import" or "and" or "or" or "is" or "def" or "class" or "return"),
            TokKind.Number or TokKind.String => true,
            TokKind.Op => t.Text is "(" or "[" or "{" or "-" or "+" or "~" or "*" or "**" or "...",
            _ => false,
        };
    }

    /// <summary>Expression list; more than one item (or a trailing comma) gives a tuple.</summary>
    private Expr ParseExprList()
    {
        int line = Cur.Line;
        var first = IsOp("*") ? ParseStar() : ParseExpr();
        if (!IsOp(",") || _err) return first;
        var items = new List<Expr> { first };
        while (Accept(","))
        {
            if (!IsExprStart()) break;
            items.Add(IsOp("*") ? ParseStar() : ParseExpr());
            if (_err) break;
        }
        return MkList(new SeqE('(', items), line, items);
    }

    private void SkipExpr()
    {
        int nest = 0;
        while (true)
        {
            var t = Cur;
            if (t.Kind is TokKind.Newline or TokKind.Eof or TokKind.Indent or TokKind.Dedent) return;
            if (t.Kind == TokKind.Op)
            {
                var s = t.Text;
                if (s is "(" or "[" or "{") nest++;
                else if (s is ")" or "]" or "}") { if (nest == 0) return; nest--; }
                else if (nest == 0 && s is "," or ":" or "=") return;
            }
            _i++;
        }
    }

    private Expr ParseExpr()
    {
        int line = Cur.Line;
        if (++_exprDepth > MaxExprDepth || _err)
        {
            SkipExpr();
            _exprDepth--;
            return new UnknownE { Line = line };
        }
        Expr e;
        if (IsName("lambda"))
        {
            Next();
            int nest = 0;
            while (!AtEnd)
            {
                if (IsOp("(") || IsOp("[") || IsOp("{")) nest++;
                else if (IsOp(")") || IsOp("]") || IsOp("}")) nest--;
                else if (nest == 0 && IsOp(":")) break;
                _i++;
            }
            Expect(":");
            var body = ParseExpr();
            e = Mk(new OtherE("lambda", [body]), line, body);
        }
        else if (IsName("yield"))
        {
            Next();
            AcceptName("from");
            var ch = new List<Expr>();
            if (IsExprStart()) ch.Add(ParseExprList());
            e = MkList(new OtherE("yield", ch), line, ch);
        }
        else
        {
            e = ParseBin(1);
            if (IsName("if") && !_err)
            {
                Next();
                var cond = ParseBin(1);
                if (AcceptName("else"))
                {
                    var alt = ParseExpr();
                    var ch = new List<Expr> { e, cond, alt };
                    e = MkList(new OtherE("ifexp", ch), line, ch);
                }
                else _err = true;
            }
            else if (IsOp(":=") && e is NameE)
            {
                Next();
                var v = ParseExpr();
                e = MkList(new OtherE("walrus", [e, v]), line, [e, v]);
            }
        }
        _exprDepth--;
        return e;
    }

    private (string Op, int Prec, int Toks) BinOpInfo()
    {
        var t = Cur;
        if (t.Kind == TokKind.Op)
        {
            return t.Text switch
            {
                "|" => ("|", 5, 1),
                "^" => ("^", 6, 1),
                "&" => ("&", 7, 1),
                "<<" or ">>" => ("shift", 8, 1),
                "+" => ("+", 9, 1),
                "-" => ("-", 9, 1),
                "*" or "/" or "//" or "@" => ("mul", 10, 1),
                "%" => ("%", 10, 1),
                "**" => ("**", 12, 1),
                "<" or ">" or "==" or ">=" or "<=" or "!=" or "<>" => ("cmp", 4, 1),
                _ => ("", 0, 0),
            };
        }
        if (t.Kind == TokKind.Name)
        {
            switch (t.Text)
            {
                case "or": return ("or", 1, 1);
                case "and": return ("and", 2, 1);
                case "in": return ("in", 4, 1);
                case "is": return ("cmp", 4, _i + 1 < _t.Count && _t[_i + 1].Kind == TokKind.Name && _t[_i + 1].Text == "not" ? 2 : 1);
                case "not":
                    if (_i + 1 < _t.Count && _t[_i + 1].Kind == TokKind.Name && _t[_i + 1].Text == "in") return ("notin", 4, 2);
                    break;
            }
        }
        return ("", 0, 0);
    }

    private Expr ParseBin(int minPrec)
    {
        int line = Cur.Line;
        Expr left;
        if (IsName("not") || IsName("await") || (Cur.Kind == TokKind.Op && Cur.Text is "-" or "+" or "~"))
        {
            var ops = new List<string>();
            while (IsName("not") || IsName("await") || (Cur.Kind == TokKind.Op && Cur.Text is "-" or "+" or "~")) { ops.Add(Cur.Text); Next(); }
            left = ops[^1] == "not" ? ParseBin(4) : ParseBin(12);
            for (int k = ops.Count - 1; k >= 0; k--) left = Cap(Mk(new UnaryE(ops[k], left), line, left));
        }
        else left = ParsePostfix();
        while (!_err)
        {
            var (op, prec, n) = BinOpInfo();
            if (prec == 0 || prec < minPrec) break;
            for (int k = 0; k < n; k++) Next();
            var right = op == "**" ? ParseBin(11) : ParseBin(prec + 1);
            if (left is BinE b && b.Op == op && op != "**")
            {
                b.Operands.Add(right);
                if (right.Depth + 1 > b.Depth) b.Depth = right.Depth + 1;
                left = Cap(b);
            }
            else left = Cap(Mk(new BinE(op, [left, right]), line, left, right));
        }
        return left;
    }

    private Expr ParsePostfix()
    {
        var e = ParseAtom();
        while (!_err)
        {
            var t = Cur;
            if (t.Kind != TokKind.Op) break;
            if (t.Text == ".")
            {
                Next();
                if (Cur.Kind != TokKind.Name) { _err = true; break; }
                e = Cap(Mk(new AttrE(e, Cur.Text), e.Line, e));
                Next();
            }
            else if (t.Text == "(") { Next(); e = ParseCallArgs(e, e.Line); }
            else if (t.Text == "[")
            {
                Next();
                var idx = ParseSubscript();
                Expect("]");
                e = Cap(Mk(new SubscriptE(e, idx), e.Line, e, idx));
            }
            else break;
        }
        return e;
    }

    private Expr ParseSubscript()
    {
        int line = Cur.Line;
        var items = new List<Expr>();
        while (!_err && !IsOp("]") && !AtEnd)
        {
            if (IsOp(":")) { Next(); continue; }
            items.Add(IsOp("*") ? ParseStar() : ParseExpr());
            if (IsOp(":")) continue;
            if (!Accept(",")) break;
        }
        if (items.Count == 1) return items[0];
        return MkList(new SeqE('(', items), line, items);
    }

    private Expr ParseCallArgs(Expr func, int line)
    {
        var args = new List<Expr>();
        var kwargs = new List<(string, Expr)>();
        bool star = false;
        while (!_err)
        {
            if (Accept(")")) break;
            if (AtEnd) { _err = true; break; }
            if (IsOp("*")) { star = true; args.Add(ParseStar()); }
            else if (IsOp("**")) { Next(); star = true; kwargs.Add(("**", ParseExpr())); }
            else if (Cur.Kind == TokKind.Name && PeekOp(1, "="))
            {
                var n = Cur.Text; Next(); Next();
                kwargs.Add((n, ParseExpr()));
            }
            else
            {
                var a = ParseExpr();
                if (IsName("for") || IsName("async")) a = ParseComp(a);
                args.Add(a);
            }
            if (!Accept(",")) { Expect(")"); break; }
        }
        if (func is NameE fnm) _called.Add(fnm.Id); else if (func is AttrE fat) _called.Add(fat.Name);
        var call = new CallE(func, args, kwargs) { Line = line, HasStar = star };
        int d = func.Depth;
        foreach (var a in args) if (a.Depth > d) d = a.Depth;
        foreach (var (_, v) in kwargs) if (v.Depth > d) d = v.Depth;
        call.Depth = d + 1;
        return Cap(call);
    }

    private Expr ParseComp(Expr elt)
    {
        int line = elt.Line;
        var ch = new List<Expr> { elt };
        while (!_err && (IsName("for") || IsName("async")))
        {
            AcceptName("async");
            if (!AcceptName("for")) { _err = true; break; }
            ch.Add(ParseTargetList());
            if (!AcceptName("in")) { _err = true; break; }
            ch.Add(ParseBin(1));
            while (!_err && AcceptName("if")) ch.Add(ParseBin(1));
        }
        return MkList(new OtherE("comp", ch), line, ch);
    }

    private Expr ParseAtom()
    {
        var t = Cur;
        int line = t.Line;
        switch (t.Kind)
        {
            case TokKind.Name:
                switch (t.Text)
                {
                    case "True": Next(); return new ConstE(ConstKind.True, "True") { Line = line };
                    case "False": Next(); return new ConstE(ConstKind.False, "False") { Line = line };
                    case "None": Next(); return new ConstE(ConstKind.None, "None") { Line = line };
                    case "in": case "for": case "if": case "else": case "as": case "import": case "def": case "class": case "return":
                    case "and": case "or": case "is": case "elif": case "while": case "with": case "try": case "except": case "finally":
                    case "pass": case "raise": case "del": case "global": case "nonlocal": case "assert": case "break": case "continue":
                        _err = true; return new UnknownE { Line = line };
                }
                Next();
                return new NameE(t.Text) { Line = line };
            case TokKind.Number:
                Next();
                return new ConstE(ConstKind.Number, t.Text) { Line = line };
            case TokKind.String:
                return ParseStrings();
            case TokKind.Op:
                switch (t.Text)
                {
                    case "(": case "[": return ParseSeq(t.Text == "(" ? ')' : ']', line);
                    case "{": return ParseBrace(line);
                    case "...": Next(); return new ConstE(ConstKind.Ellipsis, "...") { Line = line };
                    case "*": return ParseStar();
                }
                break;
        }
        _err = true;
        return new UnknownE { Line = line };
    }

    private Expr ParseStrings()
    {
        int line = Cur.Line;
        bool anyF = false, bytes = false;
        var first = Cur;
        Next();
        if (Cur.Kind != TokKind.String && !first.IsF) return new StrE(first.Text, first.IsBytes) { Line = line };
        var sb = new System.Text.StringBuilder();
        var parts = new List<Expr>();
        var tok = first;
        while (true)
        {
            sb.Append(tok.Text);
            bytes |= tok.IsBytes;
            if (tok.IsF)
            {
                anyF = true;
                if (tok.Fields != null)
                    foreach (var (text, fl) in tok.Fields)
                        parts.Add(_fnest < MaxFStringNesting ? ParseFieldExpr(text, fl) : new UnknownE { Line = fl });
            }
            if (Cur.Kind != TokKind.String) break;
            tok = Cur;
            Next();
        }
        if (!anyF) return new StrE(sb.ToString(), bytes) { Line = line };
        return MkList(new FStrE(sb.ToString(), parts), line, parts);
    }

    private Expr ParseSeq(char close, int line)
    {
        Next();
        var closeS = close.ToString();
        var items = new List<Expr>();
        if (Accept(closeS)) return new SeqE(close == ')' ? '(' : '[', items) { Line = line };
        var first = IsOp("*") ? ParseStar() : ParseExpr();
        if (IsName("for") || IsName("async"))
        {
            var comp = ParseComp(first);
            Expect(closeS);
            return comp;
        }
        if (close == ')' && IsOp(")")) { Next(); return first; }
        items.Add(first);
        while (!_err && Accept(","))
        {
            if (IsOp(closeS)) break;
            items.Add(IsOp("*") ? ParseStar() : ParseExpr());
        }
        Expect(closeS);
        return MkList(new SeqE(close == ')' ? '(' : '[', items), line, items);
    }

    private Expr ParseBrace(int line)
    {
        Next();
        var keys = new List<Expr?>();
        var values = new List<Expr>();
        if (Accept("}")) return new DictE(keys, values) { Line = line };
        bool isDict = false;
        var setItems = new List<Expr>();
        while (!_err)
        {
            if (IsOp("**")) { Next(); keys.Add(null); values.Add(ParseBin(5)); isDict = true; }
            else
            {
                var k = IsOp("*") ? ParseStar() : ParseExpr();
                if (Accept(":"))
                {
                    isDict = true;
                    var v = ParseExpr();
                    if (IsName("for") || IsName("async")) { var c = ParseComp(v); Expect("}"); return c; }
                    keys.Add(k); values.Add(v);
                }
                else
                {
                    if (IsName("for") || IsName("async")) { var c = ParseComp(k); Expect("}"); return c; }
                    setItems.Add(k);
                }
            }
            if (!Accept(",") || IsOp("}")) break;
        }
        Expect("}");
        if (!isDict) return MkList(new SeqE('{', setItems), line, setItems);
        var all = new List<Expr>(values);
        foreach (var k in keys) if (k != null) all.Add(k);
        var d = new DictE(keys, values) { Line = line, Depth = MaxDepth(all) + 1 };
        return Cap(d);
    }
}
