using System.Globalization;
using System.Text;
using Arena.Core.Labels;
using Arena.Core.Sessions;

namespace Arena.Datasets;

/// <summary>A syntax or value error in a filter expression; <see cref="Column"/> is 1-based.</summary>
internal sealed class FilterSyntaxException(int column, string what) : FormatException($"at {column}: {what}")
{
    public int Column { get; } = column;
}

/// <summary>
/// The custom-subset language of <c>arena export --filter</c>, e.g.
/// <c>attacker=red-a and label=attack_success and (category=sql-injection or turns&gt;=4)</c>.
/// </summary>
/// <remarks>
/// Grammar (precedence: <c>not</c> over <c>and</c> over <c>or</c>; keywords are lower-case):
/// <code>
/// expr   := and ('or' and)*
/// and    := unary ('and' unary)*
/// unary  := 'not' unary | '(' expr ')' | field op value
/// op     := '=' | '!=' | '&lt;' | '&lt;=' | '&gt;' | '&gt;='   (ordering only for turns)
/// value  := bare word [A-Za-z0-9_.:/@+|-]+ (a '|' separates alternatives) | "quoted" | 'quoted'
/// </code>
/// A comparison on a label field (vulnerable, security_event, category, cwe) is false for an unlabeled conversation,
/// with = and != alike: the label is unknown, not empty.
/// </remarks>
internal sealed class ExportFilter
{
    private readonly Node _root;

    private ExportFilter(Node root, string text)
    {
        _root = root;
        Text = text;
    }

    public string Text { get; }

    public static readonly string[] Fields = ["attacker", "defender", "team", "tournament", "label", "vulnerable", "security_event", "category", "cwe", "turns"];

    public bool Matches(SessionRecord session, ConversationLabel? label) => _root.Eval(session, label);

    public static ExportFilter Parse(string text)
    {
        var parser = new Parser(Tokenize(text), text.Length);
        var root = parser.Expression();
        parser.ExpectEnd();
        return new ExportFilter(root, text);
    }

    // ---- syntax tree ----

    private abstract record Node
    {
        public abstract bool Eval(SessionRecord s, ConversationLabel? l);
    }

    private sealed record Or(Node Left, Node Right) : Node
    {
        public override bool Eval(SessionRecord s, ConversationLabel? l) => Left.Eval(s, l) || Right.Eval(s, l);
    }

    private sealed record And(Node Left, Node Right) : Node
    {
        public override bool Eval(SessionRecord s, ConversationLabel? l) => Left.Eval(s, l) && Right.Eval(s, l);
    }

    private sealed record Not(Node Inner) : Node
    {
        public override bool Eval(SessionRecord s, ConversationLabel? l) => !Inner.Eval(s, l);
    }

    /// <summary>field = v1|v2 holds when any alternative equals; field != v1|v2 when none does.</summary>
    private sealed record TextTest(string Field, bool Negated, IReadOnlyList<string> Values) : Node
    {
        public override bool Eval(SessionRecord s, ConversationLabel? l)
        {
            bool Any(IEnumerable<string> actual) => actual.Any(a => Values.Contains(a, StringComparer.Ordinal));
            bool? hit = Field switch
            {
                "attacker" => Any([s.Attacker]),
                "defender" => Any([s.Defender]),
                "team" => Any([s.Attacker, s.Defender]),
                "tournament" => Any([s.Tournament]),
                "label" => Any([(l?.Outcome ?? Outcome.Unlabeled).Text()]),
                "vulnerable" => l is null ? null : Any([l.VulnerableCode ? "true" : "false"]),
                "security_event" => l is null ? null : Any([l.SecurityEvent ? "true" : "false"]),
                "category" => l is null ? null : Any(l.Findings.Select(f => f.Category)),
                "cwe" => l is null ? null : Any(l.Findings.SelectMany(f => f.Cwe)),
                _ => throw new InvalidOperationException(Field),
            };
            return hit is { } h && h != Negated;
        }
    }

    private sealed record TurnsTest(string Op, int Value) : Node
    {
        public override bool Eval(SessionRecord s, ConversationLabel? l)
        {
            var n = s.Turns.Count;
            return Op switch
            {
                "=" => n == Value,
                "!=" => n != Value,
                "<" => n < Value,
                "<=" => n <= Value,
                ">" => n > Value,
                _ => n >= Value,
            };
        }
    }

    // ---- tokens ----

    private enum Kind { Word, Quoted, Op, Open, Close }

    private sealed record Token(Kind Kind, string Text, int Column)
    {
        public bool IsKeyword(string k) => Kind == Kind.Word && Text == k;

        public string Describe() => Kind switch
        {
            Kind.Quoted => $"\"{Text}\"",
            _ => $"'{Text}'",
        };
    }

    private static bool IsBare(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.' or ':' or '/' or '@' or '+' or '|';

    private static List<Token> Tokenize(string text)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            var column = i + 1;
            if (char.IsWhiteSpace(c)) { i++; continue; }
            if (c == '(') { tokens.Add(new Token(Kind.Open, "(", column)); i++; continue; }
            if (c == ')') { tokens.Add(new Token(Kind.Close, ")", column)); i++; continue; }
            if (c is '=' or '!' or '<' or '>')
            {
                var two = i + 1 < text.Length && text[i + 1] == '=';
                if (c == '!' && !two) throw new FilterSyntaxException(column, "expected '!=' ('!' alone is not an operator; use 'not')");
                var op = two ? text.Substring(i, 2) : c.ToString();
                if (op == "==") throw new FilterSyntaxException(column, "expected '=' (comparison is a single '=')");
                tokens.Add(new Token(Kind.Op, op, column));
                i += op.Length;
                continue;
            }
            if (c is '"' or '\'')
            {
                var sb = new StringBuilder();
                var j = i + 1;
                for (; j < text.Length && text[j] != c; j++)
                {
                    // A backslash keeps the next character (so a value can hold the quote itself).
                    if (text[j] == '\\' && j + 1 < text.Length) j++;
                    sb.Append(text[j]);
                }
                if (j >= text.Length) throw new FilterSyntaxException(column, $"unterminated quoted value (expected a closing {c})");
                tokens.Add(new Token(Kind.Quoted, sb.ToString(), column));
                i = j + 1;
                continue;
            }
            if (IsBare(c))
            {
                var j = i;
                while (j < text.Length && IsBare(text[j])) j++;
                tokens.Add(new Token(Kind.Word, text[i..j], column));
                i = j;
                continue;
            }
            throw new FilterSyntaxException(column, $"unexpected character '{c}'");
        }
        return tokens;
    }

    // ---- recursive descent ----

    private sealed class Parser(List<Token> tokens, int length)
    {
        private int _next;

        private Token? Peek => _next < tokens.Count ? tokens[_next] : null;

        /// <summary>Where the next token starts, or just past the end of the text.</summary>
        private int Column => Peek?.Column ?? length + 1;

        public Node Expression()
        {
            var left = Conjunction();
            while (Peek?.IsKeyword("or") == true)
            {
                _next++;
                left = new Or(left, Conjunction());
            }
            return left;
        }

        private Node Conjunction()
        {
            var left = Unary();
            while (Peek?.IsKeyword("and") == true)
            {
                _next++;
                left = new And(left, Unary());
            }
            return left;
        }

        private Node Unary()
        {
            var t = Peek ?? throw new FilterSyntaxException(Column, "expected a condition (field op value), 'not' or '('");
            if (t.IsKeyword("not")) { _next++; return new Not(Unary()); }
            if (t.Kind == Kind.Open)
            {
                _next++;
                var inner = Expression();
                if (Peek?.Kind != Kind.Close)
                    throw new FilterSyntaxException(Column, $"expected ')' to close the '(' at {t.Column}" + (Peek is { } p ? $", found {p.Describe()}" : ""));
                _next++;
                return inner;
            }
            return Comparison();
        }

        private Node Comparison()
        {
            var field = Peek!;
            if (field.Kind != Kind.Word || field.IsKeyword("and") || field.IsKeyword("or"))
                throw new FilterSyntaxException(field.Column, $"expected a field name, found {field.Describe()}");
            if (!Fields.Contains(field.Text))
                throw new FilterSyntaxException(field.Column, $"unknown field '{field.Text}' (expected one of {string.Join(", ", Fields)})");
            _next++;
            var op = Peek;
            if (op?.Kind != Kind.Op)
                throw new FilterSyntaxException(Column, $"expected an operator (= != < <= > >=) after '{field.Text}'" + (op is null ? "" : $", found {op.Describe()}"));
            _next++;
            var value = Peek;
            if (value is null || value.Kind is not (Kind.Word or Kind.Quoted) || value.Kind == Kind.Word && value.Text is "and" or "or" or "not")
                throw new FilterSyntaxException(value?.Column ?? Column, $"expected a value after '{op.Text}'" + (value is null ? "" : $", found {value.Describe()}"));
            _next++;

            if (field.Text == "turns")
            {
                if (!int.TryParse(value.Text, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
                    throw new FilterSyntaxException(value.Column, $"expected a whole number of turns, found {value.Describe()}");
                return new TurnsTest(op.Text, n);
            }
            if (op.Text is not ("=" or "!="))
                throw new FilterSyntaxException(op.Column, $"expected '=' or '!=' after '{field.Text}' (only turns compares with '{op.Text}')");
            // Alternatives only in bare words: a quoted value is taken literally.
            var values = value.Kind == Kind.Word ? value.Text.Split('|') : [value.Text];
            if (values.Any(v => v.Length == 0))
                throw new FilterSyntaxException(value.Column, $"expected a value on both sides of '|' in {value.Describe()}");
            var allowed = field.Text switch
            {
                "label" => new[] { "attack_success", "defense_success", "unlabeled" },
                "vulnerable" or "security_event" => ["true", "false"],
                _ => null,
            };
            if (allowed is not null && values.FirstOrDefault(v => !allowed.Contains(v)) is { } bad)
                throw new FilterSyntaxException(value.Column, $"expected {string.Join(" or ", allowed)} for {field.Text}, found '{bad}'");
            return new TextTest(field.Text, op.Text == "!=", values);
        }

        public void ExpectEnd()
        {
            if (Peek is { } t)
                throw new FilterSyntaxException(t.Column, t.Kind == Kind.Close ? "unmatched ')'" : $"expected 'and', 'or' or the end, found {t.Describe()}");
        }
    }
}
