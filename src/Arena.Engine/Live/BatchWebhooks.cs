using System.Collections.Concurrent;
using Arena.Core.Labels;
using Arena.Core.Sessions;
using Arena.Core.Storage;
using Arena.Core.Tournaments;
using Arena.Evaluation.Analysis;
using Arena.Evaluation.Judges;
using Arena.Evaluation.Labels;

namespace Arena.Engine.Live;

/// <summary>
/// Live mode (paper Appendix B.3): when a batch of a pair finishes, its sessions are labeled provisionally (static
/// analyzer + heuristic judge, stored like `arena evaluate` would, so a later evaluate with the same tools skips
/// them) and the outcomes are POSTed to the webhook of each team of that pair that has one. A failed delivery is
/// logged and recorded as an attempt failure of kind "webhook"; it never fails the run.
/// </summary>
internal sealed class BatchWebhooks : IBatchObserver
{
    public const string FailureKind = "webhook";

    private readonly string _tournament;
    private readonly IArenaStore _store;
    private readonly IReadOnlyDictionary<string, WebhookTarget> _targets;
    private readonly WebhookSender _sender;
    private readonly ConversationLabeler _labeler;
    private readonly Action<string> _log;
    private readonly ConcurrentDictionary<string, MatchupTally> _tallies = new(StringComparer.Ordinal);

    internal BatchWebhooks(string tournament, IArenaStore store, IReadOnlyDictionary<string, WebhookTarget> targets, WebhookSender sender,
        ConversationLabeler labeler, Action<string> log)
    {
        _tournament = tournament;
        _store = store;
        _targets = targets;
        _sender = sender;
        _labeler = labeler;
        _log = log;
    }

    /// <summary>The observer for a config, or null when no team has a webhook (then batches run as before).</summary>
    public static BatchWebhooks? Create(TournamentConfig config, IArenaStore store, RunOptions options)
    {
        var targets = new Dictionary<string, WebhookTarget>(StringComparer.Ordinal);
        foreach (var team in config.Teams)
        {
            if (team.Webhook is not { } hook) continue;
            string? token = null;
            if (hook.TokenEnv is { } variable)
                token = options.Environment(variable) is { Length: > 0 } value
                    ? value
                    : throw new RunException($"{team.Id}: webhook.token_env names environment variable {variable}, which is not set", 2);
            targets[team.Id] = new WebhookTarget(team.Id, new Uri(hook.Url), token, TimeSpan.FromSeconds(hook.TimeoutS), hook.Retries);
        }
        if (targets.Count == 0) return null;
        return new BatchWebhooks(config.Tournament, store, targets,
            new WebhookSender(options.WebhookHttp ?? WebhookSender.SharedHttp, options.WebhookBackoff, options.Time),
            new ConversationLabeler(new PythonAnalyzer(), new HeuristicJudge(), new AnalyzerOptions(), options.Time), options.Log);
    }

    public bool Observes(Matchup matchup) => _targets.ContainsKey(matchup.Attacker) || _targets.ContainsKey(matchup.Defender);

    public async Task BatchFinishedAsync(FinishedBatch batch, CancellationToken ct)
    {
        var sessions = await LabeledSessionsAsync(batch.SessionIds, ct);
        var tally = await TallyAsync(batch, sessions, ct);
        var key = BatchPayload.IdempotencyKey(batch);
        var receivers = new[] { batch.Matchup.Attacker, batch.Matchup.Defender }.Where(_targets.ContainsKey);
        await Task.WhenAll(receivers.Select(team =>
            DeliverAsync(_targets[team], batch, key, BatchPayload.Build(batch, team, sessions, tally), ct)));
    }

    /// <summary>The batch's sessions with their current labels; unlabeled ones get a provisional label now.</summary>
    private async Task<List<(SessionRecord, ConversationLabel?)>> LabeledSessionsAsync(IReadOnlyList<string> ids, CancellationToken ct)
    {
        var list = new List<(SessionRecord, ConversationLabel?)>(ids.Count);
        foreach (var id in ids)
        {
            if (await _store.GetSessionAsync(id, ct) is not { } session) continue;
            // A label already there (a re-delivery after a resume, or an earlier `arena evaluate`) is kept, not redone.
            var label = await _store.GetCurrentLabelAsync(id, ct);
            if (label is null)
            {
                try
                {
                    label = await _labeler.LabelAsync(session, ct);
                    await _store.SaveLabelAsync(_tournament, label, ct);
                }
                catch (JudgeException e)
                {
                    _log($"live mode: {id} could not be labeled ({e.Message}); sent as unlabeled");
                }
            }
            list.Add((session, label));
        }
        return list;
    }

    /// <summary>Running totals of the pair; rebuilt from the stored labels when this process has not seen the previous batch.</summary>
    private async Task<MatchupTally> TallyAsync(FinishedBatch batch, List<(SessionRecord Session, ConversationLabel? Label)> sessions, CancellationToken ct)
    {
        var m = batch.Matchup;
        var successes = sessions.Count(x => x.Label?.Outcome == Outcome.AttackSuccess);
        MatchupTally tally;
        if (_tallies.TryGetValue(m.Key, out var previous) && previous.ThroughBatch == batch.Batch - 1)
            tally = new MatchupTally(batch.Batch, previous.Sessions + sessions.Count, previous.AttackSuccesses + successes);
        else
        {
            // Earlier batches all finished before this one started, and each was labeled before its delivery.
            var earlier = batch.FirstIndex;
            var earlierSuccesses = 0;
            for (var i = 0; i < earlier; i++)
                if ((await _store.GetCurrentLabelAsync(SessionIdentity.Id(batch.Tournament, m.Attacker, m.Defender, i), ct))?.Outcome == Outcome.AttackSuccess)
                    earlierSuccesses++;
            tally = new MatchupTally(batch.Batch, earlier + sessions.Count, earlierSuccesses + successes);
        }
        _tallies[m.Key] = tally;
        return tally;
    }

    private async Task DeliverAsync(WebhookTarget target, FinishedBatch batch, string key, string json, CancellationToken ct)
    {
        var what = $"batch {batch.Batch} of {batch.Matchup.Key}";
        // Recorded against the receiving team with turn -1 (no turn) and the batch's first session, kind "webhook";
        // bot statistics leave this kind out, since the bot itself did not fail.
        var result = await _sender.PostAsync(target, BatchPayload.EventName, key, json, (attempt, error) =>
            _store.RecordFailedAttemptAsync(new AttemptFailure(_tournament, target.Team, batch.SessionIds[0], -1, FailureKind,
                $"{what}: attempt {attempt}: {error}"), ct), ct);
        if (!result.Delivered)
            _log($"live mode: webhook of {target.Team} ({target.Url}) not delivered for {what} after {result.Attempts} attempt(s): {result.Error}; the tournament goes on");
    }
}
