using Arena.Core.Storage;
using Arena.Datasets;

namespace Arena.Cli.Commands;

internal static class ExportCommand
{
    private const string Usage = "arena export --tournament ID --out PATH [--format chat-jsonl|sharegpt] [--subset secure-code|refusal] [--include-failed]";

    public static async Task<int> ExecuteAsync(string db, IReadOnlyList<string> argv, CancellationToken ct)
    {
        var args = CliArgs.Parse("export", argv, Usage, ["--include-failed"], ["--tournament", "--out", "--format", "--subset"]);
        args.ExpectPositional(0, 0);
        var format = args.Value("--format") switch
        {
            "dpo" or "hf" => throw new UsageException($"--format {args.Value("--format")} needs labeled conversations and is not available in this version (chat-jsonl, sharegpt)"),
            var f => TryParse(f),
        };
        ExportSubset subset;
        try { subset = DatasetExporter.ParseSubset(args.Value("--subset")); }
        catch (FormatException e) { throw new UsageException($"--subset: {e.Message}"); }
        var outPath = args.Required("--out");
        await using var store = await Cli.OpenStoreAsync(db, mustExist: true, ct);
        var t = await Tournaments.ResolveAsync(store, args.Required("--tournament"), ct);
        var summary = await ExportAsync(store, t.Id, outPath, format, args.Flag("--include-failed"), ct, subset);
        Console.Error.WriteLine($"wrote {summary.Written} conversations to {outPath}" +
            (summary.SkippedFailed > 0 ? $" ({summary.SkippedFailed} failed sessions left out; --include-failed adds them)" : "") +
            (summary.SkippedRunning > 0 ? $" ({summary.SkippedRunning} unfinished sessions left out)" : "") +
            (summary.SkippedBySubset > 0 ? $" ({summary.SkippedBySubset} outside subset {args.Value("--subset")})" : "") +
            (summary.SkippedUnlabeled > 0 ? $" ({summary.SkippedUnlabeled} unlabeled left out; run arena evaluate)" : ""));
        return 0;
    }

    public static async Task<ExportSummary> ExportAsync(IArenaStore store, string tournament, string outPath, ExportFormat format, bool includeFailed,
        CancellationToken ct, ExportSubset subset = ExportSubset.All)
    {
        var labels = await store.GetCurrentLabelsAsync(tournament, ct);
        var dir = Path.GetDirectoryName(Path.GetFullPath(outPath));
        if (dir is not null) Directory.CreateDirectory(dir);
        // Written to a temporary file first so a crash never leaves half a dataset under the final name.
        var temp = outPath + ".partial";
        ExportSummary summary;
        await using (var file = File.Create(temp))
            summary = await DatasetExporter.WriteAsync(store.ReadSessionsAsync(tournament, SessionFilter.All, ct), labels, file, format, includeFailed, ct, subset);
        File.Move(temp, outPath, overwrite: true);
        return summary;
    }

    private static ExportFormat TryParse(string? f)
    {
        try { return DatasetExporter.ParseFormat(f); }
        catch (FormatException e) { throw new UsageException($"--format: {e.Message}"); }
    }
}
