using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Text.Unicode;

namespace Arena.Evaluation.Judges;

/// <summary>
/// The transport every LLM judge shares: one OpenAI-compatible <c>/chat/completions</c> call per sample
/// (system = rubric, user = fenced data), <c>response_format: json_object</c>, <c>seed</c> = sample index, and
/// <c>choices[0].message.content</c> back. No retries (a retry would silently change what k means); every failure
/// is a <see cref="JudgeException"/> whose message starts with the caller's judge id.
/// </summary>
internal sealed class ChatCompletionsClient
{
    public const int MaxSamples = 15;

    private readonly HttpClient _http;
    private readonly LlmJudgeOptions _options;
    private readonly string _callerId;

    /// <param name="callerId">The judge id that prefixes error messages, e.g. <c>llm:gpt-4o</c>.</param>
    public ChatCompletionsClient(HttpClient http, LlmJudgeOptions options, string callerId)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.Model, nameof(options));
        if (options.Samples is < 1 or > MaxSamples)
            throw new ArgumentException($"samples must be between 1 and {MaxSamples}, got {options.Samples}.", nameof(options));
        if (double.IsNaN(options.Temperature) || options.Temperature < 0 || options.Temperature > 2)
            throw new ArgumentException($"temperature must be between 0 and 2, got {options.Temperature}.", nameof(options));
        if (!Uri.TryCreate(options.BaseUrl.TrimEnd('/') + "/chat/completions", UriKind.Absolute, out var endpoint)
            || (endpoint.Scheme != Uri.UriSchemeHttp && endpoint.Scheme != Uri.UriSchemeHttps))
            throw new ArgumentException($"base_url '{options.BaseUrl}' is not an absolute http(s) URL.", nameof(options));
        _http = http;
        _options = options;
        _callerId = callerId;
        Endpoint = endpoint;
    }

    public Uri Endpoint { get; }

    /// <summary>One completion; returns the assistant message's content verbatim.</summary>
    public async Task<string> CompleteAsync(string system, string user, int seed, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Endpoint) { Content = BuildBody(system, user, seed) };
        if (!string.IsNullOrEmpty(_options.ApiKey))
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _options.ApiKey);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));

        byte[] body;
        try
        {
            using var response = await _http.SendAsync(request, ct).ConfigureAwait(false);
            body = await response.Content.ReadAsByteArrayAsync(ct).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
                throw new JudgeException($"{_callerId}: HTTP {(int)response.StatusCode} from {Endpoint}: {StrictJsonReply.Snippet(Encoding.UTF8.GetString(body))}");
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            throw;
        }
        catch (OperationCanceledException ex)
        {
            throw new JudgeException($"{_callerId}: no response from {Endpoint} within {_http.Timeout.TotalSeconds:0.###} s", ex);
        }
        catch (HttpRequestException ex)
        {
            throw new JudgeException($"{_callerId}: {Endpoint}: {ex.Message}", ex);
        }
        catch (IOException ex)
        {
            throw new JudgeException($"{_callerId}: {Endpoint}: {ex.Message}", ex);
        }

        return ReadContent(body);
    }

    private ByteArrayContent BuildBody(string system, string user, int seed)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("model", _options.Model);
            w.WriteStartArray("messages");
            WriteMessage(w, "system", system);
            WriteMessage(w, "user", user);
            w.WriteEndArray();
            w.WriteNumber("temperature", _options.Temperature);
            w.WriteNumber("seed", seed);
            w.WriteStartObject("response_format");
            w.WriteString("type", "json_object");
            w.WriteEndObject();
            w.WriteEndObject();
        }

        var content = new ByteArrayContent(buffer.ToArray());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        return content;
    }

    private static void WriteMessage(Utf8JsonWriter w, string role, string content)
    {
        w.WriteStartObject();
        w.WriteString("role", role);
        w.WriteString("content", content);
        w.WriteEndObject();
    }

    /// <summary>choices[0].message.content of a chat completion.</summary>
    private string ReadContent(byte[] body)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("choices", out var choices) || choices.ValueKind != JsonValueKind.Array
                || choices.GetArrayLength() == 0)
                throw new JudgeException($"{_callerId}: completion has no choices: {StrictJsonReply.Snippet(Encoding.UTF8.GetString(body))}");
            var choice = choices[0];
            if (choice.ValueKind != JsonValueKind.Object
                || !choice.TryGetProperty("message", out var message) || message.ValueKind != JsonValueKind.Object)
                throw new JudgeException($"{_callerId}: choices[0].message is missing: {StrictJsonReply.Snippet(Encoding.UTF8.GetString(body))}");
            if (message.TryGetProperty("content", out var content) && content.ValueKind == JsonValueKind.String)
                return content.GetString()!;
            if (message.TryGetProperty("refusal", out var refusal) && refusal.ValueKind == JsonValueKind.String)
                throw new JudgeException($"{_callerId}: the judge model refused: {StrictJsonReply.Snippet(refusal.GetString()!)}");
            throw new JudgeException($"{_callerId}: choices[0].message.content is not a string: {StrictJsonReply.Snippet(Encoding.UTF8.GetString(body))}");
        }
        catch (JsonException ex)
        {
            throw new JudgeException($"{_callerId}: completion is not JSON ({ex.Message}): {StrictJsonReply.Snippet(Encoding.UTF8.GetString(body))}", ex);
        }
    }
}

/// <summary>
/// How judges put untrusted conversation text into a prompt: one line of JSON between two boundary lines whose
/// nonce is a SHA-256 of rubric version + data (different per conversation, identical on a replay, so prompts are
/// reproducible). Contents are JSON-escaped with quotes, backslashes, newlines, <c>&lt; &gt; &amp; ' +</c> and
/// backticks written as escape sequences, so no message can produce a line break, a code fence, a closing tag, the
/// boundary line (it starts with <c>&lt;&lt;&lt;</c>) or a bare JSON verdict outside its own string.
/// </summary>
internal static class JudgeDataFence
{
    private static readonly JsonSerializerOptions DataJson = new()
    {
        // All of Unicode stays readable for the model; the encoder still escapes the HTML-sensitive characters
        // < > & ' + and ", control characters and line separators. It escapes backticks too, but that is not
        // documented, so Serialize escapes them itself.
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
        WriteIndented = false,
    };

    /// <summary><c>[{"turn":0,"role":"…","content":"…"},…]</c> on one line, with the escaping described above.</summary>
    public static string Serialize(IReadOnlyList<(string Role, string Content)> messages)
    {
        var items = new List<DataMessage>(messages.Count);
        for (int i = 0; i < messages.Count; i++)
            items.Add(new DataMessage(i, messages[i].Role, messages[i].Content ?? ""));
        // Backticks occur only inside string values in this JSON, so the \u0060 escape is always valid there.
        return JsonSerializer.Serialize(items, DataJson).Replace("`", "\\u0060", StringComparison.Ordinal);
    }

    private sealed record DataMessage(
        [property: System.Text.Json.Serialization.JsonPropertyName("turn")] int Turn,
        [property: System.Text.Json.Serialization.JsonPropertyName("role")] string Role,
        [property: System.Text.Json.Serialization.JsonPropertyName("content")] string Content);

    public static (string Begin, string End) Boundaries(string rubricVersion, string data)
    {
        string nonce = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(rubricVersion + "\n" + data)))[..16];
        return ($"<<<BEGIN CONVERSATION DATA {nonce}>>>", $"<<<END CONVERSATION DATA {nonce}>>>");
    }

    /// <summary><paramref name="before"/>, the boundary-fenced data line, then <paramref name="after"/>.</summary>
    public static string Wrap(string before, string data, string rubricVersion, string after)
    {
        var (begin, end) = Boundaries(rubricVersion, data);
        return before + begin + "\n" + data + "\n" + end + "\n\n" + after;
    }
}

/// <summary>
/// Strict parsing of a judge's reply: exactly one JSON object (surrounding whitespace and at most one
/// <c>```json</c> fence allowed) with exactly the given boolean keys plus a non-empty string <c>rationale</c>;
/// unknown or duplicate keys are rejected (a duplicate key is how an echoed injection would try to override a
/// flag). Anything else throws <see cref="JudgeException"/> with a snippet of the reply.
/// </summary>
internal static class StrictJsonReply
{
    private const int SnippetChars = 200;

    private static readonly Regex Fence = new(@"\A```(?:json)?[ \t]*\r?\n(?<body>.*?)\r?\n?```\z",
        RegexOptions.Singleline | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    /// <summary>The flags in the order of <paramref name="boolKeys"/>, and the trimmed rationale.</summary>
    public static (bool[] Flags, string Rationale) Parse(string reply, IReadOnlyList<string> boolKeys)
    {
        string text = reply.Trim();
        var fence = Fence.Match(text);
        if (fence.Success)
            text = fence.Groups["body"].Value.Trim();

        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(text, new JsonDocumentOptions { AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow });
        }
        catch (JsonException ex)
        {
            throw new JudgeException($"reply is not exactly one JSON object ({ex.Message}): {Snippet(reply)}", ex);
        }

        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                throw new JudgeException($"reply is JSON but not an object: {Snippet(reply)}");

            var flags = new bool?[boolKeys.Count];
            string? rationale = null;
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var property in root.EnumerateObject())
            {
                if (!seen.Add(property.Name))
                    throw new JudgeException($"reply repeats the key \"{property.Name}\": {Snippet(reply)}");
                if (property.Name == "rationale")
                {
                    if (property.Value.ValueKind != JsonValueKind.String)
                        throw new JudgeException($"\"rationale\" is {property.Value.ValueKind}, not a string: {Snippet(reply)}");
                    rationale = property.Value.GetString()!.Trim();
                    if (rationale.Length == 0)
                        throw new JudgeException($"\"rationale\" is empty: {Snippet(reply)}");
                    continue;
                }

                int index = IndexOf(boolKeys, property.Name);
                if (index < 0)
                    throw new JudgeException($"reply has the unexpected key \"{property.Name}\": {Snippet(reply)}");
                flags[index] = property.Value.ValueKind switch
                {
                    JsonValueKind.True => true,
                    JsonValueKind.False => false,
                    var kind => throw new JudgeException($"\"{property.Name}\" is {kind}, not a JSON boolean: {Snippet(reply)}"),
                };
            }

            var result = new bool[boolKeys.Count];
            for (int i = 0; i < boolKeys.Count; i++)
                result[i] = flags[i] ?? throw new JudgeException($"reply lacks \"{boolKeys[i]}\": {Snippet(reply)}");
            if (rationale is null) throw new JudgeException($"reply lacks \"rationale\": {Snippet(reply)}");
            return (result, rationale);
        }
    }

    private static int IndexOf(IReadOnlyList<string> keys, string name)
    {
        for (int i = 0; i < keys.Count; i++)
            if (string.Equals(keys[i], name, StringComparison.Ordinal))
                return i;
        return -1;
    }

    /// <summary>The text on one line, cut to 200 characters, for error messages.</summary>
    public static string Snippet(string text)
    {
        string flat = text.Replace("\r", "\\r", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
        return flat.Length <= SnippetChars ? flat : flat[..SnippetChars] + "…";
    }
}
