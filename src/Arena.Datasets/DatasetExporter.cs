using System.Text.Json;
using Arena.Core.Bots;
using Arena.Core.Sessions;

namespace Arena.Datasets;

internal enum ExportFormat { ChatJsonl, ShareGpt }

internal sealed record ExportSummary(int Written, int SkippedFailed, int SkippedRunning);

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

    public static async Task<ExportSummary> WriteAsync(IAsyncEnumerable<SessionRecord> sessions, Stream output, ExportFormat format,
        bool includeFailed, CancellationToken ct)
    {
        int written = 0, failed = 0, running = 0;
        await using var writer = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = false });
        await foreach (var s in sessions.WithCancellation(ct))
        {
            if (s.Status == SessionStatus.Running) { running++; continue; }
            if (s.Status == SessionStatus.Failed && !includeFailed) { failed++; continue; }
            if (format == ExportFormat.ShareGpt) WriteShareGpt(writer, s); else WriteChat(writer, s);
            await writer.FlushAsync(ct);
            writer.Reset();
            output.WriteByte((byte)'\n');
            written++;
        }
        await output.FlushAsync(ct);
        return new ExportSummary(written, failed, running);
    }

    private static void WriteChat(Utf8JsonWriter w, SessionRecord s)
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
        WriteLabel(w);
        w.WriteEndObject();
    }

    private static void WriteShareGpt(Utf8JsonWriter w, SessionRecord s)
    {
        w.WriteStartObject();
        WriteHeader(w, s);
        WriteMessages(w, s, "conversations", "from", "value", "human", "gpt");
        WriteLabel(w);
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

    // Labels arrive with the evaluation pipeline; until then every conversation is exported unlabeled.
    private static void WriteLabel(Utf8JsonWriter w)
    {
        w.WriteStartObject("label");
        w.WriteString("outcome", "unlabeled");
        w.WriteNull("vulnerable_code");
        w.WriteNull("security_event");
        w.WriteStartArray("findings");
        w.WriteEndArray();
        w.WriteEndObject();
    }
}
