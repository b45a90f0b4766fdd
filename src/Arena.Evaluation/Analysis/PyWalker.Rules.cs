using System.Globalization;
using System.Text.RegularExpressions;

namespace Arena.Evaluation.Analysis;

internal sealed partial class PyWalker
{
    private readonly List<PyRule> _cand = [];
    private readonly List<string> _stmtTargets = [];
    private readonly List<string> _enclosing = [];

    // Resource-leak scope (LABELING.md): files, sockets and urlopen responses. Database connections, Popen, pools,
    // HTTP sessions and protocol clients (ftplib/smtplib/imaplib/telnetlib/paramiko/http.client) are out of scope.
    private static readonly Dictionary<string, string> Openers = new()
    {
        ["open"] = "PY-LEAK-001", ["io.open"] = "PY-LEAK-001", ["codecs.open"] = "PY-LEAK-001", ["gzip.open"] = "PY-LEAK-001", ["bz2.open"] = "PY-LEAK-001",
        ["lzma.open"] = "PY-LEAK-001", ["builtins.open"] = "PY-LEAK-001", ["gzip.GzipFile"] = "PY-LEAK-001",
        ["pathlib.Path().open"] = "PY-LEAK-001", ["Path().open"] = "PY-LEAK-001",
        ["socket.socket"] = "PY-LEAK-002", ["socket.create_connection"] = "PY-LEAK-002", ["socket.create_server"] = "PY-LEAK-002",
        ["urllib.request.urlopen"] = "PY-LEAK-004",
        ["tempfile.TemporaryFile"] = "PY-LEAK-005", ["tempfile.NamedTemporaryFile"] = "PY-LEAK-005", ["tempfile.SpooledTemporaryFile"] = "PY-LEAK-005",
        ["zipfile.ZipFile"] = "PY-LEAK-005", ["tarfile.open"] = "PY-LEAK-005", ["tarfile.TarFile"] = "PY-LEAK-005", ["shelve.open"] = "PY-LEAK-005",
    };

    private static readonly HashSet<string> InlineLeakKinds = ["PY-LEAK-001", "PY-LEAK-002", "PY-LEAK-004", "PY-LEAK-005"];
    private static readonly HashSet<string> CloseMethods = ["close", "shutdown", "quit", "disconnect", "terminate", "kill", "wait", "communicate", "join", "release", "__exit__", "cleanup", "dispose", "aclose", "detach"];
    private static readonly HashSet<string> EscapeMethods = ["append", "add", "extend", "enter_context", "enter_async_context", "push", "put", "put_nowait", "register", "callback", "insert", "setdefault", "appendleft", "closing", "wrap_socket", "wrap", "TextIOWrapper", "BufferedReader", "BufferedWriter", "detach", "start_tls"];
    /// <summary>Calls that hand their arguments to another thread/task/process, which then owns them.</summary>
    private static readonly HashSet<string> HandOffFns = ["Thread", "Process", "Timer", "submit", "apply_async", "start_new_thread", "create_task", "ensure_future", "run_in_executor", "spawn", "Greenlet", "start_server", "call_soon", "add_done_callback"];
    private static readonly HashSet<string> ClosingFns = ["contextlib.closing", "closing", "contextlib.ExitStack().enter_context"];
    private static readonly HashSet<string> ResponseFns = ["flask.make_response", "make_response", "flask.Response", "Response", "django.http.HttpResponse", "HttpResponse", "fastapi.responses.HTMLResponse", "HTMLResponse", "starlette.responses.HTMLResponse", "aiohttp.web.Response", "werkzeug.wrappers.Response", "flask.wrappers.Response", "django.http.response.HttpResponse", "fastapi.Response", "starlette.responses.Response"];
    private static readonly HashSet<string> RouteDecorators = ["route", "get", "post", "put", "delete", "patch", "api_route", "websocket", "view", "head", "options"];
    private static readonly HashSet<string> SettingsNames = ["ALLOWED_HOSTS", "INSTALLED_APPS", "SECRET_KEY", "DATABASES", "MIDDLEWARE", "ROOT_URLCONF", "TEMPLATES", "WSGI_APPLICATION", "SQLALCHEMY_DATABASE_URI"];
    private static readonly HashSet<string> SecurityWords = ["password", "passwd", "pwd", "passphrase", "pass", "token", "tokens", "secret", "secrets", "key", "keys", "apikey", "otp", "nonce", "salt", "session", "sessionid", "csrf", "auth", "pin", "iv", "credential", "credentials", "reset", "verification", "totp", "hotp", "captcha", "signature", "cookie", "jwt"];

    [GeneratedRegex(@"(password|passwd|passphrase|^pwd$|_pwd$|^pwd_|secret|api_?key|apikey|token|access_?key|private_?key|auth_?key|credential|^pass$|_pass$|^db_?pass)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CredNameRx();

    [GeneratedRegex(@"(url|uri|endpoint|file|path|dir|_name$|^name|field|type|len|length|prompt|label|regex|pattern|header|hash|_id$|_env|env_|_var|column|polic|expir|ttl|format|template|placeholder|message|msg|error|limit|min_|max_|_min|_max|count|validator|_form|input|_key_name|rounds|iteration|_size|param|prefix|timeout|method|scheme|query|hint|help|question|_salt|_algorithm|algorithm|_index|_storage|_location|_provider|_service|_class|_mode)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CredExcludeRx();

    [GeneratedRegex(@"^(your[_\- ]|my[_\- ]|x{3,}|\*{3,}|changeme|change[_\-]?me|replace|todo|placeholder|example|dummy|fake|insert|enter|put[_\-]your|none$|null$|secret$|password$|token$|api[_\-]?key$|\.\.\.)|_here$|your_|your-", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PlaceholderRx();

    /// <summary>Non-working placeholders (LABELING.md: safe); weak real defaults such as "changeme" are not matched.</summary>
    [GeneratedRegex(@"^(your[_\- ]\w.*|.*[_\- ]here|<.*>|\[.*\]|x{4,}|\*{4,}|\.{3}|replace[_\- ]?(me|with|this)\w*|insert[_\- ].*|put[_\-]your.*|placeholder\w*|todo)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ObviousPlaceholderRx();

    [GeneratedRegex(@"(password|passwd|passphrase|^pwd$|_pwd|pwd_|^pw$|^pass$|_pass$|user_pass)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PasswordNameRx();

    [GeneratedRegex(@"\b(select\s[\s\S]*\bfrom\b|insert\s+into\b|update\s+\S+\s+set\b|delete\s+from\b|drop\s+(table|database)\b|create\s+table\b|alter\s+table\b|union\s+(all\s+)?select\b|truncate\s+table\b|replace\s+into\b|\bwhere\s+\S+\s*(=|like|in\b|<|>))", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SqlRx();

    [GeneratedRegex(@"<\s*/?\s*[a-zA-Z!][^<]*", RegexOptions.CultureInvariant)]
    private static partial Regex HtmlRx();

    [GeneratedRegex(@"^(http|ftp|ws)://(?!(localhost|127\.\d+\.\d+\.\d+|0\.0\.0\.0|\[::1\]|::1)([:/?#]|$))\S", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PlainUrlRx();

    [GeneratedRegex(@"^(authorization|proxy-authorization|x-api-key|api-key|apikey|x-auth-token|x-access-token|private-token|x-apikey|api_key)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AuthHeaderRx();

    // ------------------------------------------------------------------ statements

    private void WalkBody(List<Stmt> body, Scope s)
    {
        foreach (var st in body) WalkStmt(st, s);
    }

    private void WalkStmt(Stmt st, Scope s)
    {
        _stmtTargets.Clear();
        switch (st)
        {
            case AssignS a: WalkAssign(a, s); break;
            case ExprS e: Visit(e.Value, s); break;
            case ReturnS r:
                if (r.Value != null)
                {
                    Visit(r.Value, s);
                    MarkEscapes(r.Value, s, 0);
                    if (s.IsFunction && Eval(r.Value, s).Level == 2) _userReturnsOut.Add(s.Name);
                    if (s.IsFunction) CheckXss(r.Value, s, r.Line, s.IsRoute);
                    // a `return` outside any def is a pasted view body: returning request data is a view response
                    else if (Eval(r.Value, s) is { Level: 2 } rv && (rv.Safe & LocalSrc) == 0) CheckXss(r.Value, s, r.Line, true);
                }
                break;
            case DefS d: WalkDef(d, s); break;
            case WithS w:
                foreach (var (ctx, target) in w.Items)
                {
                    Visit(ctx, s);
                    if (ctx is NameE cn) MarkClosed(cn.Id, s, true);
                    if (ctx is CallE cc && ClosingFns.Contains(QualOf(cc.Func, s) ?? "") && cc.Args.Count > 0 && cc.Args[0] is NameE an) MarkClosed(an.Id, s, true);
                    if (target != null) BindTarget(target, Eval(ctx, s), s);
                }
                WalkBody(w.Body, s);
                break;
            case TryS t:
                WalkBody(t.Body, s);
                foreach (var (type, name, body) in t.Handlers)
                {
                    if (type != null) Visit(type, s);
                    if (name != null) s.Vars[name] = Val.Unknown;
                    WalkBody(body, s);
                }
                WalkBody(t.Else, s);
                _inFinally++;
                WalkBody(t.Finally, s);
                _inFinally--;
                break;
            case BlockS b:
                if (b.Test != null)
                {
                    Visit(b.Test, s);
                    if (b.Kind == "for")
                    {
                        if (b.Test is CallE ic && OpenerOf(ic, s) is { } k && InlineLeakKinds.Contains(k)) Report("PY-LEAK-006", ic.Line);
                        if (b.Target != null) { var iv = Eval(b.Test, s); BindTarget(b.Target, new Val(iv.Level, null, null, iv.Safe, false), s); }
                    }
                }
                if (b.Kind == "if" && b.Test != null && GuardOf(b.Test, 0) is ({ } guarded, var positive))
                {
                    if (positive)
                    {
                        // inside "if name in ALLOWED:" / "if re.fullmatch(..., name):" the value is validated
                        bool had = s.Vars.TryGetValue(guarded, out var old);
                        s.Vars[guarded] = Val.Const(null);
                        WalkBody(b.Body, s);
                        if (had) s.Vars[guarded] = old; else s.Vars.Remove(guarded);
                        WalkBody(b.Else, s);
                    }
                    else
                    {
                        WalkBody(b.Body, s);
                        WalkBody(b.Else, s);
                        if (Exits(b.Body)) s.Vars[guarded] = Val.Const(null); // "if name not in ALLOWED: raise"
                    }
                    break;
                }
                if (b.Kind == "finally") _inFinally++;
                WalkBody(b.Body, s);
                if (b.Kind == "finally") _inFinally--;
                WalkBody(b.Else, s);
                break;
            case OtherS o:
                foreach (var e in o.Exprs) Visit(e, s);
                if (o.Kind is "global" or "nonlocal")
                    foreach (var e in o.Exprs) if (e is NameE n) s.Escaped.Add(n.Id);
                break;
        }
    }

    private void WalkAssign(AssignS a, Scope s)
    {
        foreach (var t in a.Targets) { var n = TargetName(t); if (n != null) _stmtTargets.Add(n); }
        if (a.Value != null) Visit(a.Value, s);
        foreach (var t in a.Targets)
            if (t is SubscriptE ts) Visit(ts.Index, s);
        if (a.Value == null) { foreach (var t in a.Targets) if (t is NameE n) s.Vars[n.Id] = Val.Unknown; return; }

        CheckAssignRules(a, s);

        // ownership: a resource stored elsewhere (attribute, container, alias) is no longer this scope's to close
        if (a.Value is NameE vn) s.Escaped.Add(vn.Id);
        else if (a.Value is SeqE or DictE) MarkEscapes(a.Value, s, 0);

        Val val;
        if (a.Op == "=") val = Eval(a.Value, s);
        else
        {
            var rhs = Eval(a.Value, s);
            var old = a.Targets[0] is NameE on && TryLookup(s, on.Id, out var ov) ? ov : Val.Unknown;
            val = a.Op == "+=" ? Combine([old, rhs], old.Text != null || rhs.Text != null ? (old.Text ?? "{}") + (rhs.Text ?? "{}") : null) : Combine([old, rhs], old.Text, old.Built || rhs.Level > 0);
        }
        if (a.Op == "=" && a.Value is SeqE rseq)
        {
            // HOST, PORT = "0.0.0.0", 9999: bind element-wise so constants keep their text
            foreach (var t in a.Targets)
                if (t is SeqE tseq && tseq.Items.Count == rseq.Items.Count && !tseq.Items.Any(x => x is StarE))
                    for (int k = 0; k < tseq.Items.Count; k++) BindTarget(tseq.Items[k], Eval(rseq.Items[k], s), s);
                else BindTarget(t, val, s);
        }
        else foreach (var t in a.Targets) BindTarget(t, val, s);

        // conn, addr = server.accept(): the connection socket must be closed too
        if (a.Op == "=" && a.Value is CallE { Func: AttrE { Name: "accept" } } && a.Targets[0] is SeqE { Items: [NameE accepted, ..] })
            s.Resources.Add((accepted.Id, a.Line, "PY-LEAK-002"));
        if (a.Op == "=" && a.Value is CallE vc && OpenerOf(vc, s) is { } rule)
        {
            foreach (var t in a.Targets)
            {
                if (t is NameE tn) s.Resources.Add((tn.Id, a.Line, rule));
            }
        }
    }

    private static string? TargetName(Expr t) => t switch
    {
        NameE n => n.Id,
        AttrE a => a.Name,
        SubscriptE { Index: StrE k } => k.Value,
        _ => null,
    };

    private void BindTarget(Expr t, Val v, Scope s)
    {
        switch (t)
        {
            case NameE n: s.Vars[n.Id] = v; break;
            case AttrE a:
                if (DottedKey(a) is { } key)
                {
                    s.Vars[key] = v;
                    if (key.StartsWith("self.", StringComparison.Ordinal) || key.StartsWith("cls.", StringComparison.Ordinal)) _module.Vars[key] = v;
                }
                break;
            case SeqE seq:
                foreach (var it in seq.Items) BindTarget(it, new Val(v.Level, null, null, v.Safe, false), s);
                break;
            case StarE st: BindTarget(st.Value, new Val(v.Level, null, null, v.Safe, false), s); break;
        }
    }

    private void WalkDef(DefS d, Scope s)
    {
        foreach (var deco in d.Decorators) Visit(deco, s);
        if (d.IsClass)
        {
            foreach (var b in d.Bases) Visit(b, s);
            var cs = new Scope(s, false, d.Name);
            WalkBody(d.Body, cs);
            FinishScope(cs);
            return;
        }
        var fs = new Scope(s, true, d.Name);
        bool route = false;
        foreach (var deco in d.Decorators)
        {
            var f = deco is CallE dc ? dc.Func : deco;
            if (f is AttrE fa && RouteDecorators.Contains(fa.Name)) route = true;
            if (f is NameE fn && fn.Id is "route" or "api_view" or "require_http_methods" or "require_GET" or "require_POST") route = true;
        }
        int firstReal = d.Params.Count > 0 && d.Params[0].Name is "self" or "cls" ? 1 : 0;
        if (_webFile && d.Params.Count > firstReal && d.Params[firstReal].Name is "request" or "req") route = true;
        fs.IsRoute = route;
        foreach (var (name, def) in d.Params)
        {
            if (def != null)
            {
                Visit(def, s);
                if (def is StrE ds && IsCredName(name)) ReportCred("PY-CRED-007", ds.Value, def.Line);
            }
            if (name is "self" or "cls") { fs.Vars[name] = new Val(1, null, null, 0, false); continue; }
            if (name is "request" or "req") { fs.Vars[name] = new Val(1, null, "request", 0, false); continue; }
            bool boosted = !route && _boostIn.Contains((d.Name, name));
            fs.Vars[name] = new Val(route || boosted ? 2 : 1, null, null, boosted && !_boostRemoteIn.Contains((d.Name, name)) ? LocalSrc : (byte)0, false);
        }
        WalkBody(d.Body, fs);
        FinishScope(fs);
    }

    private void FinishScope(Scope s)
    {
        foreach (var (name, line, rule) in s.Resources)
        {
            if (s.Closed.Contains(name))
            {
                if (rule is "PY-LEAK-001" or "PY-LEAK-002" && !s.ClosedSafely.Contains(name) && s.Used.Contains(name)) Report("PY-LEAK-009", line);
                continue;
            }
            if (s.Escaped.Contains(name)) continue;
            Report(rule, line);
        }
    }

    private void MarkClosed(string name, Scope s, bool safely)
    {
        for (var sc = s; sc != null; sc = sc.Parent)
        {
            sc.Closed.Add(name);
            if (safely || _inFinally > 0) sc.ClosedSafely.Add(name);
        }
    }

    private void MarkEscapes(Expr e, Scope s, int depth)
    {
        if (depth > 40) return;
        switch (e)
        {
            case NameE n:
                for (var sc = s; sc != null; sc = sc.Parent) sc.Escaped.Add(n.Id);
                break;
            case SeqE seq: foreach (var it in seq.Items) MarkEscapes(it, s, depth + 1); break;
            case DictE d: foreach (var v in d.Values) MarkEscapes(v, s, depth + 1); break;
            case CallE c:
                foreach (var a in c.Args) MarkEscapes(a, s, depth + 1);
                foreach (var (_, v) in c.Kwargs) MarkEscapes(v, s, depth + 1);
                break;
            case OtherE o: foreach (var ch in o.Children) MarkEscapes(ch, s, depth + 1); break;
            case StarE st: MarkEscapes(st.Value, s, depth + 1); break;
        }
    }

    private static readonly HashSet<string> CheckMethods = ["isalnum", "isdigit", "isidentifier", "isnumeric", "isalpha", "isdecimal"];

    /// <summary>A validation test on a single name: membership in a collection, a regex match, str.isalnum()...
    /// Positive: the name is valid when the test is true.</summary>
    private (string? Name, bool Positive) GuardOf(Expr test, int depth)
    {
        if (depth > 8) return (null, false);
        switch (test)
        {
            case BinE { Op: "in", Operands: [NameE n, _] }: return (n.Id, true);
            case BinE { Op: "notin", Operands: [NameE n, _] }: return (n.Id, false);
            case UnaryE { Op: "not" } u:
                {
                    var (name, pos) = GuardOf(u.Operand, depth + 1);
                    return (name, !pos);
                }
            case CallE c:
                {
                    if (c.Func is AttrE { Obj: NameE recv } m && CheckMethods.Contains(m.Name)) return (recv.Id, true);
                    var last = LastName(c.Func);
                    if (last is "match" or "fullmatch" && c.Func is AttrE { Obj: NameE { Id: "re" } } && c.Args.Count > 1 && c.Args[1] is NameE rn) return (rn.Id, true);
                    if (last is "match" or "fullmatch" && c.Func is AttrE { Obj: not NameE { Id: "re" } } && c.Args.Count > 0 && c.Args[0] is NameE pn) return (pn.Id, true);
                    if ((last.StartsWith("is_valid", StringComparison.Ordinal) || last.StartsWith("validate", StringComparison.Ordinal) || last.StartsWith("is_safe", StringComparison.Ordinal) || last.StartsWith("is_allowed", StringComparison.Ordinal))
                        && c.Args.Count > 0 && c.Args[0] is NameE vn) return (vn.Id, true);
                    break;
                }
        }
        return (null, false);
    }

    private static bool Exits(List<Stmt> body)
    {
        if (body.Count == 0) return false;
        return body[^1] switch
        {
            ReturnS => true,
            OtherS { Kind: "raise" or "continue" or "break" } => true,
            ExprS { Value: CallE c } => LastName(c.Func) is "abort" or "exit" or "_exit" or "HTTPException",
            _ => false,
        };
    }

    private string? OpenerOf(CallE c, Scope s)
    {
        var q = QualOf(c.Func, s);
        return q != null && Openers.TryGetValue(q, out var r) ? r : null;
    }

    // ------------------------------------------------------------------ expressions

    private void Visit(Expr e, Scope s)
    {
        switch (e)
        {
            case CallE c:
                {
                    if (c.Func is AttrE method)
                    {
                        _enclosing.Add("." + method.Name); // the receiver is "inside" the method call (x.resolve())
                        Visit(c.Func, s);
                        _enclosing.RemoveAt(_enclosing.Count - 1);
                    }
                    else Visit(c.Func, s);
                    var qual = QualOf(c.Func, s);
                    _enclosing.Add(qual ?? "");
                    foreach (var a in c.Args) Visit(a, s);
                    foreach (var (_, v) in c.Kwargs) Visit(v, s);
                    _enclosing.RemoveAt(_enclosing.Count - 1);
                    OnCall(c, qual, s);
                    break;
                }
            case AttrE a:
                Visit(a.Obj, s);
                OnAttr(a, s);
                break;
            case NameE n:
                if (!s.Vars.ContainsKey(n.Id) && _imports.TryGetValue(n.Id, out var q) && q.Contains('.')) CheckRefs(q, n.Line);
                break;
            case StrE str: OnLiteral(str.Value, str.Line); break;
            case FStrE f:
                foreach (var p in f.Parts) Visit(p, s);
                OnLiteral(f.Literal, f.Line);
                break;
            case BinE b:
                foreach (var o in b.Operands) Visit(o, s);
                if (b.Op == "cmp" && b.Operands.Count == 2) CheckCompareCred(b);
                break;
            case UnaryE u: Visit(u.Operand, s); break;
            case SubscriptE sub: Visit(sub.Obj, s); Visit(sub.Index, s); break;
            case SeqE seq: foreach (var it in seq.Items) Visit(it, s); break;
            case DictE d:
                foreach (var k in d.Keys) if (k != null) Visit(k, s);
                foreach (var v in d.Values) Visit(v, s);
                CheckDictCreds(d, s);
                break;
            case StarE st: Visit(st.Value, s); break;
            case OtherE o:
                foreach (var ch in o.Children) Visit(ch, s);
                if (o.Kind == "comp")
                    foreach (var ch in o.Children)
                        if (ch is CallE oc && OpenerOf(oc, s) is { } ok && InlineLeakKinds.Contains(ok)) Report("PY-LEAK-006", oc.Line);
                if (o.Kind == "yield") foreach (var ch in o.Children) MarkEscapes(ch, s, 0);
                break;
        }
    }

    private void OnAttr(AttrE a, Scope s)
    {
        if (a.Obj is NameE n)
        {
            if (CloseMethods.Contains(a.Name)) MarkClosed(n.Id, s, false);
            else for (var sc = s; sc != null; sc = sc.Parent) sc.Used.Add(n.Id);
        }
        var q = QualOf(a, s);
        if (q != null) CheckRefs(q, a.Line);
    }

    private void CheckRefs(string qual, int line)
    {
        RuleIndex.RefCandidates(qual, _cand);
        foreach (var r in _cand) Report(r.Id, line);
    }

    private void OnLiteral(string text, int line)
    {
        if (text.Length < 8) return;
        foreach (var r in RuleIndex.LiteralRules)
            if (r.Pattern!.IsMatch(text)) Report(r.Id, line);
    }

    private bool InsideAny(string[] quals)
    {
        if (quals.Length == 0) return false;
        foreach (var q in _enclosing) if (quals.Contains(q)) return true;
        return false;
    }

    private void OnCall(CallE c, string? qual, Scope s)
    {
        if (_defs.Count > 0) RecordUserArguments(c, s);
        if (qual == null) return;
        RuleIndex.CallCandidates(qual, _cand);
        if (_cand.Count > 0)
        {
            var cands = _cand.ToArray();
            bool ownFunction = LocalFunctionName(c) != null;
            foreach (var r in cands)
            {
                // keyword rules on any callee (verify=False, cert_reqs=...) are about library calls, not the program's own functions
                if (ownFunction && r.Targets is ["*"]) continue;
                bool all = !InsideAny(r.NotInside);
                foreach (var cond in r.When)
                    if (!Holds(cond, c, qual, s)) { all = false; break; }
                if (all) Report(r.Id, c.Line);
            }
        }

        if (c.Func is AttrE fa)
        {
            if (EscapeMethods.Contains(fa.Name))
                foreach (var a in c.Args) if (a is NameE an) for (var sc = s; sc != null; sc = sc.Parent) sc.Escaped.Add(an.Id);
            if (fa.Obj is CallE inner && !CloseMethods.Contains(fa.Name) && fa.Name is not ("__enter__" or "__aenter__") && OpenerOf(inner, s) is { } k && InlineLeakKinds.Contains(k))
                Report("PY-LEAK-006", inner.Line);
        }
        if (HandOffFns.Contains(LastName(c.Func)))
        {
            foreach (var a in c.Args) MarkEscapes(a, s, 0);
            foreach (var (_, v) in c.Kwargs) MarkEscapes(v, s, 0);
        }
        bool closing = ClosingFns.Contains(qual) || (c.Func is AttrE cf && cf.Name is "enter_context" or "enter_async_context" or "closing");
        if (closing)
        {
            foreach (var a in c.Args) if (a is NameE an) MarkClosed(an.Id, s, true);
        }
        else
        {
            foreach (var a in c.Args)
                if (a is CallE inner && OpenerOf(inner, s) is { } k && k == "PY-LEAK-001") Report("PY-LEAK-006", inner.Line);
        }

        if (ResponseFns.Contains(qual))
        {
            var arg = c.Args.Count > 0 ? c.Args[0] : c.Kw("response") ?? c.Kw("content") ?? c.Kw("body") ?? c.Kw("text");
            var mime = c.Kw("mimetype") ?? c.Kw("content_type") ?? c.Kw("media_type");
            bool nonHtml = mime != null && Eval(mime, s) is { Level: 0, Text: { } mt } && !mt.Contains("html", StringComparison.OrdinalIgnoreCase);
            if (arg != null && !nonHtml) CheckXss(arg, s, c.Line, true);
        }

        foreach (var (name, v) in c.Kwargs)
        {
            if (v is StrE sv && IsCredName(name)) ReportCred("PY-CRED-002", sv.Value, v.Line);
            if (name == "auth" && v is SeqE { Items: [StrE, StrE pw] }) ReportCred("PY-CRED-002", pw.Value, v.Line);
            if (name == "check_hostname" && v is ConstE { Kind: ConstKind.False }) Report("PY-TLS-003", v.Line);
        }
    }

    // ------------------------------------------------------------------ conditions

    private static Expr? Arg(CallE c, int pos, string? kw)
    {
        if (kw != null)
        {
            var v = c.Kw(kw);
            if (v != null) return v;
        }
        if (pos >= 0 && pos < c.Args.Count)
        {
            for (int i = 0; i <= pos; i++) if (c.Args[i] is StarE) return null;
            return c.Args[pos];
        }
        return null;
    }

    private bool Holds(Cond cond, CallE c, string qual, Scope s)
    {
        bool r;
        switch (cond.Kind)
        {
            case CondKind.AnyOf:
                r = false;
                foreach (var sub in cond.Any) if (Holds(sub, c, qual, s)) { r = true; break; }
                break;
            case CondKind.FileCalls: r = _calledNames.Contains(cond.Text!); break;
            case CondKind.Receiver:
                {
                    int dot = qual.LastIndexOf('.');
                    r = cond.Rx!.IsMatch(dot < 0 ? "" : qual[..dot]);
                    break;
                }
            case CondKind.SecurityContext: r = InSecurityContext(s); break;
            case CondKind.WebApp: r = _webFile; break;
            case CondKind.Absent: r = Arg(c, cond.Pos, cond.Kw) == null && !c.HasStar; break;
            case CondKind.AbsentOrNone:
                {
                    var a = Arg(c, cond.Pos, cond.Kw);
                    r = a == null ? !c.HasStar : a is ConstE { Kind: ConstKind.None } || (a is NameE && Eval(a, s) is { Level: 0, Text: "None" });
                    break;
                }
            default:
                if (cond.Pos == Cond.AnyArg)
                {
                    r = false;
                    foreach (var a in c.Args) if (ArgHolds(cond, a, s)) { r = true; break; }
                    if (!r) foreach (var (n, v) in c.Kwargs) if (n != "**" && ArgHolds(cond, v, s)) { r = true; break; }
                }
                else
                {
                    var a = Arg(c, cond.Pos, cond.Kw);
                    r = a != null && ArgHolds(cond, a, s);
                }
                break;
        }
        return cond.Not ? !r : r;
    }

    private static bool SafeFor(Val v, string? sink) => sink switch
    {
        "shell" => (v.Safe & SafeShell) != 0,
        "html" => (v.Safe & SafeHtml) != 0,
        "path" => (v.Safe & (SafePath | LocalSrc)) != 0, // the local user's own command line is not a trust boundary
        _ => false,
    };

    private bool ArgHolds(Cond cond, Expr a, Scope s)
    {
        switch (cond.Kind)
        {
            case CondKind.NonConst: { var v = Eval(a, s); return v.Level > 0 && !SafeFor(v, cond.Text); }
            case CondKind.Const: return Eval(a, s).Level == 0;
            case CondKind.Literal: return a is StrE;
            case CondKind.User: { var v = Eval(a, s); return v.Level == 2 && !SafeFor(v, cond.Text); }
            case CondKind.Is: { var v = Eval(a, s); return v.Level == 0 && v.Text == cond.Text; }
            case CondKind.IntLess: return TryInt(a, s, out var n1) && n1 < cond.N;
            case CondKind.IntEq: return TryInt(a, s, out var n2) && n2 == cond.N;
            case CondKind.WorldWritable:
                if (TryInt(a, s, out var m)) return (m & 0b010) != 0;
                return MentionsName(a, 0, "S_IWOTH", "S_IRWXO");
            case CondKind.UmaskOpen: return TryInt(a, s, out var u) && (u & 0b010) == 0;
            case CondKind.Text: { var t = Eval(a, s).Text; return t != null && cond.Rx!.IsMatch(t); }
            case CondKind.SqlDynamic:
                {
                    var v = Eval(a, s);
                    return v.Level > 0 && (v.Built || v.Level == 2) && v.Text != null && SqlRx().IsMatch(v.Text);
                }
            case CondKind.PasswordLike: return MentionsPassword(a, 0);
            case CondKind.PlainUrl: { var t = Eval(a, s).Text; return t != null && PlainUrlRx().IsMatch(t); }
            case CondKind.QualEnds:
                {
                    var q = Eval(a, s).Qual ?? QualOf(a, s);
                    if (q == null) return false;
                    foreach (var n in cond.Text!.Split('|'))
                        if (q == n || q.EndsWith("." + n, StringComparison.Ordinal)) return true;
                    return false;
                }
            case CondKind.Head:
                {
                    string? first;
                    if (a is SeqE seq) first = seq.Items.Count > 0 ? Eval(seq.Items[0], s).Text : null;
                    else
                    {
                        var t = Eval(a, s).Text;
                        if (t == null) return false;
                        var trimmed = t.TrimStart();
                        int sp = trimmed.IndexOfAny([' ', '\t']);
                        first = sp < 0 ? trimmed : trimmed[..sp];
                    }
                    return first != null && cond.Rx!.IsMatch(first);
                }
        }
        return false;
    }

    private bool TryInt(Expr a, Scope s, out long n)
    {
        n = 0;
        var v = Eval(a, s);
        if (v.Level != 0 || v.Text == null) return false;
        var t = v.Text.Replace("_", "");
        bool neg = t.StartsWith('-');
        if (neg) t = t[1..];
        bool ok;
        if (t.StartsWith("0o", StringComparison.OrdinalIgnoreCase)) ok = TryBase(t[2..], 8, out n);
        else if (t.StartsWith("0x", StringComparison.OrdinalIgnoreCase)) ok = long.TryParse(t[2..], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out n);
        else if (t.StartsWith("0b", StringComparison.OrdinalIgnoreCase)) ok = TryBase(t[2..], 2, out n);
        else if (t.Length > 1 && t[0] == '0') ok = TryBase(t[1..], 8, out n); // Python 2 octal 0777
        else ok = long.TryParse(t, NumberStyles.Integer, CultureInfo.InvariantCulture, out n);
        if (neg) n = -n;
        return ok;
    }

    private static bool TryBase(string digits, int b, out long n)
    {
        n = 0;
        if (digits.Length == 0 || digits.Length > 20) return false;
        foreach (var ch in digits)
        {
            int d = ch - '0';
            if (d < 0 || d >= b) return false;
            n = n * b + d;
        }
        return true;
    }

    private static bool MentionsName(Expr e, int depth, params string[] names)
    {
        if (depth > 30) return false;
        return e switch
        {
            NameE n => names.Contains(n.Id),
            AttrE a => names.Contains(a.Name),
            BinE b => b.Operands.Any(o => MentionsName(o, depth + 1, names)),
            _ => false,
        };
    }

    private static bool MentionsPassword(Expr e, int depth)
    {
        if (depth > 30) return false;
        switch (e)
        {
            case NameE n: return PasswordNameRx().IsMatch(n.Id) && !n.Id.Contains("hash", StringComparison.OrdinalIgnoreCase);
            case AttrE a: return (PasswordNameRx().IsMatch(a.Name) && !a.Name.Contains("hash", StringComparison.OrdinalIgnoreCase)) || MentionsPassword(a.Obj, depth + 1);
            case SubscriptE sub: return (sub.Index is StrE k && PasswordNameRx().IsMatch(k.Value)) || MentionsPassword(sub.Obj, depth + 1);
            case CallE c:
                if (c.Func is AttrE f && MentionsPassword(f.Obj, depth + 1)) return true;
                foreach (var a in c.Args) if (MentionsPassword(a, depth + 1)) return true;
                return false;
            case BinE b: return b.Operands.Any(o => MentionsPassword(o, depth + 1));
            case FStrE fs: return fs.Parts.Any(p => MentionsPassword(p, depth + 1));
        }
        return false;
    }

    private bool InSecurityContext(Scope s)
    {
        foreach (var t in _stmtTargets) if (IsSecurityName(t) || (_cryptoFile && t is "key" or "keys" or "iv")) return true;
        for (var sc = s; sc != null; sc = sc.Parent)
            if ((sc.IsFunction || sc.Parent != null) && IsSecurityName(sc.Name)) return true; // functions and classes (OtpService)
        return false;
    }

    private static readonly HashSet<string> NonSecurityWords = ["number", "num", "guess", "word", "answer", "card", "cards", "dice", "game", "score", "level", "color", "colour", "delay", "sleep", "index", "idx", "position", "pos", "santa", "room", "door", "item", "message", "quote"];

    private static bool IsSecurityName(string name)
    {
        if (name is "key" or "keys" or "k" or "pin_count") return false;
        var words = Words(name);
        foreach (var w in words) if (NonSecurityWords.Contains(w)) return false;
        foreach (var w in words) if (SecurityWords.Contains(w)) return true;
        var lower = name.ToLowerInvariant();
        return lower.Contains("password") || lower.Contains("apikey") || lower.Contains("token") || lower.Contains("secret");
    }

    private static List<string> Words(string name)
    {
        var words = new List<string>(4);
        int i = 0;
        while (i < name.Length)
        {
            while (i < name.Length && !char.IsLetter(name[i])) i++;
            if (i >= name.Length) break;
            int st = i++;
            while (i < name.Length && char.IsLetter(name[i]) && !(char.IsUpper(name[i]) && char.IsLower(name[i - 1]))) i++;
            words.Add(name[st..i].ToLowerInvariant());
        }
        return words;
    }

    // ------------------------------------------------------------------ code rules

    private static bool IsCredName(string name) => name.Length <= 64 && CredNameRx().IsMatch(name) && !CredExcludeRx().IsMatch(name);

    /// <summary>Reports a credential literal unless it is clearly not one; placeholders get low confidence.</summary>
    private void ReportCred(string rule, string value, int line)
    {
        var t = value.Trim();
        if (t.Length == 0 || t.Length > 200) return;
        if ((t[0] == '<' && t[^1] == '>') || t.StartsWith("${", StringComparison.Ordinal) || t.StartsWith("%(", StringComparison.Ordinal) || t.Contains("{}") || t.StartsWith("{{", StringComparison.Ordinal)) return;
        if (t.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || t.StartsWith("https://", StringComparison.OrdinalIgnoreCase) || t[0] == '/') return;
        if (t.Contains(' ') && (t.EndsWith(':') || t.EndsWith('?') || t.Split(' ').Length > 3)) return;
        if (t is "None" or "null" or "true" or "false") return;
        if (ObviousPlaceholderRx().IsMatch(t)) return; // "YOUR_API_KEY", "your-token-here": cannot authenticate
        Report(rule, line, PlaceholderRx().IsMatch(t) ? Confidence.Low : null);
    }

    private void CheckAssignRules(AssignS a, Scope s)
    {
        var v = a.Value!;
        foreach (var t in a.Targets)
        {
            var name = TargetName(t);
            if (name == null) continue;
            if (v is StrE sv && a.Op == "=" && IsCredName(name)) ReportCred("PY-CRED-001", sv.Value, a.Line);
            if (t is AttrE ta)
            {
                if (ta.Name == "check_hostname" && v is ConstE { Kind: ConstKind.False }) Report("PY-TLS-003", a.Line);
                if (ta.Name == "verify" && v is ConstE { Kind: ConstKind.False }) Report("PY-TLS-001", a.Line);
                if (ta.Name == "debug" && v is ConstE { Kind: ConstKind.True }) Report("PY-DEBUG-002", a.Line);
            }
            if (v is ConstE { Kind: ConstKind.True })
            {
                if (t is SubscriptE { Index: StrE { Value: "DEBUG" } }) Report("PY-DEBUG-002", a.Line);
                if (t is NameE { Id: "DEBUG" } && !s.IsFunction && (_webFile || _moduleAssigned.Overlaps(SettingsNames))) Report("PY-DEBUG-002", a.Line);
            }
        }
    }

    private void CheckCompareCred(BinE b)
    {
        Expr l = b.Operands[0], r = b.Operands[1];
        if (l is StrE) (l, r) = (r, l);
        if (r is not StrE lit) return;
        var name = l switch { NameE n => n.Id, AttrE at => at.Name, SubscriptE { Index: StrE k } => k.Value, _ => null };
        if (name != null && PasswordNameRx().IsMatch(name) && IsCredName(name)) ReportCred("PY-CRED-010", lit.Value, b.Line);
    }

    private void CheckDictCreds(DictE d, Scope s)
    {
        for (int i = 0; i < d.Keys.Count; i++)
        {
            if (d.Keys[i] is not StrE k) continue;
            var v = d.Values[i];
            if (AuthHeaderRx().IsMatch(k.Value))
            {
                var val = Eval(v, s);
                if (val.Level == 0 && val.Text is { } t)
                {
                    var token = t.Trim();
                    int sp = token.IndexOf(' ');
                    if (sp > 0 && token[..sp].ToLowerInvariant() is "bearer" or "basic" or "token" or "apikey" or "key") token = token[(sp + 1)..].Trim();
                    if (token.Length >= 6) ReportCred("PY-CRED-004", token, v.Line);
                }
                continue;
            }
            if (v is StrE sv && IsCredName(k.Value)) ReportCred("PY-CRED-003", sv.Value, v.Line);
        }
    }

    private void CheckXss(Expr e, Scope s, int line, bool route)
    {
        var v = Eval(e, s);
        if (v.Level == 0 || (v.Safe & SafeHtml) != 0 || v.Text == null) return;
        if (!HtmlRx().IsMatch(v.Text))
        {
            if (v.Level == 2 && v.Built && route && _htmlByDefault) Report("PY-XSS-008", line);
            return;
        }
        if (v.Level == 2 && route) Report("PY-XSS-001", line);
        else if (v.Level == 2 || (_webFile && (route || v.Built))) Report("PY-XSS-005", line);
    }
}
