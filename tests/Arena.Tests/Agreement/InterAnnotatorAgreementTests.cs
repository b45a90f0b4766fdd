using Arena.Core.Agreement;

namespace Arena.Tests.Agreement;

public sealed class InterAnnotatorAgreementTests
{
    /// <summary>Rows of category counts → judgments with made-up rater ids (Fleiss' data has no rater identities).</summary>
    private static List<Judgment> FromCounts(int[][] rows)
    {
        var list = new List<Judgment>();
        for (var i = 0; i < rows.Length; i++)
        {
            var rater = 0;
            for (var c = 0; c < rows[i].Length; c++)
                for (var k = 0; k < rows[i][c]; k++)
                    list.Add(new Judgment($"item{i}", $"r{rater++}", $"cat{c + 1}"));
        }
        return list;
    }

    /// <summary>Observers × units, null = missing.</summary>
    private static List<Judgment> FromMatrix(string?[][] byObserver) =>
        byObserver.SelectMany((row, o) => row.Select((v, u) => (v, u)).Where(x => x.v is not null)
            .Select(x => new Judgment($"u{x.u + 1}", $"obs{o}", x.v!))).ToList();

    [Fact]
    public void Fleiss_kappa_matches_the_worked_example_of_Fleiss_1971_on_Wikipedia()
    {
        // 10 subjects, 14 raters, 5 categories: P̄ = 0.378, P_e = 0.213, κ = 0.210.
        int[][] rows =
        [
            [0, 0, 0, 0, 14], [0, 2, 6, 4, 2], [0, 0, 3, 5, 6], [0, 3, 9, 2, 0], [2, 2, 8, 1, 1],
            [7, 7, 0, 0, 0], [3, 2, 6, 3, 0], [2, 5, 3, 2, 2], [6, 5, 2, 1, 0], [0, 2, 2, 3, 7],
        ];
        var r = InterAnnotatorAgreement.Compute(FromCounts(rows));
        Assert.Equal(0.210, r.FleissKappa!.Value, 0.0005);
        Assert.Equal(0.378, r.PercentAgreement!.Value, 0.0005); // equal judgments per item: percent agreement is Fleiss' P̄
        Assert.Equal(10, r.Items);
        Assert.Equal(140, r.Judgments);
    }

    [Fact]
    public void Krippendorff_alpha_matches_the_nominal_example_with_missing_data_of_Krippendorff_2011()
    {
        // "Computing Krippendorff's Alpha-Reliability" (2011), C: 4 observers × 12 units, α_nominal = 0.743.
        string?[][] data =
        [
            ["1", "2", "3", "3", "2", "1", "4", "1", "2", null, null, null],
            ["1", "2", "3", "3", "2", "2", "4", "1", "2", "5", null, "3"],
            [null, "3", "3", "3", "2", "3", "4", "2", "2", "5", "1", null],
            ["1", "2", "3", "3", "2", "4", "4", "1", "2", "5", "1", null],
        ];
        var r = InterAnnotatorAgreement.Compute(FromMatrix(data));
        Assert.Equal(0.743, r.KrippendorffAlpha!.Value, 0.0005);
        Assert.Null(r.FleissKappa); // units have 3 or 4 values: kappa's assumption fails
        Assert.Equal(12, r.Items);
        Assert.Equal(11, r.PairableItems); // unit 12 has one value
    }

    [Fact]
    public void Krippendorff_alpha_matches_the_binary_two_observer_example_of_Krippendorff_2011()
    {
        // Section A: two observers, ten units, no missing data: α = 0.095.
        string?[][] data =
        [
            ["0", "1", "0", "0", "0", "0", "0", "0", "1", "0"],
            ["1", "1", "1", "0", "0", "1", "0", "0", "0", "0"],
        ];
        Assert.Equal(0.095, InterAnnotatorAgreement.Compute(FromMatrix(data)).KrippendorffAlpha!.Value, 0.0005);
    }

    [Fact]
    public void With_two_raters_and_no_missing_data_kappa_is_Scotts_pi_and_alpha_its_small_sample_correction()
    {
        var rng = new Random(7);
        string[] labels = ["a", "b", "c"];
        var n = 40;
        var first = Enumerable.Range(0, n).Select(_ => labels[rng.Next(3)]).ToArray();
        var second = first.Select(l => rng.NextDouble() < 0.6 ? l : labels[rng.Next(3)]).ToArray();
        // Scott's pi, straight from its definition.
        var observed = first.Zip(second).Count(p => p.First == p.Second) / (double)n;
        var expected = labels.Sum(l => Math.Pow((first.Count(x => x == l) + second.Count(x => x == l)) / (2.0 * n), 2));
        var pi = (observed - expected) / (1 - expected);

        var r = InterAnnotatorAgreement.Compute(FromMatrix([first, second]));
        Assert.Equal(pi, r.FleissKappa!.Value, 1e-12);
        Assert.Equal(observed, r.PercentAgreement!.Value, 1e-12);
        // Krippendorff: α = 1 − (2N − 1)/(2N) · (1 − π) for two coders.
        Assert.Equal(1 - (2.0 * n - 1) / (2.0 * n) * (1 - pi), r.KrippendorffAlpha!.Value, 1e-12);
        Assert.Single(r.Pairs);
        Assert.Equal(observed, r.Pairs[0].Agreement, 1e-12);
        Assert.Equal(n, r.Pairs[0].SharedItems);
    }

    [Fact]
    public void Perfect_agreement_gives_one_everywhere()
    {
        var judgments = new List<Judgment>();
        for (var i = 0; i < 6; i++)
            foreach (var a in new[] { "x", "y", "z" })
                judgments.Add(new Judgment($"i{i}", a, i % 2 == 0 ? "yes" : "no"));
        var r = InterAnnotatorAgreement.Compute(judgments);
        Assert.Equal(1.0, r.FleissKappa!.Value, 1e-12);
        Assert.Equal(1.0, r.KrippendorffAlpha!.Value, 1e-12);
        Assert.Equal(1.0, r.PercentAgreement!.Value, 1e-12);
        Assert.All(r.Pairs, p => Assert.Equal(1.0, p.Agreement));
        Assert.All(r.Annotators, a => Assert.Equal(1.0, a.AvgAgreement));
    }

    [Fact]
    public void A_single_label_value_leaves_kappa_and_alpha_undefined_not_a_number()
    {
        var r = InterAnnotatorAgreement.Compute([new("i", "a", "no"), new("i", "b", "no"), new("j", "a", "no"), new("j", "b", "no")]);
        Assert.Null(r.FleissKappa);
        Assert.Null(r.KrippendorffAlpha);
        Assert.Equal(1.0, r.PercentAgreement);
    }

    [Fact]
    public void Percent_agreement_is_the_mean_share_of_agreeing_pairs_and_single_judgments_are_ignored()
    {
        // i1: a,a,b → 1 of 3 pairs agree; i2: a,a → 1 of 1; i3 judged once → ignored.
        Judgment[] judgments =
        [
            new("i1", "p", "a"), new("i1", "q", "a"), new("i1", "r", "b"),
            new("i2", "p", "a"), new("i2", "q", "a"),
            new("i3", "r", "zzz"),
        ];
        var r = InterAnnotatorAgreement.Compute(judgments);
        Assert.Equal((1 / 3.0 + 1) / 2, r.PercentAgreement!.Value, 1e-12);
        Assert.Null(r.FleissKappa); // 3 and 2 judgments
        Assert.Equal(3, r.Items);
        Assert.Equal(2, r.PairableItems);
        Assert.Equal(6, r.Judgments);
        var without = InterAnnotatorAgreement.Compute(judgments[..5]);
        Assert.Equal(without.KrippendorffAlpha, r.KrippendorffAlpha);

        // Pairs: p–q agree on i1 and i2; p–r and q–r disagree on their only shared item.
        Assert.Equal([("p", "q", 2, 1.0), ("p", "r", 1, 0.0), ("q", "r", 1, 0.0)],
            r.Pairs.Select(p => (p.A, p.B, p.SharedItems, p.Agreement)));
        // Averages over partners (Table 6): p = (1 + 0)/2, q = (1 + 0)/2, r = (0 + 0)/2; r judged 2 items.
        Assert.Equal([("p", 2, 0.5), ("q", 2, 0.5), ("r", 2, 0.0)],
            r.Annotators.Select(a => (a.Id, a.Items, a.AvgAgreement!.Value)));
    }

    [Fact]
    public void The_same_annotator_twice_on_an_item_is_refused()
    {
        var e = Assert.Throws<ArgumentException>(() => InterAnnotatorAgreement.Compute([new("i", "a", "x"), new("i", "a", "y")]));
        Assert.Contains("'a'", e.Message);
    }

    [Fact]
    public void No_pairable_items_gives_nulls_not_errors()
    {
        var r = InterAnnotatorAgreement.Compute([new("i", "a", "x"), new("j", "b", "y")]);
        Assert.Null(r.FleissKappa);
        Assert.Null(r.KrippendorffAlpha);
        Assert.Null(r.PercentAgreement);
        Assert.Empty(r.Pairs);
        Assert.All(r.Annotators, a => Assert.Null(a.AvgAgreement));
    }
}
