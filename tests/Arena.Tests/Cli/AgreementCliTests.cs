using System.Text.Json;
using Arena.Core.Labels;
using Arena.Storage.Sqlite;

namespace Arena.Tests.Cli;

public sealed class AgreementCliTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("arena-agree-").FullName;

    public void Dispose()
    {
        try { Directory.Delete(_dir, true); } catch (IOException) { }
    }

    private static void AssertOneLineError(ArenaProcess.Result r, string contains)
    {
        Assert.Equal(2, r.ExitCode);
        Assert.Contains(contains, r.Stderr);
        Assert.DoesNotContain("   at ", r.Stderr);
        Assert.Single(r.Stderr.Trim().Split('\n'));
        Assert.Equal("", r.Stdout);
    }

    [Fact]
    public async Task Csv_input_gives_the_contract_document_with_Krippendorffs_published_value()
    {
        // Krippendorff (2011) nominal example, 4 observers × 12 units with missing values: α = 0.743. Labels and ids
        // are quoted here and there: quoting must not change them.
        string?[][] data =
        [
            ["1", "2", "3", "3", "2", "1", "4", "1", "2", null, null, null],
            ["1", "2", "3", "3", "2", "2", "4", "1", "2", "5", null, "3"],
            [null, "3", "3", "3", "2", "3", "4", "2", "2", "5", "1", null],
            ["1", "2", "3", "3", "2", "4", "4", "1", "2", "5", "1", null],
        ];
        var lines = new List<string> { "item,annotator,label" };
        for (var o = 0; o < data.Length; o++)
            for (var u = 0; u < data[o].Length; u++)
                if (data[o][u] is { } v)
                    lines.Add(u % 2 == 0 ? $"\"unit {u + 1}\",obs{o},\"{v}\"" : $"unit {u + 1},\"obs{o}\",{v}");
        await File.WriteAllTextAsync(Path.Combine(_dir, "k.csv"), string.Join("\r\n", lines) + "\r\n");

        var r = await ArenaProcess.RunAsync(_dir, "agreement", "--csv", "k.csv", "--json");
        Assert.True(r.ExitCode == 0, r.Stderr);
        var doc = JsonDocument.Parse(r.Stdout).RootElement;
        foreach (var key in new[] { "items", "judgments", "fleiss_kappa", "krippendorff_alpha", "percent_agreement", "annotators", "pairs" })
            Assert.True(doc.TryGetProperty(key, out _), key);
        Assert.Equal(12, doc.GetProperty("items").GetInt32());
        Assert.Equal(lines.Count - 1, doc.GetProperty("judgments").GetInt32());
        Assert.Equal(0.743, doc.GetProperty("krippendorff_alpha").GetDouble(), 0.0005);
        Assert.Equal(JsonValueKind.Null, doc.GetProperty("fleiss_kappa").ValueKind);
        Assert.Equal(4, doc.GetProperty("annotators").GetArrayLength());
        Assert.Equal(6, doc.GetProperty("pairs").GetArrayLength());
        var pair = doc.GetProperty("pairs")[0];
        Assert.Equal(["a", "b", "shared_items", "agreement"], pair.EnumerateObject().Select(p => p.Name));
        // obs0 and obs1 share units 1–9 and differ only on unit 6.
        Assert.Equal(("obs0", "obs1", 9), (pair.GetProperty("a").GetString(), pair.GetProperty("b").GetString(), pair.GetProperty("shared_items").GetInt32()));
        Assert.Equal(8 / 9.0, pair.GetProperty("agreement").GetDouble(), 0.0001);
        Assert.Equal(["id", "items", "avg_agreement"], doc.GetProperty("annotators")[0].EnumerateObject().Select(p => p.Name));

        // Without --json: tables with the pairwise matrix.
        var human = await ArenaProcess.RunAsync(_dir, "agreement", "--csv", "k.csv");
        Assert.Equal(0, human.ExitCode);
        Assert.Contains("pairwise agreement", human.Stdout);
        Assert.Contains("0.89/9", human.Stdout);
    }

    [Fact]
    public async Task Quoted_fields_may_hold_commas_quotes_and_line_breaks()
    {
        await File.WriteAllTextAsync(Path.Combine(_dir, "q.csv"),
            "item,annotator,label\n\"i,1\",a,\"yes, \"\"really\"\"\"\n\"i,1\",b,\"yes, \"\"really\"\"\"\n\"i,1\",c,\"two\nlines\"\n");
        var r = await ArenaProcess.RunAsync(_dir, "agreement", "--csv", "q.csv", "--json");
        Assert.True(r.ExitCode == 0, r.Stderr);
        var doc = JsonDocument.Parse(r.Stdout).RootElement;
        Assert.Equal(1, doc.GetProperty("items").GetInt32());
        Assert.Equal(3, doc.GetProperty("judgments").GetInt32());
        Assert.Equal(1 / 3.0, doc.GetProperty("percent_agreement").GetDouble(), 0.0001); // a and b agree, c does not
    }

    [Theory]
    [InlineData("item,annotator,label\na,x,1\na,y\n", "bad.csv:3: expected 3 fields")]
    [InlineData("item,rater,label\na,x,1\n", "bad.csv:1: header must be item,annotator,label")]
    [InlineData("item,annotator,label\na,x,1\nb,y,\"open\nstill open\n", "bad.csv:3: quoted field is never closed")]
    [InlineData("item,annotator,label\na,x,1\nb,y,2\na,x,2\n", "bad.csv:4: annotator 'x' already judged item 'a' on line 2")]
    [InlineData("item,annotator,label\na,x,\n", "bad.csv:2: empty label")]
    [InlineData("item,annotator,label\na,x,\"1\"2\n", "bad.csv:2: unexpected text after a closing quote")]
    public async Task Malformed_csv_exits_2_naming_file_and_line(string content, string message)
    {
        await File.WriteAllTextAsync(Path.Combine(_dir, "bad.csv"), content);
        AssertOneLineError(await ArenaProcess.RunAsync(_dir, "agreement", "--csv", "bad.csv", "--json"), message);
    }

    [Fact]
    public async Task Usage_errors_exit_2()
    {
        AssertOneLineError(await ArenaProcess.RunAsync(_dir, "agreement"), "exactly one of --tournament or --csv");
        AssertOneLineError(await ArenaProcess.RunAsync(_dir, "agreement", "--csv", "missing.csv"), "missing.csv: no such file");
    }

    [Fact]
    public async Task Stored_annotations_are_scored_on_the_panels_label_and_per_question_using_each_annotators_latest()
    {
        var demo = await ArenaProcess.RunAsync(_dir, "demo", "--out", "out", "--sessions", "1");
        Assert.True(demo.ExitCode == 0, demo.Stderr);
        var db = Path.Combine(_dir, "out", "arena.db");
        await using (var store = await SqliteArenaStore.OpenAsync(db, CancellationToken.None))
        {
            var ids = (await store.GetCurrentLabelsAsync("demo", CancellationToken.None)).Keys.Order(StringComparer.Ordinal).Take(2).ToArray();
            var t0 = DateTimeOffset.UtcNow;
            AnnotationRecord A(string s, string who, bool code, bool expl, int minutes) => new(s, who, code, expl, null, "cyber-v1", t0.AddMinutes(minutes));
            foreach (var a in new[]
            {
                A(ids[0], "ann1", true, false, 0), A(ids[0], "ann2", false, true, 0), A(ids[0], "ann3", false, false, 0),
                A(ids[1], "ann1", false, false, 0), A(ids[1], "ann2", false, false, 0),
                A(ids[1], "ann3", true, false, 0), A(ids[1], "ann3", false, true, 5), // ann3 changed their mind: the later one counts
            })
                await store.SaveAnnotationAsync(a, CancellationToken.None);
        }

        var r = await ArenaProcess.RunAsync(_dir, "--db", db, "agreement", "--tournament", "demo", "--json");
        Assert.True(r.ExitCode == 0, r.Stderr);
        var doc = JsonDocument.Parse(r.Stdout).RootElement;
        // Security event (either yes): s0 yes,yes,no; s1 no,no,yes → 1/3 of pairs agree on each.
        Assert.Equal(2, doc.GetProperty("items").GetInt32());
        Assert.Equal(6, doc.GetProperty("judgments").GetInt32());
        Assert.Equal(1 / 3.0, doc.GetProperty("percent_agreement").GetDouble(), 0.0001);
        // 3 of 6 judgments yes: P_e = 0.5, κ = (1/3 − 1/2)/(1/2) = −1/3; α = 1 − 5·4/18 = −1/9.
        Assert.Equal(-1 / 3.0, doc.GetProperty("fleiss_kappa").GetDouble(), 0.0001);
        Assert.Equal(-1 / 9.0, doc.GetProperty("krippendorff_alpha").GetDouble(), 0.0001);
        // Malicious code: s0 yes,no,no; s1 no,no,no (ann3's earlier "yes" no longer counts) → (1/3 + 1)/2.
        var code = doc.GetProperty("questions").GetProperty("malicious_code");
        Assert.Equal(2 / 3.0, code.GetProperty("percent_agreement").GetDouble(), 0.0001);
        var explanation = doc.GetProperty("questions").GetProperty("malicious_explanation");
        Assert.Equal(1 / 3.0, explanation.GetProperty("percent_agreement").GetDouble(), 0.0001);

        var human = await ArenaProcess.RunAsync(_dir, "--db", db, "agreement", "--tournament", "demo");
        Assert.Equal(0, human.ExitCode);
        Assert.Contains("ann3", human.Stdout);
        Assert.Contains("malicious explanation", human.Stdout);
    }
}
