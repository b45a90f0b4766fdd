using System.Text.RegularExpressions;

namespace Arena.Evaluation.Analysis;

internal enum RuleKind
{
    /// <summary>A call whose resolved qualified name matches <see cref="PyRule.Targets"/> and all conditions hold.</summary>
    Call,
    /// <summary>A reference (attribute or imported name) whose qualified name matches <see cref="PyRule.Targets"/>.</summary>
    Ref,
    /// <summary>An import of a module matching <see cref="PyRule.Targets"/>; reported only when no other finding of the same category exists (fallback).</summary>
    Import,
    /// <summary>A string literal matching <see cref="PyRule.Pattern"/>.</summary>
    Literal,
    /// <summary>Implemented in code (<see cref="PyWalker"/>); the record carries the metadata.</summary>
    Code,
}

/// <summary>Condition kinds of declarative call rules. The argument is chosen by position and/or keyword.</summary>
internal enum CondKind
{
    /// <summary>The argument is present and not a constant (built from variables, parameters, calls...).</summary>
    NonConst,
    /// <summary>The argument is present and is a constant.</summary>
    Const,
    /// <summary>The argument is written as a string literal at the call.</summary>
    Literal,
    /// <summary>The argument is user-controlled (request data, route parameter, input(), argv) and not sanitised for <see cref="Cond.Text"/> (html, shell, path).</summary>
    User,
    /// <summary>The argument is present and its constant value is the literal <see cref="Cond.Text"/> (True, False, None, a string).</summary>
    Is,
    /// <summary>The argument is absent (and the call has no **kwargs).</summary>
    Absent,
    /// <summary>The argument is absent or None.</summary>
    AbsentOrNone,
    /// <summary>The argument is an integer constant smaller than <see cref="Cond.N"/>.</summary>
    IntLess,
    /// <summary>The argument is an integer constant equal to <see cref="Cond.N"/>.</summary>
    IntEq,
    /// <summary>The argument is a file mode with the world-writable bit (0o002 / S_IWOTH).</summary>
    WorldWritable,
    /// <summary>The umask argument does not mask the world-writable bit.</summary>
    UmaskOpen,
    /// <summary>The argument's known text matches <see cref="Cond.Rx"/>.</summary>
    Text,
    /// <summary>The argument is a dynamically built SQL string (f-string, +, %, .format with non-constant parts, SQL keywords in the text).</summary>
    SqlDynamic,
    /// <summary>The argument mentions a password-like name.</summary>
    PasswordLike,
    /// <summary>The argument's text is a plain-text URL (http://, ftp://, ws://) to a non-local host.</summary>
    PlainUrl,
    /// <summary>The argument's qualified name ends with one of the '|'-separated names in <see cref="Cond.Text"/>.</summary>
    QualEnds,
    /// <summary>The argument is a list/tuple whose first element (or a string whose first word) matches <see cref="Cond.Rx"/>.</summary>
    Head,
    /// <summary>The receiver of the call (qualified name without the method) contains <see cref="Cond.Text"/>.</summary>
    Receiver,
    /// <summary>The file calls a function or method named <see cref="Cond.Text"/> somewhere.</summary>
    FileCalls,
    /// <summary>The block is web-application code (imports or calls of a web framework).</summary>
    WebApp,
    /// <summary>File level: some import of the block starts with <see cref="Cond.Text"/>.</summary>
    FileImports,
    /// <summary>The call appears in a security-sensitive context: enclosing function, assignment target or keyword named like password/token/secret/key/otp/salt/nonce.</summary>
    SecurityContext,
    /// <summary>At least one of <see cref="Cond.Any"/> holds.</summary>
    AnyOf,
}

internal sealed record Cond(CondKind Kind, int Pos = -1, string? Kw = null, string? Text = null, long N = 0, bool Not = false)
{
    /// <summary>Position -2 means "any argument" (positional or keyword).</summary>
    public const int AnyArg = -2;
    public Regex? Rx { get; init; }
    public Cond[] Any { get; init; } = [];
}

internal sealed record PyRule(string Id, string Category, Severity Severity, Confidence Confidence, string Message, string FixHint)
{
    public RuleKind Kind { get; init; } = RuleKind.Code;
    public string[] Targets { get; init; } = [];
    public Cond[] When { get; init; } = [];
    public Regex? Pattern { get; init; }
    /// <summary>Subset of the category's CWE list that applies to this rule (defaults to the whole list).</summary>
    public string[] Cwe { get; init; } = Taxonomy.CweOf(Category);
    /// <summary>Rules whose finding on the same line this rule replaces (a more specific diagnosis).</summary>
    public string[] Supersedes { get; init; } = [];
    /// <summary>Call rules: not reported when the call is an argument (at any depth) of one of these calls (e.g. a sanitiser).</summary>
    public string[] NotInside { get; init; } = [];
    /// <summary>Literal rules: also matched against comments (a key pasted into a comment is still in the source).</summary>
    public bool AlsoComments { get; init; }
}
