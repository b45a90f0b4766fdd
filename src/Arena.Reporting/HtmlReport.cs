using System.Net;
using System.Text;
using Arena.Core.Bots;
using Arena.Core.Labels;
using Arena.Core.Sessions;
using Arena.Core.Storage;

namespace Arena.Reporting;

/// <summary>
/// A self-contained HTML page (no scripts, no network) summarising one tournament: matchups, end reasons,
/// per-bot reliability and a browser over a sample of the conversations.
/// </summary>
internal static class HtmlReport
{
    private const int MaxConversations = 400;

    public static async Task WriteAsync(IArenaStore store, string tournament, string path, CancellationToken ct)
    {
        var t = await store.GetTournamentAsync(tournament, ct) ?? throw new InvalidOperationException($"no tournament '{tournament}'");
        var stats = await store.GetStatsAsync(tournament, ct);
        var sessions = new List<SessionRecord>();
        await foreach (var s in store.ReadSessionsAsync(tournament, SessionFilter.Finished, ct)) sessions.Add(s);
        var labels = await store.GetCurrentLabelsAsync(tournament, ct);
        var labeledNote = labels.Count == 0
            ? "labels: not yet evaluated (run <code>arena evaluate</code>)"
            : $"labels: {labels.Count} conversations labeled by {E(string.Join(", ", labels.Values.Select(l => $"{l.AnalyzerId}@{l.AnalyzerVersion} + {l.RequestedJudge}@{l.RequestedJudgeVersion}").Distinct()))}";

        var html = new StringBuilder();
        html.Append($$"""
            <!doctype html><html lang="en"><head><meta charset="utf-8"><title>Adversarial Arena — {{E(t.Id)}}</title>
            <style>
            body{font:14px/1.45 system-ui,sans-serif;margin:2rem auto;max-width:1100px;color:#222}
            table{border-collapse:collapse;margin:.5rem 0 1.5rem}td,th{border:1px solid #ccc;padding:.25rem .6rem;text-align:right}
            td:first-child,th:first-child,td.l{text-align:left}th{background:#f3f3f3}
            details{border:1px solid #ddd;border-radius:4px;margin:.3rem 0;padding:.3rem .6rem}
            .m{white-space:pre-wrap;font-family:ui-monospace,monospace;font-size:12px;padding:.4rem;border-radius:4px;margin:.3rem 0}
            .attacker{background:#fff1f0}.defender{background:#f0f7ff}.note{color:#666}
            </style></head><body>
            <h1>Tournament {{E(t.Id)}}</h1>
            <p class="note">seed {{t.Seed}} · created {{t.CreatedAt:u}} · {{stats.Turns:N0}} turns ·
            {{labeledNote}}.</p>
            <h2>Sessions</h2><table><tr><th>state</th><th>count</th></tr>
            """);
        foreach (var (k, v) in stats.SessionsByState.OrderBy(kv => kv.Key)) html.Append($"<tr><td>{E(k)}</td><td>{v}</td></tr>");
        html.Append("</table><table><tr><th>end reason</th><th>count</th></tr>");
        foreach (var (k, v) in stats.EndReasons.OrderBy(kv => kv.Key)) html.Append($"<tr><td>{E(k)}</td><td>{v}</td></tr>");
        html.Append("</table><h2>Matchups</h2><table><tr><th>attacker</th><th>defender</th><th>completed</th><th>failed</th><th>mean turns</th><th>labeled</th><th>attack success</th><th>vulnerable code</th><th>security event</th><th>ASR %</th></tr>");
        foreach (var m in stats.Matchups)
        {
            var pair = sessions.Where(s => s.Attacker == m.Attacker && s.Defender == m.Defender).ToList();
            var meanTurns = pair.Count == 0 ? 0 : pair.Average(s => s.Turns.Count);
            var pl = pair.Select(s => labels.GetValueOrDefault(s.Id)).OfType<ConversationLabel>().ToList();
            var wins = pl.Count(l => l.Outcome == Outcome.AttackSuccess);
            html.Append($"<tr><td>{E(m.Attacker)}</td><td class=l>{E(m.Defender)}</td><td>{m.Completed}</td><td>{m.Failed}</td><td>{meanTurns:0.0}</td>" +
                        $"<td>{pl.Count}</td><td>{wins}</td><td>{pl.Count(l => l.VulnerableCode)}</td><td>{pl.Count(l => l.SecurityEvent)}</td>" +
                        $"<td>{(pl.Count == 0 ? "" : $"{100.0 * wins / pl.Count:0.0}")}</td></tr>");
        }
        html.Append("</table><h2>Bots</h2><table><tr><th>bot</th><th>turns</th><th>failed attempts</th><th>failed sessions</th><th>error rate</th><th>p50 ms</th><th>p95 ms</th><th>p99 ms</th></tr>");
        foreach (var b in stats.Bots)
            html.Append($"<tr><td>{E(b.BotId)}</td><td>{b.Turns}</td><td>{b.FailedAttempts}</td><td>{b.FailedSessions}</td><td>{b.ErrorRate:P1}</td><td>{b.P50Ms}</td><td>{b.P95Ms}</td><td>{b.P99Ms}</td></tr>");
        html.Append("</table>");

        var categories = labels.Values.SelectMany(l => l.Findings.Select(f => (l.SessionId, f.Category))).Distinct()
            .GroupBy(x => x.Category).OrderByDescending(g => g.Count()).ToList();
        if (categories.Count > 0)
        {
            html.Append("<h2>Vulnerability classes</h2><table><tr><th>category</th><th>conversations</th></tr>");
            foreach (var g in categories) html.Append($"<tr><td>{E(g.Key)}</td><td>{g.Count()}</td></tr>");
            html.Append("</table>");
        }

        var sample = Sample(sessions);
        html.Append($"<h2>Conversations</h2><p class=note>{sample.Count} of {sessions.Count} finished conversations, spread over all matchups.</p>");
        foreach (var s in sample)
        {
            var label = labels.GetValueOrDefault(s.Id);
            html.Append($"<details><summary>{E(s.Id)} — {E(s.Status.Text())}, {E(s.EndReason?.Text() ?? "")}, {s.Turns.Count} turns, {E(label?.Outcome.Text() ?? "unlabeled")}");
            if (s.Error is not null) html.Append($" — {E(s.FailedBot ?? "")}: {E(s.Error)}");
            html.Append("</summary>");
            if (label is not null)
            {
                foreach (var f in label.Findings)
                    html.Append($"<div class=note>turn {f.Turn} line {f.Line}: {E(f.Rule)} [{E(f.Category)}] {E(f.Message)}</div>");
                if (label.Judge is { } j) html.Append($"<div class=note>judge {E(j.JudgeId)}: {E(j.Rationale)}</div>");
            }
            foreach (var turn in s.Turns)
                html.Append($"<div class=\"m {turn.Role.Wire()}\"><b>{turn.Turn} {E(turn.BotId)}</b>{(turn.Truncated ? " (truncated)" : "")}\n{E(turn.Content)}</div>");
            html.Append("</details>");
        }
        html.Append("</body></html>\n");

        var dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (dir is not null) Directory.CreateDirectory(dir);
        await File.WriteAllTextAsync(path, html.ToString(), ct);
    }

    /// <summary>An even spread over matchups, so a big tournament still gives a readable page.</summary>
    private static List<SessionRecord> Sample(List<SessionRecord> sessions)
    {
        if (sessions.Count <= MaxConversations) return sessions;
        var groups = sessions.GroupBy(s => (s.Attacker, s.Defender)).ToList();
        var per = Math.Max(1, MaxConversations / groups.Count);
        return groups.SelectMany(g => g.Take(per)).ToList();
    }

    private static string E(string s) => WebUtility.HtmlEncode(s);
}
