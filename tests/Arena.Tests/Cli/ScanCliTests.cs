using System.Text;
using System.Text.Json;

namespace Arena.Tests.Cli;

public sealed class ScanCliTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("arena-scan-").FullName;

    public void Dispose()
    {
        try { Directory.Delete(_dir, true); } catch (IOException) { }
    }

    private const string Vulnerable = "import subprocess\n\n\ndef ping(host):\n    return subprocess.run(f\"ping -c 1 {host}\", shell=True)\n";

    private async Task<JsonElement> ScanJsonAsync(params string[] paths)
    {
        var r = await ArenaProcess.RunAsync(_dir, ["scan", .. paths, "--json"]);
        Assert.True(r.ExitCode == 0, r.Stderr);
        return JsonDocument.Parse(r.Stdout).RootElement;
    }

    private static IEnumerable<JsonElement> Findings(JsonElement file, string category) =>
        file.GetProperty("findings").EnumerateArray().Where(f => f.GetProperty("category").GetString() == category);

    [Fact]
    public async Task Python_files_are_scanned_whole_with_contract_fields()
    {
        await File.WriteAllTextAsync(Path.Combine(_dir, "a.py"), Vulnerable);
        var doc = await ScanJsonAsync("a.py");
        var file = doc.GetProperty("files")[0];
        Assert.Equal(("a.py", 1), (file.GetProperty("path").GetString(), file.GetProperty("blocks").GetInt32()));
        var f = Findings(file, "os-command-injection").First();
        Assert.Equal(5, f.GetProperty("line").GetInt32());
        Assert.Contains("CWE-78", f.GetProperty("cwe").EnumerateArray().Select(c => c.GetString()));
        foreach (var key in new[] { "rule", "severity", "confidence", "message" }) Assert.Equal(JsonValueKind.String, f.GetProperty(key).ValueKind);
        Assert.Equal(1, doc.GetProperty("summary").GetProperty("files").GetInt32());
        Assert.Equal(file.GetProperty("findings").GetArrayLength(), doc.GetProperty("summary").GetProperty("findings").GetInt32());
    }

    [Fact]
    public async Task Markdown_findings_point_at_lines_of_the_markdown_file_and_every_block_counts()
    {
        var md = "Here is a safe one:\n\n```python\nprint('hi')\n```\n\nAnd the ping helper:\n\n```python\n" + Vulnerable + "```\n";
        await File.WriteAllTextAsync(Path.Combine(_dir, "reply.md"), md);
        var file = (await ScanJsonAsync("reply.md")).GetProperty("files")[0];
        Assert.Equal(2, file.GetProperty("blocks").GetInt32());
        Assert.Equal(14, Findings(file, "os-command-injection").First().GetProperty("line").GetInt32());
    }

    [Fact]
    public async Task Jsonl_exports_are_scanned_per_defender_reply()
    {
        var reply = "```python\n" + Vulnerable + "```";
        var line1 = JsonSerializer.Serialize(new { id = "t/a/d/0", turns = new object[] { new { turn = 0, role = "attacker", content = reply }, new { turn = 1, role = "defender", content = "no" } } });
        var line2 = JsonSerializer.Serialize(new { id = "t/a/d/1", messages = new object[] { new { role = "user", content = "hi" }, new { role = "assistant", content = reply } } });
        await File.WriteAllTextAsync(Path.Combine(_dir, "x.jsonl"), line1 + "\n" + line2 + "\nnot json\n");
        var file = (await ScanJsonAsync("x.jsonl")).GetProperty("files")[0];
        var f = Findings(file, "os-command-injection").ToList();
        // Code the attacker wrote (line 1) is not scanned; the assistant's reply on line 2 is.
        Assert.All(f, x => Assert.Equal(2, x.GetProperty("line").GetInt32()));
        Assert.NotEmpty(f);
        Assert.Equal(("t/a/d/1", 1, 6), (f[0].GetProperty("conversation").GetString(), f[0].GetProperty("turn").GetInt32(), f[0].GetProperty("reply_line").GetInt32()));
        Assert.Contains(file.GetProperty("notes").EnumerateArray(), n => n.GetString()!.StartsWith("line 3: not a JSON conversation"));
    }

    [Fact]
    public async Task Nosec_is_honoured_unless_turned_off()
    {
        await File.WriteAllTextAsync(Path.Combine(_dir, "n.py"), Vulnerable.Replace("shell=True)", "shell=True)  # nosec"));
        Assert.Empty(Findings((await ScanJsonAsync("n.py")).GetProperty("files")[0], "os-command-injection"));
        var r = await ArenaProcess.RunAsync(_dir, "scan", "n.py", "--json", "--no-nosec");
        Assert.NotEmpty(Findings(JsonDocument.Parse(r.Stdout).RootElement.GetProperty("files")[0], "os-command-injection"));
    }

    [Fact]
    public async Task Bad_input_is_skipped_or_noted_never_a_crash()
    {
        var dir = Path.Combine(_dir, "in");
        Directory.CreateDirectory(dir);
        await File.WriteAllBytesAsync(Path.Combine(dir, "bin.py"), [0x7f, 0x45, 0x4c, 0x46, 0, 0, 1, 2]);
        await File.WriteAllTextAsync(Path.Combine(dir, "big.md"), new string('x', 1024 * 1024 + 10));
        await File.WriteAllBytesAsync(Path.Combine(dir, "latin1.py"), [.. Encoding.ASCII.GetBytes(Vulnerable), 0xe9, (byte)'\n']);
        await File.WriteAllTextAsync(Path.Combine(dir, "deep.py"), "x = " + new string('(', 50_000) + "\n" + Vulnerable);
        await File.WriteAllTextAsync(Path.Combine(dir, "long.md"), "```python\n" + string.Concat(Enumerable.Repeat("y = 1\n", 100_000)) + Vulnerable + "```\n");
        await File.WriteAllTextAsync(Path.Combine(dir, "ignored.bin"), "not scanned");

        var doc = await ScanJsonAsync("in");
        var files = doc.GetProperty("files").EnumerateArray().ToDictionary(f => Path.GetFileName(f.GetProperty("path").GetString()!));
        Assert.Equal(["big.md", "bin.py", "deep.py", "latin1.py", "long.md"], files.Keys.Order());
        Assert.True(files["bin.py"].GetProperty("skipped").GetBoolean());
        Assert.Contains("binary", files["bin.py"].GetProperty("notes")[0].GetString());
        Assert.True(files["big.md"].GetProperty("skipped").GetBoolean());
        Assert.Contains("1 MiB", files["big.md"].GetProperty("notes")[0].GetString());
        Assert.Contains("not valid UTF-8", files["latin1.py"].GetProperty("notes")[0].GetString());
        Assert.NotEmpty(Findings(files["latin1.py"], "os-command-injection"));
        Assert.Equal(100_006, Findings(files["long.md"], "os-command-injection").Single().GetProperty("line").GetInt32());
        Assert.Equal(2, doc.GetProperty("summary").GetProperty("skipped").GetInt32());

        var missing = await ArenaProcess.RunAsync(_dir, "scan", "nope.py");
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("nope.py: no such file or directory", missing.Stderr);
    }
}
