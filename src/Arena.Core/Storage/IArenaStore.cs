using Arena.Core.Accounts;
using Arena.Core.Annotation;
using Arena.Core.Labels;
using Arena.Core.Sessions;
using Arena.Core.Utility;

namespace Arena.Core.Storage;

/// <summary>
/// Durable state of tournaments. Every write is committed when its task completes, so the engine can
/// promise "a turn is committed before the next request of that session is sent".
/// Implementations: SQLite (default); a server database later, behind the same interface.
/// </summary>
internal interface IArenaStore : IAsyncDisposable
{
    Task<TournamentRecord?> GetTournamentAsync(string id, CancellationToken ct);
    Task<IReadOnlyList<TournamentRecord>> ListTournamentsAsync(CancellationToken ct);
    Task CreateTournamentAsync(TournamentRecord tournament, CancellationToken ct);

    /// <summary>Registers new sessions as running; ids already present are left alone.</summary>
    Task StartSessionsAsync(IReadOnlyList<SessionStart> sessions, CancellationToken ct);

    /// <summary>
    /// Stores finished sessions with all their turns (dataset import), each session in one piece; ids already present
    /// are left alone. Returns the ids that were added.
    /// </summary>
    Task<IReadOnlySet<string>> AddFinishedSessionsAsync(IReadOnlyList<SessionRecord> sessions, CancellationToken ct);

    /// <summary>Appends one turn. False when that (session, turn) is already stored: a duplicate delivery.</summary>
    Task<bool> AppendTurnAsync(string sessionId, TurnRecord turn, CancellationToken ct);

    /// <summary>Closes a running session. False when it was already closed (a duplicate delivery).</summary>
    Task<bool> FinishSessionAsync(string sessionId, SessionEnd end, CancellationToken ct);
    Task RecordFailedAttemptAsync(AttemptFailure failure, CancellationToken ct);

    /// <summary>Sessions of a tournament with their turns, in (attacker, defender, index) order.</summary>
    IAsyncEnumerable<SessionRecord> ReadSessionsAsync(string tournament, SessionFilter filter, CancellationToken ct);
    /// <summary>One session with its turns in order (its Tournament names its tournament); null when no session has this id.</summary>
    Task<SessionRecord?> GetSessionAsync(string sessionId, CancellationToken ct);

    Task<TournamentStats> GetStatsAsync(string tournament, CancellationToken ct);

    /// <summary>Stores a label as the session's current one; earlier labels stay as history.</summary>
    Task SaveLabelAsync(string tournament, ConversationLabel label, CancellationToken ct);
    Task<IReadOnlyDictionary<string, ConversationLabel>> GetCurrentLabelsAsync(string tournament, CancellationToken ct);
    /// <summary>The session's current label (the last one saved); null when it has none.</summary>
    Task<ConversationLabel?> GetCurrentLabelAsync(string sessionId, CancellationToken ct);
    /// <summary>All labels of a session, oldest first (the last is current).</summary>
    Task<IReadOnlyList<ConversationLabel>> GetLabelHistoryAsync(string sessionId, CancellationToken ct);

    /// <summary>Records an annotator's judgment; a later one by the same annotator replaces theirs for the panel.</summary>
    Task SaveAnnotationAsync(AnnotationRecord annotation, CancellationToken ct);
    Task<IReadOnlyList<AnnotationRecord>> GetAnnotationsAsync(string sessionId, CancellationToken ct);
    /// <summary>Every annotation of every session of a tournament, in the order they were saved.</summary>
    Task<IReadOnlyList<AnnotationRecord>> GetTournamentAnnotationsAsync(string tournament, CancellationToken ct);

    /// <summary>
    /// Seats annotators on panels. Idempotent and conditional: a seat already held (or once held) is not added again,
    /// and no seat is added to a panel that already has <paramref name="panelSize"/> active seats, so two planners
    /// racing cannot over-fill a panel. Seats of unknown sessions are skipped. Returns the seats actually added.
    /// </summary>
    Task<IReadOnlyList<Seat>> AddAssignmentsAsync(IReadOnlyList<Seat> seats, int panelSize, DateTimeOffset at, CancellationToken ct);
    /// <summary>Releases seats that are still open (not answered, not released); returns how many were released.</summary>
    Task<int> ReleaseAssignmentsAsync(IReadOnlyList<Seat> seats, DateTimeOffset at, CancellationToken ct);
    /// <summary>Every seat ever held on the panels of a tournament's sessions, released ones included.</summary>
    Task<IReadOnlyList<PanelAssignment>> GetAssignmentsAsync(string tournament, CancellationToken ct);
    Task<IReadOnlyList<PanelAssignment>> GetSessionAssignmentsAsync(string sessionId, CancellationToken ct);
    /// <summary>
    /// Stores an annotator's answer only if they hold an active seat on that conversation's panel, and marks the seat
    /// done, in one write. False (nothing stored) when they hold no such seat.
    /// </summary>
    Task<bool> SaveAssignedAnnotationAsync(AnnotationRecord annotation, CancellationToken ct);
    Task SaveAdjudicationAsync(AdjudicationRecord adjudication, CancellationToken ct);
    /// <summary>All adjudications of a tournament's sessions, oldest first (the latest per session decides).</summary>
    Task<IReadOnlyList<AdjudicationRecord>> GetAdjudicationsAsync(string tournament, CancellationToken ct);

    /// <summary>Caches embeddings by embedder and the SHA-256 of the embedded text (content-addressed, so any session or
    /// tournament with the same text reuses them).</summary>
    Task SaveEmbeddingsAsync(string embedder, IReadOnlyList<(byte[] TextSha256, float[] Vector)> entries, CancellationToken ct);
    /// <summary>The cached vectors among <paramref name="textSha256"/>, keyed by the hash in upper-case hex.</summary>
    Task<IReadOnlyDictionary<string, float[]>> GetEmbeddingsAsync(string embedder, IReadOnlyCollection<byte[]> textSha256, CancellationToken ct);

    /// <summary>Stores a graded utility task, replacing an earlier result of the same (tournament, bot, suite, task).</summary>
    Task SaveUtilityResultAsync(UtilityTaskResult result, CancellationToken ct);
    /// <summary>The current utility results of a tournament (of one bot when given), by bot, suite and task id.</summary>
    Task<IReadOnlyList<UtilityTaskResult>> GetUtilityResultsAsync(string tournament, string? bot, CancellationToken ct);

    Task SetBotPausedAsync(string tournament, string botId, bool paused, CancellationToken ct);
    Task<IReadOnlySet<string>> GetPausedBotsAsync(string tournament, CancellationToken ct);

    /// <summary>Claims the right to run a tournament; returns the current holder when another live process has it.</summary>
    Task<RunLease> AcquireRunLeaseAsync(string tournament, string owner, CancellationToken ct);
    Task ReleaseRunLeaseAsync(string tournament, string owner, CancellationToken ct);

    // Accounts: each change is stored together with its audit entry (one transaction), so the log cannot miss a change.

    /// <summary>Adds an account. False when the name is taken, compared case-insensitively.</summary>
    Task<bool> AddUserAsync(UserRecord user, AuditEntry audit, CancellationToken ct);
    /// <summary>The account with this name (case-insensitive), or null.</summary>
    Task<UserRecord?> GetUserAsync(string name, CancellationToken ct);
    /// <summary>All accounts, ordered by name.</summary>
    Task<IReadOnlyList<UserRecord>> ListUsersAsync(CancellationToken ct);
    /// <summary>Disables or re-enables an account. False when there is no such account.</summary>
    Task<bool> SetUserDisabledAsync(string name, bool disabled, AuditEntry audit, CancellationToken ct);
    /// <summary>Replaces the password hash (new password or rehash). False when there is no such account.</summary>
    Task<bool> SetPasswordHashAsync(string name, string passwordHash, AuditEntry audit, CancellationToken ct);
    /// <summary>Appends an entry that goes with no account change (a label change, a failed login).</summary>
    Task AppendAuditAsync(AuditEntry entry, CancellationToken ct);
    /// <summary>Audit entries, oldest first; only those about <paramref name="subject"/> when given.</summary>
    Task<IReadOnlyList<AuditEntry>> ReadAuditAsync(string? subject, CancellationToken ct);
}

internal sealed record TournamentRecord(string Id, long Seed, string ConfigYaml, string ConfigJson, DateTimeOffset CreatedAt);

internal sealed record SessionStart(string Id, string Tournament, string Attacker, string Defender, int Index, long Seed, int MaxTurns, int Batch);

internal sealed record SessionEnd(SessionStatus Status, EndReason Reason, string? FailedBot = null, string? Error = null);

internal sealed record AttemptFailure(string Tournament, string BotId, string SessionId, int Turn, string Kind, string Message);

internal enum SessionFilter { All, Finished, Running }

internal sealed record RunLease(bool Acquired, string? HeldBy);

internal sealed record BotStats(string BotId, long Turns, long FailedAttempts, long FailedSessions, double P50Ms, double P95Ms, double P99Ms)
{
    public double ErrorRate => Turns + FailedAttempts == 0 ? 0 : (double)FailedAttempts / (Turns + FailedAttempts);
}

internal sealed record MatchupStats(string Attacker, string Defender, int Running, int Completed, int Failed);

internal sealed record TournamentStats(
    string Tournament,
    IReadOnlyDictionary<string, int> SessionsByState,
    IReadOnlyDictionary<string, int> EndReasons,
    IReadOnlyList<MatchupStats> Matchups,
    IReadOnlyList<BotStats> Bots,
    long Turns);
