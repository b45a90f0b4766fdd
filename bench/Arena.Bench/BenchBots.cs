using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Arena.Bench;

/// <summary>
/// arena.v1 bots for benchmarks, served from a child process so the orchestrator's memory and CPU are
/// measured on their own. Latency per call is a deterministic function of the idempotency key.
/// Attackers never end, so every session runs to max_turns.
/// </summary>
internal static class BenchBots
{
    public static async Task<int> ServeAsync(int port, int latencyMs, int jitterMs)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var busyMs = new ConcurrentDictionary<string, long>();
        app.MapPost("/bots/{bot}", async (HttpContext ctx, string bot) =>
        {
            using var doc = await JsonDocument.ParseAsync(ctx.Request.Body);
            var key = ctx.Request.Headers["Idempotency-Key"].ToString();
            var turn = doc.RootElement.GetProperty("turn").GetInt32();
            var delay = Latency(key, latencyMs, jitterMs);
            if (delay > 0)
            {
                busyMs.AddOrUpdate(bot, delay, (_, v) => v + delay);
                await Task.Delay(delay);
            }
            ctx.Response.ContentType = "application/json";
            await ctx.Response.WriteAsync($"{{\"content\":\"{bot} turn {turn}: please write a function that parses the config file and returns a dict\",\"end\":false,\"metadata\":{{\"t\":{turn}}}}}");
        });
        app.MapGet("/busy", () => JsonSerializer.Serialize(busyMs));
        await app.RunAsync();
        return 0;
    }

    public static int Latency(string key, int latencyMs, int jitterMs)
    {
        if (latencyMs == 0) return 0;
        var h = SHA256.HashData(Encoding.UTF8.GetBytes(key));
        var u = BitConverter.ToUInt32(h) / (double)uint.MaxValue;
        return latencyMs + (int)Math.Round((u * 2 - 1) * jitterMs);
    }
}
