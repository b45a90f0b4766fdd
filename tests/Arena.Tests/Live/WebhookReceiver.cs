using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Arena.Tests.Fakes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Arena.Tests.Live;

/// <summary>One POST as the receiver saw it; times are <see cref="Stopwatch"/> ticks of this process.</summary>
internal sealed record WebhookCall(string Path, string? Event, string? Authorization, string? IdempotencyKey, string Body, long ReceivedAt, long AnsweredAt)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;
}

/// <summary>
/// An in-test webhook receiver: POST /hook/{name} is recorded, held for <see cref="Delay"/>, then answered with the
/// status set for that name (200 unless told otherwise; a negative status never answers).
/// </summary>
internal sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<WebhookCall> _calls = new();

    public string BaseUrl { get; }
    public TimeSpan Delay { get; init; }
    public ConcurrentDictionary<string, int> Status { get; } = new();
    public IReadOnlyList<WebhookCall> Calls => _calls.ToList();

    private WebhookReceiver(WebApplication app, string baseUrl) => (_app, BaseUrl) = (app, baseUrl);

    public static async Task<WebhookReceiver> StartAsync(TimeSpan delay = default)
    {
        WebhookReceiver? receiver = null;
        var (app, url) = await LoopbackHost.StartAsync(a => a.MapPost("/hook/{name}", async (string name, HttpContext ctx) =>
        {
            var received = Stopwatch.GetTimestamp();
            var body = await new StreamReader(ctx.Request.Body).ReadToEndAsync(ctx.RequestAborted);
            var status = receiver!.Status.GetValueOrDefault(name, 200);
            if (status < 0)
            {
                await Task.Delay(Timeout.Infinite, ctx.RequestAborted).ContinueWith(_ => { });
                return Results.StatusCode(504);
            }
            await Task.Delay(receiver.Delay);
            receiver._calls.Enqueue(new WebhookCall(ctx.Request.Path, ctx.Request.Headers["X-Arena-Event"], ctx.Request.Headers.Authorization,
                ctx.Request.Headers["Idempotency-Key"], body, received, Stopwatch.GetTimestamp()));
            return Results.StatusCode(status);
        }));
        receiver = new WebhookReceiver(app, url) { Delay = delay };
        return receiver;
    }

    public string Url(string name) => $"{BaseUrl}/hook/{name}";

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
