using Arena.Core.Bots;
using Arena.Core.Sessions;

namespace Arena.Tests.Core;

public sealed class TurnRulesTests
{
    [Theory]
    [InlineData(0, Role.Attacker)]
    [InlineData(1, Role.Defender)]
    [InlineData(2, Role.Attacker)]
    [InlineData(9, Role.Defender)]
    public void Attackers_speak_on_even_turns_and_defenders_on_odd(int turn, Role role) =>
        Assert.Equal(role, TurnRules.Speaker(turn));

    [Fact]
    public void An_attacker_end_finishes_the_session_without_recording_a_turn()
    {
        var step = TurnRules.AfterReply(turn: 4, maxTurns: 10, end: true);
        Assert.False(step.Record);
        Assert.Equal(EndReason.AttackerEnd, step.Finish);
    }

    [Fact]
    public void A_defender_end_is_ignored()
    {
        var step = TurnRules.AfterReply(turn: 3, maxTurns: 10, end: true);
        Assert.True(step.Record);
        Assert.True(step.Continues);
    }

    [Theory]
    [InlineData(8, 10, true)]
    [InlineData(9, 10, false)]
    [InlineData(0, 1, false)]
    public void The_turn_cap_ends_the_session_after_the_last_allowed_turn(int turn, int maxTurns, bool continues)
    {
        var step = TurnRules.AfterReply(turn, maxTurns, end: false);
        Assert.True(step.Record);
        Assert.Equal(continues, step.Continues);
        if (!continues) Assert.Equal(EndReason.MaxTurns, step.Finish);
    }

    [Fact]
    public void Over_long_replies_are_cut_to_the_limit_and_flagged()
    {
        Assert.Equal(("abc", false), TurnRules.Bound("abc", 3));
        Assert.Equal(("ab", true), TurnRules.Bound("abcd", 2));
        // Never split a surrogate pair.
        var (cut, truncated) = TurnRules.Bound("a😀b", 2);
        Assert.True(truncated);
        Assert.Equal("a", cut);
    }

    [Fact]
    public void Session_seeds_are_stable_distinct_and_depend_on_the_tournament_seed()
    {
        var id = SessionIdentity.Id("t01", "red-a", "blue-b", 17);
        Assert.Equal("t01/red-a/blue-b/17", id);
        Assert.Equal(SessionIdentity.Seed(42, id), SessionIdentity.Seed(42, id));
        Assert.NotEqual(SessionIdentity.Seed(42, id), SessionIdentity.Seed(43, id));
        var seeds = Enumerable.Range(0, 1000).Select(i => SessionIdentity.Seed(42, SessionIdentity.Id("t", "a", "d", i))).ToHashSet();
        Assert.True(seeds.Count > 995);
        Assert.All(seeds, s => Assert.InRange(s, 0, int.MaxValue));
    }
}
