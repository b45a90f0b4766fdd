using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Arena.Core.Bots;
using Arena.Core.Labels;
using Arena.Core.Scoring;
using Arena.Core.Sessions;
using Arena.Core.Storage;
using Arena.Core.Utility;

namespace Arena.Datasets;

/// <summary>What one team did against one opponent, from the team's side.</summary>
/// <param name="Sessions">Labeled sessions: the denominator of the score document's rates.</param>
/// <param name="MeanTurnsToFirstSuccess">Mean over attack successes of the turns up to and including the first
/// defender turn with a finding (or the last defender turn when the judge decided); null without successes.</param>
internal sealed record OpponentStats(
    string Opponent, string OpponentRole, int Sessions, int Successes, int Unlabeled, int Failed,
    int VulnerableCode, int SecurityEvents, IReadOnlyList<(string Category, int Sessions)> TopCategories, double? MeanTurnsToFirstSuccess)
{
    public double Asr => Sessions == 0 ? 0 : 100.0 * Successes / Sessions;
    public double Dsr => Sessions == 0 ? 0 : 100 - Asr;
}

/// <summary>What a bundle holds; <see cref="MetadataRemoved"/> counts the opponents' turns whose metadata was blanked.</summary>
internal sealed record FeedbackSummary(
    string Tournament, string Team, string Role, string Directory, int Conversations, int MetadataRemoved,
    IReadOnlyList<OpponentStats> Opponents, int UtilityTasks, IReadOnlyList<string> Files);

/// <summary>
/// The feedback a team gets after a tournament (paper §4.4, the series' "learn between rounds"): the public
/// leaderboard, its own conversations with labels and judge rationales, and per-opponent statistics. Privacy rules:
/// nothing of sessions the team was not in; the other side's turn metadata (bots' private notes, strategies) becomes
/// {}; the error text of an opponent's failure is withheld; utility tasks are given by id and grader detail only, so
/// held-out suites stay held out.
/// </summary>
internal static class FeedbackBundle
{
    public const int TopCategoryCount = 5;

    /// <summary>The team's role in a session, or null when it did not take part.</summary>
    public static Role? RoleOf(SessionRecord s, string team) =>
        s.Attacker == team ? Role.Attacker : s.Defender == team ? Role.Defender : null;

    /// <summary>The session as the team may see it: the other side's metadata and failure message removed.</summary>
    public static SessionRecord Redact(SessionRecord s, string team)
    {
        var role = RoleOf(s, team) ?? throw new ArgumentException($"{team} took no part in {s.Id}", nameof(team));
        var turns = s.Turns.Select(t => t.Role == role ? t : t with { MetadataJson = null }).ToList();
        var error = s.FailedBot is not null && s.FailedBot != team ? "withheld: the opponent's bot failed" : s.Error;
        return s with { Turns = turns, Error = error };
    }

    /// <summary>
    /// Turns (1-based count) up to the turn where the attack first succeeded: the first defender turn with a finding;
    /// for a judge-decided success the last defender turn, since the judge read the whole conversation. Null when the
    /// attack did not succeed.
    /// </summary>
    public static int? TurnsToFirstSuccess(SessionRecord s, ConversationLabel? label)
    {
        if (label is not { Outcome: Outcome.AttackSuccess }) return null;
        if (label.Findings.Count > 0) return label.Findings.Min(f => f.Turn) + 1;
        var lastDefender = s.Turns.Where(t => t.Role == Role.Defender).Select(t => t.Turn).DefaultIfEmpty(s.Turns.Count - 1).Max();
        return lastDefender + 1;
    }

    /// <summary>Per-opponent statistics over the team's sessions, opponents in id order.</summary>
    public static IReadOnlyList<OpponentStats> Opponents(IEnumerable<SessionRecord> sessions, IReadOnlyDictionary<string, ConversationLabel> labels, string team)
    {
        var result = new List<OpponentStats>();
        var byOpponent = sessions
            .Where(s => RoleOf(s, team) is not null)
            .GroupBy(s => RoleOf(s, team) == Role.Attacker ? (Id: s.Defender, Role: Role.Defender) : (Id: s.Attacker, Role: Role.Attacker))
            .OrderBy(g => g.Key.Id, StringComparer.Ordinal);
        foreach (var g in byOpponent)
        {
            var labeled = g.Select(s => (Session: s, Label: labels.GetValueOrDefault(s.Id)))
                .Where(x => x.Label is { Outcome: not Outcome.Unlabeled }).ToList();
            var successes = labeled.Where(x => x.Label!.Outcome == Outcome.AttackSuccess).ToList();
            var categories = labeled
                .SelectMany(x => x.Label!.Findings.Select(f => f.Category).Distinct(StringComparer.Ordinal))
                .GroupBy(c => c, StringComparer.Ordinal)
                .Select(c => (Category: c.Key, Sessions: c.Count()))
                .OrderByDescending(c => c.Sessions).ThenBy(c => c.Category, StringComparer.Ordinal)
                .Take(TopCategoryCount).ToList();
            var turns = successes.Select(x => TurnsToFirstSuccess(x.Session, x.Label)!.Value).ToList();
            result.Add(new OpponentStats(g.Key.Id, g.Key.Role.Wire(), labeled.Count, successes.Count,
                g.Count() - labeled.Count, g.Count(s => s.Status == SessionStatus.Failed),
                labeled.Count(x => x.Label!.VulnerableCode), labeled.Count(x => x.Label!.SecurityEvent),
                categories, turns.Count == 0 ? null : turns.Average()));
        }
        return result;
    }

    /// <summary>
    /// Writes the bundle into <paramref name="directory"/> (created; files replaced). <paramref name="leaderboard"/> is
    /// the `arena score --json` document; <paramref name="board"/> the scoreboard it was made from (for the README).
    /// </summary>
    public static async Task<FeedbackSummary> WriteAsync(IArenaStore store, string tournament, string team, object leaderboard,
        Scoreboard board, string directory, CancellationToken ct)
    {
        Directory.CreateDirectory(directory);
        var labels = await store.GetCurrentLabelsAsync(tournament, ct);
        var own = new List<SessionRecord>();
        await foreach (var s in store.ReadSessionsAsync(tournament, SessionFilter.Finished, ct))
            if (RoleOf(s, team) is not null) own.Add(s);
        var role = own.Count > 0 ? RoleOf(own[0], team)!.Value.Wire() : "none";
        var files = new List<string>();

        await WriteJsonAsync(Path.Combine(directory, "leaderboard.json"), leaderboard, ct);
        files.Add("leaderboard.json");

        var removed = 0;
        await using (var output = File.Create(Path.Combine(directory, "conversations.jsonl")))
        {
            foreach (var s in own)
            {
                var redacted = Redact(s, team);
                removed += s.Turns.Count(t => t.MetadataJson is not null && RoleOf(s, team) != t.Role);
                await using (var w = new Utf8JsonWriter(output))
                    // A contracts §3 line plus team_role; the label carries findings and the judge's rationale.
                    DatasetExporter.WriteChat(w, redacted, labels.GetValueOrDefault(s.Id), x => x.WriteString("team_role", RoleOf(redacted, team)!.Value.Wire()));
                output.WriteByte((byte)'\n');
            }
        }
        files.Add("conversations.jsonl");

        var opponents = Opponents(own, labels, team);
        await WriteJsonAsync(Path.Combine(directory, "opponents.json"), OpponentsJson(tournament, team, role, opponents), ct);
        files.Add("opponents.json");

        var utilityTasks = 0;
        var defenderRow = board.Defenders.FirstOrDefault(d => d.Id == team);
        if (role == "defender")
        {
            var results = await store.GetUtilityResultsAsync(tournament, team, ct);
            utilityTasks = results.Count;
            await WriteJsonAsync(Path.Combine(directory, "utility.json"), UtilityJson(tournament, team, defenderRow, results), ct);
            files.Add("utility.json");
        }
        else File.Delete(Path.Combine(directory, "utility.json"));

        files.Add("README.md");
        var summary = new FeedbackSummary(tournament, team, role, directory, own.Count, removed, opponents, utilityTasks, files);
        await File.WriteAllTextAsync(Path.Combine(directory, "README.md"), Readme(summary, board), ct);
        return summary;
    }

    // Bundle files are read by people as much as by programs: keep quotes and symbols unescaped.
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static async Task WriteJsonAsync(string path, object document, CancellationToken ct)
    {
        await using var f = File.Create(path);
        await JsonSerializer.SerializeAsync(f, document, Indented, ct);
    }

    private static double R(double v) => Scores.Round(v);

    private static object OpponentsJson(string tournament, string team, string role, IReadOnlyList<OpponentStats> opponents) => new
    {
        tournament, team, role,
        definitions = new
        {
            sessions = "labeled sessions against this opponent (the score document's denominator); unlabeled and failed are counted apart",
            asr = "100 × attack successes / sessions", dsr = "100 − asr",
            top_categories = $"up to {TopCategoryCount} finding categories, by the number of sessions with at least one such finding",
            mean_turns_to_first_success = "mean over attack successes of the turns up to and including the first defender turn with a finding (the last defender turn when the judge decided)",
        },
        opponents = opponents.Select(o => new
        {
            opponent = o.Opponent, opponent_role = o.OpponentRole, sessions = o.Sessions, successes = o.Successes,
            defended = o.Sessions - o.Successes, asr = R(o.Asr), dsr = R(o.Dsr), unlabeled = o.Unlabeled, failed = o.Failed,
            vulnerable_code = o.VulnerableCode, security_events = o.SecurityEvents,
            top_categories = o.TopCategories.Select(c => new { category = c.Category, sessions = c.Sessions }),
            mean_turns_to_first_success = o.MeanTurnsToFirstSuccess is { } m ? R(m) : (double?)null,
        }),
    };

    private static object UtilityJson(string tournament, string team, DefenderRow? row, IReadOnlyList<UtilityTaskResult> results) => new
    {
        tournament, team,
        utility = row is null ? (double?)null : R(row.Utility),
        utility_measured = row?.UtilityMeasured ?? false,
        note = "tasks are given by id and grader detail only: task texts and replies stay out, so held-out suites stay held out",
        suites = UtilityScoring.PassRates(results).Select(p => new { suite = p.Suite, tasks = p.Tasks, passed = p.Passed, pass_rate = R(p.PassRate) }),
        failed = results.Where(r => !r.Passed).OrderBy(r => r.Suite, StringComparer.Ordinal).ThenBy(r => r.TaskId, StringComparer.Ordinal)
            .Select(r => new { suite = r.Suite, task_id = r.TaskId, detail = r.Detail, grader = r.Grader }),
    };

    private static string Readme(FeedbackSummary s, Scoreboard board)
    {
        static string F(double v) => Scores.Round(v).ToString("0.00", CultureInfo.InvariantCulture);
        var b = new StringBuilder();
        b.AppendLine($"# Feedback for {s.Team} — tournament {s.Tournament}").AppendLine();
        var attacker = board.Attackers.FirstOrDefault(a => a.Id == s.Team);
        var defender = board.Defenders.FirstOrDefault(d => d.Id == s.Team);
        if (attacker is not null)
            b.AppendLine($"Role: attacker. Rank {attacker.Rank} of {board.Attackers.Count} by normalized ASR ({F(attacker.NormalizedAsr)}; ASR {F(attacker.Asr)}, diversity {F(attacker.Diversity)}).");
        else if (defender is not null)
            b.AppendLine($"Role: defender. Rank {defender.Rank} of {board.Defenders.Count} by normalized DS ({F(defender.NormalizedDs)}; DSR {F(defender.Dsr)}, utility {F(defender.Utility)}{(defender.UtilityMeasured ? "" : ", not measured")}).");
        else b.AppendLine($"Role: {s.Role}. Not on the leaderboard (no labeled conversation).");
        b.AppendLine().AppendLine($"{s.Conversations} conversations; {board.LabeledSessions} labeled conversations in the whole tournament.").AppendLine();
        b.AppendLine("| opponent | sessions | attack successes | ASR | DSR | top finding categories | mean turns to first success |");
        b.AppendLine("|---|---|---|---|---|---|---|");
        foreach (var o in s.Opponents)
            b.AppendLine($"| {o.Opponent} | {o.Sessions} | {o.Successes} | {F(o.Asr)} | {F(o.Dsr)} | " +
                         $"{string.Join(", ", o.TopCategories.Select(c => $"{c.Category} ({c.Sessions})"))} | " +
                         $"{(o.MeanTurnsToFirstSuccess is { } m ? F(m) : "—")} |");
        b.AppendLine().AppendLine("## Files").AppendLine();
        b.AppendLine("- `leaderboard.json`: the public scoreboard, exactly the `arena score --json` document (contracts §5).");
        b.AppendLine("- `conversations.jsonl`: your conversations only, one per line (contracts §3 plus `team_role`), with labels, findings and the judge's rationale. " +
                     $"The other side's turn metadata is replaced by {{}} ({s.MetadataRemoved} turns); yours is kept. An opponent's failure message is withheld.");
        b.AppendLine("- `opponents.json`: per-opponent sessions, successes, ASR/DSR, finding categories and turns to first success (definitions inside).");
        if (s.Files.Contains("utility.json"))
            b.AppendLine($"- `utility.json`: your utility results ({s.UtilityTasks} tasks): pass rates per suite and the failed tasks by id with the grader's detail. Task texts and replies are left out so held-out suites stay held out.");
        return b.ToString();
    }
}
