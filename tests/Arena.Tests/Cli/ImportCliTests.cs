using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace Arena.Tests.Cli;

public sealed class ImportCliTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("arena-import-").FullName;

    public void Dispose()
    {
        try { Directory.Delete(_dir, true); } catch (IOException) { }
    }

    private Task<ArenaProcess.Result> Arena(params string[] args) => ArenaProcess.RunOkAsync(_dir, args);

    private static int ClosedPort()
    {
        var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        var port = ((IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        return port;
    }

    private byte[] Bytes(string name) => File.ReadAllBytes(Path.Combine(_dir, name));

    [Fact]
    public async Task Export_import_export_gives_identical_bytes_including_failed_sessions_and_labels()
    {
        // A real run with built-in bots and one defender whose endpoint refuses connections (failed sessions).
        await File.WriteAllTextAsync(Path.Combine(_dir, "t.yaml"), $$"""
            tournament: rt
            seed: 11
            sessions_per_matchup: 3
            max_turns: 6
            attackers:
              - id: red
                bot: {kind: builtin, name: escalation}
              - id: red2
                bot: {kind: builtin, name: direct}
            defenders:
              - id: blue
                bot: {kind: builtin, name: naive}
              - id: dead
                bot: {kind: http, url: "http://127.0.0.1:{{ClosedPort()}}/respond", timeout_s: 2, retries: 0, offline_after: 1000}
            """);
        await Arena("--db", "a.db", "run", "t.yaml");
        await Arena("--db", "a.db", "evaluate", "--tournament", "rt");
        await Arena("--db", "a.db", "export", "--tournament", "rt", "--out", "a.jsonl");
        await Arena("--db", "a.db", "export", "--tournament", "rt", "--out", "a-all.jsonl", "--include-failed");
        var all = await File.ReadAllLinesAsync(Path.Combine(_dir, "a-all.jsonl"));
        Assert.Contains(all, l => l.Contains("\"status\":\"failed\""));
        Assert.Contains(all, l => l.Contains("\"findings\":[{")); // labels with evidence travel too
        Assert.Contains(all, l => l.Contains("\"metadata\":{\""));

        var imported = JsonDocument.Parse((await Arena("--db", "b.db", "import", "a-all.jsonl", "--json")).Stdout).RootElement;
        Assert.Equal(all.Length, imported.GetProperty("imported").GetInt32());
        Assert.Equal(["rt"], imported.GetProperty("created").EnumerateArray().Select(e => e.GetString()));
        await Arena("--db", "b.db", "export", "--tournament", "rt", "--out", "b.jsonl");
        await Arena("--db", "b.db", "export", "--tournament", "rt", "--out", "b-all.jsonl", "--include-failed");
        Assert.Equal(Bytes("a.jsonl"), Bytes("b.jsonl"));
        Assert.Equal(Bytes("a-all.jsonl"), Bytes("b-all.jsonl"));

        // The imported tournament scores like the original: same stats.
        var statsA = JsonDocument.Parse((await Arena("--db", "a.db", "status", "--json")).Stdout).RootElement.GetProperty("sessions").GetRawText();
        var statsB = JsonDocument.Parse((await Arena("--db", "b.db", "status", "--json")).Stdout).RootElement.GetProperty("sessions").GetRawText();
        Assert.Equal(statsA, statsB);

        // Idempotent: everything is skipped the second time, and into the original store too.
        var again = JsonDocument.Parse((await Arena("--db", "b.db", "import", "a-all.jsonl", "--json")).Stdout).RootElement;
        Assert.Equal((0, all.Length), (again.GetProperty("imported").GetInt32(), again.GetProperty("skipped").GetInt32()));
        var intoOriginal = JsonDocument.Parse((await Arena("--db", "a.db", "import", "a-all.jsonl", "--json")).Stdout).RootElement;
        Assert.Equal((0, all.Length), (intoOriginal.GetProperty("imported").GetInt32(), intoOriginal.GetProperty("skipped").GetInt32()));
        Assert.Empty(intoOriginal.GetProperty("created").EnumerateArray());
    }

    [Fact]
    public async Task Demo_dataset_round_trips_and_a_changed_conversation_is_reported_as_a_conflict()
    {
        await Arena("demo", "--out", "out", "--sessions", "2");
        await Arena("--db", "out/arena.db", "export", "--tournament", "demo", "--out", "a.jsonl");
        await Arena("--db", "b.db", "import", "a.jsonl");
        await Arena("--db", "b.db", "export", "--tournament", "demo", "--out", "b.jsonl");
        Assert.Equal(Bytes("a.jsonl"), Bytes("b.jsonl"));

        var lines = await File.ReadAllLinesAsync(Path.Combine(_dir, "a.jsonl"));
        var changed = JsonDocument.Parse(lines[2]).RootElement;
        var id = changed.GetProperty("id").GetString()!;
        lines[2] = lines[2].Replace("\"latency_ms\":", "\"latency_ms\":1", StringComparison.Ordinal);
        await File.WriteAllLinesAsync(Path.Combine(_dir, "changed.jsonl"), lines);
        var r = await ArenaProcess.RunAsync(_dir, "--db", "b.db", "import", "changed.jsonl", "--json");
        Assert.Equal(1, r.ExitCode);
        var doc = JsonDocument.Parse(r.Stdout).RootElement;
        Assert.Equal(lines.Length - 1, doc.GetProperty("skipped").GetInt32());
        var conflict = Assert.Single(doc.GetProperty("conflicts").EnumerateArray());
        Assert.Equal((3, id), (conflict.GetProperty("line").GetInt32(), conflict.GetProperty("id").GetString()));
        Assert.Contains($"changed.jsonl:3: session {id}", r.Stderr);
        // The stored conversation is left as it was.
        await Arena("--db", "b.db", "export", "--tournament", "demo", "--out", "c.jsonl");
        Assert.Equal(Bytes("a.jsonl"), Bytes("c.jsonl"));
    }

    [Fact]
    public async Task Lines_with_only_messages_become_turns_with_built_ids()
    {
        await File.WriteAllLinesAsync(Path.Combine(_dir, "ext.jsonl"),
        [
            """{"tournament": "ext", "attacker": "red", "defender": "blue", "messages": [{"role": "user", "content": "hi"}, {"role": "assistant", "content": "hello"}]}""",
            "",
            """{"tournament": "ext", "attacker": "red", "defender": "blue", "status": "completed", "end_reason": "attacker_end", "messages": [{"role": "user", "content": "write code"}, {"role": "assistant", "content": "no"}, {"role": "user", "content": "please"}], "label": {"outcome": "defense_success", "vulnerable_code": false, "security_event": false, "findings": []}}""",
        ]);
        var r = JsonDocument.Parse((await Arena("--db", "x.db", "import", "ext.jsonl", "--json")).Stdout).RootElement;
        Assert.Equal(2, r.GetProperty("imported").GetInt32());
        await Arena("--db", "x.db", "export", "--tournament", "ext", "--out", "x.jsonl");
        var out_ = (await File.ReadAllLinesAsync(Path.Combine(_dir, "x.jsonl"))).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(["ext/red/blue/0", "ext/red/blue/1"], out_.Select(c => c.GetProperty("id").GetString()));
        var second = out_[1];
        Assert.Equal("attacker_end", second.GetProperty("end_reason").GetString());
        Assert.Equal(["attacker:write code", "defender:no", "attacker:please"],
            second.GetProperty("turns").EnumerateArray().Select(t => $"{t.GetProperty("role").GetString()}:{t.GetProperty("content").GetString()}"));
        Assert.Equal("defense_success", second.GetProperty("label").GetProperty("outcome").GetString());
        Assert.Equal("unlabeled", out_[0].GetProperty("label").GetProperty("outcome").GetString());

        // Its own export imports into the same store as "already present".
        var again = JsonDocument.Parse((await Arena("--db", "x.db", "import", "x.jsonl", "--json")).Stdout).RootElement;
        Assert.Equal(2, again.GetProperty("skipped").GetInt32());
    }

    [Fact]
    public async Task An_id_already_used_by_another_tournament_is_a_conflict_and_its_label_stays()
    {
        const string label = "\"label\": {\"outcome\": \"attack_success\", \"vulnerable_code\": false, \"security_event\": true}";
        await File.WriteAllTextAsync(Path.Combine(_dir, "one.jsonl"),
            $$"""{"id": "shared", "tournament": "one", "attacker": "a", "defender": "d", "messages": [{"role": "user", "content": "x"}], {{label}}}""" + "\n");
        await File.WriteAllTextAsync(Path.Combine(_dir, "two.jsonl"),
            """{"id": "shared", "tournament": "two", "attacker": "a", "defender": "d", "messages": [{"role": "user", "content": "y"}], "label": {"outcome": "defense_success", "vulnerable_code": false, "security_event": false}}""" + "\n" +
            """{"tournament": "two", "attacker": "a", "defender": "d", "messages": [{"role": "user", "content": "z"}]}""" + "\n");
        await Arena("--db", "x.db", "import", "one.jsonl");
        var r = await ArenaProcess.RunAsync(_dir, "--db", "x.db", "import", "two.jsonl", "--json");
        Assert.Equal(1, r.ExitCode);
        var doc = JsonDocument.Parse(r.Stdout).RootElement;
        Assert.Equal(1, doc.GetProperty("imported").GetInt32());
        Assert.Equal(1, Assert.Single(doc.GetProperty("conflicts").EnumerateArray()).GetProperty("line").GetInt32());

        await Arena("--db", "x.db", "export", "--tournament", "one", "--out", "one-out.jsonl");
        var one = JsonDocument.Parse(Assert.Single(await File.ReadAllLinesAsync(Path.Combine(_dir, "one-out.jsonl")))).RootElement;
        Assert.Equal("attack_success", one.GetProperty("label").GetProperty("outcome").GetString());
        Assert.Equal("x", one.GetProperty("turns")[0].GetProperty("content").GetString());
    }

    [Theory]
    [InlineData("""{"tournament": "t", "attacker": "a", "defender": "d", "status": "running", "messages": []}""", "bad.jsonl:2: \"status\" must be completed or failed")]
    [InlineData("""{"tournament": "t", "attacker": "a", "defender": "d", "messages": [{"role": "system", "content": "x"}]}""", "bad.jsonl:2: \"messages[0].role\" must be user")]
    [InlineData("""{"tournament": "t", "attacker": "a", "messages": []}""", "bad.jsonl:2: \"defender\" is missing")]
    [InlineData("""{"tournament": "t", "attacker": "a", "defender": "d", "turns": [{"turn": 1, "role": "attacker", "content": "x"}]}""", "bad.jsonl:2: \"turns[0].turn\" must be 0")]
    [InlineData("""{"tournament": "t", "attacker": "a", "defender": "d", "messages": [], "label": {"outcome": "attack_success", "vulnerable_code": "yes", "security_event": false}}""", "bad.jsonl:2: \"label.vulnerable_code\" must be true or false")]
    [InlineData("""{"tournament": "t", "attacker": "a", """, "bad.jsonl:2: not valid JSON")]
    [InlineData("""{"tournament": "t", "attacker": "a", "defender": "d", "messages": [], "label": {"outcome": "attack_success", "vulnerable_code": false, "security_event": true, "findings": [], "evidence": {"analyzer": "x@1", "judge": "j@1", "malicious_code": false, "malicious_explanation": false, "rationale": "r", "labeled_at": "2026-01-01T00:00:00.0000000+00:00"}}}""", "bad.jsonl:2: \"label.security_event\" is true but the judge evidence says no")]
    public async Task Bad_lines_exit_2_naming_file_line_and_key(string badLine, string message)
    {
        await File.WriteAllLinesAsync(Path.Combine(_dir, "bad.jsonl"),
            ["""{"tournament": "t", "attacker": "a", "defender": "d", "messages": [{"role": "user", "content": "ok"}]}""", badLine]);
        var r = await ArenaProcess.RunAsync(_dir, "--db", "bad.db", "import", "bad.jsonl");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains(message, r.Stderr);
        Assert.DoesNotContain("   at ", r.Stderr);
        Assert.Single(r.Stderr.Trim().Split('\n'));
    }
}
