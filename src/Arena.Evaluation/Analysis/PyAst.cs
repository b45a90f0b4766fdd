namespace Arena.Evaluation.Analysis;

/// <summary>Expression nodes. <see cref="Depth"/> is bounded by the parser (deeper trees collapse to
/// <see cref="UnknownE"/>), so recursive walks over the tree are bounded.</summary>
internal abstract class Expr
{
    public int Line;
    public int Depth = 1;
}

internal sealed class NameE(string id) : Expr { public readonly string Id = id; }
internal sealed class AttrE(Expr obj, string name) : Expr { public readonly Expr Obj = obj; public readonly string Name = name; }
internal sealed class StrE(string value, bool isBytes) : Expr { public readonly string Value = value; public readonly bool IsBytes = isBytes; }
/// <summary>f-string: <see cref="Literal"/> is the literal text with "{}" where fields were.</summary>
internal sealed class FStrE(string literal, List<Expr> parts) : Expr { public readonly string Literal = literal; public readonly List<Expr> Parts = parts; }
internal enum ConstKind { True, False, None, Number, Ellipsis }
internal sealed class ConstE(ConstKind kind, string text) : Expr { public readonly ConstKind Kind = kind; public readonly string Text = text; }
/// <summary>N-ary operator node: "+", "%", "|", "cmp" (comparisons), "in", "notin", "and", "or", ... (same-operator chains are flattened).</summary>
internal sealed class BinE(string op, List<Expr> operands) : Expr { public string Op = op; public readonly List<Expr> Operands = operands; }
internal sealed class UnaryE(string op, Expr operand) : Expr { public readonly string Op = op; public readonly Expr Operand = operand; }
internal sealed class CallE(Expr func, List<Expr> args, List<(string Name, Expr Value)> kwargs) : Expr
{
    public readonly Expr Func = func;
    public readonly List<Expr> Args = args;
    public readonly List<(string Name, Expr Value)> Kwargs = kwargs;
    public bool HasStar;

    public Expr? Kw(string name)
    {
        foreach (var (n, v) in Kwargs) if (n == name) return v;
        return null;
    }
}
internal sealed class SubscriptE(Expr obj, Expr index) : Expr { public readonly Expr Obj = obj; public readonly Expr Index = index; }
/// <summary>Tuple '(', list '[' or set '{'.</summary>
internal sealed class SeqE(char kind, List<Expr> items) : Expr { public readonly char Kind = kind; public readonly List<Expr> Items = items; }
internal sealed class DictE(List<Expr?> keys, List<Expr> values) : Expr { public readonly List<Expr?> Keys = keys; public readonly List<Expr> Values = values; }
internal sealed class StarE(Expr value) : Expr { public readonly Expr Value = value; }
/// <summary>Ternary, lambda, comprehension, await, yield, walrus...: kept only as children.</summary>
internal sealed class OtherE(string kind, List<Expr> children) : Expr { public readonly string Kind = kind; public readonly List<Expr> Children = children; }
internal sealed class UnknownE : Expr;

internal abstract class Stmt { public int Line; }
internal sealed class ImportS(List<(string Module, string? Alias)> names) : Stmt { public readonly List<(string Module, string? Alias)> Names = names; }
internal sealed class FromImportS(string module, List<(string Name, string? Alias)> names) : Stmt { public readonly string Module = module; public readonly List<(string Name, string? Alias)> Names = names; }
/// <summary>Op is "=" (chained targets), an augmented operator like "+=", or ":" (annotation only, Value may be null).</summary>
internal sealed class AssignS(List<Expr> targets, Expr? value, string op) : Stmt { public readonly List<Expr> Targets = targets; public readonly Expr? Value = value; public readonly string Op = op; }
internal sealed class ExprS(Expr value) : Stmt { public readonly Expr Value = value; }
internal sealed class ReturnS(Expr? value) : Stmt { public readonly Expr? Value = value; }
internal sealed class DefS : Stmt
{
    public string Name = "";
    public bool IsClass;
    public List<Expr> Decorators = [];
    public List<(string Name, Expr? Default)> Params = [];
    public List<Expr> Bases = [];
    public List<Stmt> Body = [];
}
internal sealed class WithS(List<(Expr Ctx, Expr? Target)> items, List<Stmt> body) : Stmt { public readonly List<(Expr Ctx, Expr? Target)> Items = items; public readonly List<Stmt> Body = body; }
internal sealed class TryS : Stmt
{
    public List<Stmt> Body = [];
    public List<(Expr? Type, string? Name, List<Stmt> Body)> Handlers = [];
    public List<Stmt> Else = [];
    public List<Stmt> Finally = [];
}
/// <summary>if / while / for (Target set for for) and other header-with-body statements (match, case: Kind).</summary>
internal sealed class BlockS(string kind, Expr? target, Expr? test, List<Stmt> body, List<Stmt> orElse) : Stmt
{
    public readonly string Kind = kind;
    public readonly Expr? Target = target;
    public readonly Expr? Test = test;
    public readonly List<Stmt> Body = body;
    public readonly List<Stmt> Else = orElse;
}
/// <summary>raise, assert, del, global, nonlocal, pass, ... with their expressions.</summary>
internal sealed class OtherS(string kind, List<Expr> exprs) : Stmt { public readonly string Kind = kind; public readonly List<Expr> Exprs = exprs; }
