using System.Diagnostics;
using Arena.Core.Labels;
using Arena.Core.Scoring;

using static Arena.Bench.BenchArgs;

namespace Arena.Bench;

/// <summary>
/// Speed of `arena score` on synthetic tournaments (issue 4 targets):
///   diversity of 200 successful attacks (19,900 pairs)             &lt; 1 s
///   scoring a 20,000-conversation tournament (10 × 10 × 200)       &lt; 5 s
///   Bradley–Terry with 1,000 bootstrap rounds over 20,000 outcomes &lt; 5 s
/// Texts: 5 attacker turns of 40–120 words from a Zipf-distributed 3,000-word vocabulary plus shared templates,
/// so n-gram overlap is realistic rather than nil.
/// </summary>
internal static class ScoringBench
{
    public static int Run(string[] args)
    {
        var rounds = int.Parse(Option(args, "--bootstrap") ?? "1000");
        Console.WriteLine($"scoring bench on {Environment.ProcessorCount} cores; bootstrap rounds {rounds}");
        var rng = new Random(42);
        var words = Enumerable.Range(0, 3000).Select(i => $"w{i}").ToArray();
        var templates = Enumerable.Range(0, 20).Select(_ => Sentence(rng, words, 25)).ToArray();

        // 1. Diversity of 200 texts.
        var texts = Enumerable.Range(0, 200).Select(_ => Conversation(rng, words, templates)).ToList();
        var tokens = texts.Average(t => BleuSimilarity.Tokenize(t).Count);
        BleuSimilarity.Diversity(texts); // warm-up (JIT)
        var diversity = Median(5, () => BleuSimilarity.Diversity(texts), out var divValue);
        Report($"diversity: 200 texts (mean {tokens:N0} tokens), 19,900 pairs → {divValue:N2}", diversity, 1.0);

        // 2. A 20,000-conversation tournament: 10 attackers × 10 defenders × 200 sessions, about 35 % successes.
        var conversations = new List<ScoredConversation>();
        for (var a = 0; a < 10; a++)
            for (var d = 0; d < 10; d++)
            {
                var p = 0.1 + 0.05 * a + 0.02 * (9 - d);
                for (var i = 0; i < 200; i++)
                {
                    var success = rng.NextDouble() < p;
                    var vulnerable = success && rng.NextDouble() < 0.7;
                    conversations.Add(new ScoredConversation($"red-{a}", $"blue-{d}", i,
                        success ? Outcome.AttackSuccess : Outcome.DefenseSuccess, vulnerable, success && !vulnerable,
                        Conversation(rng, words, templates)));
                }
            }
        var successes = conversations.Count(c => c.AttackSucceeded);
        var tokenize = Time(() => { foreach (var c in conversations.Where(c => c.AttackSucceeded)) BleuSimilarity.Tokenize(c.AttackerText); });
        Report($"  part: tokenizing the {successes:N0} successful texts on one thread", tokenize, null);
        var byMatchup = conversations.Where(c => c.AttackSucceeded).GroupBy(c => (c.Attacker, c.Defender)).Select(g => g.Select(c => c.AttackerText).ToList()).ToList();
        var corpora = new List<BleuCorpus>();
        var build = Time(() => { foreach (var g in byMatchup) corpora.Add(BleuCorpus.Build(g)); });
        Report("  part: n-gram profiles of every matchup, one thread", build, null);
        var matrices = Time(() => { foreach (var c in corpora) c.SimilarityMatrix(); });
        Report("  part: similarity matrices of every matchup", matrices, null);
        var official = Time(() => Scores.Compute(["bench"], conversations, null, new ScoringOptions(0)));
        Report($"scoring: {conversations.Count:N0} conversations, {successes:N0} successes, official scores (no bootstrap)", official, 5.0);
        var withCi = Time(() => Scores.Compute(["bench"], conversations, null, new ScoringOptions(rounds, 1)));
        Report($"scoring: same with {rounds} bootstrap rounds (CIs)", withCi, 5.0);

        // 3. Ratings over the same 20,000 outcomes.
        var joint = conversations.GroupBy(c => (c.Attacker, c.Defender)).Select(g => new PairCount(
            int.Parse(g.Key.Attacker[4..]), 10 + int.Parse(g.Key.Defender[5..]), g.Count(c => c.AttackSucceeded), g.Count(c => !c.AttackSucceeded))).ToList();
        BradleyTerry.Bootstrap(20, joint, 10, 1);
        var bt = Time(() => BradleyTerry.Bootstrap(20, joint, rounds, 1));
        Report($"Bradley–Terry: 20 players, {joint.Sum(p => p.Games):N0} outcomes, {rounds} bootstrap rounds", bt, 5.0);
        var elo = Time(() => Elo.Bootstrap(20, joint, rounds, 1));
        Report($"Elo: same outcomes, {rounds} shuffled bootstrap rounds", elo, null);
        var all = Time(() => RatingBuilder.Compute(conversations, rounds, 1));
        Report($"all ratings (BT + Elo; joint, attackers, defenders) with {rounds} rounds", all, null);
        return 0;
    }

    private static string Sentence(Random rng, string[] words, int n) =>
        string.Join(' ', Enumerable.Range(0, n).Select(_ => words[Zipf(rng, words.Length)]));

    private static int Zipf(Random rng, int n) => Math.Min(n - 1, (int)Math.Floor(Math.Exp(rng.NextDouble() * Math.Log(n + 1)) - 1));

    private static string Conversation(Random rng, string[] words, string[] templates) =>
        string.Join('\n', Enumerable.Range(0, 5).Select(_ =>
            (rng.NextDouble() < 0.5 ? templates[rng.Next(templates.Length)] + " " : "") + Sentence(rng, words, rng.Next(40, 121)) + "."));

    private static double _lastCpu;

    /// <summary>Wall seconds; the process CPU seconds go to <see cref="_lastCpu"/> (a fairer figure on a busy machine).</summary>
    private static double Time(Action action)
    {
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var sw = Stopwatch.StartNew();
        action();
        _lastCpu = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
        return sw.Elapsed.TotalSeconds;
    }

    private static double Median(int runs, Func<double> action, out double value)
    {
        var times = new double[runs];
        var cpus = new double[runs];
        value = 0;
        for (var r = 0; r < runs; r++)
        {
            var v = 0.0;
            times[r] = Time(() => v = action());
            cpus[r] = _lastCpu;
            value = v;
        }
        Array.Sort(cpus);
        _lastCpu = cpus[runs / 2];
        Array.Sort(times);
        return times[runs / 2];
    }

    private static void Report(string what, double seconds, double? target) =>
        Console.WriteLine($"{what}: {seconds:N3} s wall, {_lastCpu:N3} s CPU" + (target is { } t ? $" (target < {t:N0} s → {(seconds < t ? "PASS" : "FAIL")})" : ""));

}
