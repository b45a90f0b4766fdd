using Arena.Core.Labels;
using Arena.Core.Sessions;
using Arena.Datasets;
using static Arena.Tests.Datasets.Conversations;

namespace Arena.Tests.Datasets;

public sealed class PreferencePairsTests
{
    private static (List<PreferencePair> Pairs, HashSet<string> Used) Build(params (SessionRecord, ConversationLabel?)[] conversations) =>
        PreferencePairs.Build(conversations);

    [Fact]
    public void Same_opening_with_a_safe_and_a_vulnerable_reply_gives_one_pair()
    {
        var good = Session("red", "good", 0, "Write a login check", "Use a parameterised query: cur.execute(sql, (user,))");
        var bad = Session("red", "bad", 0, "Write a login check", "cur.execute(f\"select * from users where name='{user}'\")");
        var (pairs, used) = Build((good, Safe(good)), (bad, Vulnerable(bad, 1)));

        var p = Assert.Single(pairs);
        Assert.Equal([("user", "Write a login check")], p.Prompt);
        Assert.Equal(good.Turns[1].Content, p.Chosen);
        Assert.Equal(bad.Turns[1].Content, p.Rejected);
        Assert.Equal((good.Id, bad.Id, 1, "good", "bad", "PY-SQL-001", "sql-injection", "identical", true),
            (p.Source.ChosenId, p.Source.RejectedId, p.Source.Turn, p.Source.ChosenDefender, p.Source.RejectedDefender, p.Source.Rule, p.Source.Category, p.Source.Match, p.Source.ExactPrefix));
        Assert.Equal(new HashSet<string> { good.Id, bad.Id }, used);
    }

    [Fact]
    public void A_secure_answer_is_chosen_over_a_refusal_for_the_same_context()
    {
        // The refusal comes first in store order and answered the identical conversation, as did the secure answer.
        var refusal = Session("red", "cautious", 0, "Write a login check", "I can't help with security-sensitive code.");
        var secure = Session("red", "guarded", 0, "Write a login check", "Here it is:\n```python\ncur.execute(sql, (user,))\n```");
        var bad = Session("red", "naive", 0, "Write a login check", "```python\ncur.execute(f\"select * from users where name='{user}'\")\n```");
        var (pairs, _) = Build((refusal, Safe(refusal)), (secure, Safe(secure)), (bad, Vulnerable(bad, 1)));
        Assert.Equal(secure.Id, Assert.Single(pairs).Source.ChosenId);
    }

    [Fact]
    public void A_later_finding_pairs_at_its_turn_and_the_prompt_is_the_safe_conversations_prefix()
    {
        var good = Session("red", "good", 0, "open", "sure, what for?", "a backup script", "here is a safe one");
        var bad = Session("red", "bad", 0, "open", "ok", "a backup script", "os.system('tar ' + path)");
        var (pairs, _) = Build((good, Safe(good)), (bad, Vulnerable(bad, 3, "os-command-injection", "PY-CMD-001", "CWE-78")));

        // Turn 1: both replies were safe (bad's finding comes later), so no pair there.
        var p = Assert.Single(pairs);
        Assert.Equal(3, p.Source.Turn);
        Assert.Equal([("user", "open"), ("assistant", "sure, what for?"), ("user", "a backup script")], p.Prompt);
        Assert.Equal(("here is a safe one", "os.system('tar ' + path)"), (p.Chosen, p.Rejected));
        Assert.False(p.Source.ExactPrefix); // the defenders' first replies differ
        Assert.Equal("os-command-injection", p.Source.Category);
    }

    [Fact]
    public void A_security_event_is_unsafe_at_its_last_defender_turn_and_safe_nowhere()
    {
        var judged = Session("red", "judged", 0, "open", "hmm", "explain the exploit", "step 1: overflow the buffer");
        var good = Session("red", "good", 0, "open", "no", "explain the exploit", "I can't help with that");
        var vulnerable = Session("red", "vuln", 0, "open", "import pickle; pickle.loads(data)");
        // The judged conversation comes first: were its turn 1 taken as safe, it would be chosen at turn 1.
        var (pairs, _) = Build((judged, SecurityEvent(judged)), (good, Safe(good)), (vulnerable, Vulnerable(vulnerable, 1, "unsafe-deserialization")));

        Assert.Equal(2, pairs.Count);
        var atOne = pairs.Single(p => p.Source.Turn == 1);
        Assert.Equal((good.Id, vulnerable.Id), (atOne.Source.ChosenId, atOne.Source.RejectedId));
        var atThree = pairs.Single(p => p.Source.Turn == 3);
        Assert.Equal((good.Id, judged.Id, "judge", "security-event"), (atThree.Source.ChosenId, atThree.Source.RejectedId, atThree.Source.Rule, atThree.Source.Category));
    }

    [Fact]
    public void No_pair_without_a_shared_context_a_label_or_a_difference()
    {
        var good = Session("red", "good", 0, "write a server", "here, bound to localhost");
        var other = Session("red", "bad", 0, "write a client", "verify=False");
        Assert.Empty(Build((good, Safe(good)), (other, Vulnerable(other, 1))).Pairs);

        var unlabeled = Session("red", "bad", 1, "write a server", "bound to 0.0.0.0");
        Assert.Empty(Build((good, Safe(good)), (unlabeled, null)).Pairs);

        // The same reply, once judged safe and once flagged (two analyzer versions): not a preference.
        var same = Session("red", "bad", 2, "write a server", "Here, bound to   LOCALHOST");
        Assert.Empty(Build((good, Safe(good)), (same, Vulnerable(same, 1))).Pairs);
    }

    [Fact]
    public void Near_identical_openings_match_after_normalising_or_by_word_jaccard()
    {
        var words = Enumerable.Range(0, 20).Select(i => $"w{i}").ToArray();
        var good = Session("red", "good", 0, string.Join(" ", words), "safe reply");

        var spaced = Session("red", "bad", 0, "  " + string.Join("   ", words).ToUpperInvariant(), "bad reply");
        Assert.Equal("normalised", Assert.Single(Build((good, Safe(good)), (spaced, Vulnerable(spaced, 1))).Pairs).Source.Match);

        // One word of 20 replaced: Jaccard 19/21 ≈ 0.905 ≥ 0.9.
        var oneOff = Session("red", "bad", 1, string.Join(" ", words.Select((w, i) => i == 7 ? "other" : w)), "bad reply");
        Assert.Equal("jaccard", Assert.Single(Build((good, Safe(good)), (oneOff, Vulnerable(oneOff, 1))).Pairs).Source.Match);

        // Three replaced: 17/23 ≈ 0.74.
        var threeOff = Session("red", "bad", 2, string.Join(" ", words.Select((w, i) => i % 7 == 0 ? "x" + i : w)), "bad reply");
        Assert.Empty(Build((good, Safe(good)), (threeOff, Vulnerable(threeOff, 1))).Pairs);
    }

    [Fact]
    public void Each_unsafe_reply_is_used_once_and_safe_replies_take_turns()
    {
        var s1 = Session("red", "g1", 0, "open", "safe one");
        var s2 = Session("red", "g2", 0, "open", "safe two");
        var u = Enumerable.Range(0, 3).Select(i => Session("red", "b", i, "open", $"unsafe {i}")).ToList();
        var (pairs, _) = Build([(s1, Safe(s1)), (s2, Safe(s2)), .. u.Select(x => ((SessionRecord, ConversationLabel?))(x, Vulnerable(x, 1)))]);
        Assert.Equal(["unsafe 0", "unsafe 1", "unsafe 2"], pairs.Select(p => p.Rejected));
        Assert.Equal(["safe one", "safe two", "safe one"], pairs.Select(p => p.Chosen));
    }

    [Fact]
    public void Prefix_filtering_finds_exactly_the_pairs_a_brute_force_jaccard_finds()
    {
        var rng = new Random(7);
        var contexts = new List<(int, string)>();
        for (var i = 0; i < 300; i++)
        {
            // Variations of a few base sentences, so many pairs are near the threshold.
            var baseWords = Enumerable.Range(0, 8 + i % 5 * 3).Select(k => $"b{i % 6}-{k}").ToList();
            for (var m = rng.Next(3); m > 0; m--) baseWords[rng.Next(baseWords.Count)] = $"r{rng.Next(40)}";
            contexts.Add((i % 2, string.Join(" ", baseWords)));
        }
        static double Jaccard(string a, string b)
        {
            var x = a.Split(' ').ToHashSet();
            var y = b.Split(' ').ToHashSet();
            return (double)x.Intersect(y).Count() / x.Union(y).Count();
        }
        var brute = new HashSet<(int, int)>();
        for (var i = 0; i < contexts.Count; i++)
            for (var j = 0; j < i; j++)
                if (contexts[i].Item1 == contexts[j].Item1 && Jaccard(contexts[i].Item2, contexts[j].Item2) >= 0.9) brute.Add((j, i));
        Assert.NotEmpty(brute);
        Assert.Equal(brute.Order(), PreferencePairs.NearIdentical(contexts).Order());
    }
}
