using Arena.Core.Numerics;
using System.Diagnostics;
using Arena.Analysis.Embeddings;
using Arena.Core.Labels;
using Arena.Core.Sessions;
using Arena.Core.Storage;
using Microsoft.Extensions.AI;

namespace Arena.Analysis;

/// <param name="MaxPoints">Cap on t-SNE points (exact t-SNE is O(n²)); above it a stratified sample is mapped.</param>
/// <param name="MaxEmbedded">Cap on embedded sessions (null = all). Above it, a stratified sample is embedded and semantic
/// diversity is estimated from it: embedding is the slow part (≈ 27 conversations/s with the default model).</param>
internal sealed record AnalysisOptions(int MaxPoints = 2000, int Seed = 1, double Perplexity = 30, int TsneIterations = 1000, int? MaxEmbedded = null);

/// <summary>Runs the analyses of §4.3 over one or more tournaments of a store.</summary>
internal static class TournamentAnalysis
{
    private const int ChunkSize = 256; // progress granularity; the generator batches further inside

    public static async Task<AnalysisResult> RunAsync(
        IArenaStore store, IReadOnlyList<string> tournaments, IEmbeddingGenerator<string, Embedding<float>> embedder, EmbedderInfo info,
        AnalysisOptions options, Action<string> progress, CancellationToken ct)
    {
        var sessions = new List<SessionRecord>();
        var labels = new Dictionary<string, ConversationLabel>(StringComparer.Ordinal);
        var bots = new List<BotRow>();
        foreach (var t in tournaments)
        {
            await foreach (var s in store.ReadSessionsAsync(t, SessionFilter.Finished, ct))
                if (s.Turns.Count > 0) sessions.Add(s);
            foreach (var (id, label) in await store.GetCurrentLabelsAsync(t, ct)) labels[id] = label;
            var stats = await store.GetStatsAsync(t, ct);
            bots.AddRange(stats.Bots.Select(b => new BotRow(t, b.BotId, b.Turns, b.FailedAttempts, b.FailedSessions, b.ErrorRate, b.P50Ms, b.P95Ms, b.P99Ms)));
        }

        // The label tables count every session; the embeddings may cover a sample (see AnalysisOptions.MaxEmbedded).
        var all = sessions;
        var population = all.Count;
        if (options.MaxEmbedded is { } cap && all.Count > cap)
            sessions = StratifiedSample(all, cap, options.Seed).Select(i => all[i]).ToList();
        var segmented = info.Kind == "use";
        var texts = sessions.Select(s => ConversationText.For(s, segmented)).ToList();
        // Model embeddings are slow, so they are kept in the store; the lexical stand-in is cheaper to recompute than to cache.
        var cache = info.Kind == "lexical" ? null : new CachingEmbeddingGenerator(embedder, store, info.CacheKey);
        var source = (IEmbeddingGenerator<string, Embedding<float>>?)cache ?? embedder;
        var vectors = new List<float[]>(texts.Count);
        var clock = Stopwatch.StartNew();
        for (var start = 0; start < texts.Count; start += ChunkSize)
        {
            var chunk = texts.GetRange(start, Math.Min(ChunkSize, texts.Count - start));
            var generated = await source.GenerateAsync(chunk, cancellationToken: ct);
            vectors.AddRange(generated.Select(e => Vectors.Normalize(e.Vector.ToArray())));
            progress($"embedded {vectors.Count}/{texts.Count} conversations ({info.Kind}: {info.ModelId}) {vectors.Count / Math.Max(clock.Elapsed.TotalSeconds, 1e-9):F1}/s" +
                     (cache is { Hits: > 0 } ? $", {cache.Hits} from the store's cache" : ""));
        }
        var embedSeconds = clock.Elapsed.TotalSeconds;

        var diversity = new List<DiversityMatrix>
        {
            SemanticDiversity.Compute("attacker", vectors, sessions.Select(s => s.Attacker).ToList()),
            SemanticDiversity.Compute("defender", vectors, sessions.Select(s => s.Defender).ToList()),
            SemanticDiversity.Compute("tournament", vectors, sessions.Select(s => s.Tournament).ToList()),
        };

        var chosen = StratifiedSample(sessions, options.MaxPoints, options.Seed);
        progress($"t-SNE of {chosen.Count} points…");
        clock.Restart();
        var coords = Tsne.Embed(chosen.Select(i => vectors[i]).ToList(), new TsneOptions(options.Perplexity, options.TsneIterations, options.Seed), ct);
        var tsneSeconds = clock.Elapsed.TotalSeconds;
        var perplexity = Tsne.EffectivePerplexity(chosen.Count, options.Perplexity);
        var points = chosen.Select((idx, k) =>
        {
            var s = sessions[idx];
            var outcome = labels.TryGetValue(s.Id, out var l) ? l.Outcome.Text() : Outcome.Unlabeled.Text();
            return new TsnePoint(s.Id, s.Tournament, s.Attacker, s.Defender, outcome, coords[k][0], coords[k][1]);
        }).ToList();
        var note = (chosen.Count < population
                ? $"stratified sample of {chosen.Count} of {population} sessions (proportional per tournament × attacker × defender, seed {options.Seed})"
                : $"all {population} sessions")
            + $"; exact t-SNE, perplexity {perplexity:0.##}" + (perplexity < options.Perplexity ? $" (lowered from {options.Perplexity} for {chosen.Count} points)" : "");

        var analysedLabels = all.Select(s => labels.GetValueOrDefault(s.Id)).OfType<ConversationLabel>().ToList();
        var embedded = ConversationText.Policy(segmented, info.Window);
        if (sessions.Count < population)
            embedded = $"a stratified sample of {sessions.Count} of {population} sessions (semantic diversity is estimated from it); {embedded}";
        return new AnalysisResult(
            tournaments, population, info, embedded,
            diversity,
            new TsneMap(points, perplexity, options.Seed, population, note),
            AnalysisTables.VulnerableVsMalicious(all, labels),
            AnalysisTables.VulnerabilityClasses(analysedLabels),
            AnalysisTables.FirstSuccess(analysedLabels),
            bots,
            new AnalysisTimings(embedSeconds, sessions.Count / Math.Max(embedSeconds, 1e-9), tsneSeconds, cache?.Hits ?? 0));
    }

    /// <summary>
    /// Indices of at most <paramref name="max"/> sessions, allocated to each (tournament, attacker, defender) stratum in
    /// proportion to its size (largest remainders get the spare slots), chosen within a stratum by a seeded shuffle.
    /// </summary>
    public static IReadOnlyList<int> StratifiedSample(IReadOnlyList<SessionRecord> sessions, int max, int seed)
    {
        if (sessions.Count <= max) return Enumerable.Range(0, sessions.Count).ToList();
        var strata = Enumerable.Range(0, sessions.Count)
            .GroupBy(i => (sessions[i].Tournament, sessions[i].Attacker, sessions[i].Defender))
            .OrderBy(g => g.Key.Tournament, StringComparer.Ordinal).ThenBy(g => g.Key.Attacker, StringComparer.Ordinal).ThenBy(g => g.Key.Defender, StringComparer.Ordinal)
            .Select(g => g.ToList()).ToList();
        var exact = strata.Select(g => (double)max * g.Count / sessions.Count).ToList();
        var quota = exact.Select(e => (int)Math.Floor(e)).ToList();
        var spare = max - quota.Sum();
        foreach (var k in Enumerable.Range(0, strata.Count).OrderByDescending(k => exact[k] - quota[k]).ThenBy(k => k).Take(spare)) quota[k]++;
        var random = new Random(seed);
        var chosen = new List<int>();
        for (var k = 0; k < strata.Count; k++)
        {
            var members = strata[k].ToArray();
            random.Shuffle(members);
            chosen.AddRange(members.Take(quota[k]));
        }
        chosen.Sort();
        return chosen;
    }
}
