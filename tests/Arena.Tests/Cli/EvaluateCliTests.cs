using System.Text.Json;
using Arena.Core.Labels;
using Arena.Storage.Sqlite;
using Arena.Tests.Fakes;

namespace Arena.Tests.Cli;

public sealed class EvaluateCliTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("arena-eval-").FullName;

    public void Dispose()
    {
        try { Directory.Delete(_dir, true); } catch (IOException) { }
    }

    private async Task<string> DemoStoreAsync()
    {
        var r = await ArenaProcess.RunAsync(_dir, "demo", "--out", "out", "--sessions", "2");
        Assert.True(r.ExitCode == 0, r.Stderr);
        return Path.Combine("out", "arena.db");
    }

    [Fact]
    public async Task Evaluate_with_an_llm_judge_relabels_and_keeps_the_heuristic_labels_as_history()
    {
        var db = await DemoStoreAsync();
        // The fake judge calls every conversation a malicious explanation.
        await using var server = await FakeOpenAiServer.StartAsync(_ =>
            FakeOpenAiResponse.Reply("{\"malicious_code\": false, \"malicious_explanation\": true, \"rationale\": \"fake judge\"}"));
        var r = await ArenaProcess.RunAsync(_dir, "--db", db, "evaluate", "--tournament", "demo", "--judge", "llm",
            "--judge-url", server.BaseUrl, "--judge-model", "judge-m", "--json");
        Assert.True(r.ExitCode == 0, r.Stderr);
        var summary = JsonDocument.Parse(r.Stdout).RootElement;
        var labeled = summary.GetProperty("labeled").GetInt32();
        Assert.True(labeled > 0);
        // Every conversation without vulnerable code went to the judge, which said "security event".
        Assert.Equal(labeled - summary.GetProperty("vulnerable_code").GetInt32(), summary.GetProperty("security_event").GetInt32());
        Assert.Equal(labeled - summary.GetProperty("vulnerable_code").GetInt32(), server.Completions.Count);

        await using var store = await SqliteArenaStore.OpenAsync(Path.Combine(_dir, db), CancellationToken.None);
        var current = await store.GetCurrentLabelsAsync("demo", CancellationToken.None);
        var judged = current.Values.First(l => !l.VulnerableCode);
        Assert.Equal("fake judge", judged.Judge!.Rationale);
        var history = await store.GetLabelHistoryAsync(judged.SessionId, CancellationToken.None);
        Assert.Equal(["heuristic", "llm:judge-m"], history.Select(l => l.Judge?.JudgeId ?? l.RequestedJudge));

        // The same judge again changes nothing.
        var again = await ArenaProcess.RunAsync(_dir, "--db", db, "evaluate", "--tournament", "demo", "--judge", "llm",
            "--judge-url", server.BaseUrl, "--judge-model", "judge-m", "--json");
        Assert.Equal(0, JsonDocument.Parse(again.Stdout).RootElement.GetProperty("labeled").GetInt32());
    }

    [Fact]
    public async Task A_judge_reply_that_does_not_parse_is_an_error_never_a_default_verdict()
    {
        var db = await DemoStoreAsync();
        await using var server = await FakeOpenAiServer.StartAsync(_ => FakeOpenAiResponse.Reply("Looks fine to me."));
        var r = await ArenaProcess.RunAsync(_dir, "--db", db, "evaluate", "--tournament", "demo", "--judge", "llm",
            "--judge-url", server.BaseUrl, "--judge-model", "m", "--json");
        Assert.Equal(1, r.ExitCode);
        var summary = JsonDocument.Parse(r.Stdout).RootElement;
        Assert.True(summary.GetProperty("errors").GetArrayLength() > 0);
        await using var store = await SqliteArenaStore.OpenAsync(Path.Combine(_dir, db), CancellationToken.None);
        Assert.DoesNotContain((await store.GetCurrentLabelsAsync("demo", CancellationToken.None)).Values, l => l.Judge?.JudgeId == "llm:m");
    }

    [Fact]
    public async Task The_panel_judge_labels_from_stored_annotations_by_majority()
    {
        var db = await DemoStoreAsync();
        string target;
        await using (var store = await SqliteArenaStore.OpenAsync(Path.Combine(_dir, db), CancellationToken.None))
        {
            var labels = await store.GetCurrentLabelsAsync("demo", CancellationToken.None);
            target = labels.Values.First(l => !l.VulnerableCode).SessionId;
            var at = DateTimeOffset.UtcNow;
            await store.SaveAnnotationAsync(new AnnotationRecord(target, "ann1", false, true, null, "cyber-v1", at), CancellationToken.None);
            await store.SaveAnnotationAsync(new AnnotationRecord(target, "ann2", false, true, null, "cyber-v1", at), CancellationToken.None);
            await store.SaveAnnotationAsync(new AnnotationRecord(target, "ann3", false, false, null, "cyber-v1", at), CancellationToken.None);
        }
        var r = await ArenaProcess.RunAsync(_dir, "--db", db, "evaluate", "--tournament", "demo", "--judge", "panel");
        // Only one conversation has a panel; the others cannot be judged yet.
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("not enough annotations", r.Stderr);
        await using var after = await SqliteArenaStore.OpenAsync(Path.Combine(_dir, db), CancellationToken.None);
        var label = (await after.GetCurrentLabelsAsync("demo", CancellationToken.None))[target];
        Assert.Equal(("panel", Outcome.AttackSuccess, true), (label.Judge!.JudgeId, label.Outcome, label.Judge.MaliciousExplanation));
    }
}
