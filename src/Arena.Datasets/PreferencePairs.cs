using Arena.Core.Bots;
using Arena.Core.Labels;
using Arena.Core.Sessions;

namespace Arena.Datasets;

/// <summary>Where a pair comes from. <see cref="Match"/>: identical | normalised | jaccard (how the two attacker
/// contexts matched); <see cref="ExactPrefix"/>: the earlier defender replies were equal too, so both replies answered
/// exactly the same conversation (otherwise the prompt is the chosen conversation's prefix).</summary>
internal sealed record PairSource(
    string ChosenId, string RejectedId, int Turn,
    string ChosenTournament, string RejectedTournament,
    string ChosenAttacker, string RejectedAttacker,
    string ChosenDefender, string RejectedDefender,
    string Rule, string Category, string Match, bool ExactPrefix);

/// <summary>A DPO item: the prompt as chat messages (attacker = user), one safe and one unsafe defender reply.</summary>
internal sealed record PreferencePair(IReadOnlyList<(string Role, string Content)> Prompt, string Chosen, string Rejected, PairSource Source)
{
    /// <summary>What pair deduplication compares.</summary>
    public string NormalisedText => ExportText.Normalise(
        string.Join("\n", Prompt.Select(m => m.Role + ": " + m.Content)) + "\nchosen: " + Chosen + "\nrejected: " + Rejected);
}

/// <summary>
/// Preference pairs from battle outcomes, as Arena Learning builds them: two defenders answered the same attacker
/// context, one safely and one not; the safe reply is chosen, the unsafe one rejected.
/// </summary>
/// <remarks>
/// <para>The state of defender turn k of a labeled conversation: <b>unsafe</b> when it is the first turn with a
/// finding (rule and category from that finding), or — for a security event without findings, whose turn the judge
/// does not name — the last defender turn; <b>safe</b> when the conversation is no security event and no finding is at
/// or before k (defense_success at that point); anything else (after the first unsafe turn, earlier turns of a
/// security event, unlabeled) gives no pair.</para>
/// <para>Attacker context of turn k = the attacker messages before it. Contexts match when identical, equal after
/// <see cref="ExportText.Normalise"/>, or when their word sets have Jaccard ≥ <see cref="JaccardThreshold"/>
/// (transitively). Within a matched group each unsafe reply is used once, paired with the safe replies in turn (one
/// whose whole prefix equals the unsafe one's first, then one with a code block — a secure answer — before a refusal);
/// pairs whose two replies are equal after normalising are skipped.</para>
/// </remarks>
internal static class PreferencePairs
{
    public const double JaccardThreshold = 0.9;

    private enum State { None, Safe, Unsafe }

    private sealed record Entry(int Conversation, int Turn, State State, string Rule, string Category, string RawKey, string Key, string FullPrefix);

    public static (List<PreferencePair> Pairs, HashSet<string> UsedSessions) Build(IReadOnlyList<(SessionRecord Session, ConversationLabel? Label)> conversations)
    {
        var entries = new List<Entry>();
        for (var c = 0; c < conversations.Count; c++) entries.AddRange(EntriesOf(c, conversations[c].Session, conversations[c].Label));

        // Exact, then normalised contexts share a group; near-identical groups are merged below.
        var groups = entries.GroupBy(e => (e.Turn, e.Key)).Select(g => g.ToList())
            .Where(g => g.Any(e => e.State == State.Safe) || g.Any(e => e.State == State.Unsafe)).ToList();
        var root = Enumerable.Range(0, groups.Count).ToArray();
        int Find(int x) { while (root[x] != x) x = root[x] = root[root[x]]; return x; }
        foreach (var (a, b) in NearIdentical(groups.Select(g => (g[0].Turn, g[0].Key)).ToList()))
        {
            var (ra, rb) = (Find(a), Find(b));
            if (ra != rb) root[Math.Max(ra, rb)] = Math.Min(ra, rb);
        }
        var merged = Enumerable.Range(0, groups.Count).GroupBy(Find).OrderBy(g => g.Key)
            .Select(g => g.SelectMany(i => groups[i]).OrderBy(e => e.Conversation).ToList());

        var pairs = new List<PreferencePair>();
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var group in merged)
        {
            var safe = group.Where(e => e.State == State.Safe).ToList();
            var unsafeEntries = group.Where(e => e.State == State.Unsafe).ToList();
            if (safe.Count == 0 || unsafeEntries.Count == 0) continue;
            var next = 0;
            foreach (var u in unsafeEntries)
            {
                var rejected = conversations[u.Conversation].Session.Turns[u.Turn].Content;
                // Safe replies in turn (so one safe reply does not become every pair's chosen), those that answered
                // exactly the same conversation first, then those that help (carry code) before refusals: the arena
                // rewards defenders that are safe and useful, so a secure answer is the better "chosen" than a refusal.
                var rotation = Enumerable.Range(0, safe.Count).Select(i => safe[(next + i) % safe.Count]).ToList();
                var chosen = rotation.OrderBy(s => s.FullPrefix == u.FullPrefix ? 0 : 1).ThenBy(s => Helps(s) ? 0 : 1)
                    .FirstOrDefault(s => ExportText.Normalise(conversations[s.Conversation].Session.Turns[s.Turn].Content) != ExportText.Normalise(rejected));
                if (chosen is null) continue;
                next = (safe.IndexOf(chosen) + 1) % safe.Count;
                pairs.Add(Pair(conversations, chosen, u, group));
                used.Add(conversations[chosen.Conversation].Session.Id);
                used.Add(conversations[u.Conversation].Session.Id);
            }
        }
        return (pairs, used);

        bool Helps(Entry e) => conversations[e.Conversation].Session.Turns[e.Turn].Content.Contains("```", StringComparison.Ordinal);
    }

    private static PreferencePair Pair(IReadOnlyList<(SessionRecord Session, ConversationLabel? Label)> conversations, Entry chosen, Entry rejected, List<Entry> group)
    {
        var c = conversations[chosen.Conversation].Session;
        var r = conversations[rejected.Conversation].Session;
        var prompt = c.Turns.Take(chosen.Turn).Select(t => (t.Role == Role.Attacker ? "user" : "assistant", t.Content)).ToList();
        var match = chosen.RawKey == rejected.RawKey ? "identical" : chosen.Key == rejected.Key ? "normalised" : "jaccard";
        return new PreferencePair(prompt, c.Turns[chosen.Turn].Content, r.Turns[rejected.Turn].Content,
            new PairSource(c.Id, r.Id, chosen.Turn, c.Tournament, r.Tournament, c.Attacker, r.Attacker, c.Defender, r.Defender,
                rejected.Rule, rejected.Category, match, chosen.FullPrefix == rejected.FullPrefix));
    }

    private static IEnumerable<Entry> EntriesOf(int index, SessionRecord s, ConversationLabel? label)
    {
        if (label is null || label.Outcome == Outcome.Unlabeled) yield break;
        var defenderTurns = s.Turns.Where(t => t.Role == Role.Defender).Select(t => t.Turn).ToList();
        var firstFinding = label.Findings.Where(f => defenderTurns.Contains(f.Turn)).OrderBy(f => f.Turn).ThenBy(f => f.Line).FirstOrDefault();
        // Labels of the judge alone (no findings) carry no turn: the last defender turn is where compliance is complete.
        var judgedTurn = firstFinding is null && label.SecurityEvent && defenderTurns.Count > 0 ? defenderTurns[^1] : -1;
        foreach (var k in defenderTurns)
        {
            State state;
            string rule = "", category = "";
            if (firstFinding is not null && k == firstFinding.Turn) (state, rule, category) = (State.Unsafe, firstFinding.Rule, firstFinding.Category);
            else if (k == judgedTurn) (state, rule, category) = (State.Unsafe, "judge", "security-event");
            else if (!label.SecurityEvent && (firstFinding is null || k < firstFinding.Turn)) state = State.Safe;
            else continue;
            var attackerMessages = s.Turns.Take(k).Where(t => t.Role == Role.Attacker).Select(t => t.Content).ToList();
            var raw = string.Join("\u241E", attackerMessages);
            var key = string.Join("\u241E", attackerMessages.Select(ExportText.Normalise));
            var full = string.Join("\u241E", s.Turns.Take(k).Select(t => ExportText.Normalise(t.Content)));
            yield return new Entry(index, k, state, rule, category, raw, key, full);
        }
    }

    /// <summary>
    /// Pairs of contexts (same turn) whose word sets have Jaccard ≥ the threshold, found by prefix filtering (the
    /// AllPairs set-similarity join): with words ordered rarest first, two such sets must share a word among their first
    /// |s| − ⌈t·|s|⌉ + 1, so only sets meeting in an index of those prefixes are compared.
    /// </summary>
    public static IEnumerable<(int, int)> NearIdentical(IReadOnlyList<(int Turn, string Key)> contexts, double threshold = JaccardThreshold)
    {
        var sets = contexts.Select(c => c.Key.Split([' ', '\u241E'], StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal)).ToList();
        var frequency = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var word in sets.SelectMany(s => s)) frequency[word] = frequency.GetValueOrDefault(word) + 1;
        // Smallest sets first: a set can only match earlier ones of at least t·|s| words, so each posting list is
        // trimmed from its front as sizes grow (the AllPairs size filter).
        var order = Enumerable.Range(0, sets.Count).OrderBy(i => sets[i].Count).ThenBy(i => i).ToList();
        var index = new Dictionary<(int, string), (List<int> Ids, int Start)>();
        var found = new List<(int, int)>();
        var candidates = new HashSet<int>();
        foreach (var i in order)
        {
            var set = sets[i];
            if (set.Count == 0) continue;
            var minSize = threshold * set.Count;
            var prefix = set.Count - (int)Math.Ceiling(threshold * set.Count) + 1;
            candidates.Clear();
            foreach (var w in set.OrderBy(w => frequency[w]).ThenBy(w => w, StringComparer.Ordinal).Take(prefix))
            {
                var key = (contexts[i].Turn, w);
                if (!index.TryGetValue(key, out var posting)) posting = ([], 0);
                var start = posting.Start;
                while (start < posting.Ids.Count && sets[posting.Ids[start]].Count < minSize) start++;
                for (var k = start; k < posting.Ids.Count; k++) candidates.Add(posting.Ids[k]);
                posting.Ids.Add(i);
                index[key] = (posting.Ids, start);
            }
            foreach (var j in candidates)
            {
                var other = sets[j];
                var common = set.Count <= other.Count ? set.Count(other.Contains) : other.Count(set.Contains);
                if (common >= threshold * (set.Count + other.Count - common)) found.Add(j < i ? (j, i) : (i, j));
            }
        }
        return found;
    }
}
