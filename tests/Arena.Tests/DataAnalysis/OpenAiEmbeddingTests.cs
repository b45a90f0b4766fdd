using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Arena.Analysis.Embeddings;
using Arena.Tests.Fakes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Arena.Tests.DataAnalysis;

public sealed class OpenAiEmbeddingTests
{
    /// <summary>A fake /v1/embeddings: vector = [text length, index in batch, 1]; <paramref name="status"/> may override per call number.</summary>
    private static async Task<(WebApplication App, string BaseUrl, ConcurrentQueue<JsonNode> Requests)> StartAsync(Func<int, int?> status, bool shuffle = false, Func<int, TimeSpan>? delay = null)
    {
        var requests = new ConcurrentQueue<JsonNode>();
        var calls = 0;
        var (app, url) = await LoopbackHost.StartAsync(a => a.MapPost("/v1/embeddings", async (HttpContext ctx) =>
        {
            var body = JsonNode.Parse(await new StreamReader(ctx.Request.Body).ReadToEndAsync())!;
            body["auth"] = ctx.Request.Headers.Authorization.ToString();
            requests.Enqueue(body);
            var call = Interlocked.Increment(ref calls);
            if (delay?.Invoke(call) is { } wait && wait > TimeSpan.Zero)
            {
                try { await Task.Delay(wait, ctx.RequestAborted); } catch (OperationCanceledException) { return; } // the client timed out
            }
            if (status(call) is { } code) { ctx.Response.StatusCode = code; await ctx.Response.WriteAsync("{\"error\":\"scripted\"}"); return; }
            var inputs = body["input"]!.AsArray().Select(x => x!.GetValue<string>()).ToList();
            var data = inputs.Select((t, i) => (JsonNode)new JsonObject { ["index"] = i, ["embedding"] = new JsonArray(t.Length, i, 1) }).ToList();
            if (shuffle) data.Reverse();
            await ctx.Response.WriteAsJsonAsync(new JsonObject { ["data"] = new JsonArray([.. data]), ["model"] = "m", ["usage"] = new JsonObject { ["prompt_tokens"] = 5 } });
        }));
        return (app, url + "/v1", requests);
    }

    [Fact]
    public async Task Batches_keep_input_order_and_send_model_and_key()
    {
        var (app, url, requests) = await StartAsync(_ => null, shuffle: true);
        await using var _ = app;
        using var gen = new OpenAiEmbeddingGenerator(new OpenAiEmbeddingOptions(url, "emb-model", "sk-test", BatchSize: 2));
        var texts = new[] { "a", "bb", "ccc", "dddd", "eeeee" };
        var result = await gen.GenerateAsync(texts);
        Assert.Equal(texts.Select(t => (float)t.Length), result.Select(e => e.Vector.Span[0]));
        Assert.Equal(3, requests.Count);
        Assert.All(requests, r => { Assert.Equal("emb-model", r["model"]!.GetValue<string>()); Assert.Equal("Bearer sk-test", r["auth"]!.GetValue<string>()); });
        Assert.Equal(15, result.Usage!.InputTokenCount);
    }

    [Fact]
    public async Task Server_errors_are_retried_and_client_errors_are_not()
    {
        var (app, url, requests) = await StartAsync(call => call <= 2 ? 503 : null);
        await using (app)
        {
            using var gen = new OpenAiEmbeddingGenerator(new OpenAiEmbeddingOptions(url, "m"));
            var result = await gen.GenerateAsync(["hello"]);
            Assert.Equal(5f, result[0].Vector.Span[0]);
            Assert.Equal(3, requests.Count);
        }

        var (app2, url2, requests2) = await StartAsync(_ => 401);
        await using (app2)
        {
            using var gen = new OpenAiEmbeddingGenerator(new OpenAiEmbeddingOptions(url2, "m"));
            var e = await Assert.ThrowsAsync<EmbeddingBackendException>(() => gen.GenerateAsync(["hello"]));
            Assert.Contains("401", e.Message);
            Assert.Single(requests2);
        }
    }

    [Fact]
    public async Task A_timed_out_request_is_retried()
    {
        var (app, url, requests) = await StartAsync(_ => null, delay: call => call == 1 ? TimeSpan.FromSeconds(10) : TimeSpan.Zero);
        await using var _ = app;
        using var gen = new OpenAiEmbeddingGenerator(new OpenAiEmbeddingOptions(url, "m", Timeout: TimeSpan.FromMilliseconds(300)));
        var result = await gen.GenerateAsync(["four"]);
        Assert.Equal(4f, result[0].Vector.Span[0]);
        Assert.Equal(2, requests.Count);
    }

    [Fact]
    public async Task Persistent_server_errors_give_up_after_the_attempt_limit()
    {
        var (app, url, requests) = await StartAsync(_ => 500);
        await using var _ = app;
        using var gen = new OpenAiEmbeddingGenerator(new OpenAiEmbeddingOptions(url, "m", MaxAttempts: 3));
        var e = await Assert.ThrowsAsync<EmbeddingBackendException>(() => gen.GenerateAsync(["x"]));
        Assert.Contains("3 attempts", e.Message);
        Assert.Equal(3, requests.Count);
    }
}
