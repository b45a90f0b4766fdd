using System.ComponentModel;
using System.Diagnostics;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;

namespace Arena.Analysis.Embeddings;

/// <param name="Workers">Node processes; the wasm backend uses one core each, so one per core.</param>
/// <param name="BatchSize">Texts per request: batching saves JSON round trips, not model time (cost is per token).</param>
/// <param name="MaxTokens">Window per text, at most the model's 128; smaller is proportionally faster.</param>
internal sealed record UseOptions(string? JsDir = null, string NodePath = "node", int Workers = 2, int BatchSize = 16, int MaxTokens = UseEmbeddingGenerator.ModelWindow);

/// <summary>
/// The default embedder: Universal Sentence Encoder lite (npm @energetic-ai, 512-d) run by long-lived Node workers
/// (js/embed.mjs, JSON lines over stdin/stdout). Workers start on first use and are killed on Dispose. A text may hold
/// several segments separated by <see cref="SegmentSeparator"/>; the 128-token window is then shared between them.
/// </summary>
internal sealed class UseEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    public const string ModelId = "universal-sentence-encoder-lite";
    public const int Dimensions = 512;
    /// <summary>The graph's ClipToMaxLength drops token positions ≥ 128, so nothing after the 128th token counts.</summary>
    public const int ModelWindow = 128;
    public const char SegmentSeparator = '\u001e';

    private readonly UseOptions _options;
    private readonly string _jsDir;
    private readonly SemaphoreSlim _startLock = new(1, 1);
    private List<NodeWorker>? _workers;
    private bool _disposed;

    public UseEmbeddingGenerator(UseOptions? options = null)
    {
        _options = options ?? new UseOptions();
        if (_options.Workers < 1 || _options.BatchSize < 1 || _options.MaxTokens is < 1 or > ModelWindow)
            throw new ArgumentException($"USE options out of range: workers {_options.Workers}, batch {_options.BatchSize}, max tokens {_options.MaxTokens} (1..{ModelWindow})");
        _jsDir = _options.JsDir ?? DefaultJsDir();
        Metadata = new EmbeddingGeneratorMetadata("energetic-ai/use-lite (node)", null, ModelId, Dimensions);
    }

    public EmbeddingGeneratorMetadata Metadata { get; }

    /// <summary>ARENA_JS_DIR, else the js/ folder the build recorded.</summary>
    public static string DefaultJsDir() =>
        Environment.GetEnvironmentVariable("ARENA_JS_DIR") is { Length: > 0 } env ? env
        : typeof(UseEmbeddingGenerator).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == "ArenaJsDir")?.Value
          ?? throw new EmbeddingBackendException("the js/ folder is unknown (set ARENA_JS_DIR)");

    /// <summary>Starts the workers now (loads the model) so a missing Node or model shows up before any work.</summary>
    public async Task WarmUpAsync(CancellationToken ct)
    {
        await EnsureStartedAsync(ct);
    }

    public async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var texts = values.ToList();
        var workers = await EnsureStartedAsync(cancellationToken);
        var maxTokens = options?.AdditionalProperties?.TryGetValue("max_tokens", out var mt) == true && mt is int m ? m : _options.MaxTokens;
        var results = new float[texts.Count][];
        var tokens = new int[texts.Count];
        var next = -1;
        var batches = (texts.Count + _options.BatchSize - 1) / _options.BatchSize;
        // Each worker pulls the next batch when it is free, so a slow batch does not hold the other core idle.
        await Task.WhenAll(workers.Select(async w =>
        {
            int b;
            while ((b = Interlocked.Increment(ref next)) < batches)
            {
                var start = b * _options.BatchSize;
                var count = Math.Min(_options.BatchSize, texts.Count - start);
                var (vectors, counts) = await w.EmbedAsync(texts.GetRange(start, count), maxTokens, cancellationToken);
                for (var i = 0; i < count; i++) { results[start + i] = vectors[i]; tokens[start + i] = counts[i]; }
            }
        }));
        var embeddings = new GeneratedEmbeddings<Embedding<float>>(results.Select(v => new Embedding<float>(v) { ModelId = ModelId }));
        embeddings.Usage = new UsageDetails { InputTokenCount = tokens.Sum() };
        return embeddings;
    }

    /// <summary>Token ids of each text, by js/embed.mjs's linear tokenizer ("fast") or the npm package's ("package").</summary>
    public async Task<IReadOnlyList<int[]>> TokenizeAsync(IReadOnlyList<string> texts, string impl, CancellationToken ct)
    {
        var workers = await EnsureStartedAsync(ct);
        return await workers[0].TokenizeAsync(texts, impl, ct);
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is not null ? null
        : serviceType == typeof(EmbeddingGeneratorMetadata) ? Metadata
        : serviceType.IsInstanceOfType(this) ? this : null;

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        foreach (var w in _workers ?? []) w.Dispose();
        _startLock.Dispose();
    }

    private async Task<List<NodeWorker>> EnsureStartedAsync(CancellationToken ct)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_workers is { } ready && ready.All(w => w.Alive)) return ready;
        await _startLock.WaitAsync(ct);
        try
        {
            if (_workers is { } again && again.All(w => w.Alive)) return again;
            foreach (var w in _workers ?? []) w.Dispose();
            _workers = null;
            var script = Path.Combine(_jsDir, "embed.mjs");
            if (!File.Exists(script)) throw new EmbeddingBackendException($"{script}: not found (is ARENA_JS_DIR right?)");
            var model = Path.Combine(_jsDir, "node_modules", "@energetic-ai", "model-embeddings-en", "dist", "model.json");
            if (!File.Exists(model)) throw new EmbeddingBackendException($"{model}: the USE model is not installed (run 'npm ci' in {_jsDir}, or build the solution)");
            var started = await Task.WhenAll(Enumerable.Range(0, _options.Workers).Select(_ => NodeWorker.StartAsync(_options.NodePath, script, _jsDir, ct)));
            _workers = [.. started];
            return _workers;
        }
        finally { _startLock.Release(); }
    }

    /// <summary>One Node process; requests to it are serialized (the model runs one batch at a time anyway).</summary>
    private sealed class NodeWorker : IDisposable
    {
        private readonly Process _process;
        private readonly SemaphoreSlim _gate = new(1, 1);
        private readonly StringBuilder _stderr = new();
        private long _nextId;

        private NodeWorker(Process process)
        {
            _process = process;
            process.ErrorDataReceived += (_, e) =>
            {
                if (e.Data is null) return;
                lock (_stderr)
                {
                    _stderr.AppendLine(e.Data);
                    if (_stderr.Length > 4000) _stderr.Remove(0, _stderr.Length - 4000); // the tail says what went wrong
                }
            };
        }

        public bool Alive => !_process.HasExited;

        public static async Task<NodeWorker> StartAsync(string node, string script, string jsDir, CancellationToken ct)
        {
            var psi = new ProcessStartInfo(node) { WorkingDirectory = jsDir, RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, StandardOutputEncoding = new UTF8Encoding(false), StandardInputEncoding = new UTF8Encoding(false) };
            psi.ArgumentList.Add(script);
            Process process;
            try { process = Process.Start(psi) ?? throw new EmbeddingBackendException($"could not start '{node}'"); }
            catch (Win32Exception e) { throw new EmbeddingBackendException($"'{node}' could not be started ({e.Message}); the default embedder needs Node.js 20 on PATH", e); }
            var worker = new NodeWorker(process);
            process.BeginErrorReadLine();
            try
            {
                var line = await process.StandardOutput.ReadLineAsync(ct).AsTask().WaitAsync(TimeSpan.FromSeconds(60), ct);
                if (line is null || !line.Contains("\"ready\":true", StringComparison.Ordinal))
                    throw worker.Crashed("failed while loading the model", line);
                return worker;
            }
            catch (TimeoutException) { worker.Dispose(); throw new EmbeddingBackendException("js/embed.mjs did not load the model within 60 s"); }
            catch { worker.Dispose(); throw; }
        }

        public async Task<(float[][] Vectors, int[] Tokens)> EmbedAsync(List<string> texts, int maxTokens, CancellationToken ct)
        {
            var reply = await RequestAsync(new JsonObject { ["op"] = "embed", ["texts"] = new JsonArray([.. texts.Select(t => JsonValue.Create(t))]), ["maxTokens"] = maxTokens }, ct);
            var vectors = reply["vectors"]!.AsArray().Select(v => Decode(v!.GetValue<string>())).ToArray();
            var tokens = reply["tokens"]!.AsArray().Select(v => v!.GetValue<int>()).ToArray();
            if (vectors.Length != texts.Count) throw new EmbeddingBackendException($"js/embed.mjs returned {vectors.Length} vectors for {texts.Count} texts");
            return (vectors, tokens);
        }

        public async Task<IReadOnlyList<int[]>> TokenizeAsync(IReadOnlyList<string> texts, string impl, CancellationToken ct)
        {
            var reply = await RequestAsync(new JsonObject { ["op"] = "tokenize", ["impl"] = impl, ["texts"] = new JsonArray([.. texts.Select(t => JsonValue.Create(t))]) }, ct);
            return reply["ids"]!.AsArray().Select(a => a!.AsArray().Select(x => x!.GetValue<int>()).ToArray()).ToList();
        }

        private async Task<JsonNode> RequestAsync(JsonObject request, CancellationToken ct)
        {
            await _gate.WaitAsync(ct);
            try
            {
                var id = ++_nextId;
                request["id"] = id;
                string? line;
                try
                {
                    await _process.StandardInput.WriteLineAsync(request.ToJsonString().AsMemory(), ct);
                    await _process.StandardInput.FlushAsync(ct);
                    line = await _process.StandardOutput.ReadLineAsync(ct);
                }
                catch (IOException e) { throw Crashed($"pipe broke ({e.Message})", null); }
                if (line is null) throw Crashed("exited mid-request", null);
                var reply = JsonNode.Parse(line) ?? throw Crashed("sent an empty reply", line);
                if (reply["error"] is { } error) throw new EmbeddingBackendException($"js/embed.mjs: {error.GetValue<string>().Split('\n')[0]}");
                if (reply["id"]?.GetValue<long>() != id) throw Crashed($"answered request {reply["id"]} instead of {id}", null);
                return reply;
            }
            finally { _gate.Release(); }
        }

        private EmbeddingBackendException Crashed(string what, string? line)
        {
            string exit = "";
            try { if (_process.WaitForExit(2000)) exit = $" (exit code {_process.ExitCode})"; } catch (InvalidOperationException) { }
            string err;
            lock (_stderr) err = _stderr.ToString().Trim();
            var detail = err.Length > 0 ? err : line ?? "no output";
            return new EmbeddingBackendException($"js/embed.mjs {what}{exit}: {detail.ReplaceLineEndings(" | ")}");
        }

        private static float[] Decode(string base64)
        {
            var bytes = Convert.FromBase64String(base64);
            return MemoryMarshal.Cast<byte, float>(bytes).ToArray(); // Float32Array bytes are little-endian, as is .NET here
        }

        public void Dispose()
        {
            try { if (!_process.HasExited) _process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
            _process.Dispose();
            _gate.Dispose();
        }
    }
}
