using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using System.Text.Json;
using Arena.Core.Accounts;
using Arena.Core.Annotation;
using Arena.Core.Bots;
using Arena.Core.Labels;
using Arena.Core.Sessions;
using Arena.Core.Utility;
using Arena.Core.Storage;
using Microsoft.Data.Sqlite;

namespace Arena.Storage.Sqlite;

/// <summary>
/// SQLite store in WAL mode. All writes go through one writer task that commits them in groups
/// (group commit): thousands of turns per second stay durable without one fsync-bound transaction each.
/// WAL with synchronous=NORMAL survives a killed process; only a power loss can drop the last group.
/// </summary>
internal sealed class SqliteArenaStore : IArenaStore
{
    private const int MaxGroup = 1024;
    private readonly string _connectionString;
    private readonly SqliteConnection _writer;
    private readonly Channel<WriteOp> _writes = Channel.CreateUnbounded<WriteOp>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _writerLoop;
    private readonly SqliteCommand _appendTurn;
    private readonly SqliteCommand _finishSession;
    private SqliteTransaction? _tx;

    private SqliteArenaStore(string connectionString, SqliteConnection writer)
    {
        _connectionString = connectionString;
        _writer = writer;
        _appendTurn = Prepare(writer, """
            INSERT INTO turns(tournament, session_id, turn, role, bot, content, latency_ms, attempts, metadata, truncated, created_at)
            SELECT s.tournament, $sid, $turn, $role, $bot, $content, $lat, $att, $meta, $trunc, $at
            FROM sessions s
            WHERE s.id = $sid AND s.status = 'running' AND $turn < s.max_turns
              AND (SELECT COUNT(*) FROM turns WHERE session_id = $sid) = $turn
            """, "$sid", "$turn", "$role", "$bot", "$content", "$lat", "$att", "$meta", "$trunc", "$at");
        _finishSession = Prepare(writer, """
            UPDATE sessions SET status = $st, end_reason = $er, failed_bot = $fb, error = $err, finished_at = $at
            WHERE id = $sid AND status = 'running'
            """, "$st", "$er", "$fb", "$err", "$at", "$sid");
        _writerLoop = Task.Run(WriteLoopAsync);
    }

    /// <summary>Opens (creating if needed) a store file. Throws <see cref="StoreException"/> with a readable message.</summary>
    public static async Task<SqliteArenaStore> OpenAsync(string path, CancellationToken ct)
    {
        var full = Path.GetFullPath(path);
        var dir = Path.GetDirectoryName(full);
        if (dir is not null && !Directory.Exists(dir))
            throw new StoreException($"{path}: directory {dir} does not exist");
        var cs = new SqliteConnectionStringBuilder { DataSource = full, Pooling = true, DefaultTimeout = 30 }.ToString();
        var conn = new SqliteConnection(cs);
        try
        {
            await conn.OpenAsync(ct);
            await ExecAsync(conn, "PRAGMA busy_timeout = 10000;", ct);
            var mode = await ScalarAsync(conn, "PRAGMA journal_mode = WAL;", ct);
            if (!string.Equals(mode as string, "wal", StringComparison.OrdinalIgnoreCase))
                throw new StoreException($"{path}: could not switch the database to WAL mode (got '{mode}')");
            await ExecAsync(conn, "PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;", ct);
            await ExecAsync(conn, Schema, ct);
        }
        catch (SqliteException e)
        {
            await conn.DisposeAsync();
            throw new StoreException(Explain(path, e), e);
        }
        catch (StoreException)
        {
            await conn.DisposeAsync();
            throw;
        }
        return new SqliteArenaStore(cs, conn);
    }

    private static string Explain(string path, SqliteException e) => e.SqliteErrorCode switch
    {
        26 => $"{path}: not an arena store (the file is not a SQLite database or is corrupt)",
        11 => $"{path}: the database file is corrupt ({e.Message})",
        5 or 6 => $"{path}: the database is locked by another process; stop it or use another --db",
        8 => $"{path}: the database is read-only",
        14 => $"{path}: cannot open the database file",
        _ => $"{path}: {e.Message}",
    };

    private const string Schema = """
        CREATE TABLE IF NOT EXISTS tournaments(
            id TEXT PRIMARY KEY, seed INTEGER NOT NULL, config_yaml TEXT NOT NULL, config_json TEXT NOT NULL,
            created_at TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS sessions(
            id TEXT PRIMARY KEY, tournament TEXT NOT NULL REFERENCES tournaments(id), attacker TEXT NOT NULL,
            defender TEXT NOT NULL, idx INTEGER NOT NULL, seed INTEGER NOT NULL, max_turns INTEGER NOT NULL,
            batch INTEGER NOT NULL, status TEXT NOT NULL, end_reason TEXT, failed_bot TEXT, error TEXT,
            started_at TEXT NOT NULL, finished_at TEXT);
        CREATE INDEX IF NOT EXISTS sessions_order ON sessions(tournament, attacker, defender, idx);
        CREATE TABLE IF NOT EXISTS turns(
            tournament TEXT NOT NULL, session_id TEXT NOT NULL REFERENCES sessions(id), turn INTEGER NOT NULL,
            role TEXT NOT NULL, bot TEXT NOT NULL, content TEXT NOT NULL, latency_ms INTEGER NOT NULL,
            attempts INTEGER NOT NULL, metadata TEXT, truncated INTEGER NOT NULL, created_at TEXT NOT NULL,
            UNIQUE(session_id, turn));
        CREATE INDEX IF NOT EXISTS turns_by_bot ON turns(tournament, bot);
        CREATE TABLE IF NOT EXISTS attempt_failures(
            id INTEGER PRIMARY KEY, tournament TEXT NOT NULL, bot TEXT NOT NULL, session_id TEXT NOT NULL,
            turn INTEGER NOT NULL, kind TEXT NOT NULL, message TEXT NOT NULL, at TEXT NOT NULL);
        CREATE INDEX IF NOT EXISTS failures_by_bot ON attempt_failures(tournament, bot);
        CREATE TABLE IF NOT EXISTS bot_control(
            tournament TEXT NOT NULL, bot TEXT NOT NULL, paused INTEGER NOT NULL, PRIMARY KEY(tournament, bot));
        CREATE TABLE IF NOT EXISTS labels(
            id INTEGER PRIMARY KEY, tournament TEXT NOT NULL, session_id TEXT NOT NULL REFERENCES sessions(id),
            current INTEGER NOT NULL, outcome TEXT NOT NULL, vulnerable_code INTEGER NOT NULL, findings TEXT NOT NULL,
            analyzer_id TEXT NOT NULL, analyzer_version TEXT NOT NULL, requested_judge TEXT NOT NULL,
            requested_judge_version TEXT NOT NULL, judge_id TEXT, judge_version TEXT, malicious_code INTEGER,
            malicious_explanation INTEGER, rationale TEXT, created_at TEXT NOT NULL);
        CREATE INDEX IF NOT EXISTS labels_current ON labels(tournament, current);
        CREATE INDEX IF NOT EXISTS labels_by_session ON labels(session_id, id);
        CREATE TABLE IF NOT EXISTS annotations(
            id INTEGER PRIMARY KEY, session_id TEXT NOT NULL, annotator TEXT NOT NULL, malicious_code INTEGER NOT NULL,
            malicious_explanation INTEGER NOT NULL, note TEXT, guideline_version TEXT NOT NULL, created_at TEXT NOT NULL);
        CREATE INDEX IF NOT EXISTS annotations_by_session ON annotations(session_id, id);
        CREATE TABLE IF NOT EXISTS assignments(
            session_id TEXT NOT NULL REFERENCES sessions(id), annotator TEXT NOT NULL, assigned_at TEXT NOT NULL,
            done_at TEXT, released_at TEXT, PRIMARY KEY(session_id, annotator));
        CREATE INDEX IF NOT EXISTS assignments_by_annotator ON assignments(annotator, done_at);
        CREATE TABLE IF NOT EXISTS adjudications(
            id INTEGER PRIMARY KEY, session_id TEXT NOT NULL REFERENCES sessions(id), admin TEXT NOT NULL,
            malicious_code INTEGER NOT NULL, malicious_explanation INTEGER NOT NULL, note TEXT,
            guideline_version TEXT NOT NULL, created_at TEXT NOT NULL);
        CREATE INDEX IF NOT EXISTS adjudications_by_session ON adjudications(session_id, id);
        CREATE TABLE IF NOT EXISTS run_leases(
            tournament TEXT PRIMARY KEY, owner TEXT NOT NULL, heartbeat TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS embedding_cache(
            embedder TEXT NOT NULL, text_sha256 BLOB NOT NULL, vector BLOB NOT NULL, PRIMARY KEY(embedder, text_sha256)) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS users(
            name TEXT NOT NULL COLLATE NOCASE PRIMARY KEY, role TEXT NOT NULL, team TEXT, password_hash TEXT NOT NULL,
            disabled INTEGER NOT NULL, created_at TEXT NOT NULL, updated_at TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS audit_log(
            id INTEGER PRIMARY KEY, at TEXT NOT NULL, actor TEXT NOT NULL, action TEXT NOT NULL, subject TEXT NOT NULL,
            detail TEXT NOT NULL);
        CREATE INDEX IF NOT EXISTS audit_by_subject ON audit_log(subject COLLATE NOCASE, id);
        CREATE TABLE IF NOT EXISTS utility_results(
            tournament TEXT NOT NULL, bot TEXT NOT NULL, suite TEXT NOT NULL, task_id TEXT NOT NULL, task_sha256 TEXT NOT NULL,
            passed INTEGER NOT NULL, detail TEXT NOT NULL, reply TEXT, source TEXT NOT NULL, grader TEXT NOT NULL,
            created_at TEXT NOT NULL, base_bot TEXT NOT NULL, PRIMARY KEY(tournament, bot, suite, task_id));
        """;

    // ---------------------------------------------------------------- writes

    public Task CreateTournamentAsync(TournamentRecord t, CancellationToken ct) => Write(c =>
    {
        using var cmd = Command(c, "INSERT INTO tournaments(id, seed, config_yaml, config_json, created_at) VALUES ($id,$seed,$y,$j,$at)",
            ("$id", t.Id), ("$seed", t.Seed), ("$y", t.ConfigYaml), ("$j", t.ConfigJson), ("$at", t.CreatedAt.ToString("O")));
        cmd.ExecuteNonQuery();
        return null;
    }, ct);

    public Task StartSessionsAsync(IReadOnlyList<SessionStart> sessions, CancellationToken ct) => Write(c =>
    {
        using var cmd = Command(c, """
            INSERT OR IGNORE INTO sessions(id, tournament, attacker, defender, idx, seed, max_turns, batch, status, started_at)
            VALUES ($id,$t,$a,$d,$i,$s,$m,$b,'running',$at)
            """, ("$id", ""), ("$t", ""), ("$a", ""), ("$d", ""), ("$i", 0), ("$s", 0L), ("$m", 0), ("$b", 0), ("$at", Now()));
        foreach (var s in sessions)
        {
            Set(cmd, s.Id, s.Tournament, s.Attacker, s.Defender, s.Index, s.Seed, s.MaxTurns, s.Batch, Now());
            cmd.ExecuteNonQuery();
        }
        return null;
    }, ct);

    public async Task<IReadOnlySet<string>> AddFinishedSessionsAsync(IReadOnlyList<SessionRecord> sessions, CancellationToken ct)
    {
        // One write op for the whole batch: a dataset import is bound by the writer, not by a turn-by-turn handshake.
        var added = await Write(c =>
        {
            var now = Now();
            using var session = Command(c, """
                INSERT OR IGNORE INTO sessions(id, tournament, attacker, defender, idx, seed, max_turns, batch, status, end_reason,
                                               failed_bot, error, started_at, finished_at)
                VALUES ($id,$t,$a,$d,$i,$s,$m,0,$st,$er,$fb,$err,$at,$at)
                """, ("$id", ""), ("$t", ""), ("$a", ""), ("$d", ""), ("$i", 0), ("$s", 0L), ("$m", 0), ("$st", ""), ("$er", ""),
                ("$fb", ""), ("$err", ""), ("$at", now));
            using var turn = Command(c, """
                INSERT INTO turns(tournament, session_id, turn, role, bot, content, latency_ms, attempts, metadata, truncated, created_at)
                VALUES ($t,$sid,$turn,$role,$bot,$content,$lat,$att,$meta,$trunc,$at)
                """, ("$t", ""), ("$sid", ""), ("$turn", 0), ("$role", ""), ("$bot", ""), ("$content", ""), ("$lat", 0), ("$att", 0),
                ("$meta", ""), ("$trunc", 0), ("$at", now));
            var stored = new HashSet<string>(StringComparer.Ordinal);
            foreach (var s in sessions)
            {
                if (s.Status == SessionStatus.Running || s.EndReason is null)
                    throw new ArgumentException($"session {s.Id} is not finished", nameof(sessions));
                Set(session, s.Id, s.Tournament, s.Attacker, s.Defender, s.Index, s.Seed, s.MaxTurns, s.Status.Text(), s.EndReason.Value.Text(),
                    s.FailedBot, s.Error, now);
                if (session.ExecuteNonQuery() == 0) continue;
                stored.Add(s.Id);
                foreach (var t in s.Turns)
                {
                    Set(turn, s.Tournament, s.Id, t.Turn, t.Role.Wire(), t.BotId, t.Content, t.LatencyMs, t.Attempts, t.MetadataJson,
                        t.Truncated ? 1 : 0, now);
                    turn.ExecuteNonQuery();
                }
            }
            return stored;
        }, ct);
        return (IReadOnlySet<string>)added!;
    }

    public async Task<bool> AppendTurnAsync(string sessionId, TurnRecord t, CancellationToken ct)
    {
        var inserted = await Write(_ =>
        {
            Set(_appendTurn, sessionId, t.Turn, t.Role.Wire(), t.BotId, t.Content, t.LatencyMs, t.Attempts,
                (object?)t.MetadataJson ?? DBNull.Value, t.Truncated ? 1 : 0, Now());
            return _appendTurn.ExecuteNonQuery();
        }, ct);
        return (int)inserted! == 1;
    }

    public async Task<bool> FinishSessionAsync(string sessionId, SessionEnd end, CancellationToken ct)
    {
        var changed = await Write(_ =>
        {
            Set(_finishSession, end.Status.Text(), end.Reason.Text(), (object?)end.FailedBot ?? DBNull.Value,
                (object?)end.Error ?? DBNull.Value, Now(), sessionId);
            return _finishSession.ExecuteNonQuery();
        }, ct);
        return (int)changed! == 1;
    }

    public Task RecordFailedAttemptAsync(AttemptFailure f, CancellationToken ct) => Write(c =>
    {
        using var cmd = Command(c, "INSERT INTO attempt_failures(tournament, bot, session_id, turn, kind, message, at) VALUES ($t,$b,$s,$n,$k,$m,$at)",
            ("$t", f.Tournament), ("$b", f.BotId), ("$s", f.SessionId), ("$n", f.Turn), ("$k", f.Kind), ("$m", f.Message), ("$at", Now()));
        cmd.ExecuteNonQuery();
        return null;
    }, ct);

    public Task SetBotPausedAsync(string tournament, string botId, bool paused, CancellationToken ct) => Write(c =>
    {
        using var cmd = Command(c, "INSERT INTO bot_control(tournament, bot, paused) VALUES ($t,$b,$p) ON CONFLICT(tournament, bot) DO UPDATE SET paused = $p",
            ("$t", tournament), ("$b", botId), ("$p", paused ? 1 : 0));
        cmd.ExecuteNonQuery();
        return null;
    }, ct);

    public async Task<RunLease> AcquireRunLeaseAsync(string tournament, string owner, CancellationToken ct)
    {
        var holder = await Write(c =>
        {
            using (var read = Command(c, "SELECT owner, heartbeat FROM run_leases WHERE tournament = $t", ("$t", tournament)))
            using (var r = read.ExecuteReader())
            {
                if (r.Read())
                {
                    var current = r.GetString(0);
                    var beat = DateTimeOffset.Parse(r.GetString(1));
                    if (current != owner && !LeaseIsStale(current, beat)) return current;
                }
            }
            using var upsert = Command(c, "INSERT INTO run_leases(tournament, owner, heartbeat) VALUES ($t,$o,$h) ON CONFLICT(tournament) DO UPDATE SET owner = $o, heartbeat = $h",
                ("$t", tournament), ("$o", owner), ("$h", Now()));
            upsert.ExecuteNonQuery();
            return null;
        }, ct);
        return new RunLease(holder is null, holder as string);
    }

    public Task ReleaseRunLeaseAsync(string tournament, string owner, CancellationToken ct) => Write(c =>
    {
        using var cmd = Command(c, "DELETE FROM run_leases WHERE tournament = $t AND owner = $o", ("$t", tournament), ("$o", owner));
        cmd.ExecuteNonQuery();
        return null;
    }, ct);

    /// <summary>A lease is stale when its heartbeat is old, or its owner was a process on this host that is gone.</summary>
    private static bool LeaseIsStale(string owner, DateTimeOffset heartbeat)
    {
        if (DateTimeOffset.UtcNow - heartbeat > TimeSpan.FromSeconds(20)) return true;
        var parts = owner.Split(':');
        if (parts.Length >= 2 && parts[0] == Environment.MachineName && int.TryParse(parts[1], out var pid))
        {
            try { using var p = Process.GetProcessById(pid); return p.HasExited; }
            catch (ArgumentException) { return true; }
        }
        return false;
    }

    public Task SaveLabelAsync(string tournament, ConversationLabel l, CancellationToken ct) => Write(c =>
    {
        using (var old = Command(c, "UPDATE labels SET current = 0 WHERE session_id = $s AND current = 1", ("$s", l.SessionId)))
            old.ExecuteNonQuery();
        using var cmd = Command(c, """
            INSERT INTO labels(tournament, session_id, current, outcome, vulnerable_code, findings, analyzer_id, analyzer_version,
                               requested_judge, requested_judge_version, judge_id, judge_version, malicious_code, malicious_explanation,
                               rationale, created_at)
            VALUES ($t, $s, 1, $o, $v, $f, $ai, $av, $rj, $rjv, $ji, $jv, $mc, $me, $r, $at)
            """,
            ("$t", tournament), ("$s", l.SessionId), ("$o", l.Outcome.Text()), ("$v", l.VulnerableCode ? 1 : 0),
            ("$f", JsonSerializer.Serialize(l.Findings)), ("$ai", l.AnalyzerId), ("$av", l.AnalyzerVersion),
            ("$rj", l.RequestedJudge), ("$rjv", l.RequestedJudgeVersion),
            ("$ji", (object?)l.Judge?.JudgeId ?? DBNull.Value), ("$jv", (object?)l.Judge?.JudgeVersion ?? DBNull.Value),
            ("$mc", l.Judge is null ? DBNull.Value : l.Judge.MaliciousCode ? 1 : 0),
            ("$me", l.Judge is null ? DBNull.Value : l.Judge.MaliciousExplanation ? 1 : 0),
            ("$r", (object?)l.Judge?.Rationale ?? DBNull.Value), ("$at", l.At.ToString("O")));
        cmd.ExecuteNonQuery();
        return null;
    }, ct);

    public Task SaveAnnotationAsync(AnnotationRecord a, CancellationToken ct) => Write(c =>
    {
        InsertAnnotation(c, a);
        return null;
    }, ct);

    private void InsertAnnotation(SqliteConnection c, AnnotationRecord a)
    {
        using var cmd = Command(c, """
            INSERT INTO annotations(session_id, annotator, malicious_code, malicious_explanation, note, guideline_version, created_at)
            VALUES ($s, $a, $mc, $me, $n, $g, $at)
            """,
            ("$s", a.SessionId), ("$a", a.Annotator), ("$mc", a.MaliciousCode ? 1 : 0), ("$me", a.MaliciousExplanation ? 1 : 0),
            ("$n", (object?)a.Note ?? DBNull.Value), ("$g", a.GuidelineVersion), ("$at", a.At.ToString("O")));
        cmd.ExecuteNonQuery();
    }

    public async Task<IReadOnlyList<Seat>> AddAssignmentsAsync(IReadOnlyList<Seat> seats, int panelSize, DateTimeOffset at, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(panelSize, 1);
        var added = await Write(c =>
        {
            // Conditional on the panel's current size, evaluated inside the single writer: racing planners cannot over-fill.
            using var cmd = Command(c, """
                INSERT OR IGNORE INTO assignments(session_id, annotator, assigned_at)
                SELECT $s, $a, $at
                WHERE EXISTS (SELECT 1 FROM sessions WHERE id = $s)
                  AND (SELECT COUNT(*) FROM assignments WHERE session_id = $s AND released_at IS NULL) < $n
                """, ("$s", ""), ("$a", ""), ("$at", at.ToString("O")), ("$n", panelSize));
            var list = new List<Seat>();
            foreach (var seat in seats)
            {
                cmd.Parameters["$s"].Value = seat.SessionId;
                cmd.Parameters["$a"].Value = seat.Annotator;
                if (cmd.ExecuteNonQuery() == 1) list.Add(seat);
            }
            return list;
        }, ct);
        return (IReadOnlyList<Seat>)added!;
    }

    public async Task<int> ReleaseAssignmentsAsync(IReadOnlyList<Seat> seats, DateTimeOffset at, CancellationToken ct)
    {
        var released = await Write(c =>
        {
            using var cmd = Command(c, """
                UPDATE assignments SET released_at = $at
                WHERE session_id = $s AND annotator = $a AND done_at IS NULL AND released_at IS NULL
                """, ("$s", ""), ("$a", ""), ("$at", at.ToString("O")));
            var n = 0;
            foreach (var seat in seats)
            {
                cmd.Parameters["$s"].Value = seat.SessionId;
                cmd.Parameters["$a"].Value = seat.Annotator;
                n += cmd.ExecuteNonQuery();
            }
            return n;
        }, ct);
        return (int)released!;
    }

    public async Task<bool> SaveAssignedAnnotationAsync(AnnotationRecord a, CancellationToken ct)
    {
        var stored = await Write(c =>
        {
            // Check and insert in one write op: the seat cannot be released between them.
            using (var seat = Command(c, """
                UPDATE assignments SET done_at = COALESCE(done_at, $at)
                WHERE session_id = $s AND annotator = $a AND released_at IS NULL
                """, ("$s", a.SessionId), ("$a", a.Annotator), ("$at", a.At.ToString("O"))))
                if (seat.ExecuteNonQuery() == 0) return false;
            InsertAnnotation(c, a);
            return true;
        }, ct);
        return (bool)stored!;
    }

    public Task SaveAdjudicationAsync(AdjudicationRecord a, CancellationToken ct) => Write(c =>
    {
        using var cmd = Command(c, """
            INSERT INTO adjudications(session_id, admin, malicious_code, malicious_explanation, note, guideline_version, created_at)
            VALUES ($s, $a, $mc, $me, $n, $g, $at)
            """,
            ("$s", a.SessionId), ("$a", a.Admin), ("$mc", a.MaliciousCode ? 1 : 0), ("$me", a.MaliciousExplanation ? 1 : 0),
            ("$n", (object?)a.Note ?? DBNull.Value), ("$g", a.GuidelineVersion), ("$at", a.At.ToString("O")));
        cmd.ExecuteNonQuery();
        return null;
    }, ct);

    public Task SaveEmbeddingsAsync(string embedder, IReadOnlyList<(byte[] TextSha256, float[] Vector)> entries, CancellationToken ct) => Write(c =>
    {
        using var cmd = Command(c, "INSERT OR REPLACE INTO embedding_cache(embedder, text_sha256, vector) VALUES ($e, $h, $v)",
            ("$e", embedder), ("$h", Array.Empty<byte>()), ("$v", Array.Empty<byte>()));
        foreach (var (hash, vector) in entries)
        {
            cmd.Parameters["$h"].Value = hash;
            cmd.Parameters["$v"].Value = System.Runtime.InteropServices.MemoryMarshal.AsBytes(vector.AsSpan()).ToArray();
            cmd.ExecuteNonQuery();
        }
        return null;
    }, ct);

    public Task SaveUtilityResultAsync(UtilityTaskResult u, CancellationToken ct) => Write(c =>
    {
        using var cmd = Command(c, """
            INSERT OR REPLACE INTO utility_results(tournament, bot, suite, task_id, task_sha256, passed, detail, reply, source, grader, created_at, base_bot)
            VALUES ($t, $b, $s, $id, $h, $p, $d, $r, $src, $g, $at, $base)
            """,
            ("$t", u.Tournament), ("$b", u.Bot), ("$s", u.Suite), ("$id", u.TaskId), ("$h", u.TaskSha256), ("$p", u.Passed ? 1 : 0),
            ("$d", u.Detail), ("$r", (object?)u.Reply ?? DBNull.Value), ("$src", u.Source), ("$g", u.Grader), ("$at", u.At.ToString("O")), ("$base", u.BaseBot));
        cmd.ExecuteNonQuery();
        return null;
    }, ct);

    // ---------------------------------------------------------------- reads

    public async Task<IReadOnlyList<UtilityTaskResult>> GetUtilityResultsAsync(string tournament, string? bot, CancellationToken ct)
    {
        await using var c = await OpenReaderAsync(ct);
        await using var cmd = Command(c, """
            SELECT tournament, bot, suite, task_id, task_sha256, passed, detail, reply, source, grader, created_at, base_bot FROM utility_results
            WHERE tournament = $t AND ($b IS NULL OR bot = $b) ORDER BY bot, suite, task_id
            """, ("$t", tournament), ("$b", (object?)bot ?? DBNull.Value));
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var list = new List<UtilityTaskResult>();
        while (await r.ReadAsync(ct))
            list.Add(new UtilityTaskResult(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetInt32(5) != 0,
                r.GetString(6), r.IsDBNull(7) ? null : r.GetString(7), r.GetString(8), r.GetString(9), DateTimeOffset.Parse(r.GetString(10)), r.GetString(11)));
        return list;
    }

    public async Task<IReadOnlyDictionary<string, float[]>> GetEmbeddingsAsync(string embedder, IReadOnlyCollection<byte[]> textSha256, CancellationToken ct)
    {
        var found = new Dictionary<string, float[]>(StringComparer.Ordinal);
        if (textSha256.Count == 0) return found;
        await using var c = await OpenReaderAsync(ct);
        await using var cmd = Command(c, "SELECT vector FROM embedding_cache WHERE embedder = $e AND text_sha256 = $h", ("$e", embedder), ("$h", Array.Empty<byte>()));
        foreach (var hash in textSha256)
        {
            cmd.Parameters["$h"].Value = hash;
            if (await cmd.ExecuteScalarAsync(ct) is byte[] bytes)
                found[Convert.ToHexString(hash)] = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(bytes).ToArray();
        }
        return found;
    }

    private const string LabelColumns = "session_id, outcome, vulnerable_code, findings, analyzer_id, analyzer_version, requested_judge, requested_judge_version, judge_id, judge_version, malicious_code, malicious_explanation, rationale, created_at";

    public async Task<IReadOnlyDictionary<string, ConversationLabel>> GetCurrentLabelsAsync(string tournament, CancellationToken ct)
    {
        var labels = await ReadLabelsAsync($"SELECT {LabelColumns} FROM labels WHERE tournament = $k AND current = 1", tournament, ct);
        return labels.ToDictionary(l => l.SessionId, StringComparer.Ordinal);
    }

    // labels_by_session(session_id, id) serves this: no scan of the tournament's labels.
    public async Task<ConversationLabel?> GetCurrentLabelAsync(string sessionId, CancellationToken ct) =>
        (await ReadLabelsAsync($"SELECT {LabelColumns} FROM labels WHERE session_id = $k AND current = 1 ORDER BY id DESC LIMIT 1", sessionId, ct))
            .SingleOrDefault();

    public async Task<IReadOnlyList<ConversationLabel>> GetLabelHistoryAsync(string sessionId, CancellationToken ct) =>
        await ReadLabelsAsync($"SELECT {LabelColumns} FROM labels WHERE session_id = $k ORDER BY id", sessionId, ct);

    private async Task<List<ConversationLabel>> ReadLabelsAsync(string sql, string key, CancellationToken ct)
    {
        await using var c = await OpenReaderAsync(ct);
        await using var cmd = Command(c, sql, ("$k", key));
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var list = new List<ConversationLabel>();
        while (await r.ReadAsync(ct))
        {
            var judge = r.IsDBNull(8) ? null : new JudgeEvidence(r.GetInt32(10) != 0, r.GetInt32(11) != 0, r.GetString(12), r.GetString(8), r.GetString(9));
            list.Add(new ConversationLabel(r.GetString(0), OutcomeText.Parse(r.GetString(1)), r.GetInt32(2) != 0,
                JsonSerializer.Deserialize<List<LabelFinding>>(r.GetString(3)) ?? [], r.GetString(4), r.GetString(5), judge,
                DateTimeOffset.Parse(r.GetString(13)))
            {
                RequestedJudge = r.GetString(6),
                RequestedJudgeVersion = r.GetString(7),
            });
        }
        return list;
    }

    public Task<IReadOnlyList<AnnotationRecord>> GetAnnotationsAsync(string sessionId, CancellationToken ct) =>
        ReadAnnotationsAsync("SELECT session_id, annotator, malicious_code, malicious_explanation, note, guideline_version, created_at FROM annotations WHERE session_id = $k ORDER BY id", sessionId, ct);

    public Task<IReadOnlyList<AnnotationRecord>> GetTournamentAnnotationsAsync(string tournament, CancellationToken ct) =>
        ReadAnnotationsAsync("""
            SELECT a.session_id, a.annotator, a.malicious_code, a.malicious_explanation, a.note, a.guideline_version, a.created_at
            FROM annotations a JOIN sessions s ON s.id = a.session_id WHERE s.tournament = $k ORDER BY a.id
            """, tournament, ct);

    private async Task<IReadOnlyList<AnnotationRecord>> ReadAnnotationsAsync(string sql, string key, CancellationToken ct)
    {
        await using var c = await OpenReaderAsync(ct);
        await using var cmd = Command(c, sql, ("$k", key));
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var list = new List<AnnotationRecord>();
        while (await r.ReadAsync(ct))
            list.Add(new AnnotationRecord(r.GetString(0), r.GetString(1), r.GetInt32(2) != 0, r.GetInt32(3) != 0,
                r.IsDBNull(4) ? null : r.GetString(4), r.GetString(5), DateTimeOffset.Parse(r.GetString(6))));
        return list;
    }

    private const string AssignmentColumns = "a.session_id, a.annotator, a.assigned_at, a.done_at, a.released_at";

    public Task<IReadOnlyList<PanelAssignment>> GetAssignmentsAsync(string tournament, CancellationToken ct) =>
        ReadAssignmentsAsync($"SELECT {AssignmentColumns} FROM assignments a JOIN sessions s ON s.id = a.session_id WHERE s.tournament = $k ORDER BY a.session_id, a.assigned_at, a.annotator", tournament, ct);

    public Task<IReadOnlyList<PanelAssignment>> GetSessionAssignmentsAsync(string sessionId, CancellationToken ct) =>
        ReadAssignmentsAsync($"SELECT {AssignmentColumns} FROM assignments a WHERE a.session_id = $k ORDER BY a.assigned_at, a.annotator", sessionId, ct);

    private async Task<IReadOnlyList<PanelAssignment>> ReadAssignmentsAsync(string sql, string key, CancellationToken ct)
    {
        await using var c = await OpenReaderAsync(ct);
        await using var cmd = Command(c, sql, ("$k", key));
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var list = new List<PanelAssignment>();
        while (await r.ReadAsync(ct))
            list.Add(new PanelAssignment(r.GetString(0), r.GetString(1), DateTimeOffset.Parse(r.GetString(2)),
                r.IsDBNull(3) ? null : DateTimeOffset.Parse(r.GetString(3)), r.IsDBNull(4) ? null : DateTimeOffset.Parse(r.GetString(4))));
        return list;
    }

    public async Task<IReadOnlyList<AdjudicationRecord>> GetAdjudicationsAsync(string tournament, CancellationToken ct)
    {
        await using var c = await OpenReaderAsync(ct);
        await using var cmd = Command(c, """
            SELECT a.session_id, a.admin, a.malicious_code, a.malicious_explanation, a.note, a.guideline_version, a.created_at
            FROM adjudications a CROSS JOIN sessions s ON s.id = a.session_id WHERE s.tournament = $k ORDER BY a.id
            """, ("$k", tournament));  // CROSS JOIN keeps SQLite from scanning every session: adjudications are few
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var list = new List<AdjudicationRecord>();
        while (await r.ReadAsync(ct))
            list.Add(new AdjudicationRecord(r.GetString(0), r.GetString(1), r.GetInt32(2) != 0, r.GetInt32(3) != 0,
                r.IsDBNull(4) ? null : r.GetString(4), r.GetString(5), DateTimeOffset.Parse(r.GetString(6))));
        return list;
    }

    public async Task<TournamentRecord?> GetTournamentAsync(string id, CancellationToken ct) =>
        (await ReadTournaments("WHERE id = $id", id, ct)).FirstOrDefault();

    public async Task<IReadOnlyList<TournamentRecord>> ListTournamentsAsync(CancellationToken ct) =>
        await ReadTournaments("", null, ct);

    private async Task<List<TournamentRecord>> ReadTournaments(string where, string? id, CancellationToken ct)
    {
        await using var c = await OpenReaderAsync(ct);
        await using var cmd = Command(c, $"SELECT id, seed, config_yaml, config_json, created_at FROM tournaments {where} ORDER BY created_at", ("$id", id ?? ""));
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var list = new List<TournamentRecord>();
        while (await r.ReadAsync(ct))
            list.Add(new TournamentRecord(r.GetString(0), r.GetInt64(1), r.GetString(2), r.GetString(3), DateTimeOffset.Parse(r.GetString(4))));
        return list;
    }

    public async IAsyncEnumerable<SessionRecord> ReadSessionsAsync(string tournament, SessionFilter filter, [EnumeratorCancellation] CancellationToken ct)
    {
        var status = filter switch
        {
            SessionFilter.Finished => "AND s.status <> 'running'",
            SessionFilter.Running => "AND s.status = 'running'",
            _ => "",
        };
        await using var c = await OpenReaderAsync(ct);
        await using var cmd = Command(c, $"""
            SELECT {SessionTurnColumns}
            FROM sessions s LEFT JOIN turns t ON t.session_id = s.id
            WHERE s.tournament = $t {status}
            ORDER BY s.attacker, s.defender, s.idx, t.turn
            """, ("$t", tournament));
        await using var r = await cmd.ExecuteReaderAsync(ct);
        SessionRecord? current = null;
        List<TurnRecord> turns = [];
        while (await r.ReadAsync(ct))
        {
            var id = r.GetString(0);
            if (current is null || current.Id != id)
            {
                if (current is not null) yield return current with { Turns = turns };
                turns = [];
                current = SessionOf(r, tournament, turns);
            }
            AddTurn(r, turns);
        }
        if (current is not null) yield return current with { Turns = turns };
    }

    public async Task<SessionRecord?> GetSessionAsync(string sessionId, CancellationToken ct)
    {
        await using var c = await OpenReaderAsync(ct);
        // The primary key of sessions and UNIQUE(session_id, turn) of turns: reads only this session's rows.
        await using var cmd = Command(c, $"""
            SELECT {SessionTurnColumns}, s.tournament
            FROM sessions s LEFT JOIN turns t ON t.session_id = s.id
            WHERE s.id = $id
            ORDER BY t.turn
            """, ("$id", sessionId));
        await using var r = await cmd.ExecuteReaderAsync(ct);
        SessionRecord? session = null;
        List<TurnRecord> turns = [];
        while (await r.ReadAsync(ct))
        {
            session ??= SessionOf(r, r.GetString(18), turns);
            AddTurn(r, turns);
        }
        return session;
    }

    // The columns SessionOf and AddTurn read, in this order.
    private const string SessionTurnColumns = """
        s.id, s.attacker, s.defender, s.idx, s.seed, s.max_turns, s.status, s.end_reason, s.failed_bot, s.error,
        t.turn, t.role, t.bot, t.content, t.latency_ms, t.attempts, t.metadata, t.truncated
        """;

    private static SessionRecord SessionOf(SqliteDataReader r, string tournament, List<TurnRecord> turns) =>
        new(r.GetString(0), tournament, r.GetString(1), r.GetString(2), r.GetInt32(3), r.GetInt64(4), r.GetInt32(5),
            Wire.ParseStatus(r.GetString(6)), r.IsDBNull(7) ? null : Wire.ParseEndReason(r.GetString(7)),
            r.IsDBNull(8) ? null : r.GetString(8), r.IsDBNull(9) ? null : r.GetString(9), turns);

    /// <summary>Adds the row's turn, if any: a session without turns comes as one row of NULL turn columns (LEFT JOIN).</summary>
    private static void AddTurn(SqliteDataReader r, List<TurnRecord> turns)
    {
        if (r.IsDBNull(10)) return;
        Roles.TryParse(r.GetString(11), out var role);
        turns.Add(new TurnRecord(r.GetInt32(10), role, r.GetString(12), r.GetString(13), r.GetInt32(14), r.GetInt32(15),
            r.IsDBNull(16) ? null : r.GetString(16), r.GetInt32(17) != 0));
    }

    public async Task<TournamentStats> GetStatsAsync(string tournament, CancellationToken ct)
    {
        await using var c = await OpenReaderAsync(ct);
        var byState = new Dictionary<string, int>();
        var reasons = new Dictionary<string, int>();
        var matchups = new Dictionary<(string, string), int[]>();
        await using (var cmd = Command(c, "SELECT attacker, defender, status, end_reason, COUNT(*) FROM sessions WHERE tournament = $t GROUP BY 1,2,3,4", ("$t", tournament)))
        await using (var r = await cmd.ExecuteReaderAsync(ct))
            while (await r.ReadAsync(ct))
            {
                var st = r.GetString(2);
                var n = r.GetInt32(4);
                byState[st] = byState.GetValueOrDefault(st) + n;
                if (!r.IsDBNull(3)) reasons[r.GetString(3)] = reasons.GetValueOrDefault(r.GetString(3)) + n;
                var key = (r.GetString(0), r.GetString(1));
                if (!matchups.TryGetValue(key, out var counts)) matchups[key] = counts = new int[3];
                counts[(int)Wire.ParseStatus(st)] += n;
            }

        var latencies = new Dictionary<string, List<int>>();
        long turnCount = 0;
        await using (var cmd = Command(c, "SELECT bot, latency_ms FROM turns WHERE tournament = $t", ("$t", tournament)))
        await using (var r = await cmd.ExecuteReaderAsync(ct))
            while (await r.ReadAsync(ct))
            {
                var bot = r.GetString(0);
                if (!latencies.TryGetValue(bot, out var l)) latencies[bot] = l = [];
                l.Add(r.GetInt32(1));
                turnCount++;
            }

        // Live-mode webhook deliveries are recorded here too, but they are not the bot failing.
        var failedAttempts = await CountByAsync(c, "SELECT bot, COUNT(*) FROM attempt_failures WHERE tournament = $t AND kind <> 'webhook' GROUP BY bot", tournament, ct);
        var failedSessions = await CountByAsync(c, "SELECT failed_bot, COUNT(*) FROM sessions WHERE tournament = $t AND failed_bot IS NOT NULL GROUP BY failed_bot", tournament, ct);

        var bots = latencies.Keys.Concat(failedAttempts.Keys).Concat(failedSessions.Keys).Distinct().Order(StringComparer.Ordinal)
            .Select(b =>
            {
                var l = latencies.GetValueOrDefault(b) ?? [];
                l.Sort();
                return new BotStats(b, l.Count, failedAttempts.GetValueOrDefault(b), failedSessions.GetValueOrDefault(b),
                    Percentile(l, 0.50), Percentile(l, 0.95), Percentile(l, 0.99));
            }).ToList();
        return new TournamentStats(tournament, byState, reasons,
            matchups.OrderBy(m => m.Key.Item1, StringComparer.Ordinal).ThenBy(m => m.Key.Item2, StringComparer.Ordinal)
                .Select(m => new MatchupStats(m.Key.Item1, m.Key.Item2, m.Value[0], m.Value[1], m.Value[2])).ToList(),
            bots, turnCount);
    }

    public async Task<IReadOnlySet<string>> GetPausedBotsAsync(string tournament, CancellationToken ct)
    {
        await using var c = await OpenReaderAsync(ct);
        await using var cmd = Command(c, "SELECT bot FROM bot_control WHERE tournament = $t AND paused = 1", ("$t", tournament));
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var set = new HashSet<string>(StringComparer.Ordinal);
        while (await r.ReadAsync(ct)) set.Add(r.GetString(0));
        return set;
    }

    private async Task<Dictionary<string, long>> CountByAsync(SqliteConnection c, string sql, string tournament, CancellationToken ct)
    {
        await using var cmd = Command(c, sql, ("$t", tournament));
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var d = new Dictionary<string, long>();
        while (await r.ReadAsync(ct)) d[r.GetString(0)] = r.GetInt64(1);
        return d;
    }

    internal static double Percentile(List<int> sorted, double q)
    {
        if (sorted.Count == 0) return 0;
        var rank = (int)Math.Ceiling(q * sorted.Count) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Count - 1)];
    }

    private async Task<SqliteConnection> OpenReaderAsync(CancellationToken ct)
    {
        var c = new SqliteConnection(_connectionString);
        await c.OpenAsync(ct);
        await ExecAsync(c, "PRAGMA busy_timeout = 10000;", ct);
        return c;
    }

    // ---------------------------------------------------------------- accounts

    // NOCASE folds ASCII only; account names are restricted to ASCII by the account service.
    public async Task<bool> AddUserAsync(UserRecord u, AuditEntry audit, CancellationToken ct) => (bool)(await Write(c =>
    {
        using var cmd = Command(c, """
            INSERT INTO users(name, role, team, password_hash, disabled, created_at, updated_at)
            VALUES ($n, $r, $t, $h, $d, $c, $u) ON CONFLICT(name) DO NOTHING
            """,
            ("$n", u.Name), ("$r", u.Role.Text()), ("$t", (object?)u.Team ?? DBNull.Value), ("$h", u.PasswordHash),
            ("$d", u.Disabled ? 1 : 0), ("$c", u.CreatedAt.ToString("O")), ("$u", u.UpdatedAt.ToString("O")));
        if (cmd.ExecuteNonQuery() == 0) return false;
        InsertAudit(c, audit);
        return true;
    }, ct))!;

    public async Task<bool> SetUserDisabledAsync(string name, bool disabled, AuditEntry audit, CancellationToken ct) =>
        await UpdateUserAsync("disabled = $v", name, disabled ? 1 : 0, audit, ct);

    public async Task<bool> SetPasswordHashAsync(string name, string passwordHash, AuditEntry audit, CancellationToken ct) =>
        await UpdateUserAsync("password_hash = $v", name, passwordHash, audit, ct);

    private async Task<bool> UpdateUserAsync(string assignment, string name, object value, AuditEntry audit, CancellationToken ct) => (bool)(await Write(c =>
    {
        using var cmd = Command(c, $"UPDATE users SET {assignment}, updated_at = $at WHERE name = $n",
            ("$v", value), ("$at", audit.At.ToString("O")), ("$n", name));
        if (cmd.ExecuteNonQuery() == 0) return false;
        InsertAudit(c, audit);
        return true;
    }, ct))!;

    public Task AppendAuditAsync(AuditEntry entry, CancellationToken ct) => Write(c =>
    {
        InsertAudit(c, entry);
        return null;
    }, ct);

    private void InsertAudit(SqliteConnection c, AuditEntry e)
    {
        using var cmd = Command(c, "INSERT INTO audit_log(at, actor, action, subject, detail) VALUES ($at, $ac, $act, $s, $d)",
            ("$at", e.At.ToString("O")), ("$ac", e.Actor), ("$act", e.Action), ("$s", e.Subject), ("$d", e.DetailJson));
        cmd.ExecuteNonQuery();
    }

    public async Task<UserRecord?> GetUserAsync(string name, CancellationToken ct) =>
        (await ReadUsersAsync("WHERE name = $n", name, ct)).FirstOrDefault();

    public async Task<IReadOnlyList<UserRecord>> ListUsersAsync(CancellationToken ct) => await ReadUsersAsync("", null, ct);

    private async Task<List<UserRecord>> ReadUsersAsync(string where, string? name, CancellationToken ct)
    {
        await using var c = await OpenReaderAsync(ct);
        await using var cmd = Command(c, $"SELECT name, role, team, password_hash, disabled, created_at, updated_at FROM users {where} ORDER BY name",
            ("$n", name ?? ""));
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var list = new List<UserRecord>();
        while (await r.ReadAsync(ct))
        {
            if (!UserRoleText.TryParse(r.GetString(1), out var role))
                throw new StoreException($"{c.DataSource}: user '{r.GetString(0)}' has an unknown role '{r.GetString(1)}'");
            list.Add(new UserRecord(r.GetString(0), role, r.IsDBNull(2) ? null : r.GetString(2), r.GetString(3), r.GetInt32(4) != 0,
                DateTimeOffset.Parse(r.GetString(5)), DateTimeOffset.Parse(r.GetString(6))));
        }
        return list;
    }

    public async Task<IReadOnlyList<AuditEntry>> ReadAuditAsync(string? subject, CancellationToken ct)
    {
        await using var c = await OpenReaderAsync(ct);
        await using var cmd = Command(c,
            $"SELECT at, actor, action, subject, detail FROM audit_log {(subject is null ? "" : "WHERE subject = $s COLLATE NOCASE")} ORDER BY id",
            ("$s", subject ?? ""));
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var list = new List<AuditEntry>();
        while (await r.ReadAsync(ct))
            list.Add(new AuditEntry(DateTimeOffset.Parse(r.GetString(0)), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4)));
        return list;
    }

    // ---------------------------------------------------------------- the writer

    private sealed record WriteOp(Func<SqliteConnection, object?> Apply, TaskCompletionSource<object?> Done);

    private Task<object?> Write(Func<SqliteConnection, object?> apply, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        var op = new WriteOp(apply, new TaskCompletionSource<object?>(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_writes.Writer.TryWrite(op)) throw new ObjectDisposedException(nameof(SqliteArenaStore));
        // The write is not cancelled once queued: a turn either commits or the store is closing.
        return op.Done.Task;
    }

    private async Task WriteLoopAsync()
    {
        var group = new List<(WriteOp Op, object? Result, Exception? Error)>(MaxGroup);
        while (await _writes.Reader.WaitToReadAsync())
        {
            group.Clear();
            try
            {
                using var tx = _writer.BeginTransaction();
                _tx = tx;
                _appendTurn.Transaction = tx;
                _finishSession.Transaction = tx;
                while (group.Count < MaxGroup && _writes.Reader.TryRead(out var op))
                {
                    try { group.Add((op, op.Apply(_writer), null)); }
                    catch (Exception e) { group.Add((op, null, e)); }
                }
                tx.Commit();
                _tx = null;
            }
            catch (Exception e)
            {
                // The commit itself failed: nothing in the group is durable.
                var err = e is SqliteException se ? new StoreException(Explain(_writer.DataSource, se), se) : e;
                foreach (var (op, _, _) in group) op.Done.TrySetException(err);
                continue;
            }
            foreach (var (op, result, error) in group)
            {
                if (error is null) op.Done.TrySetResult(result);
                else op.Done.TrySetException(error is SqliteException se ? new StoreException(Explain(_writer.DataSource, se), se) : error);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _writes.Writer.TryComplete();
        await _writerLoop;
        _appendTurn.Dispose();
        _finishSession.Dispose();
        await ExecAsync(_writer, "PRAGMA wal_checkpoint(TRUNCATE);", CancellationToken.None).ConfigureAwait(false);
        await _writer.DisposeAsync();
    }

    // ---------------------------------------------------------------- helpers

    private static string Now() => DateTimeOffset.UtcNow.ToString("O");

    private static SqliteCommand Prepare(SqliteConnection c, string sql, params string[] names)
    {
        var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        foreach (var n in names) cmd.Parameters.Add(new SqliteParameter(n, null));
        return cmd;
    }

    private static void Set(SqliteCommand cmd, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++) cmd.Parameters[i].Value = values[i] ?? DBNull.Value;
    }

    private SqliteCommand Command(SqliteConnection c, string sql, params (string Name, object Value)[] args)
    {
        var cmd = c.CreateCommand();
        // Microsoft.Data.Sqlite insists that commands on the writer join its open group transaction.
        if (ReferenceEquals(c, _writer)) cmd.Transaction = _tx;
        cmd.CommandText = sql;
        foreach (var (n, v) in args) cmd.Parameters.AddWithValue(n, v);
        return cmd;
    }

    private static async Task ExecAsync(SqliteConnection c, string sql, CancellationToken ct)
    {
        await using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private static async Task<object?> ScalarAsync(SqliteConnection c, string sql, CancellationToken ct)
    {
        await using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        return await cmd.ExecuteScalarAsync(ct);
    }
}

/// <summary>A store problem worth a one-line message to the user (locked, corrupt, not a database).</summary>
internal sealed class StoreException(string message, Exception? inner = null) : Exception(message, inner);
