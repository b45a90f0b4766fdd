using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Arena.Tests.Fakes;

/// <summary>One arena.v1 request as a fake bot saw it, with how often its Idempotency-Key had been seen.</summary>
internal sealed record ArenaCall(string Bot, string SessionId, string Role, int Turn, int MaxTurns, long Seed,
    IReadOnlyList<(string Role, string Content)> History, string? IdempotencyKey, string? Authorization, int AttemptOfKey);

internal sealed record ArenaAnswer(int Status, string Body, TimeSpan Delay = default)
{
    public static ArenaAnswer Say(string content, bool end = false, string metadata = "{}") =>
        new(200, JsonSerializer.Serialize(new { content, end }).TrimEnd('}') + $",\"metadata\":{metadata}}}");
    public static ArenaAnswer End() => new(200, "{\"end\":true}");
    public static ArenaAnswer Error(int status) => new(status, "{\"error\":\"injected\"}");
    public static ArenaAnswer Raw(string body) => new(200, body);
    public ArenaAnswer After(TimeSpan delay) => this with { Delay = delay };
}

/// <summary>
/// Several arena.v1 bots on one in-process Kestrel server (127.0.0.1, port 0), at <c>/bots/{id}</c>.
/// Each request is checked against the protocol's rules (violations are collected, not thrown) and recorded.
/// </summary>
internal sealed class FakeArenaBots : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, Func<ArenaCall, ArenaAnswer>> _behaviour = new();
    private readonly ConcurrentDictionary<string, int> _keys = new();
    private readonly ConcurrentQueue<ArenaCall> _calls = new();
    private readonly ConcurrentQueue<string> _violations = new();
    private readonly CancellationTokenSource _stopping = new();

    private FakeArenaBots(WebApplication app) => _app = app;

    public string BaseUrl { get; private set; } = "";
    public IReadOnlyList<ArenaCall> Calls => _calls.ToArray();
    public IReadOnlyList<string> Violations => _violations.ToArray();

    public string Url(string bot) => $"{BaseUrl}/bots/{bot}";

    /// <summary>Sets (or replaces, while running) what a bot answers.</summary>
    public void On(string bot, Func<ArenaCall, ArenaAnswer> behaviour) => _behaviour[bot] = behaviour;

    /// <summary>A default conversational bot: attackers talk for a seed-dependent number of turns, then end.</summary>
    public static ArenaAnswer Chatty(ArenaCall c) =>
        c.Role == "attacker" && c.Turn >= 2 + (int)(c.Seed % 3) * 2
            ? ArenaAnswer.End()
            : ArenaAnswer.Say($"{c.Bot} says turn {c.Turn} in {c.SessionId}", metadata: $"{{\"bot\":\"{c.Bot}\"}}");

    public static async Task<FakeArenaBots> StartAsync()
    {
        FakeArenaBots? bots = null;
        var (_, baseUrl) = await LoopbackHost.StartAsync(app =>
        {
            bots = new FakeArenaBots(app);
            app.MapPost("/bots/{bot}", (Func<HttpContext, string, Task>)bots.HandleAsync);
            app.MapGet("/health/{id}", (HttpContext ctx, string id) =>
                ctx.Response.StatusCode = bots.Healthy.GetValueOrDefault(id, true) ? 200 : 503);
        });
        bots!.BaseUrl = baseUrl;
        return bots;
    }

    /// <summary>What /health/{id} answers (200 unless set false).</summary>
    public ConcurrentDictionary<string, bool> Healthy { get; } = new();

    private async Task HandleAsync(HttpContext ctx, string bot)
    {
        using var doc = await JsonDocument.ParseAsync(ctx.Request.Body);
        var r = doc.RootElement;
        var history = r.GetProperty("history").EnumerateArray()
            .Select(m => (m.GetProperty("role").GetString()!, m.GetProperty("content").GetString()!)).ToList();
        var key = ctx.Request.Headers["Idempotency-Key"].FirstOrDefault();
        var call = new ArenaCall(bot, r.GetProperty("session_id").GetString()!, r.GetProperty("role").GetString()!,
            r.GetProperty("turn").GetInt32(), r.GetProperty("max_turns").GetInt32(), r.GetProperty("seed").GetInt64(), history,
            key, ctx.Request.Headers.Authorization.FirstOrDefault(), _keys.AddOrUpdate(key ?? "", 1, (_, n) => n + 1));
        Check(call, r);
        _calls.Enqueue(call);

        var answer = _behaviour.TryGetValue(bot, out var b) ? b(call) : Chatty(call);
        if (answer.Delay > TimeSpan.Zero)
        {
            try { await Task.Delay(answer.Delay, CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token, ctx.RequestAborted).Token); }
            catch (OperationCanceledException) { return; }
        }
        ctx.Response.StatusCode = answer.Status;
        ctx.Response.ContentType = "application/json";
        await ctx.Response.WriteAsync(answer.Body);
    }

    private void Check(ArenaCall c, JsonElement r)
    {
        void Fail(string what) => _violations.Enqueue($"{c.SessionId} turn {c.Turn}: {what}");
        if (r.GetProperty("protocol").GetString() != "arena.v1") Fail("protocol is not arena.v1");
        if (c.History.Count != c.Turn) Fail($"history has {c.History.Count} messages");
        if (c.Role != (c.Turn % 2 == 0 ? "attacker" : "defender")) Fail($"role {c.Role} on this turn");
        for (var i = 0; i < c.History.Count; i++)
            if (c.History[i].Role != (i % 2 == 0 ? "attacker" : "defender")) Fail($"history[{i}] has role {c.History[i].Role}");
        if (c.IdempotencyKey != $"{c.SessionId}/{c.Turn}") Fail($"Idempotency-Key '{c.IdempotencyKey}'");
        if (c.Turn >= c.MaxTurns) Fail("turn beyond max_turns");
    }

    public async ValueTask DisposeAsync()
    {
        _stopping.Cancel();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
