using System.Text;
using System.Text.Json;
using Arena.Datasets;

namespace Arena.Cli.Commands;

/// <summary>
/// <c>arena import FILE.jsonl</c> (contracts §1, §3): loads exported conversations into the store, creating their
/// tournaments when missing. Re-importing skips what is there; a stored session with the same id but different
/// content is a conflict: listed, left alone, exit 1.
/// </summary>
internal static class ImportCommand
{
    private const string Usage = "arena import FILE.jsonl [--json]";

    public static async Task<int> ExecuteAsync(string db, IReadOnlyList<string> argv, CancellationToken ct)
    {
        var args = CliArgs.Parse("import", argv, Usage, ["--json"], []);
        args.ExpectPositional(1, 1);
        var path = args.Positional[0];
        if (!File.Exists(path)) throw new UsageException($"{path}: no such file");
        await using var store = await Cli.OpenStoreAsync(db, mustExist: false, ct);
        using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, new FileStreamOptions { BufferSize = 1 << 16 });
        ImportSummary summary;
        try
        {
            summary = await DatasetImporter.ImportAsync(store, reader, path, ct,
                progress: s => Console.Error.WriteLine($"  {s.Lines:N0} lines: {s.Imported:N0} imported, {s.Skipped:N0} already present"));
        }
        catch (ImportFormatException e) { throw new UsageException(e.Message); }

        if (args.Flag("--json"))
        {
            Console.Out.WriteLine(JsonSerializer.Serialize(new
            {
                imported = summary.Imported,
                skipped = summary.Skipped,
                conflicts = summary.Conflicts.Select(c => new { line = c.Line, id = c.SessionId }),
                tournaments = summary.Tournaments,
                created = summary.Created,
            }));
        }
        foreach (var c in summary.Conflicts.Take(20))
            Console.Error.WriteLine($"{path}:{c.Line}: session {c.SessionId} is already stored with different content (or under another tournament); left as it is");
        if (summary.Conflicts.Count > 20) Console.Error.WriteLine($"… and {summary.Conflicts.Count - 20} more conflicts");
        Console.Error.WriteLine($"imported {summary.Imported} conversations, skipped {summary.Skipped} already present" +
            (summary.Conflicts.Count > 0 ? $", {summary.Conflicts.Count} conflicting" : "") +
            $"; tournaments: {string.Join(", ", summary.Tournaments)}" +
            (summary.Created.Count > 0 ? $" (created: {string.Join(", ", summary.Created)})" : ""));
        return summary.Conflicts.Count > 0 ? 1 : 0;
    }
}
