using Arena.Core.Annotation;
using Arena.Core.Labels;

// Not "Arena.Tests.Annotation": that namespace would hide the Judges.Annotation type from every Arena.Tests.* file.
namespace Arena.Tests.Panels;

public sealed class PanelVoteTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly string[] Seated = ["a", "b", "c"];

    private static AnnotationRecord Answer(string who, bool code, bool expl, int minute = 0, string version = "g1") =>
        new("s", who, code, expl, null, version, T0.AddMinutes(minute));

    private static PanelVoteResult Tally(PanelVotePolicy? policy, params AnnotationRecord[] answers) =>
        PanelVote.Tally("s", Seated, answers, policy ?? new PanelVotePolicy());

    [Fact]
    public void Waits_for_the_whole_panel()
    {
        var vote = Tally(null, Answer("a", true, false), Answer("b", true, false));
        Assert.Equal(VoteStatus.Pending, vote.Status);
        Assert.Null(vote.DecidedMaliciousCode);
    }

    [Fact]
    public void A_two_to_one_majority_decides_each_question_under_the_default_policy()
    {
        var vote = Tally(null, Answer("a", true, false), Answer("b", true, true), Answer("c", false, false));
        Assert.Equal(VoteStatus.Decided, vote.Status);
        Assert.Equal((2, 1), (vote.MaliciousCode.Yes, vote.MaliciousCode.No));
        Assert.Equal((1, 2), (vote.MaliciousExplanation.Yes, vote.MaliciousExplanation.No));
        Assert.Equal((2, 1), (vote.SecurityEvent.Yes, vote.SecurityEvent.No));
        Assert.True(vote.DecidedMaliciousCode);
        Assert.False(vote.DecidedMaliciousExplanation);
        Assert.Equal("g1", vote.GuidelineVersion);
    }

    [Fact]
    public void A_split_goes_to_adjudication_when_the_policy_says_so_but_unanimity_does_not()
    {
        var strict = new PanelVotePolicy(SplitNeedsAdjudication: true);
        Assert.Equal(VoteStatus.NeedsAdjudication, Tally(strict, Answer("a", true, false), Answer("b", true, false), Answer("c", false, false)).Status);
        Assert.Equal(VoteStatus.Decided, Tally(strict, Answer("a", false, true), Answer("b", false, true), Answer("c", false, true)).Status);
    }

    [Fact]
    public void A_security_event_majority_that_contradicts_both_questions_needs_adjudication()
    {
        // Code 1-2 and explanation 1-2 say "no event", but two of three saw an event.
        var vote = Tally(null, Answer("a", true, false), Answer("b", false, true), Answer("c", false, false));
        Assert.Equal(VoteStatus.NeedsAdjudication, vote.Status);
        Assert.Contains("contradicts", vote.Reason);
    }

    [Fact]
    public void A_tie_in_an_even_panel_needs_adjudication()
    {
        var vote = PanelVote.Tally("s", ["a", "b"], [Answer("a", true, true), Answer("b", false, false)], new PanelVotePolicy(PanelSize: 2));
        Assert.Equal(VoteStatus.NeedsAdjudication, vote.Status);
        Assert.StartsWith("tie", vote.Reason);
    }

    [Fact]
    public void Only_the_latest_answer_of_each_seated_annotator_counts()
    {
        var vote = Tally(null,
            Answer("a", true, true, minute: 5), Answer("a", false, false, minute: 1), // a changed to yes later (listed first)
            Answer("b", true, true), Answer("c", false, false),
            Answer("intruder", false, false), Answer("intruder2", false, false, version: "g9"));
        Assert.Equal(VoteStatus.Decided, vote.Status);
        Assert.Equal(["a", "b", "c"], vote.Counted.Select(a => a.Annotator));
        Assert.True(vote.DecidedMaliciousCode);
        Assert.Equal("g1", vote.GuidelineVersion);
    }

    [Fact]
    public void Mixed_guideline_versions_are_all_recorded()
    {
        var vote = Tally(null, Answer("a", false, false, version: "g2"), Answer("b", false, false), Answer("c", false, false, version: "g2"));
        Assert.Equal("g1+g2", vote.GuidelineVersion);
    }
}
