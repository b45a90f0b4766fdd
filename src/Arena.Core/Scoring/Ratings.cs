using System.Runtime.CompilerServices;

namespace Arena.Core.Scoring;

/// <summary>Aggregated results between players <see cref="I"/> and <see cref="J"/> (ties are not games).</summary>
internal readonly record struct PairCount(int I, int J, int WinsI, int WinsJ)
{
    public int Games => WinsI + WinsJ;
}

internal sealed record RatingRow(string Id, string Role, double Rating, Interval Ci, int CiRank, int Games, int Wins);

/// <summary>Method: "bradley_terry" or "elo". Scope: "joint" (attackers and defenders on one scale), "attackers", "defenders".</summary>
internal sealed record RatingTable(string Method, string Scope, IReadOnlyList<RatingRow> Rows);

internal sealed record Ratings(int BootstrapRounds, int Seed, IReadOnlyList<RatingTable> Tables);

/// <summary>
/// Ratings from conversation outcomes, on the Elo scale (400 points = 10:1 odds, mean 1000).
/// Joint: each labeled conversation is a game, the attacker wins on attack success.
/// Per side: attackers meet through common opponents — for the same defender and session index, A beats B when A's
/// attack succeeded and B's did not (both or neither: no game); defenders likewise for the same attacker and index,
/// the one that defended winning. Pairing by index uses every labeled conversation exactly once per rival and needs
/// no model of the opponent.
/// </summary>
internal static class RatingBuilder
{
    public static Ratings Compute(IReadOnlyList<ScoredConversation> conversations, int rounds, int seed)
    {
        var labeled = conversations.Where(c => c.Labeled).ToList();
        var attackers = labeled.Select(c => c.Attacker).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var defenders = labeled.Select(c => c.Defender).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();

        // Joint: attackers are players 0..A−1, defenders A..A+D−1.
        var joint = labeled
            .GroupBy(c => (A: Array.IndexOf(attackers, c.Attacker), D: attackers.Length + Array.IndexOf(defenders, c.Defender)))
            .Select(g => new PairCount(g.Key.A, g.Key.D, g.Count(c => c.AttackSucceeded), g.Count(c => !c.AttackSucceeded)))
            .ToList();
        var jointIds = attackers.Concat(defenders).ToArray();
        var jointRoles = attackers.Select(_ => "attacker").Concat(defenders.Select(_ => "defender")).ToArray();

        var attackerPairs = SameSidePairs(labeled, attackers, c => c.Attacker, c => c.Defender, c => c.AttackSucceeded);
        var defenderPairs = SameSidePairs(labeled, defenders, c => c.Defender, c => c.Attacker, c => !c.AttackSucceeded);
        var attackerRoles = attackers.Select(_ => "attacker").ToArray();
        var defenderRoles = defenders.Select(_ => "defender").ToArray();

        var tables = new List<RatingTable>();
        foreach (var (scope, ids, roles, pairs) in new[]
                 {
                     ("joint", jointIds, jointRoles, joint),
                     ("attackers", attackers, attackerRoles, attackerPairs),
                     ("defenders", defenders, defenderRoles, defenderPairs),
                 })
        {
            var bt = BradleyTerry.Bootstrap(ids.Length, pairs, rounds, seed);
            tables.Add(Table("bradley_terry", scope, ids, roles, pairs, bt.Rating, bt.Ci));
            var elo = Elo.Bootstrap(ids.Length, pairs, rounds, seed);
            tables.Add(Table("elo", scope, ids, roles, pairs, elo.Rating, elo.Ci));
        }
        return new Ratings(rounds, seed, tables);
    }

    private static List<PairCount> SameSidePairs(
        List<ScoredConversation> labeled, string[] players, Func<ScoredConversation, string> side,
        Func<ScoredConversation, string> opponent, Func<ScoredConversation, bool> won)
    {
        var wins = new int[players.Length, players.Length];
        foreach (var group in labeled.GroupBy(c => (Opponent: opponent(c), c.Index)))
        {
            var entries = group.Select(c => (P: Array.IndexOf(players, side(c)), Won: won(c))).ToList();
            foreach (var x in entries)
                foreach (var y in entries)
                    if (x.P != y.P && x.Won && !y.Won) wins[x.P, y.P]++;
        }
        var pairs = new List<PairCount>();
        for (var i = 0; i < players.Length; i++)
            for (var j = i + 1; j < players.Length; j++)
                if (wins[i, j] + wins[j, i] > 0) pairs.Add(new PairCount(i, j, wins[i, j], wins[j, i]));
        return pairs;
    }

    private static RatingTable Table(
        string method, string scope, string[] ids, string[] roles, List<PairCount> pairs, double[] rating, Interval[] ci)
    {
        var ciRanks = Scores.CiRanks(ci);
        var rows = ids.Select((id, i) => new RatingRow(id, roles[i], rating[i], ci[i], ciRanks[i],
                pairs.Where(p => p.I == i || p.J == i).Sum(p => p.Games),
                pairs.Sum(p => p.I == i ? p.WinsI : p.J == i ? p.WinsJ : 0)))
            .OrderByDescending(r => r.Rating).ThenBy(r => r.Id, StringComparer.Ordinal).ToList();
        return new RatingTable(method, scope, rows);
    }

    /// <summary>One bootstrap replicate of aggregated counts: each pair's games resampled with replacement.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static PairCount[] Resample(IReadOnlyList<PairCount> pairs, ref SplitMix64 rng)
    {
        var result = new PairCount[pairs.Count];
        for (var k = 0; k < pairs.Count; k++)
        {
            var p = pairs[k];
            var n = p.Games;
            var wins = 0;
            for (var g = 0; g < n; g++)
                if (rng.Next(n) < p.WinsI) wins++;
            result[k] = p with { WinsI = wins, WinsJ = n - wins };
        }
        return result;
    }

    internal static Interval[] Intervals(double[][] samples, int players)
    {
        var ci = new Interval[players];
        for (var i = 0; i < players; i++)
            ci[i] = samples.Length == 0
                ? new Interval(double.NaN, double.NaN)
                : Scores.PercentileInterval(samples.Select(s => s[i]).ToArray(), Scores.Confidence);
        return ci;
    }
}

/// <summary>
/// Bradley–Terry by maximum likelihood: P(i beats j) = 1 / (1 + e^(θj − θi)), fitted by Newton's method on aggregated
/// win counts. <paramref name="prior"/> virtual games per player against a fixed average opponent (half won, half lost)
/// keep the estimate finite when a team wins or loses every game; with prior 0 it is the plain MLE.
/// </summary>
internal static class BradleyTerry
{
    public const double DefaultPrior = 1;

    /// <summary>Ratings on the Elo scale, mean 1000.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double[] Fit(int players, IReadOnlyList<PairCount> pairs, double prior = DefaultPrior)
    {
        var theta = new double[players];
        if (players == 0) return theta;
        // With no prior the likelihood only fixes differences: pin player 0 and solve for the rest.
        var first = prior > 0 ? 0 : 1;
        var m = players - first;
        var grad = new double[players];
        var hess = new double[players, players];
        var ll = LogLikelihood(theta, pairs, prior);
        for (var iteration = 0; iteration < 100; iteration++)
        {
            Array.Clear(grad);
            Array.Clear(hess);
            for (var i = 0; i < players; i++)
            {
                if (prior <= 0) continue;
                var p = Sigmoid(theta[i]);
                grad[i] += prior / 2 - prior * p;
                hess[i, i] += prior * p * (1 - p);
            }
            foreach (var pc in pairs)
            {
                var p = Sigmoid(theta[pc.I] - theta[pc.J]);
                var expected = pc.Games * p;
                grad[pc.I] += pc.WinsI - expected;
                grad[pc.J] -= pc.WinsI - expected;
                var w = pc.Games * p * (1 - p);
                hess[pc.I, pc.I] += w;
                hess[pc.J, pc.J] += w;
                hess[pc.I, pc.J] -= w;
                hess[pc.J, pc.I] -= w;
            }
            var step = Solve(hess, grad, first, m);
            if (step is null) break;
            // Backtracking keeps every step an ascent step, so the iteration cannot oscillate.
            var scale = 1.0;
            var candidate = new double[players];
            double next;
            while (true)
            {
                for (var i = 0; i < players; i++) candidate[i] = theta[i] + scale * step[i];
                next = LogLikelihood(candidate, pairs, prior);
                if (next >= ll - 1e-12 || scale < 1e-8) break;
                scale /= 2;
            }
            var change = step.Max(Math.Abs) * scale;
            Array.Copy(candidate, theta, players);
            ll = next;
            if (change < 1e-10) break;
        }
        var mean = theta.Average();
        return theta.Select(t => 1000 + 400 * (t - mean) / Math.Log(10)).ToArray();
    }

    public static (double[] Rating, Interval[] Ci) Bootstrap(int players, IReadOnlyList<PairCount> pairs, int rounds, int seed, double prior = DefaultPrior)
    {
        var rating = Fit(players, pairs, prior);
        var samples = new double[Math.Max(0, rounds)][];
        Parallel.For(0, samples.Length, round =>
        {
            var rng = SplitMix64.ForRound(seed, round, 0xB7);
            samples[round] = Fit(players, RatingBuilder.Resample(pairs, ref rng), prior);
        });
        return (rating, RatingBuilder.Intervals(samples, players));
    }

    private static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));

    private static double LogLikelihood(double[] theta, IReadOnlyList<PairCount> pairs, double prior)
    {
        double ll = 0;
        foreach (var pc in pairs)
        {
            var d = theta[pc.I] - theta[pc.J];
            ll -= pc.WinsI * LogOnePlusExp(-d) + pc.WinsJ * LogOnePlusExp(d);
        }
        if (prior > 0)
            foreach (var t in theta)
                ll -= prior / 2 * (LogOnePlusExp(-t) + LogOnePlusExp(t));
        return ll;
    }

    private static double LogOnePlusExp(double x) => x > 30 ? x : Math.Log(1 + Math.Exp(x));

    /// <summary>Solves H·x = g on players first..first+m−1 (Gaussian elimination with pivoting); null when singular.</summary>
    private static double[]? Solve(double[,] hess, double[] grad, int first, int m)
    {
        var a = new double[m, m + 1];
        for (var r = 0; r < m; r++)
        {
            for (var c = 0; c < m; c++) a[r, c] = hess[first + r, first + c];
            a[r, m] = grad[first + r];
        }
        for (var col = 0; col < m; col++)
        {
            var pivot = col;
            for (var r = col + 1; r < m; r++)
                if (Math.Abs(a[r, col]) > Math.Abs(a[pivot, col])) pivot = r;
            if (Math.Abs(a[pivot, col]) < 1e-300) return null;
            if (pivot != col)
                for (var c = 0; c <= m; c++) (a[col, c], a[pivot, c]) = (a[pivot, c], a[col, c]);
            for (var r = 0; r < m; r++)
            {
                if (r == col) continue;
                var f = a[r, col] / a[col, col];
                if (f == 0) continue;
                for (var c = col; c <= m; c++) a[r, c] -= f * a[col, c];
            }
        }
        var x = new double[first + m];
        for (var r = 0; r < m; r++) x[first + r] = a[r, m] / a[r, r];
        return x;
    }
}

/// <summary>
/// Online Elo as Chatbot Arena computes it: K = 4, every player starts at 1000; the result depends on game order,
/// so each bootstrap round plays a resample of the games (each pair's games with replacement) in a random order,
/// and the reported rating is the median over rounds.
/// </summary>
internal static class Elo
{
    public const double K = 4;
    private static readonly double Ln10Over400 = Math.Log(10) / 400;

    /// <summary>Plays games in the given order; a game is (i, j, i won).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double[] Play(int players, IEnumerable<(int I, int J, bool IWon)> games)
    {
        var r = Enumerable.Repeat(1000.0, players).ToArray();
        foreach (var (i, j, iWon) in games)
        {
            var expected = 1 / (1 + Math.Exp((r[j] - r[i]) * Ln10Over400));
            var delta = K * ((iWon ? 1 : 0) - expected);
            r[i] += delta;
            r[j] -= delta;
        }
        return r;
    }

    public static (double[] Rating, Interval[] Ci) Bootstrap(int players, IReadOnlyList<PairCount> pairs, int rounds, int seed)
    {
        var total = pairs.Sum(p => p.Games);
        var samples = new double[Math.Max(1, rounds)][];
        Parallel.For(0, samples.Length, round =>
        {
            // Same resampling as Bradley–Terry (each pair's games with replacement), then a random order.
            var rng = SplitMix64.ForRound(seed, round, 0xE10);
            var resampled = RatingBuilder.Resample(pairs, ref rng);
            var games = new (int I, int J, bool IWon)[total];
            var g = 0;
            foreach (var p in resampled)
            {
                for (var w = 0; w < p.WinsI; w++) games[g++] = (p.I, p.J, true);
                for (var l = 0; l < p.WinsJ; l++) games[g++] = (p.I, p.J, false);
            }
            for (var k = games.Length - 1; k > 0; k--)
            {
                var swap = rng.Next(k + 1);
                (games[k], games[swap]) = (games[swap], games[k]);
            }
            samples[round] = Play(players, games);
        });
        var rating = Enumerable.Range(0, players).Select(i =>
        {
            var column = samples.Select(s => s[i]).Order().ToArray();
            return Scores.Quantile(column, 0.5);
        }).ToArray();
        return (rating, rounds > 0 ? RatingBuilder.Intervals(samples, players) : RatingBuilder.Intervals([], players));
    }
}
