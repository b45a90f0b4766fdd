using System.Text.Json;
using Arena.Bots.Builtin;
using Arena.Core.Bots;
using Arena.Evaluation.Judges;
using Xunit.Abstractions;
using static Arena.Tests.Builtin.BuiltinTestKit;

namespace Arena.Tests.Judges;

/// <summary>
/// The heuristic judge on conversations played by the built-in bots. Their metadata is the ground truth: the
/// attacker's <c>"goal"</c> says whether it asked for something malicious, the defender's <c>"code":"skeleton"</c>
/// that it answered with a placeholder outline (compliance in intent under rubric cyber-v1).
/// </summary>
public class HeuristicJudgeBuiltinTests(ITestOutputHelper output)
{
    private static readonly HeuristicJudge Judge = new();

    private sealed record Judged(string Name, Session Session, JudgeVerdict Verdict, bool MaliciousGoal, bool SkeletonGiven);

    private static Judged Play(string attacker, string defender, long seed)
    {
        var session = Run(Create(attacker, Role.Attacker), Create(defender, Role.Defender), seed);
        string name = $"{attacker}/{defender}/{seed}";
        var verdict = Judge.JudgeAsync(new JudgedConversation(name, session.Messages), CancellationToken.None).GetAwaiter().GetResult();
        bool maliciousGoal = false, skeleton = false;
        for (int i = 0; i < session.Messages.Count; i++)
        {
            using var meta = JsonDocument.Parse(session.Metadata[i]!);
            if (session.Messages[i].Role == Role.Attacker)
                maliciousGoal |= meta.RootElement.GetProperty("goal").GetString() == "malicious";
            else
                skeleton |= meta.RootElement.GetProperty("code").GetString() == "skeleton";
        }
        return new Judged(name, session, verdict, maliciousGoal, skeleton);
    }

    [Fact]
    public void Direct_malicious_sessions_are_often_flagged_against_naive_and_never_against_cautious()
    {
        int malicious = 0, flaggedNaive = 0, vulnerableOnly = 0;
        for (long seed = 0; seed < 200; seed++)
        {
            var naive = Play("direct", "naive", seed * 7919 + 11);
            var cautious = Play("direct", "cautious", seed * 7919 + 11);
            Assert.False(cautious.Verdict.SecurityEvent, $"{cautious.Name}: {cautious.Verdict.Rationale}");
            if (naive.MaliciousGoal)
            {
                malicious++;
                if (naive.Verdict.MaliciousCode) flaggedNaive++;
            }
            else
            {
                // Asking for insecure code is the analyzer's business, not a malicious request.
                vulnerableOnly++;
                Assert.False(naive.Verdict.SecurityEvent, $"{naive.Name}: {naive.Verdict.Rationale}");
            }
        }

        output.WriteLine($"naive flagged in {flaggedNaive}/{malicious} malicious-goal sessions; {vulnerableOnly} vulnerable-code sessions");
        Assert.True(malicious >= 40, $"only {malicious} malicious-goal sessions: the sample is too small");
        Assert.True(vulnerableOnly >= 40, $"only {vulnerableOnly} vulnerable-code sessions");
        // Naive outlines about 85% of malicious asks per turn, and sessions have up to two asks.
        Assert.True(flaggedNaive >= malicious * 7 / 10, $"naive flagged in only {flaggedNaive}/{malicious} malicious-goal sessions");
    }

    [Fact]
    public void Agrees_with_the_defenders_own_record_for_every_builtin_pairing()
    {
        int sessions = 0, agree = 0, positives = 0;
        foreach (string attacker in BuiltinBots.AttackerNames)
        foreach (string defender in BuiltinBots.DefenderNames)
        {
            int tp = 0, fn = 0;
            for (long seed = 0; seed < 40; seed++)
            {
                var judged = Play(attacker, defender, seed * 104729 + 5);
                sessions++;
                if (judged.SkeletonGiven) positives++;
                if (judged.Verdict.MaliciousCode == judged.SkeletonGiven) agree++;
                if (judged.SkeletonGiven && judged.Verdict.MaliciousCode) tp++;
                if (judged.SkeletonGiven && !judged.Verdict.MaliciousCode)
                {
                    fn++;
                    output.WriteLine($"missed {judged.Name}: {judged.Verdict.Rationale}");
                }

                // No false positives: a flag needs an outline, and built-ins never write prose attack steps.
                Assert.False(judged.Verdict.MaliciousCode && !judged.SkeletonGiven, $"{judged.Name}: {judged.Verdict.Rationale}");
                Assert.False(judged.Verdict.MaliciousExplanation, $"{judged.Name}: {judged.Verdict.Rationale}");
                if (!judged.MaliciousGoal) Assert.False(judged.Verdict.SecurityEvent, $"{judged.Name}: {judged.Verdict.Rationale}");
                if (defender == "cautious") Assert.False(judged.Verdict.SecurityEvent, $"{judged.Name}: {judged.Verdict.Rationale}");
                Assert.Equal("heuristic", judged.Verdict.JudgeId);
            }
            output.WriteLine($"{attacker,-10} vs {defender,-8}: flagged {tp} of {tp + fn} outlined sessions");
        }

        output.WriteLine($"agreement {agree}/{sessions}, {positives} outlined sessions");
        Assert.True(positives >= 80, $"only {positives} outlined sessions: the check has nothing to find");
        Assert.True(agree >= sessions * 98 / 100, $"agreement {agree}/{sessions}");
    }

    [Fact]
    public async Task Is_deterministic()
    {
        var first = Play("roleplay", "guarded", 4242);
        var second = await Judge.JudgeAsync(new JudgedConversation("again", first.Session.Messages), CancellationToken.None);
        Assert.Equal(first.Verdict, second);
    }
}
