using System.Text.Json;
using Arena.Tests.Cli;

namespace Arena.Tests.DataAnalysis;

public sealed class AnalyzeCliTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("arena-analyze-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Analyze_prints_one_json_document_with_every_section()
    {
        var demo = await ArenaProcess.RunAsync(_dir, "demo", "--out", "out", "--sessions", "3");
        Assert.True(demo.ExitCode == 0, demo.Stderr);
        var db = Path.Combine(_dir, "out", "arena.db");
        var r = await ArenaProcess.RunAsync(_dir, "--db", db, "analyze", "--tournament", "demo", "--json", "--embeddings", "lexical", "--max-points", "20", "--seed", "4");
        Assert.True(r.ExitCode == 0, r.Stderr);
        using var doc = JsonDocument.Parse(r.Stdout);
        var root = doc.RootElement;
        var sessions = root.GetProperty("sessions").GetInt32();
        Assert.True(sessions > 20);
        Assert.Equal("lexical", root.GetProperty("embedder").GetProperty("kind").GetString());
        Assert.False(root.GetProperty("embedder").GetProperty("fallback").GetBoolean()); // asked for, so not a fallback
        var byAttacker = root.GetProperty("semantic_diversity").EnumerateArray().Single(d => d.GetProperty("by").GetString() == "attacker");
        var n = byAttacker.GetProperty("groups").GetArrayLength();
        Assert.Equal(n, byAttacker.GetProperty("between").GetArrayLength());
        Assert.Equal(sessions, byAttacker.GetProperty("sizes").EnumerateArray().Sum(s => s.GetInt32()));
        var tsne = root.GetProperty("tsne");
        Assert.Equal(20, tsne.GetProperty("points").GetArrayLength());
        Assert.Equal(sessions, tsne.GetProperty("sampled_from").GetInt32());
        Assert.Contains("stratified sample", tsne.GetProperty("note").GetString());
        Assert.All(tsne.GetProperty("points").EnumerateArray(), p => Assert.False(string.IsNullOrEmpty(p.GetProperty("outcome").GetString())));
        Assert.Contains(root.GetProperty("vulnerable_vs_malicious").EnumerateArray(), row => row.GetProperty("scope").GetString() == "tournament" && row.GetProperty("sessions").GetInt32() == sessions);
        Assert.True(root.GetProperty("bots").GetArrayLength() > 0);
        Assert.Contains("embedded", r.Stderr); // progress goes to stderr
    }

    [Fact]
    public async Task A_capped_embedding_estimates_diversity_from_a_sample_while_tables_count_every_session()
    {
        var demo = await ArenaProcess.RunAsync(_dir, "demo", "--out", "out", "--sessions", "3");
        Assert.True(demo.ExitCode == 0, demo.Stderr);
        var db = Path.Combine(_dir, "out", "arena.db");
        var r = await ArenaProcess.RunAsync(_dir, "--db", db, "analyze", "--json", "--embeddings", "lexical", "--max-embedded", "18");
        Assert.True(r.ExitCode == 0, r.Stderr);
        using var doc = JsonDocument.Parse(r.Stdout);
        var root = doc.RootElement;
        var sessions = root.GetProperty("sessions").GetInt32();
        Assert.Equal(54, sessions); // 6 attackers × 3 defenders × 3
        var byDefender = root.GetProperty("semantic_diversity").EnumerateArray().Single(d => d.GetProperty("by").GetString() == "defender");
        // One embedded session per matchup: 18 in all, 6 per defender.
        Assert.Equal([6, 6, 6], byDefender.GetProperty("sizes").EnumerateArray().Select(x => x.GetInt32()));
        Assert.Contains("stratified sample of 18 of 54", root.GetProperty("embedder").GetProperty("embedded_text").GetString());
        Assert.Equal(18, root.GetProperty("tsne").GetProperty("points").GetArrayLength());
        Assert.Contains(root.GetProperty("vulnerable_vs_malicious").EnumerateArray(), row => row.GetProperty("scope").GetString() == "tournament" && row.GetProperty("sessions").GetInt32() == 54);
    }

    [Fact]
    public async Task Several_tournaments_are_resolved_and_an_unknown_one_is_named()
    {
        var demo = await ArenaProcess.RunAsync(_dir, "demo", "--out", "out", "--sessions", "1");
        Assert.Equal(0, demo.ExitCode);
        var db = Path.Combine(_dir, "out", "arena.db");
        var ok = await ArenaProcess.RunAsync(_dir, "--db", db, "analyze", "--tournament", "demo,demo", "--json", "--embeddings", "lexical");
        Assert.True(ok.ExitCode == 0, ok.Stderr);
        using var doc = JsonDocument.Parse(ok.Stdout);
        Assert.Equal(["demo"], doc.RootElement.GetProperty("tournaments").EnumerateArray().Select(t => t.GetString()));
        var bad = await ArenaProcess.RunAsync(_dir, "--db", db, "analyze", "--tournament", "demo", "--tournament", "nope", "--embeddings", "lexical");
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("'nope'", bad.Stderr);
    }

    [Theory]
    [InlineData("--embeddings", "bert")]
    [InlineData("--embeddings", "openai")]
    [InlineData("--embeddings-url", "http://x/v1")]
    [InlineData("--embeddings-tokens", "500")]
    [InlineData("--seed", "-3")]
    public async Task Bad_options_are_usage_errors(string option, string value)
    {
        var demo = await ArenaProcess.RunAsync(_dir, "demo", "--out", "out", "--sessions", "1");
        Assert.Equal(0, demo.ExitCode);
        var r = await ArenaProcess.RunAsync(_dir, "--db", Path.Combine(_dir, "out", "arena.db"), "analyze", option, value);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains(option, r.Stderr);
        Assert.DoesNotContain("   at ", r.Stderr);
    }
}
