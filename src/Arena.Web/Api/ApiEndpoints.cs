using System.Security.Claims;
using System.Text.Json;
using Arena.Analysis;
using Arena.Core.Accounts;
using Arena.Core.Agreement;
using Arena.Core.Annotation;
using Arena.Core.Labels;
using Arena.Core.Scoring;
using Arena.Core.Sessions;
using Arena.Core.Storage;
using Arena.Evaluation.Judges;
using Arena.Web.Accounts;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Arena.Web.Api;

internal sealed record LoginRequest(string? Name, string? Password);

/// <summary>A panel answer or an admin's adjudication: the two questions of the guidelines and an optional note.</summary>
internal sealed record LabelRequest(bool? MaliciousCode, bool? MaliciousExplanation, string? Note);

/// <summary>The JSON API under /api (docs/web.md; <see cref="ApiDoc"/> describes it).</summary>
internal static class ApiEndpoints
{
    public static void Map(WebApplication app)
    {
        var api = app.MapGroup("/api");
        api.MapPost("/login", LoginAsync).AllowAnonymous();
        api.MapGet("/antiforgery", Antiforgery).AllowAnonymous();
        // The cast keeps the IResult: a bare HttpContext handler would bind as a RequestDelegate and drop it.
        api.MapPost("/logout", (Func<HttpContext, Task<IResult>>)LogoutAsync);
        api.MapGet("/me", (ClaimsPrincipal user) => Results.Json(Me(user), ArenaWebApp.Json));
        api.MapGet("/openapi.json", () => Results.Text(ApiDoc.Document(), "application/json"));

        api.MapGet("/tournaments", TournamentsAsync);
        api.MapGet("/tournaments/{id}/progress", ProgressAsync);
        api.MapGet("/tournaments/{id}/scores", ScoresAsync);
        api.MapGet("/tournaments/{id}/conversations", ConversationsAsync);
        api.MapGet("/tournaments/{id}/conversations/{**sid}", ConversationAsync);
        api.MapPost("/tournaments/{id}/panel/plan", PlanAsync).RequireAuthorization(ArenaClaims.AdminPolicy);
        api.MapGet("/tournaments/{id}/adjudication", AdjudicationQueueAsync).RequireAuthorization(ArenaClaims.AdminPolicy);
        api.MapPost("/tournaments/{id}/adjudication/{**sid}", AdjudicateAsync).RequireAuthorization(ArenaClaims.AdminPolicy);
        api.MapGet("/tournaments/{id}/agreement", AgreementAsync).RequireAuthorization(ArenaClaims.AdminPolicy);
        api.MapGet("/annotation/queue", QueueAsync).RequireAuthorization(ArenaClaims.AnnotatorPolicy);
        api.MapPost("/annotation/{**sid}", SubmitAsync).RequireAuthorization(ArenaClaims.AnnotatorPolicy);

        // Unknown /api routes: JSON, not an empty 404 (and still 401 first without a session).
        api.MapFallback((HttpContext ctx) => ArenaWebApp.Problem(ctx, StatusCodes.Status404NotFound, $"no API endpoint {ctx.Request.Method} {ctx.Request.Path}"));
    }

    private static IResult Error(int status, string error) => Results.Json(new { error }, ArenaWebApp.Json, statusCode: status);
    private static IResult Ok(object value) => Results.Json(value, ArenaWebApp.Json);

    private static object Me(ClaimsPrincipal user) => new { name = user.Name(), role = user.Role().Text(), team = user.TeamId() };

    private static IResult Antiforgery(HttpContext ctx, IAntiforgery antiforgery)
    {
        var tokens = antiforgery.GetAndStoreTokens(ctx);
        return Ok(new { header = tokens.HeaderName, token = tokens.RequestToken });
    }

    private static async Task<IResult> LoginAsync(HttpContext ctx, LoginRequest body, AccountService accounts, LoginThrottle throttle, IArenaStore store, TimeProvider time)
    {
        if (string.IsNullOrEmpty(body.Name) || body.Password is null) return Error(400, "send {\"name\": ..., \"password\": ...}");
        var ip = "ip:" + (ctx.Connection.RemoteIpAddress?.ToString() ?? "unknown");
        var nameKey = "name:" + body.Name.ToLowerInvariant();  // names are case-insensitive
        if (throttle.RetryAfter(ip, nameKey) is { } wait)
        {
            ctx.Response.Headers.RetryAfter = ((int)Math.Ceiling(Math.Max(1, wait.TotalSeconds))).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Error(429, "too many failed logins; try again later");
        }
        var user = await accounts.VerifyAsync(body.Name, body.Password, ctx.RequestAborted);
        if (user is null)
        {
            throttle.Fail(ip, nameKey);
            await store.AppendAuditAsync(new AuditEntry(time.GetUtcNow(), "web:" + ip, "login.fail", body.Name.Length <= AccountService.MaxNameLength ? body.Name : body.Name[..AccountService.MaxNameLength], "{}"), ctx.RequestAborted);
            return Error(401, "wrong name or password, or the account is disabled");
        }
        throttle.Succeed(nameKey);
        var principal = ArenaWebApp.PrincipalOf(user);
        await ctx.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, principal);
        return Ok(Me(principal));
    }

    private static async Task<IResult> LogoutAsync(HttpContext ctx)
    {
        await ctx.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return Ok(new { signed_out = true });
    }

    private static async Task<IResult> TournamentsAsync(IArenaStore store, CancellationToken ct) =>
        Ok((await store.ListTournamentsAsync(ct)).Select(t => new { id = t.Id, seed = t.Seed, created_at = t.CreatedAt }));

    private static bool IsTeamOf(ClaimsPrincipal user, string bot) => user.Role() == UserRole.Team && string.Equals(user.TeamId(), bot, StringComparison.Ordinal);

    private static async Task<IResult> ProgressAsync(string id, ClaimsPrincipal user, IArenaStore store, CancellationToken ct)
    {
        if (user.Role() == UserRole.Annotator) return Error(403, "progress is for admins and teams");
        if (await store.GetTournamentAsync(id, ct) is null) return Error(404, $"no tournament '{id}'");
        var s = await store.GetStatsAsync(id, ct);
        var admin = user.Role() == UserRole.Admin;
        var matchups = s.Matchups.Where(m => admin || IsTeamOf(user, m.Attacker) || IsTeamOf(user, m.Defender)).ToList();
        var bots = s.Bots.Where(b => admin || IsTeamOf(user, b.BotId)).ToList();
        var byState = admin ? s.SessionsByState : new Dictionary<string, int>
        {
            ["running"] = matchups.Sum(m => m.Running), ["completed"] = matchups.Sum(m => m.Completed), ["failed"] = matchups.Sum(m => m.Failed),
        };
        return Ok(new
        {
            tournament = id,
            sessions = byState,
            end_reasons = admin ? s.EndReasons : null,
            turns = admin ? s.Turns : (long?)null,
            matchups = matchups.Select(m => new { attacker = m.Attacker, defender = m.Defender, running = m.Running, completed = m.Completed, failed = m.Failed }),
            bots = bots.Select(b => new
            {
                id = b.BotId, turns = b.Turns, failed_attempts = b.FailedAttempts, failed_sessions = b.FailedSessions,
                error_rate = Math.Round(b.ErrorRate, 4), latency_ms = new { p50 = b.P50Ms, p95 = b.P95Ms, p99 = b.P99Ms },
            }),
        });
    }

    private static async Task<IResult> ScoresAsync(string id, ClaimsPrincipal user, IArenaStore store, ArenaWebOptions options, CancellationToken ct)
    {
        if (user.Role() == UserRole.Annotator) return Error(403, "scores are for admins and teams");
        var t = await store.GetTournamentAsync(id, ct);
        if (t is null) return Error(404, $"no tournament '{id}'");
        var conversations = await StoredScoring.LoadAsync(store, id, ct);
        var utility = await StoredScoring.LoadUtilityAsync(store, id, conversations.Select(c => c.Defender).Distinct().ToList(), [], ct);
        var board = Scores.Compute([id], conversations, utility, new ScoringOptions(options.ScoreBootstrapRounds, unchecked((int)t.Seed)));
        if (user.Role() == UserRole.Team)
            board = board with
            {
                Attackers = board.Attackers.Where(a => IsTeamOf(user, a.Id)).ToList(),
                Defenders = board.Defenders.Where(d => IsTeamOf(user, d.Id)).ToList(),
            };
        return Ok(board);
    }

    /// <summary>The sessions of a tournament this user may read: all (admin), their team's, or their active panel seats.</summary>
    private static async Task<Func<SessionRecord, bool>> VisibleAsync(ClaimsPrincipal user, IArenaStore store, string tournament, CancellationToken ct)
    {
        switch (user.Role())
        {
            case UserRole.Admin: return _ => true;
            case UserRole.Team: return s => IsTeamOf(user, s.Attacker) || IsTeamOf(user, s.Defender);
            default:
                var name = user.Name();
                var seats = (await store.GetAssignmentsAsync(tournament, ct))
                    .Where(a => a.IsActive && string.Equals(a.Annotator, name, StringComparison.Ordinal))
                    .Select(a => a.SessionId).ToHashSet(StringComparer.Ordinal);
                return s => seats.Contains(s.Id);
        }
    }

    private static string OutcomeText(Outcome? o) => JsonNamingPolicy.SnakeCaseLower.ConvertName((o ?? Outcome.Unlabeled).ToString());

    private static async Task<IResult> ConversationsAsync(string id, string? attacker, string? defender, string? outcome, ClaimsPrincipal user, IArenaStore store, CancellationToken ct)
    {
        if (await store.GetTournamentAsync(id, ct) is null) return Error(404, $"no tournament '{id}'");
        if (outcome is not null && !Enum.GetValues<Outcome>().Any(o => OutcomeText(o) == outcome))
            return Error(400, $"outcome '{outcome}' is not one of {string.Join(", ", Enum.GetValues<Outcome>().Select(o => OutcomeText(o)))}");
        var visible = await VisibleAsync(user, store, id, ct);
        var labels = await store.GetCurrentLabelsAsync(id, ct);
        var list = new List<object>();
        await foreach (var s in store.ReadSessionsAsync(id, SessionFilter.All, ct))
        {
            if (!visible(s) || (attacker is not null && s.Attacker != attacker) || (defender is not null && s.Defender != defender)) continue;
            var label = labels.GetValueOrDefault(s.Id);
            if (outcome is not null && OutcomeText(label?.Outcome) != outcome) continue;
            list.Add(new
            {
                id = s.Id, attacker = s.Attacker, defender = s.Defender, index = s.Index, status = s.Status, end_reason = s.EndReason,
                turns = s.Turns.Count, outcome = OutcomeText(label?.Outcome), vulnerable_code = label?.VulnerableCode ?? false,
                findings = label?.Findings.Count ?? 0,
            });
        }
        return Ok(list);
    }

    /// <summary>The session if it belongs to <paramref name="tournament"/>; read by id, not by scanning the tournament.</summary>
    private static async Task<SessionRecord?> FindSessionAsync(IArenaStore store, string tournament, string sid, CancellationToken ct) =>
        await store.GetSessionAsync(sid, ct) is { } s && s.Tournament == tournament ? s : null;

    /// <summary><see cref="VisibleAsync"/> for one session: an annotator's seat is looked up on that panel alone.</summary>
    private static async Task<bool> MayReadAsync(ClaimsPrincipal user, IArenaStore store, SessionRecord session, CancellationToken ct)
    {
        if (user.Role() is UserRole.Admin or UserRole.Team) return (await VisibleAsync(user, store, session.Tournament, ct))(session);
        var name = user.Name();
        return (await store.GetSessionAssignmentsAsync(session.Id, ct)).Any(a => a.IsActive && string.Equals(a.Annotator, name, StringComparison.Ordinal));
    }

    private static async Task<IResult> ConversationAsync(string id, string sid, ClaimsPrincipal user, IArenaStore store, ArenaWebOptions options, CancellationToken ct)
    {
        var session = await FindSessionAsync(store, id, sid, ct);
        if (session is null) return Error(404, $"no conversation '{sid}' in tournament '{id}'");
        if (!await MayReadAsync(user, store, session, ct)) return Error(403, "this conversation is not yours to read");
        var label = await store.GetCurrentLabelAsync(sid, ct);
        var annotator = user.Role() == UserRole.Annotator;
        // The judge's verdict would anchor an annotator's answer unless the organisers want it as a hint.
        if (label is not null && annotator && !options.ShowJudgeHint) label = label with { Judge = null };
        var panel = user.Role() == UserRole.Admin ? await Panel(store, id, options).VoteAsync(sid, ct) : null;
        return Ok(new
        {
            session,
            label,
            guideline_version = options.GuidelineVersion ?? Rubric.Version,
            panel,
        });
    }

    /// <summary>The panel service with the server's vote policy (whether a 2–1 split goes to adjudication).</summary>
    private static AnnotationPanelService Panel(IArenaStore store, string tournament, ArenaWebOptions options, TimeProvider? time = null) =>
        new(store, tournament, new PanelVotePolicy(SplitNeedsAdjudication: options.AdjudicateSplits), time);

    private static async Task AuditAsync(IArenaStore store, TimeProvider time, ClaimsPrincipal user, string action, string subject, object detail, CancellationToken ct) =>
        await store.AppendAuditAsync(new AuditEntry(time.GetUtcNow(), "web:" + user.Name(), action, subject, JsonSerializer.Serialize(detail, ArenaWebApp.Json)), ct);

    /// <summary>Audits a label the panel or an adjudication just saved.</summary>
    private static Task AuditLabelAsync(IArenaStore store, TimeProvider time, ClaimsPrincipal user, PanelOutcome outcome, CancellationToken ct) =>
        outcome.Label is { } l
            ? AuditAsync(store, time, user, "label.change", l.SessionId,
                new { outcome = OutcomeText(l.Outcome), judge = l.Judge?.JudgeId, judge_version = l.Judge?.JudgeVersion, reason = outcome.Vote.Reason }, ct)
            : Task.CompletedTask;

    private static async Task<IResult> PlanAsync(string id, ClaimsPrincipal user, IArenaStore store, TimeProvider time, CancellationToken ct)
    {
        if (await store.GetTournamentAsync(id, ct) is null) return Error(404, $"no tournament '{id}'");
        var pool = (await store.ListUsersAsync(ct)).Where(u => u.Role == UserRole.Annotator && !u.Disabled).Select(u => u.Name).ToList();
        var summary = await new AnnotationPanelService(store, id, time: time).PlanAsync(pool, ct);
        await AuditAsync(store, time, user, "panel.plan", id, new { pool = pool.Count, added = summary.Added.Count, released = summary.Released }, ct);
        return Ok(new
        {
            pool,
            needing_review = summary.NeedingReview,
            added = summary.Added.Select(s => new { session_id = s.SessionId, annotator = s.Annotator }),
            released = summary.Released,
            understaffed = summary.Understaffed,
        });
    }

    private static async Task<IResult> QueueAsync(ClaimsPrincipal user, IArenaStore store, CancellationToken ct)
    {
        var queue = new List<object>();
        foreach (var t in await store.ListTournamentsAsync(ct))
            foreach (var sid in await new AnnotationPanelService(store, t.Id).OpenAssignmentsAsync(user.Name(), ct))
                queue.Add(new { tournament = t.Id, session_id = sid });
        return Ok(queue);
    }

    private static IResult? Incomplete(LabelRequest body) =>
        body.MaliciousCode is null || body.MaliciousExplanation is null
            ? Error(400, "send {\"malicious_code\": true|false, \"malicious_explanation\": true|false, \"note\": optional}")
            : body.Note is { Length: > 4000 } ? Error(400, "note: at most 4000 characters") : null;

    private static async Task<IResult> SubmitAsync(string sid, LabelRequest body, ClaimsPrincipal user, IArenaStore store, ArenaWebOptions options, TimeProvider time, CancellationToken ct)
    {
        if (Incomplete(body) is { } bad) return bad;
        var name = user.Name();
        if (!(await store.GetSessionAssignmentsAsync(sid, ct)).Any(a => a.IsActive && a.Annotator == name))
            return Error(403, $"you hold no seat on the panel of conversation '{sid}'");
        var tournament = (await store.GetSessionAsync(sid, ct))?.Tournament;
        if (tournament is null) return Error(404, $"no tournament holds conversation '{sid}'");
        var guideline = options.GuidelineVersion ?? Rubric.Version;
        PanelOutcome outcome;
        try
        {
            outcome = await Panel(store, tournament, options, time)
                .SubmitAsync(sid, name, body.MaliciousCode!.Value, body.MaliciousExplanation!.Value, body.Note, guideline, ct);
        }
        catch (AnnotationRefusedException e)
        {
            return Error(409, e.Message);
        }
        await AuditAsync(store, time, user, "annotation.submit", sid,
            new { malicious_code = body.MaliciousCode, malicious_explanation = body.MaliciousExplanation, guideline_version = guideline }, ct);
        await AuditLabelAsync(store, time, user, outcome, ct);
        return Ok(new { session_id = sid, tournament, status = outcome.Vote.Status, reason = outcome.Vote.Reason, labeled = outcome.Label is not null });
    }

    private static async Task<IResult> AdjudicationQueueAsync(string id, IArenaStore store, ArenaWebOptions options, CancellationToken ct)
    {
        if (await store.GetTournamentAsync(id, ct) is null) return Error(404, $"no tournament '{id}'");
        return Ok(await Panel(store, id, options).AdjudicationQueueAsync(ct));
    }

    private static async Task<IResult> AdjudicateAsync(string id, string sid, LabelRequest body, ClaimsPrincipal user, IArenaStore store, ArenaWebOptions options, TimeProvider time, CancellationToken ct)
    {
        if (Incomplete(body) is { } bad) return bad;
        if (await FindSessionAsync(store, id, sid, ct) is null) return Error(404, $"no conversation '{sid}' in tournament '{id}'");
        var guideline = options.GuidelineVersion ?? Rubric.Version;
        PanelOutcome outcome;
        try
        {
            outcome = await Panel(store, id, options, time)
                .AdjudicateAsync(sid, user.Name(), body.MaliciousCode!.Value, body.MaliciousExplanation!.Value, body.Note, guideline, ct);
        }
        catch (AnnotationRefusedException e)
        {
            return Error(409, e.Message);
        }
        await AuditAsync(store, time, user, "annotation.adjudicate", sid,
            new { malicious_code = body.MaliciousCode, malicious_explanation = body.MaliciousExplanation, guideline_version = guideline }, ct);
        await AuditLabelAsync(store, time, user, outcome, ct);
        return Ok(new { session_id = sid, status = outcome.Vote.Status, labeled = outcome.Label is not null });
    }

    private static async Task<IResult> AgreementAsync(string id, IArenaStore store, CancellationToken ct)
    {
        if (await store.GetTournamentAsync(id, ct) is null) return Error(404, $"no tournament '{id}'");
        var all = await store.GetTournamentAnnotationsAsync(id, ct);
        return Ok(new
        {
            tournament = id,
            security_event = InterAnnotatorAgreement.Compute(PanelJudgments.SecurityEvent(all)),
            malicious_code = InterAnnotatorAgreement.Compute(PanelJudgments.MaliciousCode(all)),
            malicious_explanation = InterAnnotatorAgreement.Compute(PanelJudgments.MaliciousExplanation(all)),
        });
    }
}
