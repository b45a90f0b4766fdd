using Arena.Evaluation.Analysis;

namespace Arena.Tests.Analysis;

public class AnalyzerTests
{
    private static readonly PythonAnalyzer Analyzer = new();

    [Fact]
    public void Identity()
    {
        Assert.Equal("arena-pyscan", Analyzer.Id);
        Assert.Matches(@"^\d+\.\d+\.\d+$", Analyzer.Version);
    }

    [Fact]
    public void Nosec_suppresses_the_line_unless_disabled()
    {
        var src = "import os\ndef f(x):\n    os.system(x)  # nosec\n    os.system(x)\n";
        var on = Analyzer.Analyze(src, new AnalyzerOptions());
        Assert.Equal([4], on.Select(f => f.Line).ToArray());
        var off = Analyzer.Analyze(src, new AnalyzerOptions { HonourNosec = false });
        Assert.Equal([3, 4], off.Select(f => f.Line).ToArray());
    }

    [Fact]
    public void Nosec_anywhere_on_a_multi_line_call_suppresses_it()
    {
        var src = "import subprocess\ndef f(c):\n    subprocess.run(\n        c,\n        shell=True,\n    )  # nosec\n    subprocess.run(c, shell=True)\n";
        var found = Analyzer.Analyze(src, new AnalyzerOptions());
        Assert.Equal([7], found.Where(x => x.Rule == "PY-CMD-001").Select(x => x.Line).ToArray());
        var tripleQuoted = "import os\ndef f(x):\n    os.system('''echo\n''' + x)  # nosec\n";
        Assert.Empty(Analyzer.Analyze(tripleQuoted, new AnalyzerOptions()));
        Assert.NotEmpty(Analyzer.Analyze(tripleQuoted, new AnalyzerOptions { HonourNosec = false }));
    }

    [Theory]
    [InlineData("# nosec B605", true)]
    [InlineData("# nosec: PY-CMD-003", true)]
    [InlineData("# nosec PY-CMD-003, B105", true)]
    [InlineData("# nosec B105", false)]
    [InlineData("# nosec PY-SQL-001", false)]
    [InlineData("# NOSEC", true)]
    [InlineData("# nothing here", false)]
    public void Nosec_with_ids_suppresses_only_matching_rules(string comment, bool suppressed)
    {
        var src = $"import os\ndef f(x):\n    os.system(x)  {comment}\n";
        var found = Analyzer.Analyze(src, new AnalyzerOptions());
        Assert.Equal(suppressed, !found.Any(f => f.Rule == "PY-CMD-003"));
    }

    [Fact]
    public void Findings_are_sorted_and_unique_per_rule_and_line()
    {
        var src = "import hashlib, os\ndef f(x):\n    os.system(x); os.system(x)\n    return hashlib.md5(x)\nh = hashlib.sha1(b'a')\n";
        var found = Analyzer.Analyze(src, new AnalyzerOptions());
        Assert.Equal(found.OrderBy(f => f.Line).ThenBy(f => f.Rule, StringComparer.Ordinal), found);
        Assert.Equal(found.Count, found.Select(f => (f.Rule, f.Line)).Distinct().Count());
        Assert.Single(found, f => f.Rule == "PY-CMD-003");
    }

    [Fact]
    public void Empty_and_garbage_inputs_do_not_throw()
    {
        string[] inputs =
        [
            "", " ", "\n\n\n", "\t\t\t", "\0\0\0", "}}}}", "))))", "]]]", "'''", "\"\"\"", "f'{", "f'{{{{", "\\", "@@@@", "def", "class", "import", "from",
            "lambda", "x = (", "x = [1, 2,", "if", "if:", "else:", "try:\nexcept", "with", "with open(", "\u00e9\u00e8 = '\u2603'", "\uFFFF\uD800", "async", "await",
            "f(**)", "f(*)", "a[::]", "a[1:2:3, ...]", "x = yield", "return", "print 'hello'", "exec 'code'", "`backticks`", "$$$", "x = 0o", "x = 1e", "#", "# nosec",
            "def f(:\n  pass", "class (:", "@\ndef", "from . import", "import .", "x: = 1", "for in:", "while", "del", "raise from", "global", "x = f'{a!}'", "x = f'{:}'",
        ];
        foreach (var s in inputs) Assert.NotNull(Analyzer.Analyze(s, new AnalyzerOptions()));
        var rnd = new Random(42);
        const string alphabet = "abcdefxyz_0123456789 \t\n()[]{}:;,.'\"#\\=+-*/%@!<>|&^~rbfu";
        for (int i = 0; i < 300; i++)
        {
            var chars = new char[rnd.Next(1, 400)];
            for (int j = 0; j < chars.Length; j++) chars[j] = alphabet[rnd.Next(alphabet.Length)];
            Assert.NotNull(Analyzer.Analyze(new string(chars), new AnalyzerOptions()));
        }
        var bytes = new byte[5000];
        rnd.NextBytes(bytes);
        Assert.NotNull(Analyzer.Analyze(System.Text.Encoding.Latin1.GetString(bytes), new AnalyzerOptions()));
    }

    [Fact]
    public void Parser_and_walker_do_not_throw_on_token_soup()
    {
        // The analyzer has a last-resort catch; this calls the internals directly so that any exception surfaces.
        string[] vocab = ["def ", "class ", "if ", "else:", "elif ", "for ", " in ", "while ", "with ", " as ", "try:", "except", "finally:", "lambda", ":", "(", ")", "[", "]", "{", "}", ",", ".", "=", "==", "+", "%", "*", "**", "-", "not ", "and ", "or ", "@", "\n", "\n    ", "\n        ", "\t", "'s'", "\"d\"", "f'{x}'", "f\"{", "'''", "\\\n", "#", "# nosec\n", "x", "os", "system", "subprocess", "run", "shell=True", "open", "request", "args", "import ", "from ", "return ", "yield ", "await ", "async ", "1", "0o777", "None", "True", ";", "->", ":=", "...", "match ", "case ", "global ", "del ", "raise ", "in ", "not in ", "is not "];
        var rnd = new Random(7);
        for (int i = 0; i < 1500; i++)
        {
            var sb = new System.Text.StringBuilder();
            int n = rnd.Next(1, i % 50 == 0 ? 20_000 : 300);
            for (int j = 0; j < n; j++) sb.Append(vocab[rnd.Next(vocab.Length)]);
            var module = PyParser.ParseModule(sb.ToString(), out _, out var called);
            Assert.NotNull(PyWalker.Run(module, called));
        }
    }

    [Fact]
    public void Pathological_inputs_complete()
    {
        Assert.NotNull(Analyzer.Analyze(new string('(', 10_000) + new string(')', 10_000), new AnalyzerOptions()));
        Assert.NotNull(Analyzer.Analyze(new string('[', 100_000), new AnalyzerOptions()));
        Assert.NotNull(Analyzer.Analyze("x = f'" + string.Concat(Enumerable.Repeat("{f'", 2000)) + "'\n", new AnalyzerOptions()));
        Assert.NotNull(Analyzer.Analyze(string.Concat(Enumerable.Repeat("    ", 5000)) + "x = 1\n", new AnalyzerOptions()));
        var deep = new System.Text.StringBuilder();
        for (int i = 0; i < 2000; i++) deep.Append(new string(' ', i * 2)).Append("def f").Append(i).Append("(x):\n");
        deep.Append(new string(' ', 4000)).Append("os.system(x)\n");
        Assert.NotNull(Analyzer.Analyze(deep.ToString(), new AnalyzerOptions()));
        foreach (var prefix in new[] { "x = ", "[", "print(", "for ", "{", "f(a, ", "x[", "lambda: ", "not ", "await ", "yield " })
            foreach (var unit in new[] { "*", "**", "-", "not ", "lambda: ", "await ", "(", "[", "{", "f(", "a.", "a if b else " })
                Assert.NotNull(Analyzer.Analyze(prefix + string.Concat(Enumerable.Repeat(unit, 20_000)) + "a\n", new AnalyzerOptions()));
        var chain = "cmd = 'a'\n" + string.Concat(Enumerable.Repeat("cmd = cmd + cmd\n", 5000)) + "os.system(cmd)\n";
        Assert.NotNull(Analyzer.Analyze(chain, new AnalyzerOptions()));
    }

    [Fact]
    public void Hundred_thousand_lines_complete_and_are_analysed_to_the_end()
    {
        var sb = new System.Text.StringBuilder("import os\n");
        for (int i = 0; i < 25_000; i++)
            sb.Append("def f").Append(i).Append("(x):\n    y = x + 1\n    print(y)\n    return y\n");
        sb.Append("os.system(cmd)\n");
        var found = Analyzer.Analyze(sb.ToString(), new AnalyzerOptions());
        Assert.Contains(found, f => f.Rule == "PY-CMD-003" && f.Line == 100_002);
    }

    [Fact]
    public void Crlf_tabs_and_bom_do_not_shift_lines()
    {
        var src = "\uFEFFimport os as o\r\ndef f(x):\r\n\tif x:\r\n\t\to.system(x)\r\n\treturn 1\r\no.system(y)\r\n";
        var lines = Analyzer.Analyze(src, new AnalyzerOptions()).Where(f => f.Rule == "PY-CMD-003").Select(f => f.Line).ToArray();
        Assert.Equal([4, 6], lines);
        var cr = "import os\rdef f(x):\r    os.system(x)\r";
        Assert.Equal([3], Analyzer.Analyze(cr, new AnalyzerOptions()).Select(f => f.Line).ToArray());
    }

    [Fact]
    public void A_finding_on_every_line_of_a_large_file_completes()
    {
        var src = "import os\n" + string.Concat(Enumerable.Repeat("os.system(x)  # nosec PY-SQL-001\n", 60_000));
        var found = Analyzer.Analyze(src, new AnalyzerOptions());
        Assert.Equal(60_000, found.Count);
        Assert.Equal(60_001, found[^1].Line);
    }

    [Fact]
    public void Null_options_mean_defaults()
    {
        Assert.Empty(Analyzer.Analyze("import os\nos.system(x)  # nosec\n", null!));
    }

    [Fact]
    public void Broken_code_in_the_middle_still_reports_later_findings()
    {
        var src = "import pickle\nx = = =\ndef broken(:\n    pass\ndata = pickle.loads(blob)\n";
        Assert.Contains(Analyzer.Analyze(src, new AnalyzerOptions()), f => f.Rule == "PY-DESER-001" && f.Line == 5);
    }

    [Fact]
    public void Realistic_flask_app_gets_the_expected_labels()
    {
        var src = """
            from flask import Flask, request
            import sqlite3
            import subprocess

            app = Flask(__name__)
            app.config['SECRET_KEY'] = 'super-secret-key-123'

            @app.route('/search')
            def search():
                q = request.args.get('q', '')
                conn = sqlite3.connect('app.db')
                cur = conn.cursor()
                cur.execute("SELECT * FROM items WHERE name LIKE '%" + q + "%'")
                rows = cur.fetchall()
                return f"<ul>{''.join(f'<li>{r[0]}</li>' for r in rows)}</ul><p>Results for {q}</p>"

            @app.route('/ping')
            def ping():
                host = request.args.get('host')
                out = subprocess.check_output(f"ping -c 1 {host}", shell=True)
                return out

            if __name__ == "__main__":
                app.run(host="0.0.0.0", debug=True)
            """;
        var found = Analyzer.Analyze(src, new AnalyzerOptions());
        var rules = found.Select(f => f.Rule).ToHashSet();
        Assert.Contains("PY-CRED-001", rules);
        Assert.Contains("PY-SQL-001", rules);
        Assert.Contains("PY-XSS-001", rules);
        Assert.Contains("PY-CMD-001", rules);
        Assert.Contains("PY-DEBUG-001", rules);
        Assert.Contains("PY-BIND-001", rules);
        Assert.Equal(13, found.Single(f => f.Rule == "PY-SQL-001").Line);
    }
}
