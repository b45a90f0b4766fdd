using System.Text.Json;
using Arena.Analysis.Embeddings;
using Arena.Core.Storage;
using Arena.Datasets;

namespace Arena.Cli.Commands;

internal static class ExportCommand
{
    private const string Usage =
        "arena export --tournament ID[,ID2] --out PATH [--format chat-jsonl|sharegpt|dpo|hf] [--subset secure-code|refusal|successful-attacks] " +
        "[--filter EXPR] [--dedupe none|exact|embedding[:THRESHOLD]] [--license ID] [--include-failed] [--json] [--embeddings use|lexical|openai ...]";

    public static async Task<int> ExecuteAsync(string db, IReadOnlyList<string> argv, CancellationToken ct)
    {
        var args = CliArgs.Parse("export", argv, Usage, ["--include-failed", "--json"],
            ["--tournament", "--out", "--format", "--subset", "--filter", "--dedupe", "--license", .. AnalyzeCommand.EmbedderOptions]);
        args.ExpectPositional(0, 0);
        ExportFormat format;
        try { format = DatasetExporter.ParseFormat(args.Value("--format")); }
        catch (FormatException e) { throw new UsageException($"--format: {e.Message}"); }
        ExportSubset subset;
        try { subset = DatasetExporter.ParseSubset(args.Value("--subset")); }
        catch (FormatException e) { throw new UsageException($"--subset: {e.Message}"); }
        ExportFilter? filter = null;
        if (args.Value("--filter") is { } filterText)
        {
            try { filter = ExportFilter.Parse(filterText); }
            catch (FilterSyntaxException e) { throw new UsageException($"--filter: {e.Message}"); }
        }
        DedupeOptions? dedupe = null;
        if (args.Value("--dedupe") is { } dedupeText)
        {
            try { dedupe = DedupeOptions.Parse(dedupeText); }
            catch (FormatException e) { throw new UsageException($"--dedupe: {e.Message}"); }
        }
        var license = args.Value("--license") ?? "other";
        if (license.Length == 0 || !license.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '+'))
            throw new UsageException($"--license: '{license}' is not a license id (e.g. cc-by-4.0, mit, other)");
        if (args.Value("--license") is not null && format != ExportFormat.Hf)
            throw new UsageException("--license applies to --format hf only (the dataset card carries it)");
        var embedderRequest = AnalyzeCommand.ParseEmbedder(args);
        var options = new ExportOptions(format, subset, filter, dedupe, args.Flag("--include-failed"), license);
        if (options.EffectiveDedupe.Mode != DedupeMode.Embedding && AnalyzeCommand.EmbedderOptions.Any(o => args.Value(o) is not null))
            throw new UsageException("--embeddings* options apply to --dedupe embedding only");
        var outPath = args.Required("--out");

        await using var store = await Cli.OpenStoreAsync(db, mustExist: true, ct);
        var tournaments = new List<string>();
        foreach (var id in args.Required("--tournament").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal))
            tournaments.Add((await Tournaments.ResolveAsync(store, id, ct)).Id);
        if (tournaments.Count == 0) throw new UsageException("--tournament: no tournament id given");

        IDisposable? embedder = null;
        try
        {
            if (options.EffectiveDedupe.Mode == DedupeMode.Embedding)
            {
                try
                {
                    var (generator, info) = await Embedders.CreateAsync(embedderRequest, note => Console.Error.WriteLine($"arena export: WARNING {note}"), ct);
                    embedder = generator;
                    options = options with { Embedder = generator, EmbedderName = $"{info.Kind} ({info.ModelId})" + (info.IsFallback ? ", fallback" : "") };
                }
                catch (ArgumentException e) { throw new UsageException(e.Message); }
            }
            ExportSummary summary;
            try { summary = await ExportPipeline.ExportAsync(store, tournaments, outPath, options, ct); }
            catch (ExportTargetException e) { throw new UsageException(e.Message); }
            catch (EmbeddingBackendException e)
            {
                Cli.Fail(1, $"embeddings failed: {e.Message}");
                return 1;
            }
            Console.Error.WriteLine($"arena export: {summary.Describe()} → {outPath}");
            if (args.Flag("--json")) Console.Out.WriteLine(JsonSerializer.Serialize(summary.ToJson()));
            return 0;
        }
        finally
        {
            embedder?.Dispose();
        }
    }

    /// <summary>One tournament to a file with the contracts §3 defaults (used by <c>arena demo</c>).</summary>
    public static Task<ExportSummary> ExportAsync(IArenaStore store, string tournament, string outPath, ExportFormat format, bool includeFailed,
        CancellationToken ct, ExportSubset subset = ExportSubset.All) =>
        ExportPipeline.ExportAsync(store, [tournament], outPath, new ExportOptions(format, subset, IncludeFailed: includeFailed), ct);
}
