using System.Text.Json;
using Arena.Core.Agreement;
using Arena.Core.Labels;
using Spectre.Console;

namespace Arena.Cli.Commands;

/// <summary>
/// <c>arena agreement</c> (contracts §6): agreement of the human panel, from a CSV file or from a tournament's stored
/// annotations. For stored annotations the main document is the label the panel decides with (security event = either
/// question answered yes); <c>questions</c> repeats it per question (the paper's MAL_CODE / MAL_EXPLN / overall).
/// </summary>
internal static class AgreementCommand
{
    private const string Usage = "arena agreement (--tournament ID | --csv FILE) [--json]";

    public static async Task<int> ExecuteAsync(string db, IReadOnlyList<string> argv, CancellationToken ct)
    {
        var args = CliArgs.Parse("agreement", argv, Usage, ["--json"], ["--tournament", "--csv"]);
        args.ExpectPositional(0, 0);
        var csv = args.Value("--csv");
        var tournament = args.Value("--tournament");
        if ((csv is null) == (tournament is null)) throw new UsageException($"give exactly one of --tournament or --csv ({Usage})");
        var json = args.Flag("--json");

        if (csv is not null)
        {
            var report = InterAnnotatorAgreement.Compute(await AgreementCsv.ReadAsync(csv, ct));
            if (json) Console.Out.WriteLine(JsonSerializer.Serialize(Document(report)));
            else Print(csv, report);
            return 0;
        }

        await using var store = await Cli.OpenStoreAsync(db, mustExist: true, ct);
        var t = await Tournaments.ResolveAsync(store, tournament, ct);
        var annotations = await store.GetTournamentAnnotationsAsync(t.Id, ct);
        var overall = InterAnnotatorAgreement.Compute(PanelJudgments.SecurityEvent(annotations));
        var code = InterAnnotatorAgreement.Compute(PanelJudgments.MaliciousCode(annotations));
        var explanation = InterAnnotatorAgreement.Compute(PanelJudgments.MaliciousExplanation(annotations));
        if (json)
        {
            var doc = Document(overall);
            doc["tournament"] = t.Id;
            doc["label"] = "security_event";
            doc["questions"] = new Dictionary<string, object?> { ["malicious_code"] = Document(code), ["malicious_explanation"] = Document(explanation) };
            Console.Out.WriteLine(JsonSerializer.Serialize(doc));
            return 0;
        }
        if (annotations.Count == 0)
        {
            Console.Out.WriteLine($"tournament {t.Id} has no annotations yet");
            return 0;
        }
        Print($"tournament {t.Id}: security event (either question yes)", overall);
        PrintSummary("malicious code", code);
        PrintSummary("malicious explanation", explanation);
        return 0;
    }

    private static double? Round(double? v) => v is { } x ? Math.Round(x, 4) : null;

    private static Dictionary<string, object?> Document(AgreementReport r) => new()
    {
        ["items"] = r.Items,
        ["judgments"] = r.Judgments,
        ["pairable_items"] = r.PairableItems,
        ["fleiss_kappa"] = Round(r.FleissKappa),
        ["krippendorff_alpha"] = Round(r.KrippendorffAlpha),
        ["percent_agreement"] = Round(r.PercentAgreement),
        ["annotators"] = r.Annotators.Select(a => new { id = a.Id, items = a.Items, avg_agreement = Round(a.AvgAgreement) }).ToList(),
        ["pairs"] = r.Pairs.Select(p => new { a = p.A, b = p.B, shared_items = p.SharedItems, agreement = Round(p.Agreement) }).ToList(),
    };

    private static string Show(double? v) => v is { } x ? x.ToString("0.000") : "n/a";

    private static void PrintSummary(string title, AgreementReport r)
    {
        var table = new Table().Title(Markup.Escape(title)).AddColumns("", "value");
        table.AddRow("items (pairable)", $"{r.Items} ({r.PairableItems})");
        table.AddRow("judgments", $"{r.Judgments}");
        table.AddRow("% agreement", Show(r.PercentAgreement));
        table.AddRow("Fleiss' kappa", r.FleissKappa is null && r.PercentAgreement is not null && r.KrippendorffAlpha is not null
            ? "n/a: judgments per item differ" : Show(r.FleissKappa));
        table.AddRow("Krippendorff's alpha", Show(r.KrippendorffAlpha));
        AnsiConsole.Console.Write(table);
    }

    private static void Print(string title, AgreementReport r)
    {
        var console = AnsiConsole.Console;
        PrintSummary(title, r);
        var annotators = new Table().Title("annotators (by average agreement)").AddColumns("annotator", "items", "avg agreement");
        foreach (var a in r.Annotators) annotators.AddRow(Markup.Escape(a.Id), $"{a.Items}", Show(a.AvgAgreement));
        console.Write(annotators);

        // The pairwise matrix of Fig. 7: agreement on shared items (shared count after the slash), rows in Table 6 order.
        var ids = r.Annotators.Select(a => a.Id).ToList();
        var byPair = r.Pairs.ToDictionary(p => (p.A, p.B));
        var matrix = new Table().Title("pairwise agreement (agreement/shared items)").AddColumn("");
        foreach (var id in ids) matrix.AddColumn(Markup.Escape(id));
        foreach (var row in ids)
        {
            var cells = new List<string> { Markup.Escape(row) };
            foreach (var col in ids)
            {
                if (row == col) { cells.Add("—"); continue; }
                var key = string.CompareOrdinal(row, col) < 0 ? (row, col) : (col, row);
                cells.Add(byPair.TryGetValue(key, out var p) ? $"{p.Agreement:0.00}/{p.SharedItems}" : "");
            }
            matrix.AddRow(cells.ToArray());
        }
        console.Write(matrix);
    }
}
