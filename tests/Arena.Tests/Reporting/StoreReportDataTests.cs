using Arena.Analysis;
using Arena.Analysis.Embeddings;
using Arena.Core.Bots;
using Arena.Core.Labels;
using Arena.Core.Sessions;
using Arena.Core.Storage;
using Arena.Reporting;
using Arena.Tests.Engine;

namespace Arena.Tests.Reporting;

public sealed class StoreReportDataTests
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    private static async Task AddSessionAsync(IArenaStore store, string attacker, string defender, int index, int turns)
    {
        var id = SessionIdentity.Id("t", attacker, defender, index);
        await store.StartSessionsAsync([new SessionStart(id, "t", attacker, defender, index, 1, 10, 0)], Ct);
        for (var n = 0; n < turns; n++)
            await store.AppendTurnAsync(id, new TurnRecord(n, TurnRules.Speaker(n), n % 2 == 0 ? attacker : defender, $"{id} says {n}", 5, 1, null, false), Ct);
        await store.FinishSessionAsync(id, new SessionEnd(SessionStatus.Completed, EndReason.MaxTurns), Ct);
    }

    private static LabelFinding Finding(int turn, string category, string cwe) => new(turn, "R-" + category, category, [cwe], 2, "high", "high", "bad " + category);

    [Fact]
    public async Task Tables_and_conversations_come_from_the_stored_sessions_labels_and_analyses()
    {
        await using var h = await EngineHarness.CreateAsync();
        var store = h.Store;
        await store.CreateTournamentAsync(new TournamentRecord("t", 1, "", "{}", DateTimeOffset.UtcNow), Ct);
        await AddSessionAsync(store, "a", "d", 0, 4); // vulnerable code: findings on turns 3 and 1 -> first success on turn 1
        await AddSessionAsync(store, "a", "d", 1, 4); // judge-only success (malicious explanation)
        await AddSessionAsync(store, "a", "e", 0, 6); // vulnerable code on turn 5, also judged malicious
        await AddSessionAsync(store, "b", "e", 0, 2); // defense success
        var at = DateTimeOffset.UtcNow;
        await store.SaveLabelAsync("t", new ConversationLabel("t/a/d/0", Outcome.AttackSuccess, true,
            [Finding(3, "sql-injection", "CWE-89"), Finding(1, "sql-injection", "CWE-89"), Finding(3, "weak-hash", "CWE-328")], "az", "1", null, at), Ct);
        await store.SaveLabelAsync("t", new ConversationLabel("t/a/d/1", Outcome.AttackSuccess, false, [], "az", "1",
            new JudgeEvidence(false, true, "explains an exploit", "j", "2"), at), Ct);
        await store.SaveLabelAsync("t", new ConversationLabel("t/a/e/0", Outcome.AttackSuccess, true, [Finding(5, "sql-injection", "CWE-89")], "az", "1",
            new JudgeEvidence(true, false, "both", "j", "2"), at), Ct);
        await store.SaveLabelAsync("t", new ConversationLabel("t/b/e/0", Outcome.DefenseSuccess, false, [], "az", "1",
            new JudgeEvidence(false, false, "refused", "j", "2"), at), Ct);

        var stored = await StoreReportData.LoadAsync(store, "t", new ConversationSampling(MaxAttackSuccesses: 2, MaxOthers: 5), Ct);
        Assert.Null(stored.Tables.VulnerableVsMalicious); // the label tables are the analyses' to fill
        var info = new EmbedderInfo("lexical", LexicalEmbeddingGenerator.ModelId, 1024, false, null, null);
        using var embedder = new LexicalEmbeddingGenerator();
        var analysis = await TournamentAnalysis.RunAsync(store, ["t"], embedder, info, new AnalysisOptions(), _ => { }, Ct);
        var data = stored.WithAnalysis(analysis);

        Assert.Equal(["t"], data.Tournaments);
        var kinds = Assert.Single(data.Tables.VulnerableVsMalicious!);
        Assert.Equal(new SecurityKindRow("t", 4, VulnerableOnly: 1, MaliciousOnly: 1, Both: 1), kinds);
        // Defender turn t is reply (t+1)/2: findings on turns 1 and 5 are replies 1 and 3.
        Assert.Equal([new HistogramBin("reply 1", 1), new HistogramBin("reply 3", 1), new HistogramBin("judge (no turn)", 1)], data.Tables.FirstSuccessTurn!);
        var classes = data.Tables.TopVulnerabilityClasses!;
        Assert.Equal(["sql-injection", "weak-hash"], classes.Select(c => c.Category));
        Assert.Equal((2, 3), (classes[0].Sessions, classes[0].Findings));
        Assert.Equal(["CWE-89"], classes[0].Cwe);
        var ad = data.Tables.Matchups!.Single(m => m.Attacker == "a" && m.Defender == "d");
        Assert.Equal((2, 2, 2, 1, 1, 4.0), (ad.Completed, ad.Labeled, ad.AttackSuccess, ad.VulnerableCode, ad.SecurityEvent, ad.MeanTurns));

        // Cap of two successes, spread over matchups (a/d and a/e), plus the one defense success.
        Assert.Equal(4, data.ConversationsTotal);
        Assert.Equal(["t/a/d/0", "t/a/e/0", "t/b/e/0"], data.Conversations.Select(c => c.Id));
        var first = data.Conversations[0];
        Assert.Equal("attack_success", first.Outcome);
        Assert.Equal(4, first.Turns.Count);
        Assert.Equal(["attacker", "defender", "attacker", "defender"], first.Turns.Select(t => t.Role));
        Assert.Equal("t/a/d/0 says 3", first.Turns[3].Content);
        Assert.Equal(3, first.Findings.Count);
        Assert.Equal("refused", data.Conversations[2].JudgeRationale);
        Assert.Contains(data.Notes, n => n.Contains("4 of 4"));
    }
}
