using Arena.Core.Utility;
using Arena.Analysis;
using Arena.Analysis.Embeddings;
using Arena.Core.Agreement;
using Arena.Core.Scoring;
using Arena.Core.Storage;
using Arena.Reporting;

namespace Arena.Cli.Commands;

/// <summary>What goes into a report besides the store's own data.</summary>
internal sealed record ReportOptions(
    ConversationSampling Sampling, EmbedderRequest Embedder, AnalysisOptions Analysis, ScoringOptions Scoring,
    IReadOnlyList<string>? Cumulative = null, IReadOnlyList<UtilityResult>? Utility = null);

/// <summary>
/// `arena report`: one self-contained HTML file for a tournament — scores with CIs and ratings, agreement, the §4.3
/// analyses (semantic diversity, t-SNE, tables) and a conversation browser. `arena demo` writes it the same way.
/// </summary>
internal static class ReportCommand
{
    private const string Usage =
        "arena report --tournament ID --out FILE.html [--max-successes N] [--max-others N] [--bootstrap N] [--seed S] " +
        "[--cumulative ID,ID,...] [--utility FILE.csv] [--max-points N] [--max-embedded N] [--embeddings use|lexical|openai ...]";

    /// <summary>A report embeds at most this many conversations (a stratified sample): ≈ 75 s with the default model.</summary>
    public const int DefaultMaxEmbedded = 2000;

    public static async Task<int> ExecuteAsync(string db, IReadOnlyList<string> argv, CancellationToken ct)
    {
        var args = CliArgs.Parse("report", argv, Usage, [],
            ["--tournament", "--out", "--max-successes", "--max-others", "--bootstrap", "--seed", "--cumulative", "--utility", "--max-points", "--max-embedded", .. AnalyzeCommand.EmbedderOptions]);
        args.ExpectPositional(0, 0);
        var outPath = args.Required("--out");
        var tournamentId = args.Required("--tournament");
        if (Directory.Exists(outPath)) throw new UsageException($"--out {outPath}: is a directory; give the report's file name (e.g. report.html)");
        var defaults = new ConversationSampling();
        var seed = args.NonNegativeInt("--seed");
        var cumulative = args.Value("--cumulative")?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (cumulative is { Length: 0 }) throw new UsageException("--cumulative needs a comma-separated list of tournament ids");
        var options = new ReportOptions(
            new ConversationSampling(args.Int("--max-successes") ?? defaults.MaxAttackSuccesses, args.Int("--max-others") ?? defaults.MaxOthers),
            AnalyzeCommand.ParseEmbedder(args),
            new AnalysisOptions(MaxPoints: args.Int("--max-points") ?? 2000, Seed: seed ?? 1, MaxEmbedded: args.Int("--max-embedded") ?? DefaultMaxEmbedded),
            new ScoringOptions(args.NonNegativeInt("--bootstrap") ?? 1000, seed ?? 0),
            cumulative,
            args.Value("--utility") is { } utility ? ScoreCommand.ReadUtilityCsv(utility) : null);

        await using var store = await Cli.OpenStoreAsync(db, mustExist: true, ct);
        var t = await Tournaments.ResolveAsync(store, tournamentId, ct);
        var data = await BuildAsync(store, t.Id, options, ct);
        if (data is null) return 1;
        await HtmlReport.WriteAsync(data, outPath, ct);
        var left = data.ConversationsTotal - data.Conversations.Count;
        Console.Error.WriteLine($"wrote {outPath}: {data.Conversations.Count} of {data.ConversationsTotal} conversations" +
            (left > 0 ? $" ({left} left out; --max-successes/--max-others include more)" : ""));
        return 0;
    }

    /// <summary>Everything the report shows; null when the embedding backend failed (already reported on stderr).</summary>
    public static async Task<ReportData?> BuildAsync(IArenaStore store, string tournament, ReportOptions options, CancellationToken ct, Action<Scoreboard>? scored = null)
    {
        var data = await StoreReportData.LoadAsync(store, tournament, options.Sampling, ct);

        var conversations = await StoredScoring.LoadAsync(store, tournament, ct);
        if (conversations.Any(c => c.Labeled))
        {
            Console.Error.WriteLine($"arena report: scoring ({options.Scoring.BootstrapRounds} bootstrap rounds)…");
            var utilityNotes = new List<string>();
            var utility = options.Utility
                ?? await StoredScoring.LoadUtilityAsync(store, tournament, conversations.Select(c => c.Defender).Distinct().ToList(), utilityNotes, ct);
            var stored = await store.GetUtilityResultsAsync(tournament, null, ct);
            var baseBot = UtilityScoring.BaseOf(stored);
            data = data with
            {
                Notes = [.. data.Notes, .. utilityNotes],
                Utility = stored.GroupBy(r => r.Bot).OrderBy(g => g.Key == baseBot ? 0 : 1).ThenBy(g => g.Key, StringComparer.Ordinal)
                    .SelectMany(g => UtilityScoring.PassRates(g.ToList()).Select(p => new UtilitySuiteRow(g.Key, p.Suite, p.Tasks, p.Passed, p.PassRate, g.Key == baseBot)))
                    .ToList(),
            };
            var board = Scores.Compute([tournament], conversations, utility, options.Scoring);
            var ratings = RatingBuilder.Compute(conversations, options.Scoring.BootstrapRounds, options.Scoring.Seed);
            Scoreboard? cumulative = null;
            if (options.Cumulative is { } series)
            {
                var pooled = new List<ScoredConversation>();
                var ids = new List<string>();
                foreach (var id in series)
                {
                    var t = await Tournaments.ResolveAsync(store, id, ct);
                    ids.Add(t.Id);
                    pooled.AddRange(t.Id == tournament ? conversations : await StoredScoring.LoadAsync(store, t.Id, ct));
                }
                cumulative = Scores.Compute(ids, pooled, utility, options.Scoring);
            }
            scored?.Invoke(board);
            data = data.WithScores(board, ratings, cumulative);
        }

        var annotations = await store.GetTournamentAnnotationsAsync(tournament, ct);
        if (annotations.Count > 0)
            data = data.WithAgreement(InterAnnotatorAgreement.Compute(PanelJudgments.SecurityEvent(annotations)), "security event (either panel question yes)");

        // With a series, the analyses cover all its tournaments, so diversity and the t-SNE map can compare them (Fig 2).
        var analysed = new List<string> { tournament };
        foreach (var id in options.Cumulative ?? [])
        {
            var t = await Tournaments.ResolveAsync(store, id, ct);
            if (!analysed.Contains(t.Id)) analysed.Add(t.Id);
        }
        var analysis = await AnalyzeCommand.RunAsync("report", store, analysed, options.Embedder, options.Analysis, ct);
        return analysis is null ? null : data.WithAnalysis(analysis) with { Tournaments = analysed };
    }
}
