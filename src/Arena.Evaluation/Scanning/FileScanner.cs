using System.Text;
using System.Text.Json;
using Arena.Evaluation.Analysis;
using Arena.Evaluation.Extraction;

namespace Arena.Evaluation.Scanning;

/// <summary>A finding placed in a scanned file; for JSON Lines also the conversation, turn and reply line.</summary>
internal sealed record FileFinding(Finding Finding, int Line, string? Conversation = null, int? Turn = null, int? ReplyLine = null);

internal sealed record ScannedFile(string Path, int Blocks, IReadOnlyList<FileFinding> Findings, IReadOnlyList<string> Notes, bool Skipped);

/// <summary>
/// `arena scan`: Python files are analysed whole; Markdown/text chat replies and JSON Lines exports are analysed
/// block by block, with lines mapped back into the scanned file. Bad input is skipped or decoded with a note,
/// never a crash.
/// </summary>
internal static class FileScanner
{
    public const long MaxBytes = 1024 * 1024;
    private static readonly string[] Extensions = [".py", ".md", ".txt", ".jsonl"];
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Files named directly, and the scannable files below named directories, in a stable order.</summary>
    public static IEnumerable<string> Expand(IEnumerable<string> paths)
    {
        foreach (var p in paths)
        {
            if (File.Exists(p)) yield return p;
            else if (Directory.Exists(p))
            {
                foreach (var f in Directory.EnumerateFiles(p, "*", SearchOption.AllDirectories)
                             .Where(f => Extensions.Contains(Path.GetExtension(f).ToLowerInvariant()))
                             .Order(StringComparer.Ordinal))
                    yield return f;
            }
            else throw new FileNotFoundException($"{p}: no such file or directory", p);
        }
    }

    public static ScannedFile Scan(string path, ICodeAnalyzer analyzer, AnalyzerOptions options)
    {
        var notes = new List<string>();
        var info = new FileInfo(path);
        if (info.Length > MaxBytes)
            return new ScannedFile(path, 0, [], [$"skipped: {info.Length:N0} bytes is over the 1 MiB limit"], true);
        var bytes = File.ReadAllBytes(path);
        if (bytes.AsSpan(0, Math.Min(bytes.Length, 8192)).Contains((byte)0))
            return new ScannedFile(path, 0, [], ["skipped: binary file"], true);
        string text;
        try { text = StrictUtf8.GetString(bytes); }
        catch (DecoderFallbackException)
        {
            text = Encoding.UTF8.GetString(bytes);
            notes.Add("not valid UTF-8: invalid bytes were replaced");
        }
        if (text.Length > 0 && text[0] == '\uFEFF') text = text[1..];

        return Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".py" => new ScannedFile(path, 1, analyzer.Analyze(text, options).Select(f => new FileFinding(f, f.Line)).ToList(), notes, false),
            ".jsonl" => ScanJsonl(path, text, analyzer, options, notes),
            _ => ScanReply(path, text, analyzer, options, notes),
        };
    }

    private static ScannedFile ScanReply(string path, string text, ICodeAnalyzer analyzer, AnalyzerOptions options, List<string> notes)
    {
        var blocks = CodeExtractor.Extract(text);
        var findings = blocks.SelectMany(b => analyzer.Analyze(b.Code, options).Select(f => new FileFinding(f, b.ReplyLine(f.Line)))).ToList();
        return new ScannedFile(path, blocks.Count, findings, notes, false);
    }

    /// <summary>Each line a conversation in the export format (or chat/ShareGPT messages); defender replies are scanned.</summary>
    private static ScannedFile ScanJsonl(string path, string text, ICodeAnalyzer analyzer, AnalyzerOptions options, List<string> notes)
    {
        var findings = new List<FileFinding>();
        var blocks = 0;
        var lineNo = 0;
        foreach (var line in text.Split('\n'))
        {
            lineNo++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            List<(int Turn, string Content)> replies;
            string? id;
            try
            {
                using var doc = JsonDocument.Parse(line, new JsonDocumentOptions { MaxDepth = 64 });
                id = doc.RootElement.TryGetProperty("id", out var idEl) && idEl.ValueKind == JsonValueKind.String ? idEl.GetString() : null;
                replies = DefenderReplies(doc.RootElement);
            }
            catch (JsonException e)
            {
                notes.Add($"line {lineNo}: not a JSON conversation ({e.Message.Split('.')[0]})");
                continue;
            }
            foreach (var (turn, content) in replies)
                foreach (var b in CodeExtractor.Extract(content))
                {
                    blocks++;
                    findings.AddRange(analyzer.Analyze(b.Code, options).Select(f => new FileFinding(f, lineNo, id, turn, b.ReplyLine(f.Line))));
                }
        }
        return new ScannedFile(path, blocks, findings, notes, false);
    }

    private static List<(int, string)> DefenderReplies(JsonElement root)
    {
        var list = new List<(int, string)>();
        if (root.ValueKind != JsonValueKind.Object) return list;
        if (root.TryGetProperty("turns", out var turns) && turns.ValueKind == JsonValueKind.Array)
        {
            foreach (var t in turns.EnumerateArray())
                if (Str(t, "role") == "defender" && Str(t, "content") is { } c)
                    list.Add((t.TryGetProperty("turn", out var n) && n.TryGetInt32(out var i) ? i : list.Count, c));
            return list;
        }
        var (array, roleKey, textKey, assistant) = root.TryGetProperty("messages", out var m) ? (m, "role", "content", "assistant")
            : root.TryGetProperty("conversations", out var c2) ? (c2, "from", "value", "gpt") : (default, "", "", "");
        if (array.ValueKind != JsonValueKind.Array) return list;
        var index = 0;
        foreach (var msg in array.EnumerateArray())
        {
            if (Str(msg, roleKey) == assistant && Str(msg, textKey) is { } text) list.Add((index, text));
            index++;
        }
        return list;
    }

    private static string? Str(JsonElement e, string key) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
