using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Nodes;
using Arena.Bots.OpenAi;
using Arena.Core.Bots;
using Arena.Tests.Fakes;

namespace Arena.Tests.OpenAi;

public sealed class OpenAiChatBotTests : IAsyncLifetime
{
    private const string Session = "t01/red-a/blue-b/17";
    private const long Seed = 1234567;

    private FakeOpenAiServer _server = null!;
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };

    public async Task InitializeAsync() => _server = await FakeOpenAiServer.StartAsync();

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
    }

    private OpenAiChatBot Bot(
        string? apiKey = null, string? systemPrompt = null, string endMarker = "[END]",
        double? temperature = null, int? maxTokens = null, string? baseUrl = null, HttpClient? http = null) =>
        new(http ?? _http, new OpenAiBotOptions(baseUrl ?? _server.BaseUrl, "test-model", apiKey, systemPrompt, endMarker, temperature, maxTokens));

    private static BotRequest Request(Role role, params string[] history) =>
        new("t01", Session, role, history.Length, 10, Seed,
            history.Select((c, i) => new ChatMessage(i % 2 == 0 ? Role.Attacker : Role.Defender, c)).ToArray());

    private FakeOpenAiRequest Single()
    {
        var all = _server.Requests;
        Assert.Single(all);
        Assert.Equal("POST", all[0].Method);
        Assert.Equal(FakeOpenAiServer.CompletionsPath, all[0].Path);
        return all[0];
    }

    private static (string? Role, string? Content)[] Messages(params (string? Role, string? Content)[] messages) => messages;

    private void Script(FakeOpenAiResponse response) => _server.Behaviour = _ => response;

    // ---- role mapping -------------------------------------------------------------------------

    [Fact]
    public async Task Defender_sees_attacker_as_user_and_itself_as_assistant_after_its_system_prompt()
    {
        await Bot(systemPrompt: "Be safe.").RespondAsync(Request(Role.Defender, "a0", "d1", "a2"), default);

        Assert.Equal(
            Messages(("system", "Be safe."), ("user", "a0"), ("assistant", "d1"), ("user", "a2")),
            Single().Messages);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("  ")]
    public async Task Defender_without_system_prompt_sends_no_system_message(string? systemPrompt)
    {
        await Bot(systemPrompt: systemPrompt).RespondAsync(Request(Role.Defender, "a0"), default);

        Assert.Equal(Messages(("user", "a0")), Single().Messages);
    }

    [Fact]
    public async Task Attacker_at_turn_zero_gets_default_brief_and_an_opener_user_message()
    {
        await Bot(endMarker: "<<STOP>>").RespondAsync(Request(Role.Attacker), default);

        var messages = Single().Messages;
        Assert.Equal(2, messages.Count);
        Assert.Equal("system", messages[0].Role);
        Assert.Contains("attacker", messages[0].Content);
        Assert.Contains("<<STOP>>", messages[0].Content); // the brief teaches the configured marker
        Assert.Equal(("user", OpenAiChatBot.AttackerOpener), messages[1]);
    }

    [Fact]
    public async Task Attacker_sees_the_mirror_image_with_its_brief_as_system_prompt()
    {
        await Bot(systemPrompt: "Attack brief.").RespondAsync(Request(Role.Attacker, "a0", "d1", "a2", "d3"), default);

        Assert.Equal(
            Messages(("system", "Attack brief."), ("user", OpenAiChatBot.AttackerOpener),
                ("assistant", "a0"), ("user", "d1"), ("assistant", "a2"), ("user", "d3")),
            Single().Messages);
    }

    [Theory]
    [InlineData(Role.Attacker, 0)]
    [InlineData(Role.Attacker, 4)]
    [InlineData(Role.Defender, 1)]
    [InlineData(Role.Defender, 5)]
    public async Task Messages_alternate_and_end_with_a_user_turn(Role role, int turn)
    {
        var history = Enumerable.Range(0, turn).Select(i => $"m{i}").ToArray();
        await Bot(systemPrompt: "sys").RespondAsync(Request(role, history), default);

        var roles = Single().Messages.Select(m => m.Role).Where(r => r != "system").ToArray();
        Assert.Equal("user", roles[0]);
        Assert.Equal("user", roles[^1]);
        for (var i = 1; i < roles.Length; i++)
            Assert.NotEqual(roles[i - 1], roles[i]);
    }

    // ---- headers and body ---------------------------------------------------------------------

    [Fact]
    public async Task Sends_bearer_token_when_configured_and_idempotency_key_per_turn()
    {
        await Bot(apiKey: "sk-secret").RespondAsync(Request(Role.Defender, "a0", "d1", "a2"), default);

        var request = Single();
        Assert.Equal("Bearer sk-secret", request.Header("Authorization"));
        Assert.Equal($"{Session}/3", request.Header("Idempotency-Key"));
        Assert.StartsWith("application/json", request.Header("Content-Type"));
    }

    [Fact]
    public async Task Sends_no_authorization_header_without_api_key()
    {
        await Bot(apiKey: null).RespondAsync(Request(Role.Attacker), default);

        var request = Single();
        Assert.Null(request.Header("Authorization"));
        Assert.Equal($"{Session}/0", request.Header("Idempotency-Key"));
    }

    [Fact]
    public async Task Body_carries_model_seed_temperature_and_max_tokens()
    {
        await Bot(temperature: 0.25, maxTokens: 321).RespondAsync(Request(Role.Defender, "a0"), default);

        var body = Assert.IsType<JsonObject>(Single().Body);
        Assert.Equal("test-model", (string?)body["model"]);
        Assert.Equal(Seed, (long)body["seed"]!);
        Assert.Equal(0.25, (double)body["temperature"]!);
        Assert.Equal(321, (int)body["max_tokens"]!);
    }

    [Fact]
    public async Task Body_omits_unset_temperature_and_max_tokens()
    {
        await Bot().RespondAsync(Request(Role.Defender, "a0"), default);

        var body = Assert.IsType<JsonObject>(Single().Body);
        Assert.False(body.ContainsKey("temperature"));
        Assert.False(body.ContainsKey("max_tokens"));
        Assert.Equal(Seed, (long)body["seed"]!);
    }

    [Fact]
    public async Task Base_url_with_trailing_slash_hits_the_same_endpoint()
    {
        await Bot(baseUrl: _server.BaseUrl + "/").RespondAsync(Request(Role.Defender, "a0"), default);

        Assert.Equal(FakeOpenAiServer.CompletionsPath, Single().Path);
    }

    // ---- replies ------------------------------------------------------------------------------

    [Fact]
    public async Task Returns_content_and_metadata()
    {
        Script(FakeOpenAiResponse.Reply("Sure, here is safe code.", finishReason: "length", model: "served-model"));

        var reply = await Bot().RespondAsync(Request(Role.Defender, "a0"), default);

        Assert.Equal("Sure, here is safe code.", reply.Content);
        Assert.False(reply.End);
        using var meta = JsonDocument.Parse(reply.MetadataJson!);
        Assert.Equal("served-model", meta.RootElement.GetProperty("model").GetString());
        Assert.Equal("length", meta.RootElement.GetProperty("finish_reason").GetString());
        Assert.Equal(15, meta.RootElement.GetProperty("usage").GetProperty("total_tokens").GetInt32());
    }

    [Fact]
    public async Task Default_echo_server_replies_deterministically()
    {
        var bot = Bot();
        var first = await bot.RespondAsync(Request(Role.Defender, "hello", "x", "again"), default);
        var second = await bot.RespondAsync(Request(Role.Defender, "hello", "x", "again"), default);

        Assert.Equal("test-model #2: again", first.Content);
        Assert.Equal(first, second);
    }

    [Fact]
    public async Task Refusal_with_null_content_is_the_reply()
    {
        Script(FakeOpenAiResponse.Completion(new JsonObject { ["role"] = "assistant", ["content"] = null, ["refusal"] = "I can't help with that." }));

        var reply = await Bot().RespondAsync(Request(Role.Defender, "a0"), default);

        Assert.Equal("I can't help with that.", reply.Content);
    }

    [Theory]
    [InlineData("[END]")]
    [InlineData("  [END]\n")]
    [InlineData("That's all I had. [END]")]
    [InlineData("[END] thanks")]
    public async Task Attacker_reply_starting_or_ending_with_marker_ends_the_session(string text)
    {
        Script(FakeOpenAiResponse.Reply(text));

        var reply = await Bot().RespondAsync(Request(Role.Attacker, "a0", "d1"), default);

        Assert.True(reply.End);
        Assert.Null(reply.Content);
    }

    [Fact]
    public async Task Attacker_uses_the_configured_end_marker()
    {
        Script(FakeOpenAiResponse.Reply("DONE!"));
        var custom = await Bot(endMarker: "DONE!").RespondAsync(Request(Role.Attacker), default);
        var defaultMarker = await Bot().RespondAsync(Request(Role.Attacker), default);

        Assert.True(custom.End);
        Assert.False(defaultMarker.End);
        Assert.Equal("DONE!", defaultMarker.Content);
    }

    [Theory]
    [InlineData("Say [END] when you are done, ok?")]
    [InlineData("[end]")]
    [InlineData("Let's write a parser.")]
    public async Task Attacker_reply_without_leading_or_trailing_marker_continues(string text)
    {
        Script(FakeOpenAiResponse.Reply(text));

        var reply = await Bot().RespondAsync(Request(Role.Attacker, "a0", "d1"), default);

        Assert.False(reply.End);
        Assert.Equal(text, reply.Content);
    }

    [Fact]
    public async Task Defender_reply_with_end_marker_does_not_end()
    {
        Script(FakeOpenAiResponse.Reply("[END]"));

        var reply = await Bot().RespondAsync(Request(Role.Defender, "a0"), default);

        Assert.False(reply.End);
        Assert.Equal("[END]", reply.Content);
    }

    // ---- failures -----------------------------------------------------------------------------

    [Fact]
    public async Task Server_error_is_http_status_with_code_and_body_snippet()
    {
        var longBody = "upstream exploded " + new string('x', 5000);
        Script(FakeOpenAiResponse.Status(500, longBody));

        var ex = await Assert.ThrowsAsync<BotCallException>(() => Bot().RespondAsync(Request(Role.Defender, "a0"), default));

        Assert.Equal(BotFailureKind.HttpStatus, ex.Kind);
        Assert.Contains("500", ex.Message);
        Assert.Contains("upstream exploded", ex.Message);
        Assert.True(ex.Message.Length < 600, $"message should carry only a snippet, was {ex.Message.Length} chars");
    }

    [Fact]
    public async Task Rate_limit_is_http_status()
    {
        Script(FakeOpenAiResponse.Status(429));

        var ex = await Assert.ThrowsAsync<BotCallException>(() => Bot().RespondAsync(Request(Role.Defender, "a0"), default));

        Assert.Equal(BotFailureKind.HttpStatus, ex.Kind);
        Assert.Contains("429", ex.Message);
    }

    [Theory]
    [InlineData("this is not json {")]
    [InlineData("")]
    [InlineData("[1,2]")]
    [InlineData("{\"id\":\"x\"}")]
    [InlineData("{\"choices\":[]}")]
    [InlineData("{\"choices\":\"nope\"}")]
    [InlineData("{\"choices\":[{\"index\":0}]}")]
    [InlineData("{\"choices\":[{\"message\":{\"role\":\"assistant\",\"content\":42}}]}")]
    [InlineData("{\"error\":{\"message\":\"model overloaded\"}}")]
    public async Task Malformed_body_is_malformed(string body)
    {
        Script(FakeOpenAiResponse.Raw(body));

        var ex = await Assert.ThrowsAsync<BotCallException>(() => Bot().RespondAsync(Request(Role.Defender, "a0"), default));

        Assert.Equal(BotFailureKind.Malformed, ex.Kind);
    }

    [Theory]
    [InlineData("{\"choices\":[{\"message\":{\"role\":\"assistant\"},\"finish_reason\":\"tool_calls\"}]}")]
    [InlineData("{\"choices\":[{\"message\":{\"role\":\"assistant\",\"content\":null}}]}")]
    public async Task Missing_content_is_missing_content(string body)
    {
        Script(FakeOpenAiResponse.Raw(body));

        var ex = await Assert.ThrowsAsync<BotCallException>(() => Bot().RespondAsync(Request(Role.Attacker), default));

        Assert.Equal(BotFailureKind.MissingContent, ex.Kind);
    }

    [Fact]
    public async Task Caller_cancellation_propagates_as_operation_canceled()
    {
        Script(FakeOpenAiResponse.Reply("late").After(TimeSpan.FromSeconds(20)));
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        var ex = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Bot().RespondAsync(Request(Role.Defender, "a0"), cts.Token));

        Assert.Equal(cts.Token, ex.CancellationToken);
    }

    [Fact]
    public async Task Http_client_timeout_is_timeout_kind()
    {
        Script(FakeOpenAiResponse.Reply("late").After(TimeSpan.FromSeconds(20)));
        using var http = new HttpClient { Timeout = TimeSpan.FromMilliseconds(200) };

        var ex = await Assert.ThrowsAsync<BotCallException>(() => Bot(http: http).RespondAsync(Request(Role.Defender, "a0"), CancellationToken.None));

        Assert.Equal(BotFailureKind.Timeout, ex.Kind);
    }

    [Fact]
    public async Task Connection_refused_is_transport()
    {
        // Reserve a free port and release it: nothing listens there afterwards.
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        var ex = await Assert.ThrowsAsync<BotCallException>(
            () => Bot(baseUrl: $"http://127.0.0.1:{port}/v1").RespondAsync(Request(Role.Defender, "a0"), default));

        Assert.Equal(BotFailureKind.Transport, ex.Kind);
    }

    [Fact]
    public async Task Wrong_path_is_answered_404_by_the_fake()
    {
        var ex = await Assert.ThrowsAsync<BotCallException>(
            () => Bot(baseUrl: _server.BaseUrl + "/v1").RespondAsync(Request(Role.Defender, "a0"), default));

        Assert.Equal(BotFailureKind.HttpStatus, ex.Kind);
        Assert.Contains("404", ex.Message);
        Assert.Equal("/v1/v1/chat/completions", Assert.Single(_server.Requests).Path);
        Assert.Empty(_server.Completions);
    }

    [Fact]
    public void Rejects_a_base_url_that_is_not_http()
    {
        Assert.Throws<ArgumentException>(() => Bot(baseUrl: "not a url"));
    }
}
