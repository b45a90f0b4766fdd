using Arena.Core.Numerics;
using Arena.Analysis;
using Arena.Analysis.Embeddings;
using Arena.Core.Labels;
using Arena.Core.Sessions;

namespace Arena.Tests.DataAnalysis;

public sealed class AnalysisMathTests
{
    private static float[] RandomVector(Random r, int d, float[]? center = null, double spread = 1) =>
        Enumerable.Range(0, d).Select(k => (float)((center?[k] ?? 0) + spread * (r.NextDouble() * 2 - 1))).ToArray();

    [Fact]
    public void Diversity_matches_brute_force_pairwise_distances()
    {
        var r = new Random(3);
        var vectors = Enumerable.Range(0, 40).Select(_ => RandomVector(r, 16)).ToList();
        var groups = Enumerable.Range(0, 40).Select(i => i % 3 == 0 ? "a" : i % 3 == 1 ? "b" : "c").ToList();
        groups[0] = "solo-z"; // a group of one has no within value
        var m = SemanticDiversity.Compute("attacker", vectors, groups);

        double Mean(IEnumerable<(int I, int J)> pairs) => pairs.Average(p => 1 - Vectors.Cosine(vectors[p.I], vectors[p.J]));
        var idx = Enumerable.Range(0, 40).ToList();
        for (var a = 0; a < m.Groups.Count; a++)
        {
            var ga = idx.Where(i => groups[i] == m.Groups[a]).ToList();
            if (ga.Count < 2) Assert.Null(m.Within[a]);
            else Assert.Equal(Mean(from i in ga from j in ga where i < j select (i, j)), m.Within[a]!.Value, 6);
            for (var b = 0; b < m.Groups.Count; b++)
            {
                if (a == b) continue;
                var gb = idx.Where(i => groups[i] == m.Groups[b]).ToList();
                Assert.Equal(Mean(from i in ga from j in gb select (i, j)), m.Between[a][b]!.Value, 6);
            }
        }
    }

    [Fact]
    public void Identical_samples_have_zero_diversity_and_orthogonal_groups_distance_one()
    {
        var m = SemanticDiversity.Compute("defender", [[1, 0], [2, 0], [0, 3], [0, 1]], ["x", "x", "y", "y"]);
        Assert.Equal(0, m.Within[0]!.Value, 12);
        Assert.Equal(1, m.Between[0][1]!.Value, 12);
    }

    [Fact]
    public void Perplexity_calibration_hits_the_target_entropy()
    {
        var r = new Random(5);
        var points = Enumerable.Range(0, 120).Select(_ => RandomVector(r, 10, spread: 3)).ToList();
        var (p, entropy) = Tsne.Affinities(Tsne.SquaredDistances(points), points.Count, 30);
        for (var i = 0; i < points.Count; i++)
        {
            var row = Enumerable.Range(0, points.Count).Select(j => p[i * points.Count + j]).ToArray();
            Assert.Equal(1, row.Sum(), 9);
            var h = -row.Where(x => x > 0).Sum(x => x * Math.Log(x)); // recomputed here, not taken from the code under test
            Assert.Equal(Math.Log(30), h, 4);
            Assert.Equal(h, entropy[i], 4);
        }
    }

    [Fact]
    public void Separated_clusters_stay_separated_in_two_dimensions_and_the_map_is_deterministic()
    {
        var r = new Random(11);
        var centers = Enumerable.Range(0, 3).Select(_ => RandomVector(r, 50, spread: 10)).ToList();
        var points = new List<float[]>();
        var cluster = new List<int>();
        for (var c = 0; c < 3; c++)
            for (var k = 0; k < 40; k++) { points.Add(RandomVector(r, 50, centers[c], 0.5)); cluster.Add(c); }
        var options = new TsneOptions(Perplexity: 15, Iterations: 500, Seed: 2);
        var y = Tsne.Embed(points, options, CancellationToken.None);

        double Dist(int i, int j) => Math.Sqrt(Math.Pow(y[i][0] - y[j][0], 2) + Math.Pow(y[i][1] - y[j][1], 2));
        // every point's nearest neighbour in 2-D is from its own cluster, and clusters are far apart relative to their size
        for (var i = 0; i < points.Count; i++)
        {
            var nearest = Enumerable.Range(0, points.Count).Where(j => j != i).MinBy(j => Dist(i, j));
            Assert.True(cluster[i] == cluster[nearest], $"point {i}: nearest {nearest}; y {string.Join(" ", y.Take(6).Select(p => $"({p[0]:F2},{p[1]:F2})"))} … {string.Join(" ", y.Skip(40).Take(3).Select(p => $"({p[0]:F2},{p[1]:F2})"))}");
        }
        var within = (from i in Enumerable.Range(0, 120) from j in Enumerable.Range(0, 120) where i < j && cluster[i] == cluster[j] select Dist(i, j)).Average();
        var between = (from i in Enumerable.Range(0, 120) from j in Enumerable.Range(0, 120) where cluster[i] != cluster[j] select Dist(i, j)).Average();
        Assert.True(between > 3 * within, $"between {between:F2} within {within:F2}");

        var again = Tsne.Embed(points, options, CancellationToken.None);
        Assert.Equal(y.SelectMany(p => p), again.SelectMany(p => p));
    }

    private static SessionRecord Session(string id, string attacker, string defender = "d", string tournament = "t") =>
        new(id, tournament, attacker, defender, 0, 0, 4, SessionStatus.Completed, EndReason.MaxTurns, null, null,
            [new TurnRecord(0, global::Arena.Core.Bots.Role.Attacker, attacker, "hi", 1, 1, null, false)]);

    [Fact]
    public void Stratified_sample_is_proportional_per_stratum()
    {
        var sessions = Enumerable.Range(0, 300).Select(i => Session($"s{i}", i < 200 ? "big" : "small")).ToList();
        var chosen = TournamentAnalysis.StratifiedSample(sessions, 30, 1);
        Assert.Equal(30, chosen.Count);
        Assert.Equal(30, chosen.Distinct().Count());
        Assert.Equal(20, chosen.Count(i => sessions[i].Attacker == "big"));
        Assert.Equal(10, chosen.Count(i => sessions[i].Attacker == "small"));
        Assert.Equal(chosen, TournamentAnalysis.StratifiedSample(sessions, 30, 1));
        Assert.NotEqual(chosen, TournamentAnalysis.StratifiedSample(sessions, 30, 2));
    }

    private static LabelFinding Finding(int turn, string category, params string[] cwe) => new(turn, "rule", category, cwe, 1, "high", "high", "m");

    private static ConversationLabel Label(string id, Outcome outcome, JudgeEvidence? judge, params LabelFinding[] findings) =>
        new(id, outcome, findings.Length > 0, findings, "a", "1", judge, DateTimeOffset.UnixEpoch);

    [Fact]
    public void Tables_count_sessions_findings_and_first_vulnerable_reply()
    {
        var malicious = new JudgeEvidence(true, false, "", "j", "1");
        var sessions = new[] { Session("1", "x"), Session("2", "x"), Session("3", "y"), Session("4", "y") };
        var labels = new Dictionary<string, ConversationLabel>
        {
            ["1"] = Label("1", Outcome.AttackSuccess, null, Finding(3, "sqli", "CWE-89"), Finding(1, "sqli", "CWE-89"), Finding(5, "xss", "CWE-79")),
            ["2"] = Label("2", Outcome.AttackSuccess, malicious),
            ["3"] = Label("3", Outcome.AttackSuccess, null, Finding(1, "sqli", "CWE-564")),
            // "4" is unlabeled
        };
        var rows = AnalysisTables.VulnerableVsMalicious(sessions, labels);
        var x = Assert.Single(rows, r => r.Scope == "attacker" && r.Key == "x");
        Assert.Equal((2, 2, 1, 1, 0, 2), (x.Sessions, x.Labeled, x.VulnerableCode, x.SecurityEvent, x.Both, x.AttackSuccess));
        var t = Assert.Single(rows, r => r.Scope == "tournament");
        Assert.Equal((4, 3, 2, 1), (t.Sessions, t.Labeled, t.VulnerableCode, t.SecurityEvent));

        var classes = AnalysisTables.VulnerabilityClasses(labels.Values);
        Assert.Equal(["sqli", "xss"], classes.Select(c => c.Category));
        Assert.Equal((2, 3), (classes[0].Sessions, classes[0].Findings));
        Assert.Equal(["CWE-564", "CWE-89"], classes[0].Cwe);

        var first = AnalysisTables.FirstSuccess(labels.Values);
        Assert.Equal(2, first.VulnerableSessions);
        Assert.Equal(2, first.ByDefenderReply[1]); // turn 1 is the first defender reply in both
        Assert.Equal(1, first.JudgeDecided);
    }

    [Fact]
    public void Lexical_vectors_are_unit_length_deterministic_and_follow_shared_wording()
    {
        var lex = new LexicalEmbeddingGenerator();
        var a = lex.Embed("delete all files in the folder recursively");
        var b = lex.Embed("recursively delete all the files in a folder");
        var c = lex.Embed("bake sourdough bread overnight");
        Assert.Equal(1, Math.Sqrt(a.Sum(v => (double)v * v)), 5);
        Assert.Equal(a, lex.Embed("delete all files in the folder recursively"));
        Assert.True(Vectors.Cosine(a, b) > Vectors.Cosine(a, c) + 0.3);
    }
}
