using Arena.Evaluation.Analysis;

namespace Arena.Tests.Analysis;

public class TokenizerTests
{
    private static List<Tok> Lex(string s) => PyTokenizer.Tokenize(s, out _);

    private static List<Tok> Strings(string s) => Lex(s).Where(t => t.Kind == TokKind.String).ToList();

    [Theory]
    [InlineData("x = 'single'", "single")]
    [InlineData("x = \"double\"", "double")]
    [InlineData("x = r'C:\\new\\dir'", "C:\\new\\dir")]
    [InlineData("x = b'bytes'", "bytes")]
    [InlineData("x = Rb'raw bytes'", "raw bytes")]
    [InlineData("x = u'unicode'", "unicode")]
    [InlineData("x = 'it\\'s'", "it's")]
    [InlineData("x = 'tab\\there'", "tab\there")]
    public void Single_line_strings_of_every_prefix(string src, string value)
    {
        var s = Assert.Single(Strings(src));
        Assert.Equal(value, s.Text);
    }

    [Fact]
    public void Bytes_and_f_flags_are_recorded()
    {
        var toks = Strings("a = b'x'\nb = f'{y}'\nc = rf'{z}\\d'\n");
        Assert.True(toks[0].IsBytes);
        Assert.True(toks[1].IsF);
        Assert.True(toks[2].IsF);
        Assert.Equal("z", Assert.Single(toks[2].Fields!).Expr);
    }

    [Fact]
    public void Triple_quoted_strings_span_lines_and_keep_line_numbers()
    {
        var toks = Lex("x = '''a\n'b'\nc'''\ny = 1\n");
        var s = toks.Single(t => t.Kind == TokKind.String);
        Assert.Equal("a\n'b'\nc", s.Text);
        Assert.Equal(1, s.Line);
        Assert.Equal(4, toks.First(t => t.Kind == TokKind.Name && t.Text == "y").Line);
    }

    [Fact]
    public void F_string_fields_with_nested_quotes_braces_and_format_specs()
    {
        var s = Assert.Single(Strings("msg = f\"{user['name']!r:>10} has {len({1: 2})} items {{literal}} {f'{inner}'}\"\n"));
        Assert.True(s.IsF);
        Assert.Equal(["user['name']", "len({1: 2})", "f'{inner}'"], s.Fields!.Select(f => f.Expr).ToArray());
        Assert.Contains("{literal}", s.Text);
    }

    [Fact]
    public void Python312_same_quote_nesting_in_f_strings()
    {
        var s = Assert.Single(Strings("x = f\"{d[\"k\"]} done\"\n"));
        Assert.Equal("d[\"k\"]", Assert.Single(s.Fields!).Expr);
        Assert.EndsWith(" done", s.Text);
    }

    [Fact]
    public void Self_documenting_f_string_field()
    {
        var s = Assert.Single(Strings("x = f'{value=}'\n"));
        Assert.Equal("value", Assert.Single(s.Fields!).Expr);
    }

    [Fact]
    public void Backslash_continuation_joins_lines()
    {
        var toks = Lex("x = 1 + \\\n    2\ny = 3\n");
        Assert.Equal(2, toks.Count(t => t.Kind == TokKind.Newline));
        Assert.DoesNotContain(toks, t => t.Kind == TokKind.Indent);
    }

    [Fact]
    public void Newlines_inside_brackets_are_ignored()
    {
        var toks = Lex("f(a,\n  b,\n      c)\nx = 1\n");
        Assert.Equal(2, toks.Count(t => t.Kind == TokKind.Newline));
        Assert.DoesNotContain(toks, t => t.Kind == TokKind.Indent);
    }

    [Fact]
    public void Comments_are_kept_per_line_and_hash_in_string_is_not_a_comment()
    {
        PyTokenizer.Tokenize("x = '# not a comment'\ny = 2  # nosec B105\n# full line\n", out var comments);
        Assert.False(comments.ContainsKey(1));
        Assert.Equal("# nosec B105", comments[2]);
        Assert.Equal("# full line", comments[3]);
    }

    [Fact]
    public void Indent_and_dedent_are_balanced_and_stray_indent_opens_a_block()
    {
        var toks = Lex("def f():\n    x = 1\n        y = 2\n  z = 3\nw = 4\n");
        Assert.Equal(toks.Count(t => t.Kind == TokKind.Indent), toks.Count(t => t.Kind == TokKind.Dedent));
        Assert.True(toks.Count(t => t.Kind == TokKind.Indent) >= 2);
    }

    [Fact]
    public void Unterminated_strings_end_at_the_line_or_file_end()
    {
        var toks = Lex("x = 'oops\ny = 2\nz = '''never closed\n");
        Assert.Contains(toks, t => t.Kind == TokKind.Name && t.Text == "y");
        Assert.Equal(TokKind.Eof, toks[^1].Kind);
    }

    [Fact]
    public void Unclosed_bracket_recovers_at_the_next_statement_keyword()
    {
        var toks = Lex("x = foo(1,\ndef g():\n    pass\n");
        var def = toks.First(t => t.Text == "def");
        Assert.Equal(TokKind.Newline, toks[toks.IndexOf(def) - 1].Kind);
    }

    [Fact]
    public void Numbers_and_operators()
    {
        var toks = Lex("x = 0o777 | 0x1F ** 2 // 1e-3 != 3.5j\n");
        Assert.Equal(["0o777", "0x1F", "2", "1e-3", "3.5j"], toks.Where(t => t.Kind == TokKind.Number).Select(t => t.Text).ToArray());
        Assert.Contains(toks, t => t.Kind == TokKind.Op && t.Text == "**");
        Assert.Contains(toks, t => t.Kind == TokKind.Op && t.Text == "//");
        Assert.Contains(toks, t => t.Kind == TokKind.Op && t.Text == "!=");
    }
}
