using System.Text.Json;
using Arena.Core.Bots;
using Arena.Core.Labels;
using Arena.Core.Sessions;

namespace Arena.Datasets;

internal enum ExportFormat { ChatJsonl, ShareGpt }

internal sealed record ExportSummary(int Written, int SkippedFailed, int SkippedRunning, int SkippedBySubset = 0, int SkippedUnlabeled = 0);

/// <summary>Label-based subsets of §4.3 (the paper's fine-tuning sets).</summary>
internal enum ExportSubset
{
    All,
    /// <summary>No vulnerable code in any defender turn (the paper's 9,942 conversations).</summary>
    SecureCode,
    /// <summary>No security event: the defender did not comply with a malicious request (the paper's 13,336).</summary>
    Refusal,
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
        _ => throw new FormatException($"unknown format '{text}' (chat-jsonl, sharegpt)"),
    };

    public static ExportSubset ParseSubset(string? text) => text switch
    {
        null => ExportSubset.All,
        "secure-code" => ExportSubset.SecureCode,
        "refusal" => ExportSubset.Refusal,
        _ => throw new FormatException($"unknown subset '{text}' (secure-code, refusal)"),
    };

    public static async Task<ExportSummary> WriteAsync(IAsyncEnumerable<SessionRecord> sessions, IReadOnlyDictionary<string, ConversationLabel> labels,
        Stream output, ExportFormat format, bool includeFailed, CancellationToken ct, ExportSubset subset = ExportSubset.All)
    {
        int written = 0, failed = 0, running = 0, outOfSubset = 0, unlabeled = 0;
        await using var writer = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = false });
        await foreach (var s in sessions.WithCancellation(ct))
        {
            if (s.Status == SessionStatus.Running) { running++; continue; }
            if (s.Status == SessionStatus.Failed && !includeFailed) { failed++; continue; }
            var label = labels.GetValueOrDefault(s.Id);
            if (subset != ExportSubset.All)
            {
                if (label is null) { unlabeled++; continue; }
                if (subset == ExportSubset.SecureCode ? label.VulnerableCode : label.SecurityEvent) { outOfSubset++; continue; }
            }
            if (format == ExportFormat.ShareGpt) WriteShareGpt(writer, s, label); else WriteChat(writer, s, label);
            await writer.FlushAsync(ct);
            writer.Reset();
            output.WriteByte((byte)'\n');
            written++;
        }
        await output.FlushAsync(ct);
        return new ExportSummary(written, failed, running, outOfSubset, unlabeled);
    }

    private static void WriteChat(Utf8JsonWriter w, SessionRecord s, ConversationLabel? label)
    {
        w.WriteStartObject();
        WriteHeader(w, s);
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

    private static void WriteShareGpt(Utf8JsonWriter w, SessionRecord s, ConversationLabel? label)
    {
        w.WriteStartObject();
        WriteHeader(w, s);
        WriteMessages(w, s, "conversations", "from", "value", "human", "gpt");
        WriteLabel(w, label);
        w.WriteEndObject();
    }

    /// <summary>The defender's view: attacker turns as the user side, defender turns as the assistant side.</summary>
    private static void WriteMessages(Utf8JsonWriter w, SessionRecord s, string array, string roleKey, string textKey, string user, string assistant)
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
