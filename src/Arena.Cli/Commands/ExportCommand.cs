using Arena.Core.Storage;
using Arena.Datasets;

namespace Arena.Cli.Commands;

internal static class ExportCommand
{
    private const string Usage = "arena export --tournament ID --out PATH [--format chat-jsonl|sharegpt] [--include-failed]";

    public static async Task<int> ExecuteAsync(string db, IReadOnlyList<string> argv, CancellationToken ct)
    {
        var args = CliArgs.Parse("export", argv, Usage, ["--include-failed"], ["--tournament", "--out", "--format", "--subset"]);
        args.ExpectPositional(0, 0);
        var format = args.Value("--format") switch
        {
            "dpo" or "hf" => throw new UsageException($"--format {args.Value("--format")} needs labeled conversations and is not available in this version (chat-jsonl, sharegpt)"),
            var f => TryParse(f),
        };
        if (args.Value("--subset") is { } subset)
            throw new UsageException($"--subset {subset}: subsets select by label and are not available in this version");
        var outPath = args.Required("--out");
        await using var store = await Cli.OpenStoreAsync(db, mustExist: true, ct);
        var t = await Tournaments.ResolveAsync(store, args.Required("--tournament"), ct);
        var summary = await ExportAsync(store, t.Id, outPath, format, args.Flag("--include-failed"), ct);
        Console.Error.WriteLine($"wrote {summary.Written} conversations to {outPath}" +
            (summary.SkippedFailed > 0 ? $" ({summary.SkippedFailed} failed sessions left out; --include-failed adds them)" : "") +
            (summary.SkippedRunning > 0 ? $" ({summary.SkippedRunning} unfinished sessions left out)" : ""));
        return 0;
    }

    public static async Task<ExportSummary> ExportAsync(IArenaStore store, string tournament, string outPath, ExportFormat format, bool includeFailed, CancellationToken ct)
    {
        var dir = Path.GetDirectoryName(Path.GetFullPath(outPath));
        if (dir is not null) Directory.CreateDirectory(dir);
        // Written to a temporary file first so a crash never leaves half a dataset under the final name.
        var temp = outPath + ".partial";
        ExportSummary summary;
        await using (var file = File.Create(temp))
            summary = await DatasetExporter.WriteAsync(store.ReadSessionsAsync(tournament, SessionFilter.All, ct), file, format, includeFailed, ct);
        File.Move(temp, outPath, overwrite: true);
        return summary;
    }

    private static ExportFormat TryParse(string? f)
    {
        try { return DatasetExporter.ParseFormat(f); }
        catch (FormatException e) { throw new UsageException($"--format: {e.Message}"); }
    }
}
