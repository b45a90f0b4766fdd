using Arena.Reporting;

namespace Arena.Cli.Commands;

/// <summary>`arena report`: one self-contained HTML file (charts, tables, conversation browser) for a tournament.</summary>
internal static class ReportCommand
{
    private const string Usage = "arena report --tournament ID --out FILE.html [--max-successes N] [--max-others N]";

    public static async Task<int> ExecuteAsync(string db, IReadOnlyList<string> argv, CancellationToken ct)
    {
        var args = CliArgs.Parse("report", argv, Usage, [], ["--tournament", "--out", "--max-successes", "--max-others"]);
        args.ExpectPositional(0, 0);
        var outPath = args.Required("--out");
        var tournamentId = args.Required("--tournament");
        var defaults = new ConversationSampling();
        var sampling = new ConversationSampling(args.Int("--max-successes") ?? defaults.MaxAttackSuccesses, args.Int("--max-others") ?? defaults.MaxOthers);
        if (Directory.Exists(outPath)) throw new UsageException($"--out {outPath}: is a directory; give the report's file name (e.g. report.html)");

        await using var store = await Cli.OpenStoreAsync(db, mustExist: true, ct);
        var t = await Tournaments.ResolveAsync(store, tournamentId, ct);
        var data = await StoreReportData.LoadAsync(store, t.Id, sampling, ct);
        await HtmlReport.WriteAsync(data, outPath, ct);
        var left = data.ConversationsTotal - data.Conversations.Count;
        Console.Error.WriteLine($"wrote {outPath}: {data.Conversations.Count} of {data.ConversationsTotal} conversations" +
            (left > 0 ? $" ({left} left out; --max-successes/--max-others include more)" : ""));
        return 0;
    }
}
