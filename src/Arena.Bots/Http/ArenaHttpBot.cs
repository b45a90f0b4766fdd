using System.Buffers;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Arena.Core.Bots;

namespace Arena.Bots.Http;

/// <summary>A bot behind an arena.v1 HTTP endpoint (contracts §2). One attempt per call; the engine retries.</summary>
internal sealed class ArenaHttpBot(HttpClient http, Uri url, string? token) : IBot
{
    private static readonly MediaTypeHeaderValue JsonType = new("application/json");

    public async Task<BotReply> RespondAsync(BotRequest request, CancellationToken cancellationToken)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new ByteArrayContent(ArenaWire.WriteRequest(request)) { Headers = { ContentType = JsonType } },
        };
        message.Headers.TryAddWithoutValidation("Idempotency-Key", request.IdempotencyKey);
        if (token is not null) message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);

        byte[] body;
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(message, HttpCompletionOption.ResponseContentRead, cancellationToken);
            body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new BotCallException(BotFailureKind.Timeout, "timed out (HttpClient)");
        }
        catch (HttpRequestException e)
        {
            throw new BotCallException(BotFailureKind.Transport, $"connection failed: {e.Message}", e);
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
                throw new BotCallException(BotFailureKind.HttpStatus,
                    $"HTTP {(int)response.StatusCode}: {ArenaWire.Snippet(body)}");
            return ArenaWire.ReadReply(body);
        }
    }
}

/// <summary>The arena.v1 wire format, written by hand: it is on the hot path of every turn.</summary>
internal static class ArenaWire
{
    public const string Protocol = "arena.v1";

    public static byte[] WriteRequest(BotRequest request)
    {
        var buffer = new ArrayBufferWriter<byte>(256 + request.History.Sum(m => m.Content.Length * 2));
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("protocol", Protocol);
            w.WriteString("tournament", request.Tournament);
            w.WriteString("session_id", request.SessionId);
            w.WriteString("role", request.Role.Wire());
            w.WriteNumber("turn", request.Turn);
            w.WriteNumber("max_turns", request.MaxTurns);
            w.WriteNumber("seed", request.Seed);
            w.WriteStartArray("history");
            foreach (var m in request.History)
            {
                w.WriteStartObject();
                w.WriteString("role", m.Role.Wire());
                w.WriteString("content", m.Content);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Parses a bot's 200 body. Anything that is not the contract's JSON is a failed attempt.</summary>
    public static BotReply ReadReply(ReadOnlySpan<byte> body)
    {
        try
        {
            var reader = new Utf8JsonReader(body);
            using var doc = JsonDocument.ParseValue(ref reader);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                throw new BotCallException(BotFailureKind.Malformed, $"reply is JSON {root.ValueKind}, not an object");

            var end = false;
            if (root.TryGetProperty("end", out var endEl))
            {
                if (endEl.ValueKind is JsonValueKind.True or JsonValueKind.False) end = endEl.GetBoolean();
                else if (endEl.ValueKind != JsonValueKind.Null)
                    throw new BotCallException(BotFailureKind.Malformed, "'end' is not a boolean");
            }

            string? content = null;
            if (root.TryGetProperty("content", out var c) && c.ValueKind != JsonValueKind.Null)
            {
                if (c.ValueKind != JsonValueKind.String)
                    throw new BotCallException(BotFailureKind.Malformed, "'content' is not a string");
                content = c.GetString();
            }
            if (content is null && !end)
                throw new BotCallException(BotFailureKind.MissingContent, "reply has no 'content' and 'end' is not true");

            string? metadata = null;
            if (root.TryGetProperty("metadata", out var md) && md.ValueKind != JsonValueKind.Null)
            {
                if (md.ValueKind != JsonValueKind.Object)
                    throw new BotCallException(BotFailureKind.Malformed, "'metadata' is not an object");
                metadata = md.GetRawText();
            }
            return new BotReply(content, end, metadata);
        }
        catch (JsonException e)
        {
            throw new BotCallException(BotFailureKind.Malformed, $"reply is not JSON: {e.Message}; body: {Snippet(body)}");
        }
    }

    public static string Snippet(ReadOnlySpan<byte> body, int max = 200)
    {
        var text = Encoding.UTF8.GetString(body.Length > max * 4 ? body[..(max * 4)] : body);
        text = text.ReplaceLineEndings(" ");
        return text.Length > max ? text[..max] + "…" : text;
    }
}
