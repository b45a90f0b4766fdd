using System.Text.Json;
using Arena.Evaluation.Analysis;
using Arena.Evaluation.Scanning;

namespace Arena.Cli.Commands;

/// <summary>`arena scan PATH...`: static analysis of Python files and of the code in chat replies (contracts §4).</summary>
internal static class ScanCommand
{
    private const string Usage = "arena scan PATH... [--json] [--no-nosec]";

    public static Task<int> ExecuteAsync(IReadOnlyList<string> argv, CancellationToken ct)
    {
        var args = CliArgs.Parse("scan", argv, Usage, ["--json", "--no-nosec"], []);
        if (args.Positional.Count == 0) throw new UsageException($"usage: {Usage}");
        List<string> files;
        try { files = FileScanner.Expand(args.Positional).ToList(); }
        catch (FileNotFoundException e) { throw new UsageException(e.Message); }

        var analyzer = new PythonAnalyzer();
        var options = new AnalyzerOptions { HonourNosec = !args.Flag("--no-nosec") };
        var results = new List<ScannedFile>();
        foreach (var f in files)
        {
            ct.ThrowIfCancellationRequested();
            try { results.Add(FileScanner.Scan(f, analyzer, options)); }
            catch (IOException e) { results.Add(new ScannedFile(f, 0, [], [$"skipped: {e.Message}"], true)); }
            catch (UnauthorizedAccessException e) { results.Add(new ScannedFile(f, 0, [], [$"skipped: {e.Message}"], true)); }
        }

        if (args.Flag("--json")) Console.Out.WriteLine(Json(results, analyzer));
        else Text(results, analyzer);
        return Task.FromResult(0);
    }

    private static string Json(List<ScannedFile> results, ICodeAnalyzer analyzer) => JsonSerializer.Serialize(new
    {
        files = results.Select(r => new
        {
            path = r.Path,
            blocks = r.Blocks,
            findings = r.Findings.Select(f => new Dictionary<string, object?>
            {
                ["rule"] = f.Finding.Rule, ["category"] = f.Finding.Category, ["cwe"] = f.Finding.Cwe, ["line"] = f.Line,
                ["severity"] = f.Finding.Severity.ToString().ToLowerInvariant(), ["confidence"] = f.Finding.Confidence.ToString().ToLowerInvariant(),
                ["message"] = f.Finding.Message, ["fix"] = f.Finding.FixHint,
            }.Concat(f.Conversation is null && f.Turn is null ? [] : new Dictionary<string, object?>
            {
                ["conversation"] = f.Conversation, ["turn"] = f.Turn, ["reply_line"] = f.ReplyLine,
            }).ToDictionary()),
            notes = r.Notes,
            skipped = r.Skipped,
        }),
        summary = new { files = results.Count(r => !r.Skipped), blocks = results.Sum(r => r.Blocks), findings = results.Sum(r => r.Findings.Count), skipped = results.Count(r => r.Skipped) },
        analyzer = $"{analyzer.Id}@{analyzer.Version}",
    });

    private static void Text(List<ScannedFile> results, ICodeAnalyzer analyzer)
    {
        foreach (var r in results)
        {
            foreach (var n in r.Notes) Console.Error.WriteLine($"{r.Path}: {n}");
            foreach (var f in r.Findings)
            {
                var where = f.Conversation is null ? "" : $" ({f.Conversation} turn {f.Turn} line {f.ReplyLine})";
                Console.Out.WriteLine($"{r.Path}:{f.Line}:{where} {f.Finding.Severity.ToString().ToLowerInvariant()}/{f.Finding.Confidence.ToString().ToLowerInvariant()} " +
                                      $"{f.Finding.Rule} [{f.Finding.Category} {string.Join(",", f.Finding.Cwe)}] {f.Finding.Message}");
                Console.Out.WriteLine($"    fix: {f.Finding.FixHint}");
            }
        }
        Console.Out.WriteLine($"{results.Count(r => !r.Skipped)} files, {results.Sum(r => r.Blocks)} code blocks, {results.Sum(r => r.Findings.Count)} findings" +
                              (results.Any(r => r.Skipped) ? $", {results.Count(r => r.Skipped)} skipped" : "") + $" ({analyzer.Id}@{analyzer.Version})");
    }
}
