using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Arena.Core.Bots;
using Arena.Core.Labels;
using Arena.Core.Sessions;
using Arena.Core.Storage;

namespace Arena.Datasets;

/// <summary>A line of the input that cannot be imported; the message starts with <c>file:line:</c> and names the key.</summary>
internal sealed class ImportFormatException(string message) : Exception(message);

/// <summary>A session in the file whose id is already stored with different content.</summary>
internal sealed record ImportConflict(int Line, string SessionId);

internal sealed record ImportSummary(int Imported, int Skipped, IReadOnlyList<ImportConflict> Conflicts, IReadOnlyList<string> Tournaments, IReadOnlyList<string> Created)
{
    public int Lines => Imported + Skipped + Conflicts.Count;
}

/// <summary>One parsed line: the session as the store will hold it, and its label (null when unlabeled).</summary>
internal sealed record ImportedConversation(int Line, SessionRecord Session, ConversationLabel? Label);

/// <summary>
/// Reads the chat-jsonl export format (contracts §3) back into a store, so that export → import → export gives the
/// same bytes. Lines from elsewhere may carry only <c>messages</c> (user = attacker, assistant = defender) and no ids.
/// </summary>
/// <remarks>
/// <para>Fields the export does not carry get fixed values, so re-importing stays idempotent: session seed 0 (or the
/// line's <c>seed</c>), max turns = the number of turns (or the line's <c>max_turns</c>), a label without evidence gets
/// analyzer <c>imported</c>, time 1970-01-01, and — when the judge's answer is implied — judge <c>imported</c> with
/// both questions set to <c>security_event</c>.</para>
/// <para>Idempotency: a session whose id is stored already is compared by its export rendering; equal means skipped,
/// different is a conflict (reported, left alone).</para>
/// </remarks>
internal static class DatasetImporter
{
    private const int Batch = 256;
    public const string ImportedTool = "imported";

    public static async Task<ImportSummary> ImportAsync(IArenaStore store, TextReader input, string source, CancellationToken ct,
        Action<ImportSummary>? progress = null, int progressEvery = 5000)
    {
        var known = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal); // tournament -> id -> fingerprint
        var created = new List<string>();
        var nextIndex = new Dictionary<(string, string, string), int>();
        var conflicts = new List<ImportConflict>();
        int imported = 0, skipped = 0, lineNo = 0;
        var batch = new List<ImportedConversation>(Batch);
        Task<List<ImportConflict>> pending = Task.FromResult(new List<ImportConflict>());

        // Sessions the store already held under another tournament (ids are global) turn out only when written.
        void Settle(List<ImportConflict> taken)
        {
            imported -= taken.Count;
            conflicts.AddRange(taken);
        }

        ImportSummary Summary() => new(imported, skipped, conflicts, known.Keys.ToList(), created);

        async Task FlushAsync()
        {
            // Queue this batch behind the previous one (the store commits its writes in order, in groups), then wait
            // for the previous: parsing the next batch overlaps with the writer's commits.
            var queued = Write(store, batch, ct);
            batch = new List<ImportedConversation>(Batch);
            Settle(await pending);
            pending = queued;
        }

        try
        {
            while (await input.ReadLineAsync(ct) is { } text)
            {
                lineNo++;
                if (string.IsNullOrWhiteSpace(text)) continue;
                var conv = Parse(text, lineNo, source, nextIndex);
                var s = conv.Session;
                if (!known.TryGetValue(s.Tournament, out var ids))
                {
                    known[s.Tournament] = ids = await LoadKnownAsync(store, s.Tournament, source, created, ct);
                }
                var print = await FingerprintAsync(s, conv.Label, ct);
                if (ids.TryGetValue(s.Id, out var existing))
                {
                    if (existing == print) skipped++; else conflicts.Add(new ImportConflict(lineNo, s.Id));
                }
                else
                {
                    ids[s.Id] = print;
                    batch.Add(conv);
                    imported++;
                    if (batch.Count >= Batch) await FlushAsync();
                }
                if (progress is not null && lineNo % progressEvery == 0) progress(Summary());
            }
        }
        finally
        {
            // Valid lines before a bad one are kept: a re-run after the fix skips them.
            await FlushAsync();
            Settle(await pending);
        }
        return Summary();
    }

    private static async Task<Dictionary<string, string>> LoadKnownAsync(IArenaStore store, string tournament, string source, List<string> created, CancellationToken ct)
    {
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        if (await store.GetTournamentAsync(tournament, ct) is null)
        {
            var at = DateTimeOffset.UtcNow;
            var yaml = $"# imported by 'arena import' from {source} at {at:O}; the original config is not part of the dataset\ntournament: {tournament}\n";
            var json = JsonSerializer.Serialize(new
            {
                imported_from = source,
                imported_at = at.ToString("O"),
                shape = new { Imported = true, Attackers = Array.Empty<string>(), Defenders = Array.Empty<string>() },
            });
            await store.CreateTournamentAsync(new TournamentRecord(tournament, 0, yaml, json, at), ct);
            created.Add(tournament);
            return ids;
        }
        var labels = await store.GetCurrentLabelsAsync(tournament, ct);
        await foreach (var s in store.ReadSessionsAsync(tournament, SessionFilter.All, ct))
            ids[s.Id] = await FingerprintAsync(s, labels.GetValueOrDefault(s.Id), ct);
        return ids;
    }

    /// <returns>lines whose session id the store already held (under another tournament)</returns>
    private static async Task<List<ImportConflict>> Write(IArenaStore store, List<ImportedConversation> batch, CancellationToken ct)
    {
        if (batch.Count == 0) return [];
        var added = await store.AddFinishedSessionsAsync(batch.Select(c => c.Session).ToList(), ct);
        // Labels only for sessions that are ours: a label must never land on another tournament's session.
        await Task.WhenAll(batch.Where(c => c.Label is not null && added.Contains(c.Session.Id))
            .Select(c => store.SaveLabelAsync(c.Session.Tournament, c.Label!, ct)));
        return batch.Where(c => !added.Contains(c.Session.Id)).Select(c => new ImportConflict(c.Line, c.Session.Id)).ToList();
    }

    /// <summary>The session's export line, hashed: what "the same conversation" means for re-imports.</summary>
    private static async Task<string> FingerprintAsync(SessionRecord s, ConversationLabel? label, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var labels = label is null ? new Dictionary<string, ConversationLabel>() : new Dictionary<string, ConversationLabel> { [s.Id] = label };
        await DatasetExporter.WriteAsync(One(s), labels, buffer, ExportFormat.ChatJsonl, includeFailed: true, ct);
        return Convert.ToHexString(SHA256.HashData(buffer.GetBuffer().AsSpan(0, (int)buffer.Length)));

        static async IAsyncEnumerable<SessionRecord> One(SessionRecord s)
        {
            await Task.CompletedTask;
            yield return s;
        }
    }

    // ---------------------------------------------------------------- parsing

    /// <param name="nextIndex">per matchup, the index given to the next line without one</param>
    public static ImportedConversation Parse(string text, int line, string source, Dictionary<(string, string, string), int> nextIndex)
    {
        JsonDocument doc;
        try { doc = JsonDocument.Parse(text); }
        catch (JsonException e) { throw Bad(source, line, $"not valid JSON ({e.Message})"); }
        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw Bad(source, line, "expected a JSON object per line");
            var p = new LineReader(source, line);
            var tournament = p.TeamId(root, "tournament");
            var attacker = p.TeamId(root, "attacker");
            var defender = p.TeamId(root, "defender");
            var matchup = (tournament, attacker, defender);
            int index;
            if (root.TryGetProperty("index", out var ix) && ix.ValueKind != JsonValueKind.Null)
                index = p.Int(ix, "index", min: 0);
            else
                index = nextIndex.GetValueOrDefault(matchup);
            nextIndex[matchup] = Math.Max(nextIndex.GetValueOrDefault(matchup), index + 1);
            var id = p.OptionalString(root, "id") ?? SessionIdentity.Id(tournament, attacker, defender, index);
            if (id.Length == 0) throw p.Bad("\"id\" must not be empty");

            var status = p.OptionalString(root, "status") switch
            {
                null or "completed" => SessionStatus.Completed,
                "failed" => SessionStatus.Failed,
                _ => throw p.Bad("\"status\" must be completed or failed"),
            };
            var reasonText = p.OptionalString(root, "end_reason");
            EndReason reason;
            try { reason = reasonText is null ? (status == SessionStatus.Failed ? EndReason.BotError : EndReason.MaxTurns) : Wire.ParseEndReason(reasonText); }
            catch (FormatException) { throw p.Bad("\"end_reason\" must be attacker_end, max_turns or bot_error"); }
            if ((status == SessionStatus.Failed) != (reason == EndReason.BotError))
                throw p.Bad($"\"end_reason\" {reason.Text()} does not go with \"status\" {status.Text()} (bot_error exactly when failed)");
            var failedBot = p.OptionalString(root, "failed_bot");
            var error = p.OptionalString(root, "error");

            var turns = root.TryGetProperty("turns", out var ts) && ts.ValueKind != JsonValueKind.Null
                ? ReadTurns(p, ts, attacker, defender)
                : ReadMessages(p, root, attacker, defender);
            var maxTurns = root.TryGetProperty("max_turns", out var mt) ? p.Int(mt, "max_turns", min: 1) : Math.Max(1, turns.Count);
            if (maxTurns < turns.Count) throw p.Bad($"\"max_turns\" {maxTurns} is less than the {turns.Count} turns");
            var seed = root.TryGetProperty("seed", out var sd) ? p.Long(sd, "seed") : 0;

            var session = new SessionRecord(id, tournament, attacker, defender, index, seed, maxTurns, status, reason, failedBot, error, turns);
            var label = root.TryGetProperty("label", out var l) && l.ValueKind != JsonValueKind.Null ? ReadLabel(p, l, id) : null;
            return new ImportedConversation(line, session, label);
        }
    }

    private static List<TurnRecord> ReadTurns(LineReader p, JsonElement turns, string attacker, string defender)
    {
        if (turns.ValueKind != JsonValueKind.Array) throw p.Bad("\"turns\" must be an array");
        var list = new List<TurnRecord>(turns.GetArrayLength());
        foreach (var t in turns.EnumerateArray())
        {
            var i = list.Count;
            var at = $"turns[{i}]";
            if (t.ValueKind != JsonValueKind.Object) throw p.Bad($"\"{at}\" must be an object");
            var number = t.TryGetProperty("turn", out var n) ? p.Int(n, $"{at}.turn", min: 0) : i;
            if (number != i) throw p.Bad($"\"{at}.turn\" must be {i} (turns are numbered 0, 1, … in order)");
            var roleText = p.RequiredString(t, "role", at);
            if (!Roles.TryParse(roleText, out var role)) throw p.Bad($"\"{at}.role\" must be attacker or defender");
            var content = p.RequiredString(t, "content", at);
            var latency = t.TryGetProperty("latency_ms", out var lat) ? p.Int(lat, $"{at}.latency_ms", min: 0) : 0;
            var attempts = t.TryGetProperty("attempts", out var att) ? p.Int(att, $"{at}.attempts", min: 1) : 1;
            string? metadata = null;
            if (t.TryGetProperty("metadata", out var m) && m.ValueKind != JsonValueKind.Null)
            {
                if (m.ValueKind != JsonValueKind.Object) throw p.Bad($"\"{at}.metadata\" must be an object");
                metadata = m.GetRawText();
            }
            var truncated = t.TryGetProperty("truncated", out var tr) && p.Bool(tr, $"{at}.truncated");
            list.Add(new TurnRecord(i, role, role == Role.Attacker ? attacker : defender, content, latency, attempts, metadata, truncated));
        }
        return list;
    }

    private static List<TurnRecord> ReadMessages(LineReader p, JsonElement root, string attacker, string defender)
    {
        if (!root.TryGetProperty("messages", out var messages) || messages.ValueKind != JsonValueKind.Array)
            throw p.Bad("needs \"turns\" or \"messages\" (an array)");
        var list = new List<TurnRecord>(messages.GetArrayLength());
        foreach (var m in messages.EnumerateArray())
        {
            var at = $"messages[{list.Count}]";
            if (m.ValueKind != JsonValueKind.Object) throw p.Bad($"\"{at}\" must be an object");
            var role = p.RequiredString(m, "role", at) switch
            {
                "user" => Role.Attacker,
                "assistant" => Role.Defender,
                _ => throw p.Bad($"\"{at}.role\" must be user (the attacker) or assistant (the defender)"),
            };
            var content = p.RequiredString(m, "content", at);
            list.Add(new TurnRecord(list.Count, role, role == Role.Attacker ? attacker : defender, content, 0, 1, null, false));
        }
        return list;
    }

    private static ConversationLabel? ReadLabel(LineReader p, JsonElement l, string sessionId)
    {
        if (l.ValueKind != JsonValueKind.Object) throw p.Bad("\"label\" must be an object");
        Outcome outcome;
        try { outcome = OutcomeText.Parse(p.RequiredString(l, "outcome", "label")); }
        catch (FormatException) { throw p.Bad("\"label.outcome\" must be attack_success, defense_success or unlabeled"); }
        if (outcome == Outcome.Unlabeled) return null;
        var vulnerable = p.Bool(l.TryGetProperty("vulnerable_code", out var v) ? v : default, "label.vulnerable_code");
        var securityEvent = p.Bool(l.TryGetProperty("security_event", out var se) ? se : default, "label.security_event");

        var findings = new List<LabelFinding>();
        if (l.TryGetProperty("findings", out var fs) && fs.ValueKind != JsonValueKind.Null)
        {
            if (fs.ValueKind != JsonValueKind.Array) throw p.Bad("\"label.findings\" must be an array");
            foreach (var f in fs.EnumerateArray())
            {
                var at = $"label.findings[{findings.Count}]";
                if (f.ValueKind != JsonValueKind.Object) throw p.Bad($"\"{at}\" must be an object");
                var cwe = new List<string>();
                if (f.TryGetProperty("cwe", out var cw) && cw.ValueKind != JsonValueKind.Null)
                {
                    if (cw.ValueKind != JsonValueKind.Array || cw.EnumerateArray().Any(c => c.ValueKind != JsonValueKind.String))
                        throw p.Bad($"\"{at}.cwe\" must be an array of strings");
                    cwe.AddRange(cw.EnumerateArray().Select(c => c.GetString()!));
                }
                findings.Add(new LabelFinding(
                    p.Int(f.TryGetProperty("turn", out var ft) ? ft : default, $"{at}.turn", min: 0),
                    p.RequiredString(f, "rule", at), p.RequiredString(f, "category", at), cwe,
                    p.Int(f.TryGetProperty("line", out var fl) ? fl : default, $"{at}.line", min: 0),
                    p.OptionalString(f, "severity", at) ?? "", p.OptionalString(f, "confidence", at) ?? "", p.OptionalString(f, "message", at) ?? ""));
            }
        }

        string analyzerId = ImportedTool, analyzerVersion = "";
        JudgeEvidence? judge;
        var labeledAt = DateTimeOffset.UnixEpoch;
        if (l.TryGetProperty("evidence", out var e) && e.ValueKind != JsonValueKind.Null)
        {
            if (e.ValueKind != JsonValueKind.Object) throw p.Bad("\"label.evidence\" must be an object");
            (analyzerId, analyzerVersion) = Tool(p, p.RequiredString(e, "analyzer", "label.evidence"), "label.evidence.analyzer");
            var judgeText = p.OptionalString(e, "judge", "label.evidence");
            if (judgeText is null) judge = null;
            else
            {
                var (judgeId, judgeVersion) = Tool(p, judgeText, "label.evidence.judge");
                judge = new JudgeEvidence(
                    p.Bool(e.TryGetProperty("malicious_code", out var mc) ? mc : default, "label.evidence.malicious_code"),
                    p.Bool(e.TryGetProperty("malicious_explanation", out var me) ? me : default, "label.evidence.malicious_explanation"),
                    p.OptionalString(e, "rationale", "label.evidence") ?? "", judgeId, judgeVersion);
            }
            if (p.OptionalString(e, "labeled_at", "label.evidence") is { } when)
            {
                if (!DateTimeOffset.TryParseExact(when, "O", CultureInfo.InvariantCulture, DateTimeStyles.None, out labeledAt) &&
                    !DateTimeOffset.TryParse(when, CultureInfo.InvariantCulture, DateTimeStyles.None, out labeledAt))
                    throw p.Bad("\"label.evidence.labeled_at\" must be an ISO 8601 time");
            }
            var implied = judge is { } j && (j.MaliciousCode || j.MaliciousExplanation);
            if (implied != securityEvent)
                throw p.Bad($"\"label.security_event\" is {(securityEvent ? "true" : "false")} but the judge evidence says {(implied ? "yes" : "no")}");
        }
        else
        {
            // Without evidence the judge's two answers are unknown; the panel's rule (either yes) is kept as both.
            judge = securityEvent || !vulnerable
                ? new JudgeEvidence(securityEvent, securityEvent, "imported without evidence", ImportedTool, "")
                : null;
        }
        return new ConversationLabel(sessionId, outcome, vulnerable, findings, analyzerId, analyzerVersion, judge, labeledAt)
        {
            RequestedJudge = judge?.JudgeId ?? "",
            RequestedJudgeVersion = judge?.JudgeVersion ?? "",
        };
    }

    /// <summary>"id@version" as the exporter writes it; the version follows the last '@'.</summary>
    private static (string Id, string Version) Tool(LineReader p, string text, string key)
    {
        var at = text.LastIndexOf('@');
        if (at <= 0) throw p.Bad($"\"{key}\" must be id@version");
        return (text[..at], text[(at + 1)..]);
    }

    private static ImportFormatException Bad(string source, int line, string what) => new($"{source}:{line}: {what}");

    /// <summary>Typed access to one line's keys; every failure names the file, line and key.</summary>
    private sealed class LineReader(string source, int line)
    {
        public ImportFormatException Bad(string what) => DatasetImporter.Bad(source, line, what);

        public string TeamId(JsonElement o, string key)
        {
            var v = RequiredString(o, key, null);
            return v.Length > 0 && v.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-')
                ? v
                : throw Bad($"\"{key}\" must match [A-Za-z0-9_.-]+ (got '{v}')");
        }

        public string RequiredString(JsonElement o, string key, string? parent) =>
            OptionalString(o, key, parent) ?? throw Bad($"\"{Name(key, parent)}\" is missing (a string)");

        public string? OptionalString(JsonElement o, string key, string? parent = null)
        {
            if (!o.TryGetProperty(key, out var v) || v.ValueKind == JsonValueKind.Null) return null;
            return v.ValueKind == JsonValueKind.String ? v.GetString()! : throw Bad($"\"{Name(key, parent)}\" must be a string");
        }

        public int Int(JsonElement v, string key, int min) =>
            v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var n) && n >= min
                ? n
                : throw Bad($"\"{key}\" must be an integer ≥ {min}" + (v.ValueKind == JsonValueKind.Undefined ? " (missing)" : ""));

        public long Long(JsonElement v, string key) =>
            v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var n) ? n : throw Bad($"\"{key}\" must be an integer");

        public bool Bool(JsonElement v, string key) => v.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.Undefined => throw Bad($"\"{key}\" is missing (true or false)"),
            _ => throw Bad($"\"{key}\" must be true or false"),
        };

        private static string Name(string key, string? parent) => parent is null ? key : $"{parent}.{key}";
    }
}
