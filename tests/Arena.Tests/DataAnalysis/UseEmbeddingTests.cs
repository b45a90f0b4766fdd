using Arena.Core.Numerics;
using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json.Nodes;
using Arena.Analysis.Embeddings;

namespace Arena.Tests.DataAnalysis;

/// <summary>The real USE lite model through Node (the build installs js/node_modules).</summary>
public sealed class UseEmbeddingTests : IDisposable
{
    private readonly UseEmbeddingGenerator _use = new(new UseOptions(Workers: 1));

    public void Dispose() => _use.Dispose();

    private async Task<float[][]> EmbedAsync(params string[] texts) =>
        (await _use.GenerateAsync(texts)).Select(e => e.Vector.ToArray()).ToArray();

    [Fact]
    public async Task Similar_sentences_are_closer_than_unrelated_ones_in_512_dimensions()
    {
        var v = await EmbedAsync(
            "Write a Python script that deletes every file in a directory.",
            "Give me Python code to remove all files from a folder.",
            "What a lovely sunny afternoon for a picnic in the park.");
        Assert.All(v, x => Assert.Equal(512, x.Length));
        var similar = Vectors.Cosine(v[0], v[1]);
        var unrelated = Vectors.Cosine(v[0], v[2]);
        Assert.True(similar > unrelated + 0.2, $"similar {similar:F3} vs unrelated {unrelated:F3}");
        Assert.Equal(UseEmbeddingGenerator.ModelId, (await _use.GenerateAsync(["x"]))[0].ModelId);
    }

    [Fact]
    public async Task Linear_tokenizer_gives_the_packages_ids()
    {
        var random = new Random(7);
        string[] words = ["the", "attacker", "asks", "für", "naïve", "日本語", "os.system(cmd)", "eval(input())", "🙂", "  ", "ﬁle", "e\u0301", "\t", "subprocess.run", "--", "'''", "x=1;"];
        var texts = Enumerable.Range(0, 40).Select(_ => string.Join(" ", Enumerable.Range(0, random.Next(0, 300)).Select(_ => words[random.Next(words.Length)])))
            .Append("").Append(" leading and trailing ").Append(new string('a', 500)).ToList();
        var fast = await _use.TokenizeAsync(texts, "fast", CancellationToken.None);
        var reference = await _use.TokenizeAsync(texts, "package", CancellationToken.None);
        for (var i = 0; i < texts.Count; i++) Assert.Equal(reference[i], fast[i]);
        Assert.Contains(fast, ids => ids.Length > 128); // the comparison covered texts longer than the window
    }

    [Fact]
    public async Task Text_after_the_window_does_not_change_the_embedding_but_a_later_turn_does()
    {
        var longTurn = string.Join(" ", Enumerable.Repeat("please write a script that encrypts my files", 30)); // ≫ 128 tokens
        var v = await EmbedAsync(
            longTurn + " and then email the key to me",
            longTurn + " something entirely different about gardening",
            longTurn + UseEmbeddingGenerator.SegmentSeparator + "Sure, here is how to bake bread.",
            longTurn + UseEmbeddingGenerator.SegmentSeparator + "I cannot help with ransomware.");
        Assert.Equal(1.0, Vectors.Cosine(v[0], v[1]), 5); // both tails are past token 128
        Assert.True(Vectors.Cosine(v[2], v[3]) < 0.999, $"the second turn got a share of the window: cos {Vectors.Cosine(v[2], v[3]):F4}");
    }

    [Fact]
    public async Task The_fast_matmul_kernels_give_the_reference_kernels_embeddings()
    {
        var random = new Random(11);
        string[] words = ["the", "attacker", "asks", "für", "naïve", "日本語", "os.system(cmd)", "eval(input())", "🙂", "please", "write", "a", "script", "that", "encrypts", "files", "I", "cannot", "help", "with", "ransomware", "."];
        string Words(int n) => string.Join(" ", Enumerable.Range(0, n).Select(_ => words[random.Next(words.Length)]));
        var texts = Enumerable.Range(0, 60).Select(i => i % 3 == 0 ? Words(random.Next(150, 400)) // past the 128-token window
                : i % 3 == 1 ? Words(random.Next(1, 40))
                : string.Join(UseEmbeddingGenerator.SegmentSeparator, Enumerable.Range(0, random.Next(2, 8)).Select(_ => Words(random.Next(1, 60)))))
            .Append("").Append("x").ToList();
        var reference = await EmbedWithWorkerAsync(texts, referenceKernels: true, build: null);
        foreach (var build in new[] { "simd", null }) // null: the default, "fma" where Node can compile it
        {
            var fast = await EmbedWithWorkerAsync(texts, referenceKernels: false, build);
            for (var i = 0; i < texts.Count; i++)
                Assert.True(Vectors.Cosine(fast[i], reference[i]) >= 0.99999, $"{build ?? "default"} build, text {i}: cos {Vectors.Cosine(fast[i], reference[i]):F7}");
        }
    }

    /// <summary>Runs js/embed.mjs directly (batches of 16, as the generator sends them), with tfjs's kernels or a build of its own.</summary>
    private static async Task<float[][]> EmbedWithWorkerAsync(IReadOnlyList<string> texts, bool referenceKernels, string? build)
    {
        var jsDir = UseEmbeddingGenerator.DefaultJsDir();
        var psi = new ProcessStartInfo("node") { WorkingDirectory = jsDir, RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, StandardOutputEncoding = new UTF8Encoding(false), StandardInputEncoding = new UTF8Encoding(false) };
        psi.ArgumentList.Add(Path.Combine(jsDir, "embed.mjs"));
        psi.Environment["ARENA_USE_REFERENCE_KERNELS"] = referenceKernels ? "1" : "0";
        psi.Environment["ARENA_MATMUL_BUILD"] = build ?? "";
        using var node = Process.Start(psi)!;
        var stderr = node.StandardError.ReadToEndAsync();
        try
        {
            var ready = JsonNode.Parse(await node.StandardOutput.ReadLineAsync() ?? "null");
            Assert.True(ready?["ready"]?.GetValue<bool>() == true, $"worker did not start: {ready} {(node.HasExited ? await stderr : "")}");
            var used = ready!["fastMatMul"]!;
            if (referenceKernels) Assert.False(used.GetValue<bool>());
            else Assert.Contains(used.GetValue<string>(), build is null ? new[] { "fma", "simd" } : new[] { build });
            var vectors = new List<float[]>();
            foreach (var (batch, id) in texts.Chunk(16).Select((b, i) => (b, i)))
            {
                var request = new JsonObject { ["id"] = id, ["op"] = "embed", ["maxTokens"] = 128, ["texts"] = new JsonArray([.. batch.Select(t => JsonValue.Create(t))]) };
                await node.StandardInput.WriteLineAsync(request.ToJsonString());
                await node.StandardInput.FlushAsync();
                var reply = JsonNode.Parse(await node.StandardOutput.ReadLineAsync() ?? "null")!;
                Assert.Null(reply["error"]);
                vectors.AddRange(reply["vectors"]!.AsArray().Select(v => MemoryMarshal.Cast<byte, float>(Convert.FromBase64String(v!.GetValue<string>())).ToArray()));
            }
            return [.. vectors];
        }
        finally { node.Kill(entireProcessTree: true); }
    }

    [Fact]
    public async Task A_missing_node_is_a_clear_error_and_the_default_falls_back_loudly()
    {
        using var broken = new UseEmbeddingGenerator(new UseOptions(NodePath: "/nonexistent/node-20"));
        var e = await Assert.ThrowsAsync<EmbeddingBackendException>(() => broken.GenerateAsync(["x"]));
        Assert.Contains("/nonexistent/node-20", e.Message);

        var warnings = new List<string>();
        var (generator, info) = await Embedders.CreateAsync(new EmbedderRequest(Use: new UseOptions(NodePath: "/nonexistent/node-20")), warnings.Add, CancellationToken.None);
        using (generator)
        {
            Assert.IsType<LexicalEmbeddingGenerator>(generator);
            Assert.True(info.IsFallback);
            Assert.Equal("lexical", info.Kind);
            Assert.Contains("FALLBACK", Assert.Single(warnings));
        }
    }

    [Fact]
    public async Task A_crashing_worker_reports_its_stderr()
    {
        var dir = Directory.CreateTempSubdirectory("arena-js-").FullName;
        try
        {
            var model = Path.Combine(dir, "node_modules", "@energetic-ai", "model-embeddings-en", "dist");
            Directory.CreateDirectory(model);
            await File.WriteAllTextAsync(Path.Combine(model, "model.json"), "{}");
            await File.WriteAllTextAsync(Path.Combine(dir, "embed.mjs"), "process.stderr.write('model shard 3 is corrupt\\n'); process.exit(3);");
            using var use = new UseEmbeddingGenerator(new UseOptions(JsDir: dir, Workers: 1));
            var e = await Assert.ThrowsAsync<EmbeddingBackendException>(() => use.GenerateAsync(["x"]));
            Assert.Contains("model shard 3 is corrupt", e.Message);
            Assert.Contains("exit code 3", e.Message);
        }
        finally { Directory.Delete(dir, recursive: true); }
    }
}
