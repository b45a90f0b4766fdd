using System.Text.RegularExpressions;

namespace Arena.Evaluation.Analysis;

/// <summary>Abstract value of an expression. Level: 0 constant, 1 non-constant, 2 user-controlled
/// (request data, route parameters, input(), argv). Text: the known literal text ("{}" for unknown parts).
/// Qual: qualified name for modules, attributes and call results ("requests.Session()"). Safe: sanitisers
/// applied to every non-constant part (<see cref="PyWalker.SafeHtml"/>...). Built: a string assembled from parts.</summary>
internal readonly record struct Val(int Level, string? Text, string? Qual, byte Safe, bool Built)
{
    public static Val Const(string? text) => new(0, text, null, 0xFF, false);
    public static readonly Val Unknown = new(1, null, null, 0, false);
}

internal sealed class Scope(Scope? parent, bool isFunction, string name)
{
    public readonly Scope? Parent = parent;
    public readonly bool IsFunction = isFunction;
    public readonly string Name = name;
    public bool IsRoute;
    public readonly Dictionary<string, Val> Vars = [];
    public readonly List<(string Name, int Line, string Rule)> Resources = [];
    public readonly HashSet<string> Closed = [];
    public readonly HashSet<string> ClosedSafely = [];
    public readonly HashSet<string> Escaped = [];
    public readonly HashSet<string> Used = [];
}

/// <summary>
/// Walks the statement list once, in order, keeping per-scope bindings (imports, constants, call results) and
/// applying the rules of <see cref="PyRules"/> to every call, reference, literal and assignment.
/// </summary>
internal sealed partial class PyWalker
{
    public const byte SafeHtml = 1, SafeShell = 2, SafePath = 4;
    /// <summary>Safe bit for user-controlled data that comes only from the local user (sys.argv, argparse, input(),
    /// stdin): attacker-influenced for shells, SQL and HTML, but not a trust boundary for file paths.</summary>
    public const byte LocalSrc = 8;

    private static bool IsLocalQual(string? q) => q != null &&
        (q.StartsWith("sys.argv", StringComparison.Ordinal) || q.StartsWith("sys.stdin", StringComparison.Ordinal) || q is "input" or "raw_input" or "input()" or "raw_input()"
         || q.EndsWith(".parse_args()", StringComparison.Ordinal) || q.EndsWith(".parse_known_args()", StringComparison.Ordinal));

    private static byte SrcBits(string? q) => IsLocalQual(q) ? LocalSrc : (byte)0;

    private readonly List<Finding> _out = [];
    private readonly HashSet<(string, int)> _seen = [];
    private readonly Dictionary<string, string> _imports = [];
    private readonly List<string> _starModules = [];
    private readonly HashSet<string> _calledNames;
    private readonly HashSet<string> _moduleAssigned = [];
    private readonly List<(string Module, int Line)> _importLines = [];
    private readonly Scope _module = new(null, false, "<module>");
    private bool _webFile;
    private bool _cryptoFile;
    private bool _htmlByDefault;
    private int _inFinally;

    private PyWalker(HashSet<string> calledNames) { _calledNames = calledNames; }

    // Light inter-procedural step: a first walk records which parameters of functions defined in the block receive
    // user-controlled arguments and which functions return user-controlled values; if there are any, a second walk
    // uses them (one level of propagation) and its findings are the result.
    private readonly Dictionary<string, List<string>> _defs = [];
    private readonly HashSet<(string Func, string Param)> _boostOut = [];
    private readonly HashSet<string> _userReturnsOut = [];
    private HashSet<(string Func, string Param)> _boostIn = [];
    private readonly HashSet<(string Func, string Param)> _boostRemoteOut = [];
    private HashSet<(string Func, string Param)> _boostRemoteIn = [];
    private HashSet<string> _userReturnsIn = [];

    public static List<Finding> Run(List<Stmt> module, HashSet<string> calledNames, IReadOnlyDictionary<int, string>? comments = null)
    {
        var w = Walk(module, calledNames, [], []);
        if (w._boostOut.Count > 0 || w._userReturnsOut.Count > 0) w = Walk(module, calledNames, w._boostOut, w._userReturnsOut, w._boostRemoteOut);
        if (comments != null)
            foreach (var (line, text) in comments)
                foreach (var r in RuleIndex.LiteralRules)
                    if (r.AlsoComments && r.Pattern!.IsMatch(text)) w.Report(r.Id, line);
        return w._out;
    }

    private static PyWalker Walk(List<Stmt> module, HashSet<string> calledNames, HashSet<(string, string)> boost, HashSet<string> userReturns,
        HashSet<(string, string)>? boostRemote = null)
    {
        var w = new PyWalker(calledNames) { _boostIn = boost, _userReturnsIn = userReturns, _boostRemoteIn = boostRemote ?? [] };
        w.CollectImports(module, 0);
        w._webFile |= calledNames.Overlaps(WebMarkers);
        foreach (var s in module)
            if (s is AssignS a)
                foreach (var t in a.Targets) if (t is NameE n) w._moduleAssigned.Add(n.Id);
        w.WalkBody(module, w._module);
        w.FinishScope(w._module);
        w.ImportRules();
        return w;
    }

    // ------------------------------------------------------------------ imports and names

    private static readonly (string From, string To)[] Renames =
    [
        ("Cryptodome", "Crypto"), ("cPickle", "pickle"), ("_pickle", "pickle"), ("pickle5", "pickle"), ("xml.etree.cElementTree", "xml.etree.ElementTree"),
        ("urllib2", "urllib.request"), ("six.moves.urllib.request", "urllib.request"), ("urllib.urlopen", "urllib.request.urlopen"), ("xmlrpclib", "xmlrpc.client"),
        ("requests.sessions.Session", "requests.Session"), ("requests.session", "requests.Session"), ("httplib", "http.client"),
        ("SocketServer", "socketserver"), ("BaseHTTPServer", "http.server"), ("ruamel.yaml", "yaml"), ("numpy.random", "numpy.random"),
        ("paramiko.client.", "paramiko."), ("defusedxml", "defusedxml"),
    ];

    private static readonly Dictionary<string, string> Conventional = new()
    {
        ["ET"] = "xml.etree.ElementTree", ["etree"] = "lxml.etree", ["np"] = "numpy", ["pd"] = "pandas", ["minidom"] = "xml.dom.minidom",
        ["sa"] = "sqlalchemy", ["jinja"] = "jinja2", ["FastAPI"] = "fastapi.FastAPI",
    };

    /// <summary>Calls that mark a fragment without imports as web-application code.</summary>
    private static readonly HashSet<string> WebMarkers = ["HttpResponse", "make_response", "render_template", "render_template_string", "jsonify", "HTMLResponse", "JsonResponse", "redirect", "abort", "send_file"];

    private static string Normalize(string q)
    {
        foreach (var (from, to) in Renames)
        {
            if (q.StartsWith(from, StringComparison.Ordinal) && (q.Length == from.Length || q[from.Length] == '.' || from[^1] == '.'))
                return from == to ? q : to + q[from.Length..];
        }
        return q;
    }

    private void CollectImports(List<Stmt> body, int depth)
    {
        if (depth > PyParser.MaxBlockDepth + 2) return;
        foreach (var s in body)
        {
            switch (s)
            {
                case ImportS i:
                    foreach (var (mod, alias) in i.Names)
                    {
                        _importLines.Add((mod, s.Line));
                        if (alias != null) _imports[alias] = Normalize(mod);
                        else { var head = mod.Split('.')[0]; _imports[head] = Normalize(head); if (mod.Contains('.')) _imports["\u0001" + mod] = mod; }
                        NoteWeb(mod);
                    }
                    break;
                case FromImportS f:
                    _importLines.Add((f.Module, s.Line));
                    NoteWeb(f.Module);
                    foreach (var (name, alias) in f.Names)
                    {
                        if (name == "*") { _starModules.Add(Normalize(f.Module)); continue; }
                        var q = f.Module is "" or "." ? name : f.Module + "." + name;
                        _imports[alias ?? name] = Normalize(q);
                        _importLines.Add((q, s.Line));
                        NoteWeb(q);
                    }
                    break;
                case DefS d:
                    if (!d.IsClass) _defs.TryAdd(d.Name, d.Params.Select(p => p.Name).ToList());
                    CollectImports(d.Body, depth + 1);
                    break;
                case WithS w: CollectImports(w.Body, depth + 1); break;
                case TryS t:
                    CollectImports(t.Body, depth + 1);
                    foreach (var h in t.Handlers) CollectImports(h.Body, depth + 1);
                    CollectImports(t.Else, depth + 1);
                    CollectImports(t.Finally, depth + 1);
                    break;
                case BlockS b: CollectImports(b.Body, depth + 1); CollectImports(b.Else, depth + 1); break;
            }
        }
    }

    private void NoteWeb(string mod)
    {
        var head = mod.Split('.')[0];
        if (head is "Crypto" or "Cryptodome" or "cryptography" or "hashlib" or "hmac" or "ssl" or "jwt" or "nacl" or "rsa" or "secrets") _cryptoFile = true;
        if (head is "flask" or "django" or "bottle" or "quart") _htmlByDefault = true;
        if (head is "flask" or "django" or "fastapi" or "starlette" or "bottle" or "tornado" or "pyramid" or "quart" or "sanic" or "falcon" or "cherrypy" or "werkzeug"
            || mod.StartsWith("aiohttp.web", StringComparison.Ordinal))
            _webFile = true;
    }

    private bool TryLookup(Scope s, string key, out Val v)
    {
        for (var sc = s; sc != null; sc = sc.Parent)
            if (sc.Vars.TryGetValue(key, out v)) return true;
        v = default;
        return false;
    }

    private string ResolveHead(string name)
    {
        if (_imports.TryGetValue(name, out var q)) return q;
        if (Conventional.TryGetValue(name, out var c)) return c;
        foreach (var m in _starModules)
        {
            var cand = m + "." + name;
            if (RuleIndex.KnownExact.Contains(cand)) return cand;
        }
        return name;
    }

    private static string? DottedKey(Expr e)
    {
        if (e is AttrE a && a.Obj is NameE n) return n.Id + "." + a.Name;
        if (e is AttrE a2 && a2.Obj is AttrE) { var k = DottedKey(a2.Obj); return k == null ? null : k + "." + a2.Name; }
        return null;
    }

    /// <summary>Qualified name of a callee or reference, resolved through imports and bindings.</summary>
    private string? QualOf(Expr e, Scope s, int depth = 0)
    {
        if (depth > 64) return null;
        switch (e)
        {
            case NameE n:
                if (TryLookup(s, n.Id, out var v)) return v.Qual ?? n.Id;
                return ResolveHead(n.Id);
            case AttrE a:
                {
                    if (a.Depth < 12 && DottedKey(a) is { } key && TryLookup(s, key, out var kv) && kv.Qual != null) return kv.Qual;
                    var q = QualOf(a.Obj, s, depth + 1);
                    return Normalize((q ?? "?") + "." + a.Name);
                }
            case CallE c:
                {
                    var q = QualOf(c.Func, s, depth + 1);
                    return q == null ? null : q + "()";
                }
            case SubscriptE sub:
                {
                    var q = QualOf(sub.Obj, s, depth + 1);
                    return q == null ? null : q + "[]";
                }
        }
        return null;
    }

    // ------------------------------------------------------------------ evaluation

    private static readonly HashSet<string> UserAttrs =
    [
        "args", "form", "values", "json", "data", "files", "cookies", "headers", "GET", "POST", "COOKIES", "FILES", "body", "query_params",
        "path_params", "get_json", "get_data", "query_string", "view_args", "stream", "match_info", "query", "params", "content", "text", "META", "full_path", "url", "path",
    ];

    private static bool IsUserQual(string? q)
    {
        if (q == null) return false;
        if (q.StartsWith("sys.argv", StringComparison.Ordinal) || q.StartsWith("sys.stdin", StringComparison.Ordinal) || q is "input" or "raw_input" or "input()" or "raw_input()") return true;
        if (q.EndsWith(".parse_args()", StringComparison.Ordinal) || q.EndsWith(".recv()", StringComparison.Ordinal) || q.EndsWith(".recvfrom()", StringComparison.Ordinal)) return true;
        if (!q.Contains("req", StringComparison.Ordinal)) return false;
        var segs = q.Split('.');
        for (int k = 0; k + 1 < segs.Length; k++)
        {
            var seg = segs[k].TrimEnd('(', ')', '[', ']');
            if (seg is not ("request" or "req")) continue;
            var next = segs[k + 1];
            int end = next.IndexOfAny(['(', '[']);
            if (UserAttrs.Contains(end < 0 ? next : next[..end])) return true;
        }
        return false;
    }

    private static readonly HashSet<string> StrMethods =
    [
        "strip", "lstrip", "rstrip", "lower", "upper", "replace", "encode", "decode", "title", "capitalize", "casefold", "format_map",
        "removeprefix", "removesuffix", "ljust", "rjust", "center", "zfill", "expandtabs", "translate", "swapcase", "get", "getlist", "pop", "copy",
    ];

    private static readonly HashSet<string> ConstFns = ["int", "float", "len", "bool", "abs", "round", "ord", "hash", "id", "isinstance", "hasattr", "callable", "range", "enumerate", "sorted", "type", "uuid.uuid4", "time.time", "datetime.now", "datetime.datetime.now"];
    private static readonly HashSet<string> HtmlSanitizers = ["html.escape", "markupsafe.escape", "flask.escape", "escape", "cgi.escape", "bleach.clean", "django.utils.html.escape", "conditional_escape", "django.utils.html.conditional_escape", "jinja2.escape", "markupsafe.Markup.escape", "xml.sax.saxutils.escape", "urllib.parse.quote", "quote", "urllib.parse.quote_plus", "json.dumps", "format_html", "django.utils.html.format_html", "bleach.linkify", "nh3.clean"];
    private static readonly HashSet<string> ShellSanitizers = ["shlex.quote", "pipes.quote", "shlex.join", "quote"];
    private static readonly HashSet<string> PathSanitizers = ["werkzeug.utils.secure_filename", "secure_filename", "os.path.basename", "werkzeug.security.safe_join", "safe_join", "flask.safe_join", "os.path.normpath", "os.path.realpath", "os.path.abspath", "pathlib.PurePath().name", "posixpath.basename"];

    private const int MaxText = 2048;

    private static string? Clip(string? t) => t == null || t.Length <= MaxText ? t : t[..MaxText];

    private static Val Combine(IEnumerable<Val> parts, string? text, bool built = true)
    {
        text = Clip(text);
        // Safe: the sanitisers applied to every part at the result's level (user data is what must be sanitised
        // when the result is user-controlled; other non-constant parts do not make it unsafe)
        int level = 0;
        foreach (var p in parts) if (p.Level > level) level = p.Level;
        byte safe = 0xFF;
        foreach (var p in parts) if (p.Level == level) safe &= p.Safe;
        return new Val(level, text, null, level == 0 ? (byte)0xFF : safe, built && level > 0);
    }

    private Val Eval(Expr e, Scope s)
    {
        switch (e)
        {
            case StrE str: return Val.Const(str.Value);
            case ConstE c: return Val.Const(c.Kind switch { ConstKind.True => "True", ConstKind.False => "False", ConstKind.None => "None", _ => c.Text });
            case FStrE f:
                {
                    var vals = new List<Val>(f.Parts.Count);
                    foreach (var p in f.Parts) vals.Add(Eval(p, s));
                    var v = Combine(vals, f.Literal);
                    v = v with { Text = Clip(Substitute(f.Literal, vals)) };
                    return v;
                }
            case NameE n:
                {
                    if (TryLookup(s, n.Id, out var v)) return v;
                    if (_imports.TryGetValue(n.Id, out var q)) return new Val(IsUserQual(q) ? 2 : 0, null, q, 0xFF, false);
                    if (n.Id is "request" or "req") return new Val(1, null, "request", 0, false);
                    return Val.Unknown;
                }
            case AttrE a:
                {
                    if (a.Depth < 12 && DottedKey(a) is { } key && TryLookup(s, key, out var kv)) return kv;
                    var ov = Eval(a.Obj, s);
                    var q = QualOf(a, s);
                    if (IsUserQual(q)) return new Val(2, null, q, SrcBits(q), false);
                    if (q is "os.environ") return new Val(1, null, q, 0, false);
                    if (ov.Level == 0 && ov.Qual != null) return new Val(0, null, q, 0xFF, false);
                    return new Val(Math.Max(1, ov.Level), null, q, ov.Level == 2 ? ov.Safe : (byte)0, false);
                }
            case SubscriptE sub:
                {
                    var ov = Eval(sub.Obj, s);
                    var q = QualOf(sub, s);
                    bool userQ = IsUserQual(q);
                    int level = userQ ? 2 : ov.Level;
                    byte src = level != 2 ? (byte)0 : userQ ? SrcBits(q) : (byte)(ov.Safe & LocalSrc);
                    if (sub.Obj is DictE || ov.Level == 0) return new Val(level, null, q, level == 0 ? (byte)0xFF : src, false);
                    return new Val(Math.Max(1, level), null, q, src, false);
                }
            case BinE b:
                {
                    var vals = new List<Val>(b.Operands.Count);
                    foreach (var o in b.Operands) vals.Add(Eval(o, s));
                    switch (b.Op)
                    {
                        case "+":
                            {
                                var sb = new System.Text.StringBuilder();
                                bool anyText = false;
                                foreach (var v in vals) { if (v.Text != null) { sb.Append(v.Text); anyText = true; } else sb.Append("{}"); if (sb.Length > MaxText) break; }
                                return Combine(vals, anyText ? sb.ToString() : null);
                            }
                        case "%":
                            return Combine(vals, vals[0].Text);
                        case "cmp": case "in": case "notin": return Val.Const(null);
                        case "or": case "and":
                            {
                                var c = Combine(vals, null, false);
                                foreach (var v in vals) if (v.Text != null) return c with { Text = v.Text };
                                return c;
                            }
                        default: return Combine(vals, null, false);
                    }
                }
            case UnaryE u:
                {
                    if (u.Op == "not") return Val.Const(null);
                    var v = Eval(u.Operand, s);
                    if (u.Op == "-" && v.Level == 0 && v.Text != null) return v with { Text = "-" + v.Text };
                    return v;
                }
            case CallE call: return EvalCall(call, s);
            case SeqE seq:
                {
                    var vals = new List<Val>(seq.Items.Count);
                    var sb = new System.Text.StringBuilder();
                    foreach (var it in seq.Items)
                    {
                        var v = Eval(it, s);
                        vals.Add(v);
                        if (sb.Length > 0) sb.Append(' ');
                        if (sb.Length < MaxText) sb.Append(v.Text ?? "{}");
                    }
                    var r = Combine(vals, sb.ToString(), false);
                    return r;
                }
            case DictE d:
                {
                    var vals = new List<Val>(d.Values.Count);
                    foreach (var v in d.Values) vals.Add(Eval(v, s));
                    return Combine(vals, null, false);
                }
            case StarE st: return Eval(st.Value, s);
            case OtherE o:
                switch (o.Kind)
                {
                    case "ifexp":
                        {
                            var a = Eval(o.Children[0], s);
                            var c = o.Children.Count > 2 ? Eval(o.Children[2], s) : Val.Unknown;
                            return Combine([a, c], a.Text ?? c.Text, a.Built || c.Built);
                        }
                    case "walrus": return o.Children.Count > 1 ? Eval(o.Children[1], s) : Val.Unknown;
                    case "comp":
                        {
                            var vals = new List<Val>();
                            foreach (var ch in o.Children) vals.Add(Eval(ch, s));
                            var r = Combine(vals, null, false);
                            return r.Level == 0 ? Val.Unknown : r;
                        }
                    default: return Val.Unknown;
                }
        }
        return Val.Unknown;
    }

    private static string Substitute(string literal, List<Val> parts)
    {
        var sb = new System.Text.StringBuilder(literal.Length + 16);
        int k = 0;
        for (int i = 0; i < literal.Length; i++)
        {
            if (literal[i] == '{' && i + 1 < literal.Length && literal[i + 1] == '}' && k < parts.Count)
            {
                sb.Append(parts[k++].Text ?? "{}");
                i++;
            }
            else sb.Append(literal[i]);
        }
        return sb.ToString();
    }

    /// <summary>Name of a function defined in this block called as f(...) or self.f(...).</summary>
    private string? LocalFunctionName(CallE c)
    {
        var name = c.Func switch
        {
            NameE n => n.Id,
            AttrE { Obj: NameE { Id: "self" or "cls" } } a => a.Name,
            _ => null,
        };
        return name != null && _defs.ContainsKey(name) ? name : null;
    }

    private void RecordUserArguments(CallE c, Scope s)
    {
        if (LocalFunctionName(c) is not { } fname) return;
        var ps = _defs[fname];
        int off = ps.Count > 0 && ps[0] is "self" or "cls" ? 1 : 0;
        for (int i = 0; i < c.Args.Count && i + off < ps.Count; i++)
        {
            if (c.Args[i] is StarE) break;
            var av = Eval(c.Args[i], s);
            if (av.Level == 2) { _boostOut.Add((fname, ps[i + off])); if ((av.Safe & LocalSrc) == 0) _boostRemoteOut.Add((fname, ps[i + off])); }
        }
        foreach (var (n, v) in c.Kwargs)
            if (n != "**" && ps.Contains(n) && Eval(v, s) is { Level: 2 } kv) { _boostOut.Add((fname, n)); if ((kv.Safe & LocalSrc) == 0) _boostRemoteOut.Add((fname, n)); }
    }

    private static string LastName(Expr f) => f switch { AttrE a => a.Name, NameE n => n.Id, _ => "" };

    private Val EvalCall(CallE c, Scope s)
    {
        var qual = QualOf(c.Func, s);
        var last = LastName(c.Func);
        if (qual == null) return Val.Unknown;
        if (qual is "input" or "raw_input" || IsUserQual(qual) || IsUserQual(qual + "()")) return new Val(2, null, qual + "()", (byte)(SrcBits(qual) | SrcBits(qual + "()")), false);
        if (ConstFns.Contains(qual)) return Val.Const(null);
        if (qual is "str" or "repr" or "bytes" or "bytearray" or "list" or "tuple" or "dict" or "set")
        {
            if (c.Args.Count == 0) return Val.Const("");
            var v = Eval(c.Args[0], s);
            return v with { Qual = null };
        }
        byte flag = 0;
        if (HtmlSanitizers.Contains(qual)) flag |= SafeHtml;
        if (ShellSanitizers.Contains(qual)) flag |= SafeShell;
        if (PathSanitizers.Contains(qual)) flag |= SafePath;
        if (flag != 0)
        {
            var v = c.Args.Count > 0 ? Eval(c.Args[0], s) : Val.Const(null);
            return v.Level == 0 ? v with { Qual = null } : new Val(v.Level, null, null, (byte)(v.Safe | flag), false);
        }
        if (qual is "os.path.join" or "posixpath.join" or "ntpath.join")
        {
            var vals = new List<Val>();
            var texts = new List<string>();
            foreach (var a in c.Args) { var v = Eval(a, s); vals.Add(v); texts.Add(v.Text ?? "{}"); }
            var r = Combine(vals, string.Join('/', texts), false);
            return vals.Count > 0 && vals[0].Qual != null && vals[0].Level == 0 ? r with { Qual = null } : r;
        }
        if (c.Func is AttrE fa)
        {
            var recv = Eval(fa.Obj, s);
            bool moduleRecv = recv.Level == 0 && recv.Qual != null;
            // archive member names are attacker-controlled (zip slip): zf.namelist()/infolist(), tar.getnames()/getmembers()
            if (!moduleRecv && last is "namelist" or "infolist" or "getnames" or "getmembers" && c.Args.Count == 0) return new Val(2, null, qual + "()", 0, false);
            if (!moduleRecv)
            {
                if (last == "format")
                {
                    var vals = new List<Val> { recv };
                    foreach (var a in c.Args) vals.Add(Eval(a, s));
                    foreach (var (_, v) in c.Kwargs) vals.Add(Eval(v, s));
                    var r = Combine(vals, recv.Text);
                    return r;
                }
                if (last == "join")
                {
                    var vals = new List<Val> { recv };
                    string? text = null;
                    foreach (var a in c.Args) { var v = Eval(a, s); vals.Add(v); text = v.Text; }
                    return Combine(vals, text);
                }
                if (last is "resolve" or "absolute" && recv.Level > 0) return new Val(recv.Level, null, qual + "()", (byte)(recv.Safe | SafePath), false);
                if (StrMethods.Contains(last))
                {
                    var vals = new List<Val> { recv };
                    foreach (var a in c.Args) vals.Add(Eval(a, s));
                    var r = Combine(vals, recv.Text, recv.Built);
                    if (recv.Level > 0 && r.Level > 0) r = r with { Safe = recv.Safe };
                    return r;
                }
                if (recv.Level == 2) return new Val(2, null, qual + "()", (byte)(recv.Safe & LocalSrc), false);
            }
        }
        int lvl = 1;
        byte local = LocalSrc;
        if (LocalFunctionName(c) is { } fname && _userReturnsIn.Contains(fname)) { lvl = 2; local = 0; }
        foreach (var a in c.Args)
        {
            var v = Eval(a, s);
            if (v.Level > lvl) lvl = v.Level;
            if (v.Level == 2) local &= v.Safe;
        }
        return new Val(lvl, null, qual + "()", lvl == 2 ? local : (byte)0, false);
    }

    // ------------------------------------------------------------------ findings

    private void Report(string ruleId, int line, Confidence? confidence = null, Severity? severity = null)
    {
        if (!_seen.Add((ruleId, line))) return;
        var r = PyRules.ById[ruleId];
        _out.Add(new Finding(r.Id, r.Category, r.Cwe, line, severity ?? r.Severity, confidence ?? r.Confidence, r.Message, r.FixHint));
    }

    private void ImportRules()
    {
        foreach (var r in RuleIndex.ImportRules)
        {
            if (_out.Any(f => f.Category == r.Category)) continue;
            bool holds = true;
            foreach (var c in r.When) if (!HoldsFileLevel(c)) { holds = false; break; }
            if (!holds) continue;
            foreach (var (mod, line) in _importLines)
                foreach (var t in r.Targets)
                    if (mod == t || mod.StartsWith(t + ".", StringComparison.Ordinal)) { Report(r.Id, line); goto next; }
            next:;
        }
    }

    private bool HoldsFileLevel(Cond c)
    {
        bool r = c.Kind switch
        {
            CondKind.FileCalls => _calledNames.Contains(c.Text!),
            CondKind.FileImports => _importLines.Any(i => i.Module.StartsWith(c.Text!, StringComparison.Ordinal)),
            CondKind.AnyOf => c.Any.Any(HoldsFileLevel),
            _ => false,
        };
        return c.Not ? !r : r;
    }
}
