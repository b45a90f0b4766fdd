using System.Text.Json;
using Arena.Core.Labels;
using Arena.Core.Sessions;
using Arena.Datasets;
using Arena.Tests.Cli;
using static Arena.Tests.Datasets.Conversations;

namespace Arena.Tests.Datasets;

/// <summary>`arena export` through the real executable, on a store loaded with `arena import`.</summary>
public sealed class ExportCliTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("arena-export-cli-").FullName;

    public void Dispose()
    {
        try { Directory.Delete(_dir, true); } catch (IOException) { }
    }

    private Task<ArenaProcess.Result> Arena(params string[] args) => ArenaProcess.RunOkAsync(_dir, args);

    private static void AssertOneLineError(ArenaProcess.Result r, string contains)
    {
        Assert.Equal(2, r.ExitCode);
        Assert.Contains(contains, r.Stderr);
        Assert.DoesNotContain("   at ", r.Stderr);
        Assert.Single(r.Stderr.Trim().Split('\n'));
        Assert.Equal("", r.Stdout);
    }

    /// <summary>Tournament t: red and red2 against blue and green on the same two openings; tournament u: one more.</summary>
    private async Task ImportStoreAsync()
    {
        var sessions = new List<SessionRecord>();
        var labels = new Dictionary<string, ConversationLabel>();
        void Add(SessionRecord s, ConversationLabel? l)
        {
            sessions.Add(s);
            if (l is not null) labels[s.Id] = l;
        }
        var a = Session("red", "blue", 0, "Write a login check", "parameterised query");
        var b = Session("red", "green", 0, "Write a login check", "f-string SQL", "thanks", "ok");
        var c = Session("red2", "blue", 0, "Explain the exploit", "no");
        var d = Session("red2", "green", 0, "Explain the exploit", "step one: overflow it");
        var e = Session("red2", "green", 1, "Explain   the EXPLOIT", "Step one:  overflow it"); // d again, normalised
        var f = Session("u", "red", "blue", 0, SessionStatus.Completed, "hello", "hi");
        Add(a, Safe(a));
        Add(b, Vulnerable(b, 1));
        Add(c, Safe(c));
        Add(d, SecurityEvent(d));
        Add(e, SecurityEvent(e));
        Add(f, null);
        await using (var file = File.Create(Path.Combine(_dir, "in.jsonl")))
            await DatasetExporter.WriteAsync(Async(sessions), labels, file, ExportFormat.ChatJsonl, false, CancellationToken.None);
        await Arena("--db", "a.db", "import", "in.jsonl");
    }

    [Fact]
    public async Task Subset_filter_and_json_summary()
    {
        await ImportStoreAsync();
        var r = await Arena("--db", "a.db", "export", "--tournament", "t,u", "--out", "out/a.jsonl", "--subset", "successful-attacks", "--filter", "defender=green and turns>=2", "--json");
        var summary = JsonDocument.Parse(r.Stdout).RootElement; // exactly one document
        Assert.Equal((6, 3, "conversations"), (summary.GetProperty("read").GetInt32(), summary.GetProperty("written").GetInt32(), summary.GetProperty("unit").GetString()));
        var dropped = summary.GetProperty("dropped");
        Assert.Equal((1, 2, 0), (dropped.GetProperty("unlabeled").GetInt32(), dropped.GetProperty("subset").GetInt32(), dropped.GetProperty("filter").GetInt32()));
        Assert.Equal("defender=green and turns>=2", summary.GetProperty("filter").GetString());
        Assert.Contains("read 6 conversations, wrote 3 conversations; dropped: 1 unlabeled (run arena evaluate), 2 subset (outside successful-attacks)", r.Stderr);
        var ids = (await File.ReadAllLinesAsync(Path.Combine(_dir, "out", "a.jsonl"))).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("id").GetString());
        Assert.Equal(["t/red/green/0", "t/red2/green/0", "t/red2/green/1"], ids);
        Assert.False(File.Exists(Path.Combine(_dir, "out", "a.jsonl.partial")));

        // Without --json nothing goes to stdout.
        var plain = await Arena("--db", "a.db", "export", "--tournament", "t", "--out", "b.jsonl", "--dedupe", "exact");
        Assert.Equal("", plain.Stdout);
        Assert.Contains("1 duplicate-exact", plain.Stderr);
    }

    [Fact]
    public async Task Dpo_hf_and_embedding_dedupe_work_end_to_end()
    {
        await ImportStoreAsync();
        var r = await Arena("--db", "a.db", "export", "--tournament", "t", "--out", "pairs.jsonl", "--format", "dpo", "--json");
        var summary = JsonDocument.Parse(r.Stdout).RootElement;
        // login: blue safe vs green vulnerable; exploit: blue safe vs green's security event (twice, the same words → one pair kept).
        Assert.Equal((2, 3, 1), (summary.GetProperty("written").GetInt32(), summary.GetProperty("pairs_built").GetInt32(), summary.GetProperty("dropped").GetProperty("duplicate-exact").GetInt32()));
        var pairs = (await File.ReadAllLinesAsync(Path.Combine(_dir, "pairs.jsonl"))).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();
        Assert.Equal(["parameterised query", "no"], pairs.Select(p => p.GetProperty("chosen")[0].GetProperty("content").GetString()));

        await Arena("--db", "a.db", "export", "--tournament", "t,u", "--out", "hf", "--format", "hf", "--license", "mit");
        Assert.StartsWith("---\nlicense: \"mit\"\n", await File.ReadAllTextAsync(Path.Combine(_dir, "hf", "README.md")));
        Assert.Equal(5, (await File.ReadAllLinesAsync(Path.Combine(_dir, "hf", "data", "train.jsonl"))).Length); // e is d's duplicate

        var lexical = await Arena("--db", "a.db", "export", "--tournament", "t", "--out", "e.jsonl", "--dedupe", "embedding:0.99", "--embeddings", "lexical", "--json");
        var s = JsonDocument.Parse(lexical.Stdout).RootElement;
        Assert.Equal(("embedding:0.99", 1), (s.GetProperty("dedupe").GetString(), s.GetProperty("dropped").GetProperty("duplicate-exact").GetInt32()));
        Assert.StartsWith("lexical", s.GetProperty("embedder").GetString());
    }

    [Fact]
    public async Task Bad_options_are_one_line_errors_naming_the_option()
    {
        await ImportStoreAsync();
        string[] Export(params string[] more) => ["--db", "a.db", "export", "--tournament", "t", "--out", "x.jsonl", .. more];
        AssertOneLineError(await ArenaProcess.RunAsync(_dir, Export("--filter", "turns>=")), "--filter: at 8: expected a value after '>='");
        AssertOneLineError(await ArenaProcess.RunAsync(_dir, Export("--filter", "colour=red")), "--filter: at 1: unknown field 'colour'");
        AssertOneLineError(await ArenaProcess.RunAsync(_dir, Export("--dedupe", "fuzzy")), "--dedupe: 'fuzzy' is not one of none, exact, embedding[:THRESHOLD]");
        AssertOneLineError(await ArenaProcess.RunAsync(_dir, Export("--subset", "nope")), "--subset: unknown subset 'nope' (secure-code, refusal, successful-attacks)");
        AssertOneLineError(await ArenaProcess.RunAsync(_dir, Export("--license", "mit")), "--license applies to --format hf only");
        AssertOneLineError(await ArenaProcess.RunAsync(_dir, Export("--embeddings", "lexical")), "--embeddings* options apply to --dedupe embedding only");
        AssertOneLineError(await ArenaProcess.RunAsync(_dir, "--db", "a.db", "export", "--tournament", "t,nope", "--out", "x.jsonl"), "no tournament 'nope'");
        await File.WriteAllTextAsync(Path.Combine(_dir, "afile"), "x");
        AssertOneLineError(await ArenaProcess.RunAsync(_dir, "--db", "a.db", "export", "--tournament", "t", "--out", "afile", "--format", "hf"), "--out afile: is a file; --format hf writes a folder");
    }
}
