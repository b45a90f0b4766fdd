using System.Text.Json;
using Arena.Bots.Builtin;
using Arena.Core.Bots;
using static Arena.Tests.Builtin.BuiltinTestKit;

namespace Arena.Tests.Builtin;

public class BuiltinBotsTests
{
    [Fact]
    public void Names_cover_every_strategy_and_defender()
    {
        Assert.Equal(["direct", "escalation", "roleplay", "vuln-edit", "decompose", "bandit"], BuiltinBots.AttackerNames);
        Assert.Equal(["naive", "guarded", "cautious"], BuiltinBots.DefenderNames);
    }

    [Fact]
    public void Every_name_is_creatable_in_its_role_and_described()
    {
        foreach (string name in BuiltinBots.AttackerNames)
        {
            Assert.True(BuiltinBots.TryCreate(name, Role.Attacker, out var bot, out string error), error);
            Assert.NotNull(bot);
            Assert.False(string.IsNullOrWhiteSpace(BuiltinBots.Describe(name)));
            Assert.DoesNotContain('\n', BuiltinBots.Describe(name));
        }
        foreach (string name in BuiltinBots.DefenderNames)
        {
            Assert.True(BuiltinBots.TryCreate(name, Role.Defender, out var bot, out string error), error);
            Assert.NotNull(bot);
            Assert.False(string.IsNullOrWhiteSpace(BuiltinBots.Describe(name)));
        }
    }

    [Fact]
    public void Unknown_names_are_rejected_with_the_known_list()
    {
        Assert.False(BuiltinBots.TryCreate("x", Role.Attacker, out var bot, out string error));
        Assert.Null(bot);
        Assert.Equal("unknown builtin attacker 'x'; known: direct, escalation, roleplay, vuln-edit, decompose, bandit", error);

        Assert.False(BuiltinBots.TryCreate("Direct", Role.Attacker, out _, out _));
        Assert.False(BuiltinBots.TryCreate("", Role.Defender, out _, out error));
        Assert.Contains("known: naive, guarded, cautious", error);
    }

    [Fact]
    public void Roles_are_not_interchangeable()
    {
        Assert.False(BuiltinBots.TryCreate("naive", Role.Attacker, out var bot, out string error));
        Assert.Null(bot);
        Assert.StartsWith("unknown builtin attacker 'naive'", error);
        Assert.Contains("defender", error[error.IndexOf('(')..]);
        Assert.False(BuiltinBots.TryCreate("bandit", Role.Defender, out _, out error));
        Assert.Contains("known: naive, guarded, cautious", error);
    }

    [Fact]
    public void Same_request_gives_the_same_reply_byte_for_byte()
    {
        foreach (string attackerName in BuiltinBots.AttackerNames)
        foreach (string defenderName in BuiltinBots.DefenderNames)
        {
            var attacker = Create(attackerName, Role.Attacker);
            var defender = Create(defenderName, Role.Defender);
            for (long seed = 1; seed <= 8; seed++)
            {
                var first = Run(attacker, defender, seed);
                var second = Run(Create(attackerName, Role.Attacker), Create(defenderName, Role.Defender), seed);
                Assert.Equal(first.Messages, second.Messages);
                Assert.Equal(first.Metadata, second.Metadata);
                Assert.Equal(first.EndedByAttacker, second.EndedByAttacker);

                // Replaying any prefix reproduces the recorded turn (what an engine retry does).
                for (int turn = 0; turn < first.Messages.Count; turn++)
                {
                    var role = turn % 2 == 0 ? Role.Attacker : Role.Defender;
                    var bot = role == Role.Attacker ? attacker : defender;
                    var reply = Call(bot, Request(role, first.Messages.Take(turn).ToArray(), seed));
                    Assert.Equal(first.Messages[turn].Content, reply.Content);
                    Assert.Equal(first.Metadata[turn], reply.MetadataJson);
                }
            }
        }
    }

    [Fact]
    public void Different_seeds_generally_give_different_openings()
    {
        foreach (string name in BuiltinBots.AttackerNames)
        {
            var bot = Create(name, Role.Attacker);
            var openings = Enumerable.Range(0, 40)
                .Select(seed => Call(bot, Request(Role.Attacker, [], seed)).Content)
                .Distinct().Count();
            Assert.True(openings >= 10, $"{name}: only {openings} distinct openings over 40 seeds");
        }

        var naive = Create("naive", Role.Defender);
        var answers = Enumerable.Range(0, 40)
            .Select(seed => Call(naive, DefenderRequest("Write a Python function that pings a host.", seed)).Content)
            .Distinct().Count();
        Assert.True(answers >= 4, $"naive gave only {answers} distinct answers");
    }

    [Fact]
    public void Metadata_is_a_small_json_object_naming_strategy_or_decision()
    {
        foreach (string attackerName in BuiltinBots.AttackerNames)
        {
            var session = Run(Create(attackerName, Role.Attacker), Create("guarded", Role.Defender), 7);
            for (int i = 0; i < session.Messages.Count; i++)
            {
                using var doc = JsonDocument.Parse(session.Metadata[i]!);
                Assert.Equal(JsonValueKind.Object, doc.RootElement.ValueKind);
                if (i % 2 == 0)
                {
                    Assert.Equal(attackerName, doc.RootElement.GetProperty("strategy").GetString());
                    Assert.Contains(doc.RootElement.GetProperty("goal").GetString(), new[] { "vulnerable_code", "malicious" });
                    Assert.Equal(i / 2, doc.RootElement.GetProperty("step").GetInt32());
                }
                else
                {
                    Assert.Contains(doc.RootElement.GetProperty("decision").GetString(), new[] { "comply", "refuse", "secure_variant", "clarify" });
                }
            }
        }
    }

    [Fact]
    public void Attacker_end_reply_has_no_content()
    {
        var attacker = Create("direct", Role.Attacker);
        var defender = Create("naive", Role.Defender);
        int ended = 0;
        for (long seed = 0; seed < 30; seed++)
        {
            var session = Run(attacker, defender, seed);
            if (!session.EndedByAttacker) continue;
            ended++;
            var end = Call(attacker, Request(Role.Attacker, session.Messages, seed));
            Assert.True(end.End);
            Assert.Null(end.Content);
        }
        Assert.True(ended > 0);
    }

    [Fact]
    public void Replies_are_fast()
    {
        var attacker = Create("bandit", Role.Attacker);
        var defender = Create("guarded", Role.Defender);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        int calls = 0;
        for (long seed = 0; seed < 400; seed++) calls += Run(attacker, defender, seed).Messages.Count + 1;
        watch.Stop();
        // A generous bound for slow CI machines; the real cost is a few microseconds per call.
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"{calls} calls took {watch.Elapsed}");
    }
}
