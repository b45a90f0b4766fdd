using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Arena.Analysis;
using Arena.Core.Scoring;
using Arena.Core.Storage;
using Arena.Core.Tournaments;
using Arena.Datasets;
using Arena.Engine;
using Arena.Engine.Configuration;
using Arena.Evaluation.Analysis;
using Arena.Evaluation.Judges;
using Arena.Evaluation.Labels;
using Spectre.Console;

namespace Arena.Cli.Commands;

/// <summary>
/// `arena series SERIES.yaml` (or `arena run SERIES.yaml`): the tournaments of a series in order (paper §4.4), each
/// run, labeled, measured for utility when configured and followed by every team's feedback bundle before the next
/// one starts; then the cumulative ranking over all of them. Every step is resumable, so running the series again
/// only does what is missing.
/// </summary>
internal static class SeriesCommand
{
    private const string Usage = "arena series SERIES.yaml [--db PATH] [--unsafe-no-sandbox] [--json]";
    private const string FingerprintFile = ".fingerprint";

    public static async Task<int> ExecuteAsync(string db, IReadOnlyList<string> argv, CancellationToken ct)
    {
        var args = CliArgs.Parse("series", argv, Usage, ["--unsafe-no-sandbox", "--json"], []);
        args.ExpectPositional(1, 1);
        return await RunAsync(db, args.Positional[0], args.Flag("--unsafe-no-sandbox"), args.Flag("--json"), ct);
    }

    public static async Task<int> RunAsync(string db, string path, bool allowUnsafe, bool json, CancellationToken ct)
    {
        if (!File.Exists(path)) throw new UsageException($"{path}: no such series file");
        var series = SeriesConfigLoader.LoadFile(path);
        // Every suite is checked before the first tournament starts, so a typo does not surface hours later.
        var suites = series.Tournaments.ToDictionary(t => t.Config.Tournament,
            t => t.Config.Utility is { AfterRun: true } u ? UtilityMeasurement.LoadSuites(u.Suites, Path.GetDirectoryName(t.Path)!) : null);
        var scoring = new ScoringOptions(series.BootstrapRounds, series.Seed);
        await using var store = await Cli.OpenStoreAsync(db, mustExist: false, ct);
        using var judges = new JudgeFactory();
        var judgeArgs = JudgeArgs(series.Judge);

        Console.Error.WriteLine($"series {series.Name}: {series.Tournaments.Count} tournaments ({string.Join(", ", series.Tournaments.Select(t => t.Config.Tournament))}); feedback in {series.FeedbackDir}");
        var ok = true;
        var report = new List<object>();
        foreach (var t in series.Tournaments)
        {
            var id = t.Config.Tournament;
            var ran = false;
            if (await IsCompleteAsync(store, t.Config, ct))
                Console.Error.WriteLine($"tournament {id}: already complete, not run again");
            else
            {
                if (await RunCommand.RunAsync(t.Config, t.Yaml, store, ct) != RunOutcome.Completed) return 1;
                ran = true;
            }

            var judge = await judges.CreateAsync(judgeArgs, store, id, ct);
            var labeling = await EvaluateCommand.RunAsync(store, id, new ConversationLabeler(new PythonAnalyzer(), judge, new AnalyzerOptions()),
                force: false, networkJudge: judge is not HeuristicJudge, ct);
            Console.Error.WriteLine($"{id}: labeled {labeling.Labeled} conversations, {labeling.Unchanged} already labeled" +
                (labeling.Errors.Count > 0 ? $"; {labeling.Errors.Count} could not be judged, e.g. {labeling.Errors[0]}" : ""));
            ok &= labeling.Errors.Count == 0;

            if (suites[id] is { } tasks)
                ok &= await RunCommand.MeasureUtilityAsync(store, t.Config, tasks, allowUnsafe, withoutSandbox: false, ct);

            var written = await WriteFeedbackAsync(store, id, series.FeedbackDir, scoring, ct);
            report.Add(new { tournament = id, ran, labeled = labeling.Labeled, unchanged = labeling.Unchanged, feedback = written });
        }

        var ids = series.Tournaments.Select(t => t.Config.Tournament).ToList();
        var cumulative = await CumulativeAsync(store, ids, scoring, ct);
        if (cumulative is null) return Cli.Fail(1, $"series {series.Name}: no labeled conversation to rank");
        var doc = CumulativeJson(series.Name, cumulative);
        await using (var f = File.Create(Path.Combine(series.FeedbackDir, "cumulative.json")))
            await JsonSerializer.SerializeAsync(f, doc, new JsonSerializerOptions { WriteIndented = true }, ct);
        Console.Error.WriteLine($"series {series.Name}: cumulative ranking written to {Path.Combine(series.FeedbackDir, "cumulative.json")} " +
                                $"(the same as arena score --cumulative {string.Join(',', ids)})");

        if (json)
            Console.Out.WriteLine(JsonSerializer.Serialize(new { series = series.Name, feedback_dir = series.FeedbackDir, tournaments = report, cumulative = doc }));
        else
        {
            AnsiConsole.Console.MarkupLine($"[bold]series {Markup.Escape(series.Name)}: cumulative over {Markup.Escape(string.Join(", ", ids))}[/] (§4.4): {cumulative.LabeledSessions} labeled conversations");
            ScoreCommand.RenderBoard(AnsiConsole.Console, cumulative);
        }
        return ok ? 0 : 1;
    }

    /// <summary>The series' judge as `arena evaluate` options, so the judge is built (and checked) the same way.</summary>
    private static CliArgs JudgeArgs(SeriesJudge j)
    {
        var argv = new List<string> { "--judge", j.Kind };
        if (j.Url is not null) argv.AddRange(["--judge-url", j.Url]);
        if (j.Model is not null) argv.AddRange(["--judge-model", j.Model]);
        if (j.ApiKeyEnv is not null) argv.AddRange(["--judge-api-key-env", j.ApiKeyEnv]);
        if (j.Samples is { } n) argv.AddRange(["--judge-samples", n.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        return CliArgs.Parse("series", argv, Usage, [], ["--judge", "--judge-url", "--judge-model", "--judge-api-key-env", "--judge-samples"]);
    }

    /// <summary>
    /// True when the store holds this tournament, with the same definition, and every session is finished: running it
    /// again would only acquire the lease and wait for nothing. A different definition is left to the runner to reject.
    /// </summary>
    public static async Task<bool> IsCompleteAsync(IArenaStore store, TournamentConfig config, CancellationToken ct)
    {
        var existing = await store.GetTournamentAsync(config.Tournament, ct);
        if (existing is null) return false;
        using (var stored = JsonDocument.Parse(existing.ConfigJson))
            if (stored.RootElement.GetProperty("shape").GetRawText() != TournamentRunner.Shape(config)) return false;
        var stats = await store.GetStatsAsync(config.Tournament, ct);
        var finished = stats.SessionsByState.GetValueOrDefault("completed") + stats.SessionsByState.GetValueOrDefault("failed");
        return stats.SessionsByState.GetValueOrDefault("running") == 0 && finished == config.AllMatchups().Sum(m => m.Quota);
    }

    /// <summary>
    /// Bundles for every team into DIR/&lt;tournament&gt;/&lt;team&gt;/. Skipped when the labels, utility results and
    /// scoring options are those the existing bundles were written from. Returns the bundle folders.
    /// </summary>
    private static async Task<IReadOnlyList<string>> WriteFeedbackAsync(IArenaStore store, string tournament, string feedbackDir, ScoringOptions scoring, CancellationToken ct)
    {
        var dir = Path.Combine(feedbackDir, tournament);
        var fingerprint = await FingerprintAsync(store, tournament, scoring, ct);
        var fingerprintPath = Path.Combine(dir, FingerprintFile);
        if (File.Exists(fingerprintPath))
        {
            var lines = await File.ReadAllLinesAsync(fingerprintPath, ct);
            var teams = lines.Skip(1).ToList();
            if (lines.Length > 0 && lines[0] == fingerprint && teams.All(team => File.Exists(Path.Combine(dir, team, "README.md"))))
            {
                Console.Error.WriteLine($"feedback {tournament}: up to date ({teams.Count} teams in {dir})");
                return teams.Select(team => Path.Combine(dir, team)).ToList();
            }
        }

        var leaderboard = await FeedbackCommand.BuildLeaderboardAsync(store, tournament, scoring, ct);
        if (leaderboard is null)
        {
            Console.Error.WriteLine($"feedback {tournament}: no labeled conversation, no bundles written");
            return [];
        }
        var written = new List<string>();
        foreach (var team in leaderboard.Teams)
        {
            var summary = await FeedbackBundle.WriteAsync(store, tournament, team, leaderboard.Document, leaderboard.Board, Path.Combine(dir, team), ct);
            Console.Error.WriteLine(FeedbackCommand.Describe(summary));
            written.Add(summary.Directory);
        }
        await File.WriteAllLinesAsync(fingerprintPath, [fingerprint, .. leaderboard.Teams], ct);
        Console.Error.WriteLine($"feedback {tournament}: wrote bundles for {written.Count} teams to {dir}");
        return written;
    }

    private static async Task<string> FingerprintAsync(IArenaStore store, string tournament, ScoringOptions scoring, CancellationToken ct)
    {
        var text = new StringBuilder($"{scoring.BootstrapRounds}/{scoring.Seed}\n");
        foreach (var (id, label) in (await store.GetCurrentLabelsAsync(tournament, ct)).OrderBy(kv => kv.Key, StringComparer.Ordinal))
            text.Append(id).Append('|').Append(label.ToolKey).Append('|').Append(label.At.ToString("O")).Append('\n');
        foreach (var r in await store.GetUtilityResultsAsync(tournament, null, ct))
            text.Append(r.Bot).Append('|').Append(r.Suite).Append('|').Append(r.TaskId).Append('|').Append(r.At.ToString("O")).Append('\n');
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    /// <summary>
    /// Scores the pooled conversations of the series, as `arena score --cumulative` does. Each defender's utility is
    /// its latest measured one in series order. Null when nothing is labeled.
    /// </summary>
    public static async Task<Scoreboard?> CumulativeAsync(IArenaStore store, IReadOnlyList<string> tournaments, ScoringOptions scoring, CancellationToken ct)
    {
        var pooled = new List<ScoredConversation>();
        var utility = new List<UtilityResult>();
        var covered = new HashSet<string>(StringComparer.Ordinal);
        foreach (var id in tournaments.Reverse())
        {
            var conversations = await StoredScoring.LoadAsync(store, id, ct);
            pooled.InsertRange(0, conversations);
            var defenders = conversations.Select(c => c.Defender).Distinct(StringComparer.Ordinal).Where(d => !covered.Contains(d)).ToList();
            var measured = await StoredScoring.LoadUtilityAsync(store, id, defenders, [], ct) ?? [];
            utility.AddRange(measured);
            covered.UnionWith(measured.Select(u => u.Defender));
        }
        if (!pooled.Any(c => c.Labeled)) return null;
        return Scores.Compute(tournaments, pooled, utility.Count > 0 ? utility : null, scoring);
    }

    private static object CumulativeJson(string series, Scoreboard board) => new Dictionary<string, object?>
    {
        ["series"] = series,
        ["tournaments"] = board.Tournaments,
        ["labeled_sessions"] = board.LabeledSessions,
        ["utility_measured"] = board.UtilityMeasured,
        ["attackers"] = ScoreCommand.Attackers(board),
        ["defenders"] = ScoreCommand.Defenders(board),
    };
}
