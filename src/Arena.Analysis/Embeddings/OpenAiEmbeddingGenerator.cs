using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;

namespace Arena.Analysis.Embeddings;

/// <param name="BaseUrl">Root of an OpenAI-compatible API, e.g. <c>https://api.openai.com/v1</c>; <c>/embeddings</c> is appended.</param>
/// <param name="ApiKey">Bearer token, or null for servers without auth.</param>
internal sealed record OpenAiEmbeddingOptions(string BaseUrl, string Model, string? ApiKey = null, int BatchSize = 64, int MaxAttempts = 4, TimeSpan? Timeout = null);

/// <summary>
/// Any OpenAI-compatible <c>POST {base_url}/embeddings</c>. Texts go in batches; 5xx, 408, 429 and timeouts are retried
/// with exponential back-off, other 4xx fail at once (retrying a bad request or a bad key cannot help).
/// </summary>
internal sealed class OpenAiEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    private readonly OpenAiEmbeddingOptions _options;
    private readonly HttpClient _http;
    private readonly Uri _endpoint;

    public OpenAiEmbeddingGenerator(OpenAiEmbeddingOptions options, HttpMessageHandler? handler = null)
    {
        _options = options;
        if (!Uri.TryCreate(options.BaseUrl.TrimEnd('/') + "/embeddings", UriKind.Absolute, out var endpoint) || endpoint.Scheme is not ("http" or "https"))
            throw new ArgumentException($"embeddings url '{options.BaseUrl}' is not an absolute http(s) URL");
        if (string.IsNullOrWhiteSpace(options.Model)) throw new ArgumentException("embeddings model is empty");
        _endpoint = endpoint;
        _http = handler is null ? new HttpClient() : new HttpClient(handler);
        _http.Timeout = Timeout.InfiniteTimeSpan; // per-attempt timeout below, so a timeout can be retried
        Metadata = new EmbeddingGeneratorMetadata("openai-compatible", new Uri(options.BaseUrl), options.Model);
    }

    public EmbeddingGeneratorMetadata Metadata { get; }

    public async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var texts = values.ToList();
        var all = new GeneratedEmbeddings<Embedding<float>>();
        long tokens = 0;
        for (var start = 0; start < texts.Count; start += _options.BatchSize)
        {
            var batch = texts.GetRange(start, Math.Min(_options.BatchSize, texts.Count - start));
            var (vectors, used) = await SendWithRetriesAsync(batch, options?.ModelId ?? _options.Model, cancellationToken);
            all.AddRange(vectors.Select(v => new Embedding<float>(v) { ModelId = _options.Model }));
            tokens += used;
        }
        all.Usage = new UsageDetails { InputTokenCount = tokens };
        return all;
    }

    private async Task<(float[][] Vectors, long Tokens)> SendWithRetriesAsync(List<string> batch, string model, CancellationToken ct)
    {
        var body = new JsonObject { ["model"] = model, ["input"] = new JsonArray([.. batch.Select(t => JsonValue.Create(t))]) }.ToJsonString();
        for (var attempt = 1; ; attempt++)
        {
            string problem;
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(_options.Timeout ?? TimeSpan.FromSeconds(60));
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, _endpoint) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
                if (_options.ApiKey is { Length: > 0 } key) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
                using var response = await _http.SendAsync(request, timeout.Token);
                var text = await response.Content.ReadAsStringAsync(timeout.Token);
                if (response.IsSuccessStatusCode) return Parse(text, batch.Count);
                var code = (int)response.StatusCode;
                problem = $"HTTP {code}: {Snippet(text)}";
                if (code < 500 && response.StatusCode is not (HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests))
                    throw new EmbeddingBackendException($"{_endpoint}: {problem}");
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested) { problem = "timed out"; }
            catch (HttpRequestException e) { problem = e.Message; }
            if (attempt >= _options.MaxAttempts)
                throw new EmbeddingBackendException($"{_endpoint}: gave up after {attempt} attempts, last: {problem}");
            await Task.Delay(TimeSpan.FromMilliseconds(200 * Math.Pow(2, attempt - 1)), ct);
        }
    }

    private (float[][], long) Parse(string text, int expected)
    {
        JsonNode? doc;
        try { doc = JsonNode.Parse(text); }
        catch (System.Text.Json.JsonException e) { throw new EmbeddingBackendException($"{_endpoint}: response is not JSON ({e.Message})"); }
        var data = doc?["data"]?.AsArray() ?? throw new EmbeddingBackendException($"{_endpoint}: response has no 'data' array: {Snippet(text)}");
        var vectors = new float[expected][];
        foreach (var item in data)
        {
            var index = item?["index"]?.GetValue<int>() ?? throw new EmbeddingBackendException($"{_endpoint}: an item of 'data' has no 'index'");
            if (index < 0 || index >= expected) throw new EmbeddingBackendException($"{_endpoint}: 'data' index {index} out of range 0..{expected - 1}");
            vectors[index] = item["embedding"]?.AsArray().Select(x => x!.GetValue<float>()).ToArray()
                ?? throw new EmbeddingBackendException($"{_endpoint}: item {index} has no 'embedding'");
        }
        var missing = Array.FindIndex(vectors, v => v is null);
        if (missing >= 0) throw new EmbeddingBackendException($"{_endpoint}: no embedding for input {missing} of {expected}");
        return (vectors, doc["usage"]?["prompt_tokens"]?.GetValue<long>() ?? 0);
    }

    private static string Snippet(string s) => s.Length <= 200 ? s : s[..200] + "…";

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is not null ? null
        : serviceType == typeof(EmbeddingGeneratorMetadata) ? Metadata
        : serviceType.IsInstanceOfType(this) ? this : null;

    public void Dispose() => _http.Dispose();
}
