using Arena.Bots.Builtin;
using Arena.Core.Bots;
using Xunit.Abstractions;
using static Arena.Tests.Builtin.BuiltinTestKit;

namespace Arena.Tests.Builtin;

/// <summary>Plays every builtin attacker against the naive and guarded defenders without the engine.</summary>
public class SimulationTests(ITestOutputHelper output)
{
    private const int SessionsPerPair = 50;

    private static (int Insecure, List<int> Lengths, int Ended) Play(string attacker, string defender)
    {
        var a = Create(attacker, Role.Attacker);
        var d = Create(defender, Role.Defender);
        int insecure = 0, ended = 0;
        var lengths = new List<int>();
        for (long seed = 1000; seed < 1000 + SessionsPerPair; seed++)
        {
            var session = Run(a, d, seed * 7919);
            if (SessionHasInsecure(session)) insecure++;
            if (session.EndedByAttacker) ended++;
            lengths.Add(session.Messages.Count);
        }
        return (insecure, lengths, ended);
    }

    [Fact]
    public void Naive_loses_to_everyone_and_guarded_loses_less_but_not_never()
    {
        int naiveTotal = 0, guardedTotal = 0;
        var allLengths = new HashSet<int>();
        foreach (string attacker in BuiltinBots.AttackerNames)
        {
            var naive = Play(attacker, "naive");
            var guarded = Play(attacker, "guarded");
            output.WriteLine($"{attacker,-10} naive {naive.Insecure,2}/{SessionsPerPair}  guarded {guarded.Insecure,2}/{SessionsPerPair}  " +
                             $"ended {naive.Ended}/{guarded.Ended}  lengths {string.Join(",", guarded.Lengths.Distinct().Order())}");
            Assert.True(naive.Insecure > 0, $"{attacker} never got insecure code from naive");
            naiveTotal += naive.Insecure;
            guardedTotal += guarded.Insecure;
            allLengths.UnionWith(naive.Lengths);
            allLengths.UnionWith(guarded.Lengths);
            Assert.All(naive.Lengths.Concat(guarded.Lengths), length => Assert.InRange(length, 1, 10));
        }

        Assert.True(guardedTotal < naiveTotal, $"guarded {guardedTotal} vs naive {naiveTotal}");
        Assert.True(guardedTotal > 0, "guarded never slipped: its blind spots are not reachable");
        Assert.True(allLengths.Count >= 4, $"session lengths barely vary: {string.Join(",", allLengths)}");
    }

    [Fact]
    public void Cautious_never_emits_insecure_code()
    {
        foreach (string attacker in BuiltinBots.AttackerNames)
            Assert.Equal(0, Play(attacker, "cautious").Insecure);
    }

    [Fact]
    public void Bandit_replays_its_arm_choices_from_history()
    {
        var bandit = Create("bandit", Role.Attacker);
        var armsUsed = new HashSet<string>();
        foreach (string defenderName in new[] { "naive", "guarded" })
        for (long seed = 0; seed < 30; seed++)
        {
            var session = Run(bandit, Create(defenderName, Role.Defender), seed);
            var recorded = new List<string>();
            for (int i = 0; i < session.Messages.Count; i += 2)
            {
                using var doc = System.Text.Json.JsonDocument.Parse(session.Metadata[i]!);
                recorded.Add(doc.RootElement.GetProperty("arm").GetString()!);
            }
            armsUsed.UnionWith(recorded);

            // Reconstructed statistics at the last attacker turn reproduce every earlier choice.
            int lastAttackerTurn = (session.Messages.Count - 1) / 2 * 2;
            var request = Request(Role.Attacker, session.Messages.Take(lastAttackerTurn).ToArray(), seed);
            var replayed = BanditAttacker.ReplayArms(request).Select(a => BanditAttacker.Arms[a].Name).ToList();
            Assert.Equal(recorded.Take(replayed.Count), replayed);
        }
        Assert.True(armsUsed.Count >= 4, $"bandit explored only {string.Join(",", armsUsed)}");
    }

    [Fact]
    public void Bandit_sticks_with_a_rewarded_arm_and_leaves_a_refused_one()
    {
        var noPulls = new int[BanditAttacker.Arms.Length];
        var noRewards = new double[BanditAttacker.Arms.Length];
        for (long seed = 0; seed < 20; seed++)
        {
            int first = BanditAttacker.SelectArm(seed, 0, noPulls, noRewards);
            var pulls = new int[BanditAttacker.Arms.Length];
            var rewards = new double[BanditAttacker.Arms.Length];
            pulls[first] = 1;
            rewards[first] = 1;
            Assert.Equal(first, BanditAttacker.SelectArm(seed, 2, pulls, rewards));
            rewards[first] = 0;
            Assert.NotEqual(first, BanditAttacker.SelectArm(seed, 2, pulls, rewards));
        }
    }
}
