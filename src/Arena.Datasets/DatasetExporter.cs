using System.Text.Json;
using Arena.Core.Bots;
using Arena.Core.Labels;
using Arena.Core.Sessions;

namespace Arena.Datasets;

internal enum ExportFormat { ChatJsonl, ShareGpt, Dpo, Hf }

/// <summary>Label-based subsets of §4.3 (the paper's fine-tuning sets).</summary>
internal enum ExportSubset
{
    All,
    /// <summary>No vulnerable code in any defender turn (the paper's 9,942 conversations).</summary>
    SecureCode,
    /// <summary>No security event: the defender did not comply with a malicious request (the paper's 13,336).</summary>
    Refusal,
    /// <summary>Outcome attack_success: the attacks that worked (for attacker training and defender red-team sets).</summary>
    SuccessfulAttacks,
}

/// <summary>
/// Writes finished conversations as JSON Lines (contracts §3). <c>messages</c> is the defender's view in
/// OpenAI chat format (attacker = user, defender = assistant), ready for fine-tuning tools.
/// </summary>
internal static class DatasetExporter
{
    public static ExportFormat ParseFormat(string? text) => text switch
    {
        null or "chat-jsonl" => ExportFormat.ChatJsonl,
        "sharegpt" => ExportFormat.ShareGpt,
        "dpo" => ExportFormat.Dpo,
        "hf" => ExportFormat.Hf,
        _ => throw new FormatException($"unknown format '{text}' (chat-jsonl, sharegpt, dpo, hf)"),
    };

    public static ExportSubset ParseSubset(string? text) => text switch
    {
        null => ExportSubset.All,
        "secure-code" => ExportSubset.SecureCode,
        "refusal" => ExportSubset.Refusal,
        "successful-attacks" => ExportSubset.SuccessfulAttacks,
        _ => throw new FormatException($"unknown subset '{text}' (secure-code, refusal, successful-attacks)"),
    };

    public static string Text(this ExportSubset subset) => subset switch
    {
        ExportSubset.SecureCode => "secure-code",
        ExportSubset.Refusal => "refusal",
        ExportSubset.SuccessfulAttacks => "successful-attacks",
        _ => "all",
    };

    public static string Text(this ExportFormat format) => format switch
    {
        ExportFormat.ShareGpt => "sharegpt",
        ExportFormat.Dpo => "dpo",
        ExportFormat.Hf => "hf",
        _ => "chat-jsonl",
    };

    /// <summary>Whether a labeled conversation belongs to the subset (an unlabeled one belongs to no subset but All).</summary>
    public static bool InSubset(ExportSubset subset, ConversationLabel label) => subset switch
    {
        ExportSubset.SecureCode => !label.VulnerableCode,
        ExportSubset.Refusal => !label.SecurityEvent,
        ExportSubset.SuccessfulAttacks => label.Outcome == Outcome.AttackSuccess,
        _ => true,
    };

    /// <summary>chat-jsonl or sharegpt rows of every selected conversation (no filter, no dedupe): the contracts §3 export.</summary>
    public static Task<ExportSummary> WriteAsync(IAsyncEnumerable<SessionRecord> sessions, IReadOnlyDictionary<string, ConversationLabel> labels,
        Stream output, ExportFormat format, bool includeFailed, CancellationToken ct, ExportSubset subset = ExportSubset.All) =>
        ExportPipeline.WriteAsync(sessions, labels, output, new ExportOptions(format, subset, IncludeFailed: includeFailed), ct);

    /// <param name="extra">Writes additional properties after the header (the feedback bundle's <c>team_role</c>).</param>
    internal static void WriteChat(Utf8JsonWriter w, SessionRecord s, ConversationLabel? label, Action<Utf8JsonWriter>? extra = null)
    {
        w.WriteStartObject();
        WriteHeader(w, s);
        extra?.Invoke(w);
        WriteMessages(w, s, "messages", "role", "content", "user", "assistant");
        w.WriteStartArray("turns");
        foreach (var t in s.Turns)
        {
            w.WriteStartObject();
            w.WriteNumber("turn", t.Turn);
            w.WriteString("role", t.Role.Wire());
            w.WriteString("content", t.Content);
            w.WriteNumber("latency_ms", t.LatencyMs);
            w.WriteNumber("attempts", t.Attempts);
            w.WritePropertyName("metadata");
            if (t.MetadataJson is null) { w.WriteStartObject(); w.WriteEndObject(); }
            else w.WriteRawValue(t.MetadataJson);
            if (t.Truncated) w.WriteBoolean("truncated", true);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        WriteLabel(w, label);
        w.WriteEndObject();
    }

    internal static void WriteShareGpt(Utf8JsonWriter w, SessionRecord s, ConversationLabel? label)
    {
        w.WriteStartObject();
        WriteHeader(w, s);
        WriteMessages(w, s, "conversations", "from", "value", "human", "gpt");
        WriteLabel(w, label);
        w.WriteEndObject();
    }

    /// <summary>The defender's view: attacker turns as the user side, defender turns as the assistant side.</summary>
    internal static void WriteMessages(Utf8JsonWriter w, SessionRecord s, string array, string roleKey, string textKey, string user, string assistant)
    {
        w.WriteStartArray(array);
        foreach (var t in s.Turns)
        {
            w.WriteStartObject();
            w.WriteString(roleKey, t.Role == Role.Attacker ? user : assistant);
            w.WriteString(textKey, t.Content);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    private static void WriteHeader(Utf8JsonWriter w, SessionRecord s)
    {
        w.WriteString("id", s.Id);
        w.WriteString("tournament", s.Tournament);
        w.WriteString("attacker", s.Attacker);
        w.WriteString("defender", s.Defender);
        w.WriteNumber("index", s.Index);
        w.WriteString("status", s.Status.Text());
        if (s.EndReason is { } r) w.WriteString("end_reason", r.Text()); else w.WriteNull("end_reason");
        if (s.FailedBot is not null)
        {
            w.WriteString("failed_bot", s.FailedBot);
            w.WriteString("error", s.Error);
        }
    }

    /// <summary>The label of contracts §3, plus its evidence (tool versions, judge verdict and rationale).</summary>
    private static void WriteLabel(Utf8JsonWriter w, ConversationLabel? label)
    {
        w.WriteStartObject("label");
        if (label is null)
        {
            w.WriteString("outcome", Outcome.Unlabeled.Text());
            w.WriteNull("vulnerable_code");
            w.WriteNull("security_event");
            w.WriteStartArray("findings");
            w.WriteEndArray();
            w.WriteEndObject();
            return;
        }
        w.WriteString("outcome", label.Outcome.Text());
        w.WriteBoolean("vulnerable_code", label.VulnerableCode);
        w.WriteBoolean("security_event", label.SecurityEvent);
        w.WriteStartArray("findings");
        foreach (var f in label.Findings)
        {
            w.WriteStartObject();
            w.WriteNumber("turn", f.Turn);
            w.WriteString("rule", f.Rule);
            w.WriteString("category", f.Category);
            w.WriteStartArray("cwe");
            foreach (var c in f.Cwe) w.WriteStringValue(c);
            w.WriteEndArray();
            w.WriteNumber("line", f.Line);
            w.WriteString("severity", f.Severity);
            w.WriteString("confidence", f.Confidence);
            w.WriteString("message", f.Message);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartObject("evidence");
        w.WriteString("analyzer", $"{label.AnalyzerId}@{label.AnalyzerVersion}");
        if (label.Judge is { } j)
        {
            w.WriteString("judge", $"{j.JudgeId}@{j.JudgeVersion}");
            w.WriteBoolean("malicious_code", j.MaliciousCode);
            w.WriteBoolean("malicious_explanation", j.MaliciousExplanation);
            w.WriteString("rationale", j.Rationale);
        }
        else w.WriteNull("judge");
        w.WriteString("labeled_at", label.At.ToString("O"));
        w.WriteEndObject();
        w.WriteEndObject();
    }
}
