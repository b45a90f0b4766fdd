using System.Text.Json;
using Arena.Core.Bots;
using Arena.Core.Labels;
using Arena.Core.Sessions;

namespace Arena.Engine.Live;

/// <summary>The pair's finished sessions and attack successes up to and including batch <see cref="ThroughBatch"/>.</summary>
internal sealed record MatchupTally(int ThroughBatch, int Sessions, int AttackSuccesses);

/// <summary>
/// The <c>batch_finished</c> event (docs/live-mode.md). Both teams were in every one of these conversations, so the
/// messages are no secret to either; turn metadata is private to the bot that wrote it and is never included.
/// </summary>
internal static class BatchPayload
{
    public const string EventName = "batch_finished";

    public static string IdempotencyKey(FinishedBatch batch) =>
        $"{batch.Tournament}/{batch.Matchup.Attacker}/{batch.Matchup.Defender}/batch/{batch.Batch}";

    public static string Build(FinishedBatch batch, string team, IReadOnlyList<(SessionRecord Session, ConversationLabel? Label)> sessions, MatchupTally soFar) =>
        JsonSerializer.Serialize(new
        {
            @event = EventName,
            tournament = batch.Tournament,
            batch = batch.Batch,
            attacker = batch.Matchup.Attacker,
            defender = batch.Matchup.Defender,
            team,
            sessions = sessions.Select(x => new
            {
                session_id = x.Session.Id,
                index = x.Session.Index,
                status = x.Session.Status.Text(),
                end_reason = x.Session.EndReason?.Text(),
                outcome = (x.Label?.Outcome ?? Outcome.Unlabeled).Text(),
                vulnerable_code = x.Label?.VulnerableCode ?? false,
                security_event = x.Label?.SecurityEvent ?? false,
                findings = (x.Label?.Findings ?? []).Select(f => new { turn = f.Turn, category = f.Category, cwe = f.Cwe }),
                turns = x.Session.Turns.Select(t => new { turn = t.Turn, role = t.Role.Wire(), content = t.Content }),
            }),
            matchup_so_far = new { sessions = soFar.Sessions, attack_successes = soFar.AttackSuccesses },
        });
}
