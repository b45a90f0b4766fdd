using System.Globalization;
using System.Text;
using System.Text.Json;
using Arena.Core.Labels;
using Arena.Core.Sessions;

namespace Arena.Datasets;

/// <summary>The export target cannot be used as asked (the message names the path and why).</summary>
internal sealed class ExportTargetException(string message) : Exception(message);

/// <summary>
/// <c>--format hf</c>: a folder that Hugging Face <c>datasets</c> loads with <c>load_dataset(DIR)</c> (the card's
/// <c>configs</c> names the data file) or <c>load_dataset("json", data_dir=DIR + "/data")</c>:
/// <c>data/train.jsonl</c> and a <c>README.md</c> dataset card.
/// </summary>
/// <remarks>Rows are flat and of one fixed shape (messages + label columns; every key always present, nulls where
/// unlabeled) because the json loader infers one Arrow schema for the file: the per-turn bot <c>metadata</c> of
/// chat-jsonl is free-form per team (and private to it), so it is left out.</remarks>
internal static class HfDataset
{
    public const string DataFile = "data/train.jsonl";

    public static async Task<ExportSummary> WriteAsync(IAsyncEnumerable<SessionRecord> sessions, IReadOnlyDictionary<string, ConversationLabel> labels,
        string outDir, ExportOptions options, CancellationToken ct)
    {
        var target = Path.GetFullPath(outDir);
        if (File.Exists(target)) throw new ExportTargetException($"--out {outDir}: is a file; --format hf writes a folder");
        if (Directory.Exists(target) && !IsOurs(target))
            throw new ExportTargetException($"--out {outDir}: folder exists and is not an hf export (only README.md, LICENSE and data/ may be in it); choose a new folder");
        // Built beside the target and swapped in at the end, so a crash never leaves half a dataset under the final name.
        var temp = target.TrimEnd(Path.DirectorySeparatorChar) + ".partial";
        if (Directory.Exists(temp)) Directory.Delete(temp, recursive: true);
        Directory.CreateDirectory(Path.Combine(temp, "data"));
        try
        {
            ExportSummary summary;
            await using (var file = File.Create(Path.Combine(temp, DataFile)))
            await using (var writer = new Utf8JsonWriter(file))
            {
                summary = await ExportPipeline.ForEachKeptAsync(sessions, labels, options, async (s, l) =>
                {
                    WriteRow(writer, s, l);
                    await writer.FlushAsync(ct);
                    writer.Reset();
                    file.WriteByte((byte)'\n');
                }, ct);
            }
            await File.WriteAllTextAsync(Path.Combine(temp, "README.md"), Card(summary), new UTF8Encoding(false), ct);
            // The card's license_link points here when no license identifier was given, so the link never dangles.
            if (options.License == "other")
                await File.WriteAllTextAsync(Path.Combine(temp, "LICENSE"),
                    "No license was given when this dataset was exported (arena export --license ID sets one).\n" +
                    "Ask the tournament's organisers before using or redistributing it.\n", new UTF8Encoding(false), ct);
            if (Directory.Exists(target)) Directory.Delete(target, recursive: true);
            Directory.Move(temp, target);
            return summary;
        }
        finally
        {
            if (Directory.Exists(temp)) Directory.Delete(temp, recursive: true);
        }
    }

    private static bool IsOurs(string dir) =>
        Directory.EnumerateFileSystemEntries(dir).Select(Path.GetFileName).All(n => n is "README.md" or "LICENSE" or "data");

    public static void WriteRow(Utf8JsonWriter w, SessionRecord s, ConversationLabel? l)
    {
        w.WriteStartObject();
        w.WriteString("id", s.Id);
        w.WriteString("tournament", s.Tournament);
        w.WriteString("attacker", s.Attacker);
        w.WriteString("defender", s.Defender);
        w.WriteNumber("index", s.Index);
        w.WriteString("status", s.Status.Text());
        w.WriteString("end_reason", s.EndReason?.Text());
        w.WriteNumber("num_turns", s.Turns.Count);
        DatasetExporter.WriteMessages(w, s, "messages", "role", "content", "user", "assistant");
        w.WriteString("outcome", (l?.Outcome ?? Outcome.Unlabeled).Text());
        if (l is null) { w.WriteNull("vulnerable_code"); w.WriteNull("security_event"); }
        else { w.WriteBoolean("vulnerable_code", l.VulnerableCode); w.WriteBoolean("security_event", l.SecurityEvent); }
        var findings = l?.Findings ?? [];
        w.WriteStartArray("categories");
        foreach (var c in findings.Select(f => f.Category).Distinct()) w.WriteStringValue(c);
        w.WriteEndArray();
        w.WriteStartArray("findings");
        foreach (var f in findings)
        {
            w.WriteStartObject();
            w.WriteNumber("turn", f.Turn);
            w.WriteString("rule", f.Rule);
            w.WriteString("category", f.Category);
            w.WriteString("cwe", string.Join(",", f.Cwe));
            w.WriteNumber("line", f.Line);
            w.WriteString("severity", f.Severity);
            w.WriteString("message", f.Message);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteString("analyzer", l is null ? null : $"{l.AnalyzerId}@{l.AnalyzerVersion}");
        w.WriteString("judge", l?.Judge is { } j ? $"{j.JudgeId}@{j.JudgeVersion}" : null);
        w.WriteString("judge_rationale", l?.Judge?.Rationale);
        w.WriteEndObject();
    }

    /// <summary>The dataset card: YAML metadata as the Hub reads it (license, language, task_categories, tags,
    /// size_categories, configs → data_files), then what is in the dataset and how it was selected.</summary>
    public static string Card(ExportSummary summary)
    {
        var o = summary.Options;
        var st = summary.Stats;
        var sb = new StringBuilder();
        sb.Append("---\n");
        sb.Append($"license: {Q(o.License)}\n");
        if (o.License == "other")
        {
            // The Hub asks for a name (and link) when the license is not one of its identifiers.
            sb.Append("license_name: \"unspecified\"\n");
            sb.Append("license_link: LICENSE\n");
        }
        sb.Append("pretty_name: ").Append(Q("Adversarial Arena conversations: " + string.Join(", ", st.Tournaments.Keys))).Append('\n');
        sb.Append("language:\n- en\n");
        sb.Append("task_categories:\n- text-generation\n");
        sb.Append("tags:\n- security\n- red-teaming\n- code-generation\n- multi-turn\n- adversarial-arena\n");
        sb.Append("size_categories:\n- ").Append(SizeCategory(summary.Written)).Append('\n');
        sb.Append("configs:\n- config_name: default\n  data_files:\n  - split: train\n    path: ").Append(DataFile).Append('\n');
        sb.Append("---\n\n");

        sb.Append("# Adversarial Arena conversations\n\n");
        sb.Append("Multi-turn attacker-vs-defender conversations from Adversarial Arena tournaments, each labeled by static analysis ")
          .Append("of the defender's code and a judge (paper §4.2). `messages` is the defender's view: the attacker is `user`, the defender `assistant`.\n\n");
        sb.Append("```python\nfrom datasets import load_dataset\nds = load_dataset(\"path/to/this/folder\")  # or load_dataset(\"json\", data_files=\"").Append(DataFile).Append("\")\n```\n\n");

        sb.Append("## Counts\n\n");
        sb.Append($"- conversations: {summary.Written} (split `train`, file `{DataFile}`)\n");
        sb.Append($"- read from the store: {summary.Read}\n");
        foreach (var (reason, n) in summary.Dropped) sb.Append($"- dropped ({reason}): {n}\n");
        sb.Append($"- with vulnerable code: {st.VulnerableCode}\n- security events (judge): {st.SecurityEvents}\n\n");

        sb.Append("## Label distribution\n\n| outcome | conversations |\n|---|---|\n");
        foreach (var (k, n) in st.Outcomes) sb.Append($"| {k} | {n} |\n");
        if (st.Categories.Count > 0)
        {
            sb.Append("\n| vulnerability category | conversations |\n|---|---|\n");
            foreach (var (k, n) in st.Categories.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal)) sb.Append($"| {k} | {n} |\n");
        }

        sb.Append("\n## Tournaments\n\n");
        foreach (var (k, n) in st.Tournaments) sb.Append($"- `{k}`: {n} conversations\n");
        sb.Append("\n## Teams\n\n| team | side | conversations |\n|---|---|---|\n");
        foreach (var (k, n) in st.Attackers) sb.Append($"| `{k}` | attacker | {n} |\n");
        foreach (var (k, n) in st.Defenders) sb.Append($"| `{k}` | defender | {n} |\n");

        sb.Append("\n## Label sources\n\n");
        if (st.LabelSources.Count == 0) sb.Append("- none: the conversations are unlabeled\n");
        foreach (var (k, n) in st.LabelSources) sb.Append($"- {k}: {n} conversations\n");

        sb.Append("\n## Selection\n\n");
        sb.Append($"- subset: {(o.Subset == ExportSubset.All ? "none (all finished conversations)" : o.Subset.Text())}\n");
        sb.Append($"- filter: {(o.Filter is { } f ? "`" + f.Text + "`" : "none")}\n");
        sb.Append($"- near-duplicate removal: {o.EffectiveDedupe}{(o.EffectiveDedupe.Mode == DedupeMode.Embedding && o.EmbedderName is { } e ? $" ({e})" : "")}\n");
        sb.Append($"- failed sessions: {(o.IncludeFailed ? "included" : "left out")}\n");

        sb.Append("\n## Fields\n\n");
        sb.Append("`id`, `tournament`, `attacker`, `defender`, `index`, `status`, `end_reason`, `num_turns`, `messages` (role, content), ")
          .Append("`outcome` (attack_success, defense_success, unlabeled), `vulnerable_code`, `security_event` (null when unlabeled), ")
          .Append("`categories`, `findings` (turn, rule, category, cwe, line, severity, message), `analyzer`, `judge`, `judge_rationale`. ")
          .Append("Bots' private per-turn metadata is not included.\n");

        sb.Append("\n## License\n\n");
        sb.Append(o.License == "other"
            ? "license: other — no license was given at export (`arena export --license ID` sets one). Ask the tournament's organisers before redistributing.\n"
            : $"license: {o.License}\n");
        sb.Append("\nThe conversations contain attack prompts and, in attack_success rows, vulnerable or malicious code: use them for security research and safety training.\n");
        return sb.ToString();
    }

    /// <summary>A YAML double-quoted scalar (JSON string syntax is valid YAML).</summary>
    private static string Q(string s) => JsonSerializer.Serialize(s);

    private static string SizeCategory(int n) => n switch
    {
        < 1_000 => "n<1K",
        < 10_000 => "1K<n<10K",
        < 100_000 => "10K<n<100K",
        < 1_000_000 => "100K<n<1M",
        _ => "1M<n<10M",
    };
}
