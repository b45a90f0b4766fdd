using Arena.Evaluation.Analysis;

namespace Arena.Tests.Analysis;

public class ParserTests
{
    private static List<Stmt> Parse(string s) => PyParser.ParseModule(s, out _, out _);

    [Fact]
    public void Imports_with_aliases()
    {
        var m = Parse("import os, subprocess as sp\nfrom os import system as s, path\nfrom . import local\nfrom x import (a,\n   b as c)\n");
        var i = Assert.IsType<ImportS>(m[0]);
        Assert.Equal([("os", (string?)null), ("subprocess", "sp")], i.Names);
        var f = Assert.IsType<FromImportS>(m[1]);
        Assert.Equal("os", f.Module);
        Assert.Equal([("system", (string?)"s"), ("path", null)], f.Names);
        Assert.Equal(2, Assert.IsType<FromImportS>(m[3]).Names.Count);
    }

    [Fact]
    public void Assignments_of_every_form()
    {
        var m = Parse("a = b = 1\nx += 'y'\nn: int = 5\np, q = f()\nself.attr = 2\nd['k'] = v\n");
        var a = Assert.IsType<AssignS>(m[0]);
        Assert.Equal(2, a.Targets.Count);
        Assert.Equal("+=", Assert.IsType<AssignS>(m[1]).Op);
        Assert.Equal("=", Assert.IsType<AssignS>(m[2]).Op);
        Assert.IsType<SeqE>(Assert.IsType<AssignS>(m[3]).Targets[0]);
        Assert.IsType<AttrE>(Assert.IsType<AssignS>(m[4]).Targets[0]);
        Assert.IsType<SubscriptE>(Assert.IsType<AssignS>(m[5]).Targets[0]);
    }

    [Fact]
    public void Calls_with_keywords_star_args_and_attribute_chains()
    {
        var m = Parse("a.b.c(1, *xs, key='v', **kw)\n");
        var call = Assert.IsType<CallE>(Assert.IsType<ExprS>(m[0]).Value);
        Assert.Equal("c", Assert.IsType<AttrE>(call.Func).Name);
        Assert.Equal(2, call.Args.Count);
        Assert.NotNull(call.Kw("key"));
        Assert.True(call.HasStar);
    }

    [Fact]
    public void Compound_statements_decorators_with_try()
    {
        var src = """
            @app.route("/x", methods=["GET"])
            async def handler(a, b=2, *args, c: int = 3, **kw) -> str:
                async with open(a) as f, lock:
                    pass
                try:
                    x = 1
                except (ValueError, KeyError) as e:
                    pass
                except Exception:
                    pass
                else:
                    y = 2
                finally:
                    z = 3
                for i, j in enumerate(xs):
                    continue
                while True:
                    break
                if a:
                    pass
                elif b:
                    pass
                else:
                    pass
                return lambda q: q + 1

            class C(Base, metaclass=M):
                def m(self):
                    return [i for i in range(3) if i]
            """;
        var m = Parse(src);
        var d = Assert.IsType<DefS>(m[0]);
        Assert.Single(d.Decorators);
        Assert.Equal(["a", "b", "args", "c", "kw"], d.Params.Select(p => p.Name).ToArray());
        var w = Assert.IsType<WithS>(d.Body[0]);
        Assert.Equal(2, w.Items.Count);
        Assert.IsType<NameE>(w.Items[0].Target);
        var t = Assert.IsType<TryS>(d.Body[1]);
        Assert.Equal(2, t.Handlers.Count);
        Assert.Equal("e", t.Handlers[0].Name);
        Assert.Single(t.Else);
        Assert.Single(t.Finally);
        Assert.Equal("for", Assert.IsType<BlockS>(d.Body[2]).Kind);
        Assert.IsType<ReturnS>(d.Body[^1]);
        var c = Assert.IsType<DefS>(m[1]);
        Assert.True(c.IsClass);
        Assert.IsType<DefS>(c.Body[0]);
    }

    [Fact]
    public void Positional_only_and_keyword_only_parameters()
    {
        var d = Assert.IsType<DefS>(Parse("def f(a, /, b, *, c=1, **kw):\n    return a\n")[0]);
        Assert.Equal(["a", "b", "c", "kw"], d.Params.Select(p => p.Name).ToArray());
        Assert.IsType<ReturnS>(Assert.Single(d.Body));
        var g = Assert.IsType<DefS>(Parse("def g(a, /):\n    pass\n")[0]);
        Assert.Equal(["a"], g.Params.Select(p => p.Name).ToArray());
    }

    [Fact]
    public void Broken_line_in_the_middle_still_parses_later_lines()
    {
        var m = Parse("x = 1\ny = = 2 )(\nprint 'py2'\nz = 3\n");
        Assert.Contains(m, s => s is AssignS a && a.Targets[0] is NameE { Id: "z" });
        Assert.Contains(m, s => s is AssignS a && a.Targets[0] is NameE { Id: "x" });
    }

    [Fact]
    public void Broken_header_still_parses_its_body()
    {
        var m = Parse("if x ==:\n    y = 1\nz = 2\n");
        Assert.Contains(Flatten(m), s => s is AssignS a && a.Targets[0] is NameE { Id: "y" });
        Assert.Contains(m, s => s is AssignS a && a.Targets[0] is NameE { Id: "z" });
    }

    [Fact]
    public void Stray_indentation_and_fragments_are_tolerated()
    {
        var m = Parse("    x = 1\n        y = 2\nz = 3\n    return z\n");
        var all = Flatten(m).ToList();
        Assert.Contains(all, s => s is AssignS a && a.Targets[0] is NameE { Id: "x" });
        Assert.Contains(all, s => s is AssignS a && a.Targets[0] is NameE { Id: "y" });
        Assert.Contains(all, s => s is ReturnS);
    }

    [Fact]
    public void Match_statement_and_walrus_do_not_break_parsing()
    {
        var m = Parse("match cmd:\n    case 'a':\n        x = 1\nif (n := len(a)) > 1:\n    y = 2\n");
        var all = Flatten(m).ToList();
        Assert.Contains(all, s => s is AssignS a && a.Targets[0] is NameE { Id: "x" });
        Assert.Contains(all, s => s is AssignS a && a.Targets[0] is NameE { Id: "y" });
    }

    [Fact]
    public void F_string_fields_become_expressions()
    {
        var m = Parse("q = f\"SELECT {cols} FROM t WHERE id = {ident.strip()}\"\n");
        var f = Assert.IsType<FStrE>(Assert.IsType<AssignS>(m[0]).Value);
        Assert.Equal(2, f.Parts.Count);
        Assert.IsType<NameE>(f.Parts[0]);
        Assert.IsType<CallE>(f.Parts[1]);
    }

    [Fact]
    public void Deeply_nested_brackets_are_bounded()
    {
        var src = new string('(', 10_000) + "1" + new string(')', 10_000) + "\nx = 2\n";
        var m = Parse(src);
        Assert.Contains(m, s => s is AssignS a && a.Targets[0] is NameE { Id: "x" });
        var mixed = string.Concat(Enumerable.Repeat("[{(", 5000)) + "\ny = 1\n";
        Assert.NotNull(Parse(mixed));
    }

    [Fact]
    public void Long_operator_and_attribute_chains_are_bounded()
    {
        var plus = "x = " + string.Join(" + ", Enumerable.Repeat("a", 50_000)) + "\n";
        Assert.Single(Parse(plus));
        var mixed = "x = " + string.Join(" - ", Enumerable.Repeat("a + b", 20_000)) + "\n";
        Assert.Single(Parse(mixed));
        var attrs = "x = a" + string.Concat(Enumerable.Repeat(".b", 50_000)) + "\n";
        Assert.Single(Parse(attrs));
        var unary = "x = " + new string('-', 50_000) + "1\n";
        Assert.Single(Parse(unary));
        var nots = "x = " + string.Concat(Enumerable.Repeat("not ", 20_000)) + "y\n";
        Assert.Single(Parse(nots));
        var calls = "f" + string.Concat(Enumerable.Repeat("()", 50_000)) + "\n";
        Assert.Single(Parse(calls));
    }

    [Fact]
    public void Deep_block_nesting_is_bounded()
    {
        var sb = new System.Text.StringBuilder();
        for (int i = 0; i < 3000; i++) sb.Append(new string(' ', i)).Append("if x:\n");
        sb.Append(new string(' ', 3000)).Append("y = 1\n");
        Assert.NotNull(Parse(sb.ToString()));
        var elifs = "if a:\n    pass\n" + string.Concat(Enumerable.Repeat("elif b:\n    pass\n", 20_000));
        Assert.Single(Parse(elifs));
    }

    internal static IEnumerable<Stmt> Flatten(IEnumerable<Stmt> body)
    {
        foreach (var s in body)
        {
            yield return s;
            var children = s switch
            {
                DefS d => d.Body,
                WithS w => w.Body,
                BlockS b => b.Body.Concat(b.Else),
                TryS t => t.Body.Concat(t.Handlers.SelectMany(h => h.Body)).Concat(t.Else).Concat(t.Finally),
                _ => [],
            };
            foreach (var c in Flatten(children)) yield return c;
        }
    }
}
