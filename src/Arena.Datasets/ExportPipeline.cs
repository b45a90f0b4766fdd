using System.Text.Json;
using Arena.Core.Labels;
using Arena.Core.Sessions;
using Arena.Core.Storage;
using Microsoft.Extensions.AI;

namespace Arena.Datasets;

/// <summary>Why a conversation (or, for dpo, a pair) did not reach the dataset; the summary lists them in this order.</summary>
internal static class DropReasons
{
    public const string Unfinished = "unfinished";
    public const string Failed = "failed";
    public const string Unlabeled = "unlabeled";
    public const string Subset = "subset";
    public const string Filter = "filter";
    public const string DuplicateExact = "duplicate-exact";
    public const string DuplicateEmbedding = "duplicate-embedding";
    public const string NoPair = "no-pair";

    public static readonly string[] Order = [Unfinished, Failed, Unlabeled, Subset, Filter, DuplicateExact, DuplicateEmbedding, NoPair];
}

/// <param name="Dedupe">null = the format's default (<see cref="DedupeOptions.DefaultFor"/>)</param>
/// <param name="Embedder">needed for <see cref="DedupeMode.Embedding"/> only</param>
/// <param name="EmbedderName">how the card and summary name the embedder (e.g. "use (universal-sentence-encoder)")</param>
internal sealed record ExportOptions(
    ExportFormat Format = ExportFormat.ChatJsonl,
    ExportSubset Subset = ExportSubset.All,
    ExportFilter? Filter = null,
    DedupeOptions? Dedupe = null,
    bool IncludeFailed = false,
    string License = "other",
    IEmbeddingGenerator<string, Embedding<float>>? Embedder = null,
    string? EmbedderName = null)
{
    public DedupeOptions EffectiveDedupe => Dedupe ?? DedupeOptions.DefaultFor(Format);
}

/// <summary>What went in, what came out and why the rest was dropped; also what the dataset card reports.</summary>
internal sealed class ExportSummary
{
    public required ExportOptions Options { get; init; }
    public int Read { get; set; }
    /// <summary>Rows written: conversations, or pairs for dpo.</summary>
    public int Written { get; set; }
    public string Unit => Options.Format == ExportFormat.Dpo ? "pairs" : "conversations";
    /// <summary>Conversations dropped, by reason (for dpo the duplicate reasons count pairs: see <see cref="PairsBuilt"/>).</summary>
    public SortedDictionary<string, int> Dropped { get; } = new(Comparer<string>.Create((a, b) => Array.IndexOf(DropReasons.Order, a).CompareTo(Array.IndexOf(DropReasons.Order, b))));
    public int PairsBuilt { get; set; }
    /// <summary>Conversations that are in the dataset (for dpo: that gave at least one pair).</summary>
    public DatasetStats Stats { get; } = new();

    public int SkippedFailed => Dropped.GetValueOrDefault(DropReasons.Failed);
    public int SkippedRunning => Dropped.GetValueOrDefault(DropReasons.Unfinished);
    public int SkippedBySubset => Dropped.GetValueOrDefault(DropReasons.Subset);
    public int SkippedUnlabeled => Dropped.GetValueOrDefault(DropReasons.Unlabeled);

    public void Drop(string reason, int count = 1)
    {
        if (count > 0) Dropped[reason] = Dropped.GetValueOrDefault(reason) + count;
    }

    /// <summary>One line for stderr: "read 120 conversations, wrote 97 conversations; dropped: 3 failed (…), 20 subset".</summary>
    public string Describe()
    {
        var dropped = Dropped.Select(kv => $"{kv.Value} {kv.Key}{Hint(kv.Key)}").ToList();
        return $"read {Read} conversations, wrote {Written} {Unit}" +
               (Options.Format == ExportFormat.Dpo ? $" (from {Stats.Conversations} conversations; {PairsBuilt} pairs built)" : "") +
               (dropped.Count > 0 ? "; dropped: " + string.Join(", ", dropped) : "; nothing dropped");
    }

    private string Hint(string reason) => reason switch
    {
        DropReasons.Failed => " (--include-failed adds them)",
        DropReasons.Unlabeled => " (run arena evaluate)",
        DropReasons.Subset => $" (outside {Options.Subset.Text()})",
        DropReasons.DuplicateExact or DropReasons.DuplicateEmbedding when Options.Format == ExportFormat.Dpo => " pairs",
        _ => "",
    };

    public object ToJson() => new
    {
        format = Options.Format.Text(),
        subset = Options.Subset == ExportSubset.All ? null : Options.Subset.Text(),
        filter = Options.Filter?.Text,
        dedupe = Options.EffectiveDedupe.ToString(),
        embedder = Options.EffectiveDedupe.Mode == DedupeMode.Embedding ? Options.EmbedderName : null,
        read = Read,
        written = Written,
        unit = Unit,
        dropped = DropReasons.Order.Where(r => r != DropReasons.NoPair || Options.Format == ExportFormat.Dpo).ToDictionary(r => r, r => Dropped.GetValueOrDefault(r)),
        pairs_built = Options.Format == ExportFormat.Dpo ? PairsBuilt : (int?)null,
        conversations = Stats.Conversations,
        outcomes = Stats.Outcomes,
        tournaments = Stats.Tournaments,
        attackers = Stats.Attackers,
        defenders = Stats.Defenders,
    };
}

/// <summary>Counts over the conversations in the dataset, for the summary and the dataset card.</summary>
internal sealed class DatasetStats
{
    public int Conversations { get; private set; }
    public SortedDictionary<string, int> Outcomes { get; } = new(StringComparer.Ordinal);
    public int VulnerableCode { get; private set; }
    public int SecurityEvents { get; private set; }
    public SortedDictionary<string, int> Categories { get; } = new(StringComparer.Ordinal);
    public SortedDictionary<string, int> Tournaments { get; } = new(StringComparer.Ordinal);
    public SortedDictionary<string, int> Attackers { get; } = new(StringComparer.Ordinal);
    public SortedDictionary<string, int> Defenders { get; } = new(StringComparer.Ordinal);
    /// <summary>analyzer@version and judge@version → conversations labeled with it.</summary>
    public SortedDictionary<string, int> LabelSources { get; } = new(StringComparer.Ordinal);

    public void Add(SessionRecord s, ConversationLabel? l)
    {
        Conversations++;
        static void Inc(SortedDictionary<string, int> d, string k) => d[k] = d.GetValueOrDefault(k) + 1;
        Inc(Outcomes, (l?.Outcome ?? Outcome.Unlabeled).Text());
        Inc(Tournaments, s.Tournament);
        Inc(Attackers, s.Attacker);
        Inc(Defenders, s.Defender);
        if (l is null) return;
        if (l.VulnerableCode) VulnerableCode++;
        if (l.SecurityEvent) SecurityEvents++;
        foreach (var c in l.Findings.Select(f => f.Category).Distinct()) Inc(Categories, c);
        Inc(LabelSources, $"analyzer {l.AnalyzerId}@{l.AnalyzerVersion}");
        if (l.Judge is { } j) Inc(LabelSources, $"judge {j.JudgeId}@{j.JudgeVersion}");
    }
}

/// <summary>
/// The export pipeline: read → status → subset → filter → dedupe → write, counting every drop. Conversations are
/// processed in store order in batches, so only dpo (which must see every context before pairing) holds them all.
/// </summary>
internal static class ExportPipeline
{
    private const int Batch = 256;

    /// <summary>Exports the tournaments' sessions to <paramref name="outPath"/> (a file; a folder for hf), atomically:
    /// written under a temporary name and renamed, so a crash never leaves half a dataset under the final name.</summary>
    public static async Task<ExportSummary> ExportAsync(IArenaStore store, IReadOnlyList<string> tournaments, string outPath, ExportOptions options, CancellationToken ct)
    {
        var labels = new Dictionary<string, ConversationLabel>(StringComparer.Ordinal);
        foreach (var t in tournaments)
            foreach (var (id, l) in await store.GetCurrentLabelsAsync(t, ct)) labels[id] = l;
        var sessions = ReadAll(store, tournaments, ct);
        if (options.Format == ExportFormat.Hf) return await HfDataset.WriteAsync(sessions, labels, outPath, options, ct);

        var dir = Path.GetDirectoryName(Path.GetFullPath(outPath));
        if (dir is not null) Directory.CreateDirectory(dir);
        var temp = outPath + ".partial";
        ExportSummary summary;
        try
        {
            await using (var file = File.Create(temp))
                summary = await WriteAsync(sessions, labels, file, options, ct);
            File.Move(temp, outPath, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
        return summary;
    }

    private static async IAsyncEnumerable<SessionRecord> ReadAll(IArenaStore store, IReadOnlyList<string> tournaments, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        foreach (var t in tournaments)
            await foreach (var s in store.ReadSessionsAsync(t, SessionFilter.All, ct)) yield return s;
    }

    /// <summary>JSON Lines of chat-jsonl, sharegpt or dpo rows.</summary>
    public static async Task<ExportSummary> WriteAsync(IAsyncEnumerable<SessionRecord> sessions, IReadOnlyDictionary<string, ConversationLabel> labels,
        Stream output, ExportOptions options, CancellationToken ct)
    {
        if (options.Format == ExportFormat.Hf) throw new ArgumentException("hf writes a folder: use HfDataset.WriteAsync", nameof(options));
        await using var writer = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = false });
        async Task WriteRowAsync(Action<Utf8JsonWriter> row)
        {
            row(writer);
            await writer.FlushAsync(ct);
            writer.Reset();
            output.WriteByte((byte)'\n');
        }

        ExportSummary summary;
        if (options.Format == ExportFormat.Dpo)
        {
            summary = new ExportSummary { Options = options };
            var selected = new List<(SessionRecord, ConversationLabel?)>();
            await foreach (var item in SelectAsync(sessions, labels, options, summary, ct)) selected.Add(item);
            var (pairs, used) = PreferencePairs.Build(selected);
            summary.PairsBuilt = pairs.Count;
            foreach (var (s, l) in selected)
            {
                if (used.Contains(s.Id)) summary.Stats.Add(s, l); else summary.Drop(DropReasons.NoPair);
            }
            var dedupe = new Deduplicator(options.EffectiveDedupe, options.Embedder);
            for (var start = 0; start < pairs.Count; start += Batch)
            {
                var batch = pairs.Skip(start).Take(Batch).ToList();
                var verdicts = await dedupe.CheckAsync(batch.Select(p => p.NormalisedText).ToList(), ct);
                for (var i = 0; i < batch.Count; i++)
                {
                    if (verdicts[i] is { } reason) { summary.Drop(reason); continue; }
                    var pair = batch[i];
                    await WriteRowAsync(w => WritePair(w, pair));
                    summary.Written++;
                }
            }
        }
        else
        {
            summary = await ForEachKeptAsync(sessions, labels, options, async (s, l) =>
                await WriteRowAsync(w => { if (options.Format == ExportFormat.ShareGpt) DatasetExporter.WriteShareGpt(w, s, l); else DatasetExporter.WriteChat(w, s, l); }), ct);
        }
        await output.FlushAsync(ct);
        return summary;
    }

    /// <summary>Selects, dedupes and hands each kept conversation to <paramref name="write"/> in order, counting it.</summary>
    public static async Task<ExportSummary> ForEachKeptAsync(IAsyncEnumerable<SessionRecord> sessions, IReadOnlyDictionary<string, ConversationLabel> labels,
        ExportOptions options, Func<SessionRecord, ConversationLabel?, Task> write, CancellationToken ct)
    {
        var summary = new ExportSummary { Options = options };
        var dedupe = new Deduplicator(options.EffectiveDedupe, options.Embedder);
        var batch = new List<(SessionRecord Session, ConversationLabel? Label)>(Batch);
        async Task FlushAsync()
        {
            var verdicts = options.EffectiveDedupe.Mode == DedupeMode.None
                ? new string?[batch.Count]
                : await dedupe.CheckAsync(batch.Select(c => ExportText.Conversation(c.Session)).ToList(), ct);
            for (var i = 0; i < batch.Count; i++)
            {
                if (verdicts[i] is { } reason) { summary.Drop(reason); continue; }
                await write(batch[i].Session, batch[i].Label);
                summary.Stats.Add(batch[i].Session, batch[i].Label);
                summary.Written++;
            }
            batch.Clear();
        }
        await foreach (var item in SelectAsync(sessions, labels, options, summary, ct))
        {
            batch.Add(item);
            if (batch.Count >= Batch) await FlushAsync();
        }
        await FlushAsync();
        return summary;
    }

    /// <summary>Status, subset and filter, in that order (a conversation is counted under the first rule that drops it).
    /// A subset needs a label, so an unlabeled conversation is dropped as unlabeled when a subset is asked for.</summary>
    private static async IAsyncEnumerable<(SessionRecord, ConversationLabel?)> SelectAsync(IAsyncEnumerable<SessionRecord> sessions,
        IReadOnlyDictionary<string, ConversationLabel> labels, ExportOptions options, ExportSummary summary,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        await foreach (var s in sessions.WithCancellation(ct))
        {
            summary.Read++;
            if (s.Status == SessionStatus.Running) { summary.Drop(DropReasons.Unfinished); continue; }
            if (s.Status == SessionStatus.Failed && !options.IncludeFailed) { summary.Drop(DropReasons.Failed); continue; }
            var label = labels.GetValueOrDefault(s.Id);
            if (options.Subset != ExportSubset.All)
            {
                if (label is null) { summary.Drop(DropReasons.Unlabeled); continue; }
                if (!DatasetExporter.InSubset(options.Subset, label)) { summary.Drop(DropReasons.Subset); continue; }
            }
            if (options.Filter is { } f && !f.Matches(s, label)) { summary.Drop(DropReasons.Filter); continue; }
            yield return (s, label);
        }
    }

    /// <summary>TRL's conversational preference format: prompt messages, and chosen/rejected as one assistant message each.</summary>
    private static void WritePair(Utf8JsonWriter w, PreferencePair p)
    {
        w.WriteStartObject();
        w.WriteStartArray("prompt");
        foreach (var (role, content) in p.Prompt)
        {
            w.WriteStartObject();
            w.WriteString("role", role);
            w.WriteString("content", content);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        foreach (var (key, text) in new[] { ("chosen", p.Chosen), ("rejected", p.Rejected) })
        {
            w.WriteStartArray(key);
            w.WriteStartObject();
            w.WriteString("role", "assistant");
            w.WriteString("content", text);
            w.WriteEndObject();
            w.WriteEndArray();
        }
        var s = p.Source;
        w.WriteStartObject("source");
        w.WriteString("chosen_id", s.ChosenId);
        w.WriteString("rejected_id", s.RejectedId);
        w.WriteNumber("turn", s.Turn);
        w.WriteStartArray("tournaments");
        foreach (var t in new[] { s.ChosenTournament, s.RejectedTournament }.Distinct()) w.WriteStringValue(t);
        w.WriteEndArray();
        w.WriteStartObject("attackers");
        w.WriteString("chosen", s.ChosenAttacker);
        w.WriteString("rejected", s.RejectedAttacker);
        w.WriteEndObject();
        w.WriteStartObject("defenders");
        w.WriteString("chosen", s.ChosenDefender);
        w.WriteString("rejected", s.RejectedDefender);
        w.WriteEndObject();
        w.WriteString("rule", s.Rule);
        w.WriteString("category", s.Category);
        w.WriteString("context_match", s.Match);
        w.WriteBoolean("exact_prefix", s.ExactPrefix);
        w.WriteEndObject();
        w.WriteEndObject();
    }
}
