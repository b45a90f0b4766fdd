using System.Text.Json;
using Arena.Core.Sessions;
using Arena.Storage.Sqlite;
using Arena.Tests.Engine;
using Arena.Tests.Fakes;

namespace Arena.Tests.Cli;

public sealed class CliTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("arena-cli-").FullName;

    public void Dispose()
    {
        try { Directory.Delete(_dir, true); } catch (IOException) { }
    }

    private static void AssertOneLineError(ArenaProcess.Result r, int code, string contains)
    {
        Assert.Equal(code, r.ExitCode);
        Assert.Contains(contains, r.Stderr);
        Assert.DoesNotContain("   at ", r.Stderr); // no stack trace
        Assert.Single(r.Stderr.Trim().Split('\n'));
    }

    [Fact]
    public async Task Bad_usage_and_bad_input_exit_2_with_one_line()
    {
        AssertOneLineError(await ArenaProcess.RunAsync(_dir, "frobnicate"), 2, "unknown verb 'frobnicate'");
        AssertOneLineError(await ArenaProcess.RunAsync(_dir, "run", "missing.yaml"), 2, "missing.yaml: no such config file");
        AssertOneLineError(await ArenaProcess.RunAsync(_dir, "status", "--jsn"), 2, "unknown option --jsn");

        await File.WriteAllTextAsync(Path.Combine(_dir, "bad.yaml"), "tournament: t\nattackers:\n  - id: a\n    bot: {kind: builtin, name: direct, colour: red}\n");
        AssertOneLineError(await ArenaProcess.RunAsync(_dir, "run", "bad.yaml"), 2, "bad.yaml:4: attackers[0].bot.colour: unknown key");

        await File.WriteAllTextAsync(Path.Combine(_dir, "junk.db"), new string('z', 5000));
        await File.WriteAllTextAsync(Path.Combine(_dir, "ok.yaml"), "tournament: t\nattackers:\n  - id: a\n    bot: {kind: builtin, name: direct}\ndefenders:\n  - id: d\n    bot: {kind: builtin, name: naive}\n");
        AssertOneLineError(await ArenaProcess.RunAsync(_dir, "--db", "junk.db", "run", "ok.yaml"), 2, "not an arena store");
    }

    [Fact]
    public async Task Demo_runs_the_whole_pipeline_and_leaves_a_dataset_and_a_report()
    {
        var r = await ArenaProcess.RunAsync(_dir, "demo", "--out", "out", "--sessions", "4");
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Contains("report:", r.Stdout);
        var html = await File.ReadAllTextAsync(Path.Combine(_dir, "out", "report.html"));
        Assert.Contains("<title>Adversarial Arena — demo</title>", html);
        Assert.Contains("id=\"arena-data\"", html);

        var lines = await File.ReadAllLinesAsync(Path.Combine(_dir, "out", "dataset.jsonl"));
        var stats = JsonDocument.Parse((await ArenaProcess.RunAsync(_dir, "--db", "out/arena.db", "status", "--json")).Stdout).RootElement;
        Assert.Equal(stats.GetProperty("sessions").GetProperty("completed").GetInt32(), lines.Length);
        Assert.True(lines.Length > 0);
        foreach (var line in lines)
        {
            var c = JsonDocument.Parse(line).RootElement;
            var id = c.GetProperty("id").GetString()!;
            Assert.Equal($"demo/{c.GetProperty("attacker").GetString()}/{c.GetProperty("defender").GetString()}/{c.GetProperty("index").GetInt32()}", id);
            Assert.Equal("completed", c.GetProperty("status").GetString());
            Assert.Contains(c.GetProperty("end_reason").GetString(), new[] { "attacker_end", "max_turns" });
            var messages = c.GetProperty("messages").EnumerateArray().ToList();
            var turns = c.GetProperty("turns").EnumerateArray().ToList();
            Assert.Equal(messages.Count, turns.Count);
            for (var i = 0; i < turns.Count; i++)
            {
                Assert.Equal(i, turns[i].GetProperty("turn").GetInt32());
                Assert.Equal(i % 2 == 0 ? "user" : "assistant", messages[i].GetProperty("role").GetString());
                Assert.Equal(i % 2 == 0 ? "attacker" : "defender", turns[i].GetProperty("role").GetString());
                Assert.Equal(messages[i].GetProperty("content").GetString(), turns[i].GetProperty("content").GetString());
                Assert.Equal(JsonValueKind.Object, turns[i].GetProperty("metadata").ValueKind);
                Assert.True(turns[i].GetProperty("attempts").GetInt32() >= 1);
            }
            var label = c.GetProperty("label");
            Assert.Contains(label.GetProperty("outcome").GetString(), new[] { "attack_success", "defense_success" });
            Assert.Equal(label.GetProperty("findings").GetArrayLength() > 0, label.GetProperty("vulnerable_code").GetBoolean());
            Assert.StartsWith("arena-pyscan@", label.GetProperty("evidence").GetProperty("analyzer").GetString());
        }
    }

    [Fact]
    public async Task Export_formats_and_bot_pause_work_on_a_stored_tournament()
    {
        Assert.Equal(0, (await ArenaProcess.RunAsync(_dir, "demo", "--out", "out", "--sessions", "2")).ExitCode);
        var db = Path.Combine("out", "arena.db");

        var r = await ArenaProcess.RunAsync(_dir, "--db", db, "export", "--tournament", "demo", "--out", "sg.jsonl", "--format", "sharegpt");
        Assert.True(r.ExitCode == 0, r.Stderr);
        var first = JsonDocument.Parse(File.ReadLines(Path.Combine(_dir, "sg.jsonl")).First()).RootElement;
        Assert.Equal("human", first.GetProperty("conversations")[0].GetProperty("from").GetString());
        AssertOneLineError(await ArenaProcess.RunAsync(_dir, "--db", db, "export", "--tournament", "demo", "--out", "x", "--format", "xml"), 2, "unknown format 'xml'");
        AssertOneLineError(await ArenaProcess.RunAsync(_dir, "--db", db, "export", "--tournament", "nope", "--out", "x"), 2, "no tournament 'nope'");

        AssertOneLineError(await ArenaProcess.RunAsync(_dir, "--db", db, "bots", "pause", "nobody"), 2, "no bot 'nobody'");
        Assert.Equal(0, (await ArenaProcess.RunAsync(_dir, "--db", db, "bots", "pause", "guarded")).ExitCode);
        await using var store = await SqliteArenaStore.OpenAsync(Path.Combine(_dir, db), CancellationToken.None);
        Assert.Contains("guarded", await store.GetPausedBotsAsync("demo", CancellationToken.None));
        Assert.Equal(0, (await ArenaProcess.RunAsync(_dir, "--db", db, "bots", "resume", "guarded")).ExitCode);
        Assert.Empty(await store.GetPausedBotsAsync("demo", CancellationToken.None));
    }

    [Fact]
    public async Task A_killed_orchestrator_resumes_without_gaps_duplicates_or_lost_sessions()
    {
        await using var bots = await FakeArenaBots.StartAsync();
        foreach (var b in new[] { "a1", "d1", "d2" })
            bots.On(b, c => FakeArenaBots.Chatty(c).After(TimeSpan.FromMilliseconds(15)));
        var yaml = $$"""
            tournament: kill
            seed: 3
            sessions_per_matchup: 12
            max_turns: 8
            batch_size: 4
            attackers:
              - id: a1
                bot: {kind: http, url: "{{bots.Url("a1")}}", concurrency: 4}
            defenders:
              - id: d1
                bot: {kind: http, url: "{{bots.Url("d1")}}", concurrency: 4}
              - id: d2
                bot: {kind: http, url: "{{bots.Url("d2")}}", concurrency: 4}
            """;
        await File.WriteAllTextAsync(Path.Combine(_dir, "kill.yaml"), yaml);

        using (var p = ArenaProcess.Start(_dir, "--db", "k.db", "run", "kill.yaml"))
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            while (bots.Calls.Count < 40) await Task.Delay(10, cts.Token);
            p.Kill(); // SIGKILL: no chance to clean up
            await p.WaitForExitAsync(cts.Token);
        }
        var callsBefore = bots.Calls.Count;

        var r = await ArenaProcess.RunAsync(_dir, "--db", "k.db", "run", "kill.yaml");
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Contains("resuming", r.Stderr);
        Assert.True(bots.Calls.Count > callsBefore);

        await using var store = await SqliteArenaStore.OpenAsync(Path.Combine(_dir, "k.db"), CancellationToken.None);
        var sessions = new List<SessionRecord>();
        await foreach (var s in store.ReadSessionsAsync("kill", Arena.Core.Storage.SessionFilter.All, CancellationToken.None)) sessions.Add(s);
        EngineHarness.AssertResumedCleanly(sessions, 24, bots);
    }
}
