using System.Globalization;
using System.Text.Json;
using Arena.Analysis;
using Arena.Analysis.Embeddings;
using Spectre.Console;

namespace Arena.Cli.Commands;

/// <summary>`arena analyze`: semantic diversity, t-SNE map and the label tables of §4.3 over one or more tournaments.</summary>
internal static class AnalyzeCommand
{
    private const string Usage =
        "arena analyze --tournament ID [--tournament ID2 | --tournament ID,ID2] [--json] [--embeddings use|lexical|openai] " +
        "[--embeddings-url URL --embeddings-model NAME [--embeddings-key-env VAR]] [--embeddings-tokens N] [--max-points N] [--max-embedded N] [--seed S] [--perplexity P]";

    public static async Task<int> ExecuteAsync(string db, IReadOnlyList<string> argv, CancellationToken ct)
    {
        // --tournament may repeat; CliArgs keeps one value per option, so collect them first.
        var ids = new List<string>();
        var rest = new List<string>();
        for (var i = 0; i < argv.Count; i++)
        {
            if (argv[i] == "--tournament")
            {
                if (i + 1 >= argv.Count) throw new UsageException($"--tournament needs a value ({Usage})");
                ids.AddRange(argv[++i].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            }
            else if (argv[i].StartsWith("--tournament=", StringComparison.Ordinal))
                ids.AddRange(argv[i]["--tournament=".Length..].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            else rest.Add(argv[i]);
        }
        var args = CliArgs.Parse("analyze", rest, Usage, ["--json"],
            [.. EmbedderOptions, "--max-points", "--max-embedded", "--seed", "--perplexity"]);
        args.ExpectPositional(0, 0);
        var request = ParseEmbedder(args);
        var options = new AnalysisOptions(
            MaxPoints: args.Int("--max-points") ?? 2000,
            MaxEmbedded: args.Int("--max-embedded"),
            Seed: args.NonNegativeInt("--seed") ?? 1,
            Perplexity: args.Value("--perplexity") is { } pText ? (double.TryParse(pText, NumberStyles.Float, CultureInfo.InvariantCulture, out var p) && p >= 1 ? p : throw new UsageException($"--perplexity: '{pText}' is not a number ≥ 1")) : 30);

        await using var store = await Cli.OpenStoreAsync(db, mustExist: true, ct);
        var tournaments = new List<string>();
        if (ids.Count == 0) tournaments.Add((await Tournaments.ResolveAsync(store, null, ct)).Id);
        foreach (var id in ids.Distinct(StringComparer.Ordinal)) tournaments.Add((await Tournaments.ResolveAsync(store, id, ct)).Id);

        var result = await RunAsync("analyze", store, tournaments, request, options, ct);
        if (result is null) return 1;

        if (args.Flag("--json")) Console.Out.WriteLine(JsonSerializer.Serialize(ToJson(result)));
        else PrintHuman(result);
        return 0;
    }

    /// <summary>The embedder options shared by every verb that embeds conversations (analyze, report).</summary>
    public static readonly string[] EmbedderOptions = ["--embeddings", "--embeddings-url", "--embeddings-model", "--embeddings-key-env", "--embeddings-tokens"];

    /// <summary>Runs the analyses with progress on stderr; null (after printing why) when the embedding backend failed.</summary>
    public static async Task<AnalysisResult?> RunAsync(string verb, Arena.Core.Storage.IArenaStore store, IReadOnlyList<string> tournaments,
        EmbedderRequest request, AnalysisOptions options, CancellationToken ct)
    {
        try
        {
            var (embedder, info) = await Embedders.CreateAsync(request, note => Console.Error.WriteLine($"arena {verb}: WARNING {note}"), ct);
            using (embedder)
                return await TournamentAnalysis.RunAsync(store, tournaments, embedder, info, options, line => Console.Error.WriteLine($"arena {verb}: {line}"), ct);
        }
        catch (ArgumentException e) { throw new UsageException(e.Message); }
        catch (EmbeddingBackendException e)
        {
            Cli.Fail(1, $"embeddings failed: {e.Message}");
            return null;
        }
    }

    public static EmbedderRequest ParseEmbedder(CliArgs args)
    {
        var kind = args.Value("--embeddings") switch
        {
            null or "use" => EmbedderKind.Use,
            "lexical" => EmbedderKind.Lexical,
            "openai" => EmbedderKind.OpenAi,
            var other => throw new UsageException($"--embeddings: '{other}' is not one of use, lexical, openai"),
        };
        var url = args.Value("--embeddings-url");
        var model = args.Value("--embeddings-model");
        var keyEnv = args.Value("--embeddings-key-env");
        if (kind != EmbedderKind.OpenAi && (url ?? model ?? keyEnv) is not null)
            throw new UsageException("--embeddings-url/--embeddings-model/--embeddings-key-env need --embeddings openai");
        if (kind == EmbedderKind.OpenAi && (url is null || model is null))
            throw new UsageException("--embeddings openai needs --embeddings-url and --embeddings-model");
        var tokens = args.Int("--embeddings-tokens") ?? UseEmbeddingGenerator.ModelWindow;
        if (tokens > UseEmbeddingGenerator.ModelWindow)
            throw new UsageException($"--embeddings-tokens: {tokens} exceeds the USE model's window of {UseEmbeddingGenerator.ModelWindow} tokens");
        if (args.Value("--embeddings-tokens") is not null && kind != EmbedderKind.Use)
            throw new UsageException("--embeddings-tokens applies to --embeddings use only");
        return new EmbedderRequest(kind, url, model, keyEnv, tokens);
    }

    private static object ToJson(AnalysisResult r) => new
    {
        tournaments = r.Tournaments,
        sessions = r.Sessions,
        embedder = new { kind = r.Embedder.Kind, model = r.Embedder.ModelId, dimensions = r.Embedder.Dimensions, fallback = r.Embedder.IsFallback, note = r.Embedder.Note, window_tokens = r.Embedder.Window, embedded_text = r.EmbeddedText },
        semantic_diversity = r.Diversity.Select(d => new
        {
            by = d.Dimension, groups = d.Groups, sizes = d.Sizes,
            within = d.Within.Select(Round), between = d.Between.Select(row => row.Select(Round)),
        }),
        tsne = new
        {
            perplexity = r.Map.Perplexity, seed = r.Map.Seed, sampled_from = r.Map.SampledFrom, points_count = r.Map.Points.Count, note = r.Map.Note,
            points = r.Map.Points.Select(p => new { session = p.SessionId, tournament = p.Tournament, attacker = p.Attacker, defender = p.Defender, outcome = p.Outcome, x = Math.Round(p.X, 4), y = Math.Round(p.Y, 4) }),
        },
        vulnerable_vs_malicious = r.VulnerableVsMalicious.Select(o => new { scope = o.Scope, key = o.Key, sessions = o.Sessions, labeled = o.Labeled, vulnerable_code = o.VulnerableCode, security_event = o.SecurityEvent, both = o.Both, attack_success = o.AttackSuccess }),
        vulnerability_classes = r.VulnerabilityClasses.Select(v => new { category = v.Category, sessions = v.Sessions, findings = v.Findings, cwe = v.Cwe }),
        first_success = new
        {
            by_defender_reply = r.FirstSuccess.ByDefenderReply.ToDictionary(kv => kv.Key.ToString(CultureInfo.InvariantCulture), kv => kv.Value),
            vulnerable_sessions = r.FirstSuccess.VulnerableSessions,
            mean_defender_reply = r.FirstSuccess.MeanDefenderReply is { } m ? Math.Round(m, 3) : (double?)null,
            judge_decided_without_turn = r.FirstSuccess.JudgeDecided,
        },
        bots = r.Bots.Select(b => new { tournament = b.Tournament, id = b.BotId, turns = b.Turns, failed_attempts = b.FailedAttempts, failed_sessions = b.FailedSessions, error_rate = Math.Round(b.ErrorRate, 4), latency_ms = new { p50 = b.P50Ms, p95 = b.P95Ms, p99 = b.P99Ms } }),
        timings = new { embed_seconds = Math.Round(r.Timings.EmbedSeconds, 3), conversations_per_second = Math.Round(r.Timings.EmbedPerSecond, 1), cached_embeddings = r.Timings.CachedEmbeddings, tsne_seconds = Math.Round(r.Timings.TsneSeconds, 3) },
    };

    private static double? Round(double? v) => v is { } x ? Math.Round(x, 4) : null;

    private static void PrintHuman(AnalysisResult r)
    {
        var console = AnsiConsole.Console;
        console.MarkupLine($"[bold]analysis of {Markup.Escape(string.Join(", ", r.Tournaments))}[/]: {r.Sessions} finished sessions");
        var e = r.Embedder;
        console.MarkupLine(e.IsFallback
            ? $"[red bold]embeddings: LEXICAL FALLBACK[/] — {Markup.Escape(e.Note ?? "")}"
            : $"embeddings: {Markup.Escape(e.Kind)} ({Markup.Escape(e.ModelId)}{(e.Window is { } w ? $", {w}-token window" : "")}){(e.Note is { } n ? " — " + Markup.Escape(n) : "")}");
        console.MarkupLine($"embedded text: {Markup.Escape(r.EmbeddedText)} · {r.Timings.EmbedPerSecond:F1} conversations/s");
        foreach (var d in r.Diversity)
        {
            var table = new Table { Title = new TableTitle($"semantic diversity by {d.Dimension} (1 − cosine; diagonal = within)") };
            table.AddColumn(d.Dimension).AddColumn("n");
            foreach (var g in d.Groups) table.AddColumn(Markup.Escape(g));
            for (var i = 0; i < d.Groups.Count; i++)
                table.AddRow([Markup.Escape(d.Groups[i]), $"{d.Sizes[i]}", .. d.Between[i].Select(v => v is { } x ? x.ToString("0.000", CultureInfo.InvariantCulture) : "–")]);
            console.Write(table);
        }
        var outcomes = new Table { Title = new TableTitle("vulnerable code vs security events (Table 4)") }.AddColumns("scope", "key", "sessions", "labeled", "vulnerable", "security event", "both", "attack success");
        foreach (var o in r.VulnerableVsMalicious)
            outcomes.AddRow(o.Scope, Markup.Escape(o.Key), $"{o.Sessions}", $"{o.Labeled}", $"{o.VulnerableCode}", $"{o.SecurityEvent}", $"{o.Both}", $"{o.AttackSuccess}");
        console.Write(outcomes);
        var classes = new Table { Title = new TableTitle("top vulnerability classes (Table 5)") }.AddColumns("category", "sessions", "findings", "CWE");
        foreach (var v in r.VulnerabilityClasses.Take(15)) classes.AddRow(Markup.Escape(v.Category), $"{v.Sessions}", $"{v.Findings}", Markup.Escape(string.Join(" ", v.Cwe)));
        console.Write(classes);
        var f = r.FirstSuccess;
        console.MarkupLine($"first vulnerable reply: {(f.VulnerableSessions == 0 ? "none" : string.Join(", ", f.ByDefenderReply.Select(kv => $"reply {kv.Key}: {kv.Value}")) + $" (mean {f.MeanDefenderReply:0.00})")}; " +
                           $"{f.JudgeDecided} judge-decided successes have no turn");
        var bots = new Table { Title = new TableTitle("latency and errors per bot") }.AddColumns("tournament", "bot", "turns", "failed attempts", "error rate", "p50 ms", "p95 ms", "p99 ms");
        foreach (var b in r.Bots) bots.AddRow(Markup.Escape(b.Tournament), Markup.Escape(b.BotId), $"{b.Turns}", $"{b.FailedAttempts}", $"{b.ErrorRate:P1}", $"{b.P50Ms}", $"{b.P95Ms}", $"{b.P99Ms}");
        console.Write(bots);
        console.MarkupLine($"t-SNE map: {r.Map.Points.Count} points — {Markup.Escape(r.Map.Note)} ({r.Timings.TsneSeconds:F1} s; coordinates in --json)");
    }
}
