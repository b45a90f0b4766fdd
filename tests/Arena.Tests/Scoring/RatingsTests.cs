using Arena.Core.Labels;
using Arena.Core.Scoring;

namespace Arena.Tests.Scoring;

public sealed class RatingsTests
{
    private static readonly double EloPerLn = 400 / Math.Log(10);

    [Fact]
    public void Bradley_terry_with_two_players_is_the_log_odds_of_their_record()
    {
        // Closed form: θA − θB = ln(30 / 10); on the Elo scale 400·log10(3), centred on 1000.
        var r = BradleyTerry.Fit(2, [new PairCount(0, 1, 30, 10)], prior: 0);
        Assert.Equal(400 * Math.Log10(3), r[0] - r[1], 6);
        Assert.Equal(2000, r[0] + r[1], 6);
    }

    [Fact]
    public void Bradley_terry_recovers_strengths_from_counts_that_fit_the_model_exactly()
    {
        // Strengths 1 : 2 : 4; each record is exactly n·πi/(πi+πj), so the score equations hold at the truth.
        PairCount[] pairs = [new(0, 1, 10, 20), new(0, 2, 10, 40), new(1, 2, 10, 20)];
        var r = BradleyTerry.Fit(3, pairs, prior: 0);
        Assert.Equal(400 * Math.Log10(2), r[1] - r[0], 6);
        Assert.Equal(400 * Math.Log10(2), r[2] - r[1], 6);
    }

    [Fact]
    public void The_prior_keeps_an_unbeaten_player_finite_and_on_top()
    {
        var r = BradleyTerry.Fit(2, [new PairCount(0, 1, 10, 0)]);
        Assert.True(double.IsFinite(r[0]) && r[0] > r[1]);
        // One virtual draw against an average opponent: far less than the MLE's infinity, but a clear gap.
        Assert.InRange(r[0] - r[1], 200, 2000);
    }

    [Fact]
    public void Bradley_terry_bootstrap_interval_has_the_delta_method_width()
    {
        // 150 of 200: SE of the log-odds = 1/sqrt(n·p·(1−p)); each player carries half the difference.
        var (rating, ci) = BradleyTerry.Bootstrap(2, [new PairCount(0, 1, 150, 50)], rounds: 1000, seed: 5, prior: 0);
        var halfWidth = 1.96 / Math.Sqrt(200 * 0.75 * 0.25) * EloPerLn / 2;
        Assert.InRange(ci[0].Upper - ci[0].Lower, 2 * halfWidth * 0.8, 2 * halfWidth * 1.2);
        Assert.InRange(rating[0], ci[0].Lower, ci[0].Upper);
    }

    [Fact]
    public void Elo_is_zero_sum_and_moves_k_over_two_between_equals()
    {
        var r = Elo.Play(3, [(0, 1, true)]);
        Assert.Equal((1000 + Elo.K / 2, 1000 - Elo.K / 2, 1000.0), (r[0], r[1], r[2]));
        var many = Elo.Play(3, Enumerable.Range(0, 300).Select(i => (i % 3, (i + 1) % 3, i % 3 == 0)));
        Assert.Equal(3000, many.Sum(), 6);
        Assert.True(many[0] > many[1] && many[0] > many[2]);
    }

    private static ScoredConversation C(string a, string d, int i, bool success) =>
        new(a, d, i, success ? Outcome.AttackSuccess : Outcome.DefenseSuccess, false, false, "");

    [Fact]
    public void Same_side_games_pair_sessions_by_opponent_and_index()
    {
        // Against d1: index 0 A wins (A succeeded, B not); index 1 no game (both succeeded); index 2 B wins.
        // Against d2: index 0 A wins. Unlabeled conversations play no game.
        List<ScoredConversation> conversations =
        [
            C("A", "d1", 0, true), C("B", "d1", 0, false),
            C("A", "d1", 1, true), C("B", "d1", 1, true),
            C("A", "d1", 2, false), C("B", "d1", 2, true),
            C("A", "d2", 0, true), C("B", "d2", 0, false),
            new("A", "d2", 1, Outcome.Unlabeled, false, false, ""), C("B", "d2", 1, true),
        ];
        var ratings = RatingBuilder.Compute(conversations, rounds: 50, seed: 1);
        var attackers = ratings.Tables.Single(t => t is { Method: "bradley_terry", Scope: "attackers" });
        var a = attackers.Rows.Single(r => r.Id == "A");
        var b = attackers.Rows.Single(r => r.Id == "B");
        Assert.Equal((3, 2, 3, 1), (a.Games, a.Wins, b.Games, b.Wins));
        Assert.True(a.Rating > b.Rating);

        // Defenders meet through the same attacker and index: (A, 0) both lost, (B, 0) both defended, (B, 1) both
        // lost, (A, 1) is unlabeled for d2: no decisive game at all.
        var defenders = ratings.Tables.Single(t => t is { Method: "bradley_terry", Scope: "defenders" });
        Assert.All(defenders.Rows, r => Assert.Equal(0, r.Games));

        // Joint: every labeled conversation is one game; an attacker's wins are its successes.
        var joint = ratings.Tables.Single(t => t is { Method: "bradley_terry", Scope: "joint" });
        Assert.Equal((4, 3), (joint.Rows.Single(r => r.Id == "A").Games, joint.Rows.Single(r => r.Id == "A").Wins));
        Assert.Equal((5, 3), (joint.Rows.Single(r => r.Id == "B").Games, joint.Rows.Single(r => r.Id == "B").Wins));
        Assert.Equal((3, 1), (joint.Rows.Single(r => r.Id == "d2").Games, joint.Rows.Single(r => r.Id == "d2").Wins));
        Assert.Equal(["attacker", "defender"], joint.Rows.Select(r => r.Role).Distinct().Order());
    }
}
