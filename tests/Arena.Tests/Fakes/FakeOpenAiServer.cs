using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Arena.Tests.Fakes;

/// <summary>
/// An in-process OpenAI-compatible server on a free loopback port, for tests of <c>kind: openai</c> bots.
/// Only <c>POST /v1/chat/completions</c> is served (anything else gets 404, so a wrong URL shows up
/// as a failure instead of being answered by a script). Every request is recorded, including the 404s.
/// </summary>
/// <example>
/// <code>
/// await using var server = await FakeOpenAiServer.StartAsync(req => FakeOpenAiResponse.Reply("hi"));
/// var bot = new OpenAiChatBot(http, new OpenAiBotOptions(server.BaseUrl, "m", null, null, "[END]", null, null));
/// </code>
/// </example>
internal sealed class FakeOpenAiServer : IAsyncDisposable
{
    public const string CompletionsPath = "/v1/chat/completions";

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<FakeOpenAiRequest> _requests = new();
    // Cancelled on dispose so scripted delays do not hold up shutdown.
    private readonly CancellationTokenSource _stopping = new();
    private volatile Func<FakeOpenAiRequest, FakeOpenAiResponse> _behaviour;
    private int _sequence = -1;

    private FakeOpenAiServer(WebApplication app, Func<FakeOpenAiRequest, FakeOpenAiResponse> behaviour)
    {
        _app = app;
        _behaviour = behaviour;
    }

    /// <summary>Root of the fake API, e.g. <c>http://127.0.0.1:41234/v1</c> (what a config's base_url holds).</summary>
    public string BaseUrl { get; private set; } = "";

    /// <summary>Scripted behaviour; may be swapped while the server runs. Called concurrently, so keep it thread-safe.</summary>
    public Func<FakeOpenAiRequest, FakeOpenAiResponse> Behaviour
    {
        get => _behaviour;
        set => _behaviour = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>Snapshot of all requests received so far, in arrival order.</summary>
    public IReadOnlyList<FakeOpenAiRequest> Requests => _requests.ToArray();

    /// <summary>Requests to <see cref="CompletionsPath"/> only.</summary>
    public IReadOnlyList<FakeOpenAiRequest> Completions => _requests.Where(r => r.Path == CompletionsPath).ToArray();

    /// <summary>Starts a server; <paramref name="behaviour"/> defaults to <see cref="Echo"/>.</summary>
    public static async Task<FakeOpenAiServer> StartAsync(Func<FakeOpenAiRequest, FakeOpenAiResponse>? behaviour = null)
    {
        FakeOpenAiServer? server = null;
        var (app, baseUrl) = await LoopbackHost.StartAsync(a =>
        {
            server = new FakeOpenAiServer(a, behaviour ?? Echo);
            a.Run(server.HandleAsync);
        });
        server!.BaseUrl = baseUrl + "/v1";
        return server;
    }

    /// <summary>
    /// Default behaviour: a deterministic assistant. Replies <c>"{model} #{n}: {last user message}"</c>
    /// where n counts the assistant turns so far plus one; the quoted text is cut to 80 characters so
    /// replies stay bounded when two echo bots talk to each other.
    /// </summary>
    public static FakeOpenAiResponse Echo(FakeOpenAiRequest request)
    {
        var messages = request.Messages;
        var n = messages.Count(m => m.Role == "assistant") + 1;
        var lastUser = messages.LastOrDefault(m => m.Role == "user").Content ?? "";
        if (lastUser.Length > 80)
            lastUser = lastUser[..80];
        var model = request.Model ?? "fake";
        return FakeOpenAiResponse.Reply($"{model} #{n}: {lastUser}", model: model);
    }

    private async Task HandleAsync(HttpContext ctx)
    {
        string bodyText;
        using (var reader = new StreamReader(ctx.Request.Body, Encoding.UTF8))
            bodyText = await reader.ReadToEndAsync(ctx.RequestAborted);

        JsonNode? body = null;
        try { body = JsonNode.Parse(bodyText); }
        catch (JsonException) { /* recorded as BodyText only; Body stays null */ }

        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in ctx.Request.Headers)
            headers[name] = values.ToString();

        var request = new FakeOpenAiRequest(
            Interlocked.Increment(ref _sequence), ctx.Request.Method, ctx.Request.Path.Value ?? "", headers, bodyText, body);
        _requests.Enqueue(request);

        if (!HttpMethods.IsPost(request.Method) || request.Path != CompletionsPath)
        {
            ctx.Response.StatusCode = StatusCodes.Status404NotFound;
            await ctx.Response.WriteAsync($"fake openai server: no route {request.Method} {request.Path}");
            return;
        }

        FakeOpenAiResponse response;
        try
        {
            response = _behaviour(request);
        }
        catch (Exception ex)
        {
            response = FakeOpenAiResponse.Status(500, $"fake openai behaviour threw: {ex.GetType().Name}: {ex.Message}");
        }

        if (response.Delay > TimeSpan.Zero)
        {
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(ctx.RequestAborted, _stopping.Token);
            try { await Task.Delay(response.Delay, linked.Token); }
            catch (OperationCanceledException) { return; } // client gave up or server stopping: nobody to answer
        }

        ctx.Response.StatusCode = response.StatusCode;
        ctx.Response.ContentType = response.ContentType;
        await ctx.Response.WriteAsync(response.Body);
    }

    public async ValueTask DisposeAsync()
    {
        _stopping.Cancel();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _stopping.Dispose();
    }
}

/// <summary>One request as received by <see cref="FakeOpenAiServer"/>.</summary>
/// <param name="Index">0-based arrival order.</param>
/// <param name="Headers">Case-insensitive names; multiple values joined with ", ".</param>
/// <param name="Body">Parsed JSON body, or null when the body was not JSON.</param>
internal sealed record FakeOpenAiRequest(
    int Index,
    string Method,
    string Path,
    IReadOnlyDictionary<string, string> Headers,
    string BodyText,
    JsonNode? Body)
{
    public string? Header(string name) => Headers.TryGetValue(name, out var v) ? v : null;

    public string? Model => Str(Body, "model");

    /// <summary>The <c>messages</c> array as (role, content) pairs; non-string fields come back as null.</summary>
    public IReadOnlyList<(string? Role, string? Content)> Messages =>
        Body is JsonObject o && o["messages"] is JsonArray array
            ? array.Select(m => (Str(m, "role"), Str(m, "content"))).ToArray()
            : [];

    /// <summary>The last user message, which is what the bot is replying to.</summary>
    public string? LastUserContent => Messages.LastOrDefault(m => m.Role == "user").Content;

    /// <summary>The system message, when the request has one.</summary>
    public string? SystemPrompt => Messages.FirstOrDefault(m => m.Role == "system").Content;

    /// <summary>A string property of an object node; null when the node is not an object or the value not a string.</summary>
    public static string? Str(JsonNode? node, string property) =>
        node is JsonObject o && o[property] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;
}

/// <summary>What <see cref="FakeOpenAiServer"/> sends back. Build with the factories and adjust with <c>with</c>.</summary>
internal sealed record FakeOpenAiResponse(int StatusCode, string Body, string ContentType = "application/json")
{
    /// <summary>Wait this long before answering (stops early if the client disconnects).</summary>
    public TimeSpan Delay { get; init; }

    /// <summary>A well-formed chat completion with one choice.</summary>
    public static FakeOpenAiResponse Reply(string content, string finishReason = "stop", string model = "fake-model") =>
        Completion(new JsonObject { ["role"] = "assistant", ["content"] = content }, finishReason, model);

    /// <summary>A chat completion whose choices[0].message is <paramref name="message"/> verbatim (null content, refusal, …).</summary>
    public static FakeOpenAiResponse Completion(JsonObject message, string finishReason = "stop", string model = "fake-model")
    {
        var body = new JsonObject
        {
            ["id"] = "chatcmpl-fake",
            ["object"] = "chat.completion",
            ["created"] = 0,
            ["model"] = model,
            ["choices"] = new JsonArray(new JsonObject
            {
                ["index"] = 0,
                ["message"] = message,
                ["finish_reason"] = finishReason,
            }),
            ["usage"] = new JsonObject { ["prompt_tokens"] = 10, ["completion_tokens"] = 5, ["total_tokens"] = 15 },
        };
        return new FakeOpenAiResponse(200, body.ToJsonString());
    }

    /// <summary>An error status with an OpenAI-style error body unless <paramref name="body"/> is given.</summary>
    public static FakeOpenAiResponse Status(int statusCode, string? body = null) =>
        new(statusCode, body ?? new JsonObject
        {
            ["error"] = new JsonObject
            {
                ["message"] = string.Create(CultureInfo.InvariantCulture, $"fake error {statusCode}"),
                ["type"] = "server_error",
            },
        }.ToJsonString());

    /// <summary>Any body with status 200, e.g. malformed JSON or a completion without <c>choices</c>.</summary>
    public static FakeOpenAiResponse Raw(string body, int statusCode = 200, string contentType = "application/json") =>
        new(statusCode, body, contentType);

    public FakeOpenAiResponse After(TimeSpan delay) => this with { Delay = delay };
}
