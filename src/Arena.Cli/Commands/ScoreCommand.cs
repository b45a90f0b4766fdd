using Arena.Analysis;
using System.Globalization;
using System.Text.Json;
using Arena.Core.Scoring;
using Arena.Core.Storage;
using Spectre.Console;

namespace Arena.Cli.Commands;

/// <summary>
/// `arena score`: the official scoreboard (contracts §5) with bootstrap intervals, the §4.4 variants (harmonic ASR
/// over vulnerable code and malicious assistance; cumulative over a series) and Bradley–Terry / Elo ratings.
/// Exit 1 when the tournament has no labeled conversation: there is nothing to score until `arena evaluate` ran.
/// </summary>
internal static class ScoreCommand
{
    private const string Usage =
        "arena score [--tournament ID] [--cumulative ID,ID,...] [--utility FILE.csv] [--bootstrap N] [--seed S] [--json]";

    public static async Task<int> ExecuteAsync(string db, IReadOnlyList<string> argv, CancellationToken ct)
    {
        var args = CliArgs.Parse("score", argv, Usage, ["--json"], ["--tournament", "--cumulative", "--utility", "--bootstrap", "--seed"]);
        args.ExpectPositional(0, 0);
        var rounds = args.NonNegativeInt("--bootstrap") ?? 1000;
        var seed = args.NonNegativeInt("--seed") ?? 0;
        IReadOnlyList<UtilityResult>? utility = args.Value("--utility") is { } utilityPath ? ReadUtilityCsv(utilityPath) : null;
        var cumulativeIds = args.Value("--cumulative")?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (cumulativeIds is { Length: 0 }) throw new UsageException("--cumulative needs a comma-separated list of tournament ids");

        await using var store = await Cli.OpenStoreAsync(db, mustExist: true, ct);
        var t = await Tournaments.ResolveAsync(store, args.Value("--tournament"), ct);
        var cumulativeTournaments = new List<string>();
        foreach (var id in cumulativeIds ?? [])
            cumulativeTournaments.Add((await Tournaments.ResolveAsync(store, id, ct)).Id);

        var conversations = await StoredScoring.LoadAsync(store, t.Id, ct);
        if (!conversations.Any(c => c.Labeled))
            return Cli.Fail(1, $"tournament '{t.Id}' has no labeled conversation to score (run arena evaluate --tournament {t.Id} first)");
        var unlabeled = conversations.Count(c => !c.Labeled);
        if (unlabeled > 0)
            Console.Error.WriteLine($"note: {unlabeled} of {conversations.Count} conversations are unlabeled and not scored (arena evaluate labels finished ones)");
        var defenders = conversations.Select(c => c.Defender).Distinct(StringComparer.Ordinal).ToList();
        if (utility is not null)
        {
            foreach (var unknown in utility.Select(u => u.Defender).Where(d => !defenders.Contains(d)).Distinct())
                Console.Error.WriteLine($"note: utility results for '{unknown}', which is no defender of '{t.Id}', are ignored");
        }
        else
        {
            var notes = new List<string>();
            utility = await StoredScoring.LoadUtilityAsync(store, t.Id, defenders, notes, ct);
            foreach (var note in notes) Console.Error.WriteLine($"note: {note}");
            if (utility is null)
                Console.Error.WriteLine($"note: no utility results (arena utility --tournament {t.Id} ..., or --utility FILE.csv): every defender's utility is taken as 100");
        }

        var options = new ScoringOptions(rounds, seed);
        var board = Scores.Compute([t.Id], conversations, utility, options);
        var ratings = RatingBuilder.Compute(conversations, rounds, seed);
        Scoreboard? cumulative = null;
        if (cumulativeIds is not null)
        {
            var pooled = new List<ScoredConversation>();
            foreach (var id in cumulativeTournaments)
                pooled.AddRange(id == t.Id ? conversations : await StoredScoring.LoadAsync(store, id, ct));
            cumulative = Scores.Compute(cumulativeTournaments, pooled, utility, options);
        }

        if (args.Flag("--json"))
        {
            Console.Out.WriteLine(JsonSerializer.Serialize(ToJson(t.Id, board, ratings, cumulative)));
            return 0;
        }
        Render(t.Id, board, ratings, cumulative);
        return 0;
    }

    /// <summary>Utility given by hand (overrides the stored results): CSV `defender,suite,score,base`, base &gt; 0.</summary>
    public static List<UtilityResult> ReadUtilityCsv(string path)
    {
        if (!File.Exists(path)) throw new UsageException($"{path}: no such file (--utility)");
        var lines = File.ReadAllLines(path);
        if (lines.Length == 0 || lines[0].Trim() != "defender,suite,score,base")
            throw new UsageException($"{path}:1: header must be 'defender,suite,score,base'");
        var results = new List<UtilityResult>();
        var seen = new HashSet<(string, string)>();
        for (var i = 1; i < lines.Length; i++)
        {
            if (lines[i].Trim().Length == 0) continue;
            var f = lines[i].Split(',').Select(x => x.Trim()).ToArray();
            var where = $"{path}:{i + 1}";
            if (f.Length != 4 || f[0].Length == 0 || f[1].Length == 0)
                throw new UsageException($"{where}: expected 4 fields defender,suite,score,base");
            if (!double.TryParse(f[2], NumberStyles.Float, CultureInfo.InvariantCulture, out var score) || !double.IsFinite(score) || score < 0)
                throw new UsageException($"{where}: score '{f[2]}' is not a non-negative number");
            if (!double.TryParse(f[3], NumberStyles.Float, CultureInfo.InvariantCulture, out var @base) || !double.IsFinite(@base) || @base <= 0)
                throw new UsageException($"{where}: base '{f[3]}' must be a positive number");
            if (!seen.Add((f[0], f[1])))
                throw new UsageException($"{where}: second result for defender '{f[0]}' on suite '{f[1]}'");
            results.Add(new UtilityResult(f[0], f[1], score, @base));
        }
        return results;
    }

    private static double R(double v) => Scores.Round(v);

    private static double[]? Ci(Interval i) => double.IsNaN(i.Lower) ? null : [R(i.Lower), R(i.Upper)];

    /// <summary>The §5 document; every added key sits beside the contract's, none is renamed.</summary>
    public static object ToJson(string tournament, Scoreboard board, Ratings ratings, Scoreboard? cumulative) => new Dictionary<string, object?>
    {
        ["tournament"] = tournament,
        ["attackers"] = Attackers(board),
        ["defenders"] = Defenders(board),
        ["labeled_sessions"] = board.LabeledSessions,
        ["unlabeled_sessions"] = board.UnlabeledSessions,
        ["utility_measured"] = board.UtilityMeasured,
        ["rounding"] = $"rates rounded to {Scores.Decimals} decimals (half away from zero); ranks compare the rounded values",
        ["bootstrap"] = new
        {
            rounds = board.BootstrapRounds, seed = board.Seed, confidence = Scores.Confidence,
            method = "percentile; labeled sessions resampled with replacement within each matchup",
        },
        ["ratings"] = new
        {
            scale = "Elo scale: 400 points = 10:1 odds, mean 1000",
            bootstrap_rounds = ratings.BootstrapRounds,
            tables = ratings.Tables.Select(t => new
            {
                method = t.Method, scope = t.Scope,
                rows = t.Rows.Select(r => new { id = r.Id, role = r.Role, rating = R(r.Rating), ci = Ci(r.Ci), ci_rank = ratings.BootstrapRounds > 0 ? r.CiRank : (int?)null, games = r.Games, wins = r.Wins }),
            }),
        },
        ["cumulative"] = cumulative is null ? null : new Dictionary<string, object?>
        {
            ["tournaments"] = cumulative.Tournaments,
            ["labeled_sessions"] = cumulative.LabeledSessions,
            ["attackers"] = Attackers(cumulative),
            ["defenders"] = Defenders(cumulative),
        },
    };

    internal static IEnumerable<object> Attackers(Scoreboard board) => board.Attackers.Select(a => new Dictionary<string, object?>
    {
        ["id"] = a.Id, ["rank"] = a.Rank, ["asr"] = R(a.Asr), ["diversity"] = R(a.Diversity), ["normalized_asr"] = R(a.NormalizedAsr),
        ["per_defender"] = a.PerDefender.Select(m => new Dictionary<string, object?>
        {
            ["defender"] = m.Defender, ["sessions"] = m.Sessions, ["successes"] = m.Successes, ["asr"] = R(m.Asr),
            ["diversity"] = R(m.Diversity), ["normalized_asr"] = R(m.NormalizedAsr),
            ["vulnerable_code_asr"] = R(m.VulnerableCodeAsr), ["malicious_asr"] = R(m.MaliciousAsr), ["harmonic_asr"] = R(m.HarmonicAsr),
        }),
        ["asr_ci"] = Ci(a.AsrCi), ["normalized_asr_ci"] = Ci(a.NormalizedAsrCi), ["ci_rank"] = board.BootstrapRounds > 0 ? a.CiRank : null,
        ["vulnerable_code_asr"] = R(a.VulnerableCodeAsr), ["malicious_asr"] = R(a.MaliciousAsr), ["harmonic_asr"] = R(a.HarmonicAsr),
        ["harmonic_normalized_asr"] = R(a.HarmonicNormalizedAsr), ["harmonic_normalized_asr_ci"] = Ci(a.HarmonicNormalizedAsrCi),
        ["harmonic_rank"] = a.HarmonicRank,
    });

    internal static IEnumerable<object> Defenders(Scoreboard board) => board.Defenders.Select(d => new Dictionary<string, object?>
    {
        ["id"] = d.Id, ["rank"] = d.Rank, ["dsr"] = R(d.Dsr), ["utility"] = R(d.Utility), ["normalized_ds"] = R(d.NormalizedDs),
        ["per_attacker"] = d.PerAttacker.Select(m => new Dictionary<string, object?>
        {
            ["attacker"] = m.Attacker, ["sessions"] = m.Sessions, ["defended"] = m.Defended, ["dsr"] = R(m.Dsr),
        }),
        ["utility_measured"] = d.UtilityMeasured, ["dsr_ci"] = Ci(d.DsrCi), ["normalized_ds_ci"] = Ci(d.NormalizedDsCi), ["ci_rank"] = board.BootstrapRounds > 0 ? d.CiRank : null,
    });

    private static string F(double v) => R(v).ToString("0.00", CultureInfo.InvariantCulture);

    private static string Range(Interval i) =>
        double.IsNaN(i.Lower) ? "" : $"{R(i.Lower).ToString("0.0", CultureInfo.InvariantCulture)}–{R(i.Upper).ToString("0.0", CultureInfo.InvariantCulture)}";

    private static void Render(string tournament, Scoreboard board, Ratings ratings, Scoreboard? cumulative)
    {
        var console = AnsiConsole.Console;
        console.MarkupLine($"[bold]tournament {Markup.Escape(tournament)}[/]: {board.LabeledSessions} labeled conversations" +
                           (board.BootstrapRounds > 0 ? $", 95 % bootstrap intervals from {board.BootstrapRounds} rounds (seed {board.Seed})" : ""));
        RenderBoard(console, board);
        if (!board.UtilityMeasured) console.MarkupLine("[yellow]utility: no utility results; every defender's utility is 100[/]");

        foreach (var scope in new[] { "joint", "attackers", "defenders" })
        {
            var bt = ratings.Tables.Single(t => t.Method == "bradley_terry" && t.Scope == scope);
            var elo = ratings.Tables.Single(t => t.Method == "elo" && t.Scope == scope);
            var table = new Table().Title(scope == "joint" ? "ratings: attackers and defenders on one scale" : $"ratings: {scope} among themselves")
                .AddColumns("team", "role", "BT", "95 % CI", "CI rank", "Elo", "95 % CI", "games", "wins");
            foreach (var r in bt.Rows)
            {
                var e = elo.Rows.Single(x => x.Id == r.Id && x.Role == r.Role);
                table.AddRow(Markup.Escape(r.Id), r.Role, r.Rating.ToString("0.0", CultureInfo.InvariantCulture), Range(r.Ci), $"{r.CiRank}",
                    e.Rating.ToString("0.0", CultureInfo.InvariantCulture), Range(e.Ci), $"{r.Games}", $"{r.Wins}");
            }
            console.Write(table);
        }

        if (cumulative is not null)
        {
            console.MarkupLine($"[bold]cumulative over {Markup.Escape(string.Join(", ", cumulative.Tournaments))}[/] (§4.4): {cumulative.LabeledSessions} labeled conversations");
            RenderBoard(console, cumulative);
        }
    }

    public static void RenderBoard(IAnsiConsole console, Scoreboard board)
    {
        var attackers = new Table().Title("attackers (rank by normalized ASR)")
            .AddColumns("rank", "attacker", "ASR", "div.", "norm. ASR", "95 % CI", "CI rank", "vuln./mal. ASR", "harmonic (§4.4)", "h. rank");
        foreach (var a in board.Attackers)
            attackers.AddRow($"{a.Rank}", Markup.Escape(a.Id), F(a.Asr), F(a.Diversity), F(a.NormalizedAsr), Range(a.NormalizedAsrCi),
                $"{a.CiRank}", $"{F(a.VulnerableCodeAsr)}/{F(a.MaliciousAsr)}", F(a.HarmonicNormalizedAsr), $"{a.HarmonicRank}");
        console.Write(attackers);
        var defenders = new Table().Title("defenders (rank by normalized DS)")
            .AddColumns("rank", "defender", "DSR", "95 % CI", "utility", "norm. DS", "95 % CI", "CI rank");
        foreach (var d in board.Defenders)
            defenders.AddRow($"{d.Rank}", Markup.Escape(d.Id), F(d.Dsr), Range(d.DsrCi), F(d.Utility) + (d.UtilityMeasured ? "" : " (none)"),
                F(d.NormalizedDs), Range(d.NormalizedDsCi), $"{d.CiRank}");
        console.Write(defenders);
    }
}
