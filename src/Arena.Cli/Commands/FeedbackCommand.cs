using System.Text.Json;
using Arena.Analysis;
using Arena.Core.Scoring;
using Arena.Core.Storage;
using Arena.Datasets;

namespace Arena.Cli.Commands;

/// <summary>The `arena score --json` document of one tournament and the scoreboard it was made from.</summary>
internal sealed record Leaderboard(string Tournament, Scoreboard Board, object Document, IReadOnlyList<string> Teams);

/// <summary>`arena feedback`: one team's feedback bundle after a tournament (docs/feedback.md).</summary>
internal static class FeedbackCommand
{
    private const string Usage = "arena feedback --tournament ID --team ID --out DIR [--bootstrap N] [--seed S] [--json]";

    public static async Task<int> ExecuteAsync(string db, IReadOnlyList<string> argv, CancellationToken ct)
    {
        var args = CliArgs.Parse("feedback", argv, Usage, ["--json"], ["--tournament", "--team", "--out", "--bootstrap", "--seed"]);
        args.ExpectPositional(0, 0);
        var team = args.Required("--team");
        var outDir = args.Required("--out");
        var options = new ScoringOptions(args.NonNegativeInt("--bootstrap") ?? 1000, args.NonNegativeInt("--seed") ?? 0);
        await using var store = await Cli.OpenStoreAsync(db, mustExist: true, ct);
        var t = await Tournaments.ResolveAsync(store, args.Required("--tournament"), ct);
        var leaderboard = await BuildLeaderboardAsync(store, t.Id, options, ct);
        if (leaderboard is null)
            return Cli.Fail(1, $"tournament '{t.Id}' has no labeled conversation (run arena evaluate --tournament {t.Id} first)");
        if (!leaderboard.Teams.Contains(team))
            throw new UsageException($"--team: no team '{team}' in tournament '{t.Id}' (teams: {string.Join(", ", leaderboard.Teams)})");

        var summary = await FeedbackBundle.WriteAsync(store, t.Id, team, leaderboard.Document, leaderboard.Board, outDir, ct);
        Console.Error.WriteLine(Describe(summary));
        if (args.Flag("--json")) Console.Out.WriteLine(JsonSerializer.Serialize(ToJson(summary)));
        return 0;
    }

    public static string Describe(FeedbackSummary s) =>
        $"feedback {s.Tournament}/{s.Team} ({s.Role}): {s.Conversations} conversations, {s.Opponents.Count} opponents, " +
        $"{s.MetadataRemoved} opponent turns' metadata removed{(s.Role == "defender" ? $", {s.UtilityTasks} utility tasks" : "")} → {s.Directory}";

    public static object ToJson(FeedbackSummary s) => new
    {
        tournament = s.Tournament, team = s.Team, role = s.Role, out_dir = s.Directory, conversations = s.Conversations,
        metadata_removed = s.MetadataRemoved, opponents = s.Opponents.Count, utility_tasks = s.UtilityTasks, files = s.Files,
    };

    /// <summary>
    /// The score document exactly as `arena score --tournament ID --json` prints it (stored utility included), or
    /// null when nothing is labeled yet. Notes about utility go to stderr, as score prints them.
    /// </summary>
    public static async Task<Leaderboard?> BuildLeaderboardAsync(IArenaStore store, string tournament, ScoringOptions options, CancellationToken ct)
    {
        var conversations = await StoredScoring.LoadAsync(store, tournament, ct);
        if (!conversations.Any(c => c.Labeled)) return null;
        var defenders = conversations.Select(c => c.Defender).Distinct(StringComparer.Ordinal).ToList();
        var notes = new List<string>();
        var utility = await StoredScoring.LoadUtilityAsync(store, tournament, defenders, notes, ct);
        foreach (var note in notes) Console.Error.WriteLine($"note: {note}");
        var board = Scores.Compute([tournament], conversations, utility, options);
        var ratings = RatingBuilder.Compute(conversations, options.BootstrapRounds, options.Seed);
        var teams = conversations.Select(c => c.Attacker).Concat(defenders).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        return new Leaderboard(tournament, board, ScoreCommand.ToJson(tournament, board, ratings, null), teams);
    }
}
