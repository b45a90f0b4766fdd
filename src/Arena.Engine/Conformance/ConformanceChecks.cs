using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Arena.Bots.Http;
using Arena.Core.Bots;

namespace Arena.Engine.Conformance;

/// <summary>A raw HTTP answer, kept whole so each protocol rule can be judged on its own.</summary>
internal sealed record ProbeResponse(int? Status, string? MediaType, byte[] Body, int LatencyMs, string? TransportError, bool TimedOut)
{
    public bool Answered => Status is not null;
}

/// <summary>A situation the arena puts a bot in, and the request that stages it.</summary>
internal sealed record Scenario(string Check, string Title, BotRequest Request);

/// <summary>
/// Contract checks (contracts §2) against a live endpoint. The requests are sent raw rather than through
/// <see cref="ArenaHttpBot"/> so that every rule (status, media type, JSON shape, fields) gets its own verdict
/// instead of the first failure hiding the rest; whether a reply is a usable turn is still decided by the
/// arena's own parser, so the verdict matches what a tournament would do.
/// </summary>
internal sealed class ConformanceChecks(HttpClient http, BotTestOptions options)
{
    private const string Tournament = "test-bot";
    private readonly List<CallSample> _samples = [];

    public IReadOnlyList<CallSample> Samples => _samples;

    public async Task<IReadOnlyList<CheckResult>> RunAsync(CancellationToken ct)
    {
        var scenarios = Scenarios(options.Role, options.MaxTurns, options.Seed);
        var probes = new List<(Scenario Scenario, ProbeResponse Response)>();
        foreach (var s in scenarios)
            probes.Add((s, await PostAsync(ArenaWire.WriteRequest(s.Request), s.Request.IdempotencyKey, authorize: true, ct)));

        var checks = new List<CheckResult>();
        checks.Add(Reachable(probes));
        checks.Add(Latency(probes));
        checks.Add(HttpStatus(probes));
        checks.Add(MediaType(probes));
        var parsed = probes.Where(p => p.Response.Answered && IsSuccess(p.Response)).Select(p => Parse(p.Scenario, p.Response.Body)).ToList();
        checks.Add(JsonObject(parsed));
        var objects = parsed.Where(p => p.Json is JsonObject).Select(p => (p.Scenario, Reply: (JsonObject)p.Json!)).ToList();
        checks.Add(ContentString(objects));
        checks.Add(EndBoolean(objects));
        checks.Add(MetadataObject(objects));
        if (options.Role == Role.Defender) checks.Add(DefenderEnd(objects));
        checks.Add(ReplySize(objects));
        foreach (var (scenario, response) in probes) checks.Add(ScenarioCheck(scenario, response));

        var first = probes[0];
        var basicWorks = Usable(first.Scenario.Request, first.Response, out _);
        checks.Add(basicWorks ? await IdempotentRetryAsync(first.Scenario, first.Response, ct)
            : Skipped("idempotent-retry", "the first request got no usable reply"));
        checks.Add(basicWorks ? await UnknownFieldsAsync(first.Scenario, ct)
            : Skipped("unknown-request-fields", "the first request got no usable reply"));
        if (options.Token is not null)
            checks.Add(basicWorks ? await AuthAsync(first.Scenario, ct) : Skipped("auth", "the first request got no usable reply"));
        return checks;
    }

    /// <summary>True when the first, simplest request got a reply a tournament would accept.</summary>
    public static bool BasicTurnWorks(IReadOnlyList<CheckResult> checks) =>
        checks.FirstOrDefault(c => c.Name is "first-turn" or "first-reply")?.Status == CheckStatus.Pass;

    /// <summary>The first turn, the middle, and the end of a conversation, from the role's side.</summary>
    public static IReadOnlyList<Scenario> Scenarios(Role role, int maxTurns, long seed)
    {
        BotRequest At(string name, int turn, int max) =>
            new(Tournament, $"{Tournament}/conformance/{name}/{turn}", role, turn, max, seed, SampleConversation.Take(turn));
        if (role == Role.Attacker)
        {
            var lastAttackerTurn = (maxTurns - 1) / 2 * 2;
            return
            [
                new("first-turn", "turn 0 (empty history)", At("first", 0, maxTurns)),
                new("mid-conversation", $"turn {Math.Min(4, lastAttackerTurn)} with a defender refusal in the history", At("mid", Math.Min(4, lastAttackerTurn), maxTurns)),
                new("near-max-turns", $"turn {lastAttackerTurn} of max_turns {maxTurns}", At("near-max", lastAttackerTurn, maxTurns)),
                // With an odd max_turns the attacker speaks last and nobody will answer: a bot must still reply (or end).
                new("last-turn", $"turn {lastAttackerTurn} of max_turns {lastAttackerTurn + 1} (no one will answer)", At("last", lastAttackerTurn, lastAttackerTurn + 1)),
            ];
        }
        var lastDefenderTurn = maxTurns % 2 == 0 ? maxTurns - 1 : maxTurns - 2;
        return
        [
            new("first-reply", "turn 1 (one attacker message)", At("first", 1, maxTurns)),
            new("mid-conversation", $"turn {Math.Min(5, lastDefenderTurn)} after a refusal", At("mid", Math.Min(5, lastDefenderTurn), maxTurns)),
            new("full-history", $"turn {lastDefenderTurn} of max_turns {maxTurns} (full history)", At("full", lastDefenderTurn, maxTurns)),
        ];
    }

    /// <param name="authorize">false sends no token, to see the bot refuse it; such a probe is not a turn and is left out of the figures</param>
    public async Task<ProbeResponse> PostAsync(byte[] body, string idempotencyKey, bool authorize, CancellationToken ct)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, options.Url)
        {
            Content = new ByteArrayContent(body) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } },
        };
        message.Headers.TryAddWithoutValidation("Idempotency-Key", idempotencyKey);
        if (authorize && options.Token is not null) message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", options.Token);

        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(ct);
        attempt.CancelAfter(options.Timeout);
        var started = Stopwatch.GetTimestamp();
        int Elapsed() => (int)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        ProbeResponse result;
        try
        {
            using var response = await http.SendAsync(message, HttpCompletionOption.ResponseContentRead, attempt.Token);
            var bytes = await response.Content.ReadAsByteArrayAsync(attempt.Token);
            result = new ProbeResponse((int)response.StatusCode, response.Content.Headers.ContentType?.MediaType, bytes, Elapsed(), null, false);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            result = new ProbeResponse(null, null, [], Elapsed(), null, true);
        }
        catch (HttpRequestException e)
        {
            result = new ProbeResponse(null, null, [], Elapsed(), e.Message, false);
        }
        if (authorize) _samples.Add(new CallSample("conformance", result.LatencyMs, ErrorKind(result)));
        return result;
    }

    private static string? ErrorKind(ProbeResponse r)
    {
        if (r.TimedOut) return nameof(BotFailureKind.Timeout);
        if (r.TransportError is not null) return nameof(BotFailureKind.Transport);
        if (!IsSuccess(r)) return nameof(BotFailureKind.HttpStatus);
        try
        {
            ArenaWire.ReadReply(r.Body);
            return null;
        }
        catch (BotCallException e) { return e.Kind.ToString(); }
    }

    private static bool IsSuccess(ProbeResponse r) => r.Status is >= 200 and < 300;

    /// <summary>Whether the arena would record this reply as the turn, with the reason when not.</summary>
    private static bool Usable(BotRequest request, ProbeResponse r, out string why)
    {
        why = "";
        if (r.TimedOut) { why = "no reply within the timeout"; return false; }
        if (r.TransportError is not null) { why = $"connection failed: {r.TransportError}"; return false; }
        if (!IsSuccess(r)) { why = $"HTTP {r.Status}: {ArenaWire.Snippet(r.Body, 120)}"; return false; }
        try
        {
            var reply = ArenaWire.ReadReply(r.Body);
            // The gateway's rule: only an attacker may leave out content by ending.
            if (reply.Content is null && !(reply.End && request.Role == Role.Attacker))
            {
                why = "reply has no 'content'";
                return false;
            }
            return true;
        }
        catch (BotCallException e)
        {
            why = e.Message;
            return false;
        }
    }

    private CheckResult ScenarioCheck(Scenario s, ProbeResponse r) =>
        Usable(s.Request, r, out var why)
            ? new CheckResult(s.Check, CheckStatus.Pass, $"{s.Title}: a usable reply in {r.LatencyMs} ms")
            : new CheckResult(s.Check, CheckStatus.Fail, $"{s.Title}: {why}",
                $"answer every valid arena.v1 request for the {options.Role.Wire()} role with 200 and {{\"content\": \"...\"}}, " +
                "including this situation (see docs/bot-protocol.md, 'Turn, role and history rules')");

    private static CheckResult Reachable(List<(Scenario Scenario, ProbeResponse Response)> probes)
    {
        var broken = probes.FirstOrDefault(p => p.Response.TransportError is not null);
        return broken.Scenario is null
            ? new CheckResult("reachable", CheckStatus.Pass, "the endpoint accepted every connection")
            : new CheckResult("reachable", CheckStatus.Fail, $"{broken.Scenario.Title}: {broken.Response.TransportError}",
                "start the bot and check the URL (scheme, host, port and path of the POST endpoint)");
    }

    private CheckResult Latency(List<(Scenario Scenario, ProbeResponse Response)> probes)
    {
        var slow = probes.FirstOrDefault(p => p.Response.TimedOut);
        var limit = $"{options.Timeout.TotalSeconds:0.###} s";
        if (slow.Scenario is not null)
            return new CheckResult("latency", CheckStatus.Fail, $"{slow.Scenario.Title}: no reply within the timeout of {limit}",
                $"reply within the bot's timeout_s ({limit} here; 45 s by default): make the model call faster or cap its output length");
        var worst = probes.Max(p => p.Response.LatencyMs);
        return worst * 2 > options.Timeout.TotalMilliseconds
            ? new CheckResult("latency", CheckStatus.Warn, $"slowest reply {worst} ms, more than half the timeout of {limit}",
                "leave headroom under timeout_s: under tournament load replies get slower")
            : new CheckResult("latency", CheckStatus.Pass, $"slowest reply {worst} ms (timeout {limit})");
    }

    private static CheckResult HttpStatus(List<(Scenario Scenario, ProbeResponse Response)> probes)
    {
        var answered = probes.Where(p => p.Response.Answered).ToList();
        if (answered.Count == 0) return Skipped("http-status", "no request was answered");
        var bad = answered.FirstOrDefault(p => !IsSuccess(p.Response));
        if (bad.Scenario is not null)
            return new CheckResult("http-status", CheckStatus.Fail,
                $"{bad.Scenario.Title}: HTTP {bad.Response.Status}: {ArenaWire.Snippet(bad.Response.Body, 120)}",
                bad.Response.Status switch
                {
                    401 or 403 => "the bot refused the token: pass the right one with --token-env VAR (the arena sends 'Authorization: Bearer <token>')",
                    400 => "the bot rejected a valid arena.v1 request: check its validation against docs/bot-protocol.md (turn/history rules), and that --role is the role it plays",
                    _ => "answer valid requests with status 200; a non-2xx status is a failed attempt",
                });
        var not200 = answered.FirstOrDefault(p => p.Response.Status != 200);
        return not200.Scenario is not null
            ? new CheckResult("http-status", CheckStatus.Warn, $"{not200.Scenario.Title}: HTTP {not200.Response.Status}; the contract says 200",
                "answer with status 200 (the arena accepts any 2xx today)")
            : new CheckResult("http-status", CheckStatus.Pass, $"{answered.Count} of {probes.Count} requests answered 200");
    }

    private static CheckResult MediaType(List<(Scenario Scenario, ProbeResponse Response)> probes)
    {
        var ok = probes.Where(p => p.Response.Answered && IsSuccess(p.Response)).ToList();
        if (ok.Count == 0) return Skipped("content-type", "no 2xx reply to look at");
        var bad = ok.FirstOrDefault(p => !string.Equals(p.Response.MediaType, "application/json", StringComparison.OrdinalIgnoreCase));
        return bad.Scenario is null
            ? new CheckResult("content-type", CheckStatus.Pass, "replies are application/json")
            : new CheckResult("content-type", CheckStatus.Warn, $"{bad.Scenario.Title}: Content-Type is '{bad.Response.MediaType ?? "(none)"}'",
                "send 'Content-Type: application/json' with the reply (the arena parses the body regardless, proxies and tools may not)");
    }

    private static (Scenario Scenario, bool IsJson, JsonNode? Json) Parse(Scenario s, byte[] body)
    {
        try { return (s, true, JsonNode.Parse(body)); }
        catch (JsonException) { return (s, false, null); }
    }

    private static CheckResult JsonObject(List<(Scenario Scenario, bool IsJson, JsonNode? Json)> parsed)
    {
        if (parsed.Count == 0) return Skipped("json-object", "no 2xx reply to look at");
        var bad = parsed.FirstOrDefault(p => p.Json is not System.Text.Json.Nodes.JsonObject);
        if (bad.Scenario is null) return new CheckResult("json-object", CheckStatus.Pass, "every reply is a JSON object");
        var what = !bad.IsJson ? "the body is not JSON" : $"the body is JSON {Kind(bad.Json)}, not an object";
        return new CheckResult("json-object", CheckStatus.Fail, $"{bad.Scenario.Title}: {what}",
            "reply with one JSON object: {\"content\": \"...\", \"end\": false, \"metadata\": {}}");
    }

    private CheckResult ContentString(List<(Scenario Scenario, JsonObject Reply)> replies)
    {
        if (replies.Count == 0) return Skipped("content-string", "no JSON object reply to look at");
        foreach (var (s, reply) in replies)
        {
            var ends = reply["end"] is JsonValue e && e.TryGetValue<bool>(out var b) && b;
            if (!reply.TryGetPropertyValue("content", out var content) || content is null)
            {
                if (ends && options.Role == Role.Attacker) continue;
                return new CheckResult("content-string", CheckStatus.Fail, $"{s.Title}: the reply has no 'content'",
                    options.Role == Role.Attacker
                        ? "put the message in 'content' (only a reply with \"end\": true may leave it out)"
                        : "put the defender's message in 'content'; a defender cannot end a session, so it must always answer");
            }
            if (content.GetValueKind() != JsonValueKind.String)
                return new CheckResult("content-string", CheckStatus.Fail, $"{s.Title}: 'content' is {content.GetValueKind()}, not a string",
                    "send 'content' as a JSON string (serialise structured output into text)");
            if (options.Role == Role.Defender && string.IsNullOrWhiteSpace(content.GetValue<string>()))
                return new CheckResult("content-string", CheckStatus.Warn, $"{s.Title}: the defender's 'content' is empty",
                    "answer every attacker message with a real reply; an empty answer is recorded as the defender's turn");
        }
        return new CheckResult("content-string", CheckStatus.Pass, "'content' is a string in every reply");
    }

    private static CheckResult EndBoolean(List<(Scenario Scenario, JsonObject Reply)> replies)
    {
        if (replies.Count == 0) return Skipped("end-boolean", "no JSON object reply to look at");
        foreach (var (s, reply) in replies)
        {
            if (!reply.TryGetPropertyValue("end", out var end)) continue;
            if (end is null)
                return new CheckResult("end-boolean", CheckStatus.Warn, $"{s.Title}: 'end' is null",
                    "send \"end\": false (or leave it out) rather than null");
            if (end.GetValueKind() is not (JsonValueKind.True or JsonValueKind.False))
                return new CheckResult("end-boolean", CheckStatus.Fail, $"{s.Title}: 'end' is {end.GetValueKind()}, not a boolean",
                    "send 'end' as a JSON boolean (true/false, not \"true\" or 1)");
        }
        return new CheckResult("end-boolean", CheckStatus.Pass, "'end' is absent or a boolean in every reply");
    }

    private static CheckResult MetadataObject(List<(Scenario Scenario, JsonObject Reply)> replies)
    {
        if (replies.Count == 0) return Skipped("metadata-object", "no JSON object reply to look at");
        foreach (var (s, reply) in replies)
            if (reply.TryGetPropertyValue("metadata", out var md) && md is not null && md is not System.Text.Json.Nodes.JsonObject)
                return new CheckResult("metadata-object", CheckStatus.Fail, $"{s.Title}: 'metadata' is {md.GetValueKind()}, not an object",
                    "send 'metadata' as a JSON object ({\"key\": value}) or leave it out");
        return new CheckResult("metadata-object", CheckStatus.Pass, "'metadata' is absent or an object in every reply");
    }

    private static CheckResult DefenderEnd(List<(Scenario Scenario, JsonObject Reply)> replies)
    {
        if (replies.Count == 0) return Skipped("defender-end", "no JSON object reply to look at");
        foreach (var (s, reply) in replies)
        {
            if (reply["end"] is not JsonValue e || !e.TryGetValue<bool>(out var end) || !end) continue;
            var hasContent = reply["content"] is JsonValue c && c.GetValueKind() == JsonValueKind.String;
            return hasContent
                ? new CheckResult("defender-end", CheckStatus.Warn, $"{s.Title}: the defender sent \"end\": true, which the arena ignores",
                    "drop 'end' from defender replies: only the attacker can end a session, the conversation goes on")
                : new CheckResult("defender-end", CheckStatus.Fail, $"{s.Title}: the defender sent \"end\": true without 'content'",
                    "a defender cannot end a session (its 'end' is ignored), so a reply without 'content' is a failed attempt: always answer");
        }
        return new CheckResult("defender-end", CheckStatus.Pass, "the defender never sent \"end\": true");
    }

    private CheckResult ReplySize(List<(Scenario Scenario, JsonObject Reply)> replies)
    {
        if (replies.Count == 0) return Skipped("reply-size", "no JSON object reply to look at");
        var longest = replies.Select(r => (r.Scenario, Length: r.Reply["content"] is JsonValue v && v.TryGetValue<string>(out var s) ? s.Length : 0))
            .MaxBy(r => r.Length);
        return longest.Length > options.MaxMessageChars
            ? new CheckResult("reply-size", CheckStatus.Warn,
                $"{longest.Scenario.Title}: 'content' has {longest.Length:N0} characters; the arena truncates at {options.MaxMessageChars:N0}",
                "keep replies under max_message_chars (32,768 by default): cap the model's max_tokens")
            : new CheckResult("reply-size", CheckStatus.Pass, $"longest 'content' {longest.Length:N0} characters (limit {options.MaxMessageChars:N0})");
    }

    /// <summary>A retry carries the same Idempotency-Key; the reply should be the same, and must at least be usable.</summary>
    private async Task<CheckResult> IdempotentRetryAsync(Scenario s, ProbeResponse first, CancellationToken ct)
    {
        var again = await PostAsync(ArenaWire.WriteRequest(s.Request), s.Request.IdempotencyKey, authorize: true, ct);
        if (!Usable(s.Request, again, out var why))
            return new CheckResult("idempotent-retry", CheckStatus.Fail, $"a retry of {s.Title} with the same Idempotency-Key failed: {why}",
                "accept a second request with the same Idempotency-Key (the arena retries failed attempts with it) and answer it like the first");
        var a = ArenaWire.ReadReply(first.Body);
        var b = ArenaWire.ReadReply(again.Body);
        return a.Content == b.Content && a.End == b.End
            ? new CheckResult("idempotent-retry", CheckStatus.Pass, "a retry with the same Idempotency-Key got the same reply")
            : new CheckResult("idempotent-retry", CheckStatus.Warn, "a retry with the same Idempotency-Key got a different reply",
                "cache replies by Idempotency-Key and return the cached one on a retry (docs/bot-protocol.md, 'Failures, retries and idempotency')");
    }

    /// <summary>Later protocol versions may add request fields; a bot that rejects them would break on upgrade.</summary>
    private async Task<CheckResult> UnknownFieldsAsync(Scenario s, CancellationToken ct)
    {
        var body = JsonNode.Parse(ArenaWire.WriteRequest(s.Request))!.AsObject();
        body["x_test_bot_extra"] = new JsonObject { ["note"] = "an unknown field; bots should ignore it" };
        var request = s.Request with { SessionId = s.Request.SessionId + "/extra-field" };
        body["session_id"] = request.SessionId;
        var r = await PostAsync(Encoding.UTF8.GetBytes(body.ToJsonString()), request.IdempotencyKey, authorize: true, ct);
        return Usable(request, r, out var why)
            ? new CheckResult("unknown-request-fields", CheckStatus.Pass, "a request with an extra field was answered normally")
            : new CheckResult("unknown-request-fields", CheckStatus.Warn, $"a request with an extra field failed: {why}",
                "ignore request fields you do not know, so the bot keeps working when the arena adds one");
    }

    private async Task<CheckResult> AuthAsync(Scenario s, CancellationToken ct)
    {
        var request = s.Request with { SessionId = s.Request.SessionId + "/no-token" };
        var r = await PostAsync(ArenaWire.WriteRequest(request), request.IdempotencyKey, authorize: false, ct);
        return r.Status is 401 or 403
            ? new CheckResult("auth", CheckStatus.Pass, $"a request without the token was refused ({r.Status})")
            : new CheckResult("auth", CheckStatus.Warn, $"a request without the token got {(r.Status is { } code ? $"HTTP {code}" : "no answer")}",
                "answer 401 when 'Authorization: Bearer <token>' is missing or wrong, so no one else can play as your team");
    }

    private static CheckResult Skipped(string name, string why) => new(name, CheckStatus.Skip, $"skipped: {why}");

    private static string Kind(JsonNode? node) => node is null ? "null" : node.GetValueKind().ToString().ToLowerInvariant();
}
