using Arena.Analysis;
using Arena.Analysis.Embeddings;
using Arena.Core.Agreement;
using Arena.Core.Labels;
using Arena.Core.Scoring;
using Arena.Reporting;

namespace Arena.Tests.Reporting;

/// <summary>The mapping from the computations' results to what the report shows.</summary>
public sealed class ReportAssemblerTests
{
    private static readonly ReportData Empty = new() { Title = "t" };

    private static List<ScoredConversation> Conversations()
    {
        var list = new List<ScoredConversation>();
        for (var i = 0; i < 10; i++)
        {
            // red succeeds 7/10 against blue (vulnerable code only), 2/10 against green (malicious help only).
            list.Add(new("red", "blue", i, i < 7 ? Outcome.AttackSuccess : Outcome.DefenseSuccess, i < 7, false, $"attack number {i} on blue with words {i * i}"));
            list.Add(new("red", "green", i, i < 2 ? Outcome.AttackSuccess : Outcome.DefenseSuccess, false, i < 2, $"other attack {i} against green {i + 3}"));
        }
        return list;
    }

    [Fact]
    public void Scores_map_to_leaderboards_with_intervals_and_the_harmonic_variant()
    {
        var conversations = Conversations();
        var board = Scores.Compute(["t"], conversations, null, new ScoringOptions(200, 3));
        var data = Empty.WithScores(board, RatingBuilder.Compute(conversations, 200, 3));

        var red = Assert.Single(data.Attackers!.Rows);
        var scored = board.Attackers.Single();
        Assert.Equal((scored.NormalizedAsr, scored.NormalizedAsrCi.Lower, scored.NormalizedAsrCi.Upper), (red.Score, red.Low!.Value, red.High!.Value));
        Assert.True(red.Low <= red.Score && red.Score <= red.High);
        Assert.Equal(2, data.Attackers.Matchups.Count);
        Assert.Equal([7, 2], data.Attackers.Matchups.OrderBy(m => m.Defender == "green").Select(m => m.AttackSuccess));
        Assert.Equal(["green", "blue"], data.Defenders!.Rows.OrderBy(r => r.Rank).Select(r => r.Bot)); // green defended 8 of 10, blue 3
        // Each matchup is one-dimensional, so the harmonic score (per matchup) is 0 while the official score is not;
        // the harmonic mean of the attacker-level ASRs (vulnerable 35, malicious 10) is shown beside it.
        var variant = Assert.Single(data.Variants!);
        Assert.Equal(0, variant.HarmonicScore);
        Assert.Equal(2 * 35.0 * 10 / 45, variant.HarmonicMeanAsr!.Value, 6);
        Assert.True(red.Score > 0);
        Assert.Contains(data.Notes, n => n.Contains("utility") && n.Contains("100"));
        Assert.Contains(data.Ratings!, t => t.Method == "Bradley–Terry" && t.Rows.Count == 3);
    }

    [Fact]
    public void Without_bootstrap_no_interval_or_ci_rank_is_shown()
    {
        var board = Scores.Compute(["t"], Conversations(), null, new ScoringOptions(0, 0));
        var data = Empty.WithScores(board, null);
        Assert.All(data.Attackers!.Rows.Concat(data.Defenders!.Rows), r => Assert.True(r.Low is null && r.High is null && r.CiRank is null));
        Assert.Contains(data.Notes, n => n.Contains("not computed"));
    }

    [Fact]
    public void Agreement_becomes_a_symmetric_matrix_with_unknown_pairs_left_empty()
    {
        // a and b share items 1-2 (agree on one), b and c share item 3 (agree), a and c share nothing.
        var report = InterAnnotatorAgreement.Compute([
            new Judgment("1", "a", "yes"), new Judgment("1", "b", "yes"),
            new Judgment("2", "a", "yes"), new Judgment("2", "b", "no"),
            new Judgment("3", "b", "no"), new Judgment("3", "c", "no"),
        ]);
        var a = Empty.WithAgreement(report, "x").Agreement!;
        Assert.Equal(["a", "b", "c"], a.Raters);
        Assert.Equal(0.5, a.Pairwise![0][1]);
        Assert.Equal(a.Pairwise[0][1], a.Pairwise[1][0]);
        Assert.Equal(1.0, a.Pairwise[1][2]);
        Assert.Null(a.Pairwise[0][2]);
        Assert.Equal(1.0, a.Pairwise[2][2]);
        Assert.Equal(3, a.Items);
    }

    [Fact]
    public void A_lexical_fallback_is_the_first_note_of_the_report()
    {
        var analysis = new AnalysisResult(["t"], 0, new EmbedderInfo("lexical", "lexical-ngrams", 1024, true, "node not found", null), "all turns",
            [], new TsneMap([], 30, 1, 0, "no points"), [], [], new FirstSuccessTurns(new Dictionary<int, int>(), 0, 0, null), [], new AnalysisTimings(0, 0, 0));
        var data = (Empty with { Notes = ["labels: something"] }).WithAnalysis(analysis);
        Assert.StartsWith("embeddings: LEXICAL FALLBACK", data.Notes[0]);
        Assert.Contains("node not found", data.Notes[0]);
        Assert.Null(data.Tables.FirstSuccessTurn);
        Assert.Null(data.Tables.VulnerableVsMalicious);
    }
}
