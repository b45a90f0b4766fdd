using System.Globalization;
using System.Text.RegularExpressions;
using Arena.Core.Tournaments;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Arena.Engine.Configuration;

/// <summary>One tournament of a series: its config file (absolute), the loaded config and the file's text.</summary>
internal sealed record SeriesTournament(string Path, TournamentConfig Config, string Yaml);

/// <summary>The judge that labels a series' tournaments: heuristic (default), llm or panel, as `arena evaluate --judge`.</summary>
internal sealed record SeriesJudge(string Kind, string? Url = null, string? Model = null, string? ApiKeyEnv = null, int? Samples = null)
{
    public static SeriesJudge Heuristic { get; } = new("heuristic");
}

/// <summary>
/// A series (paper §4.4): tournaments run in order with feedback between them and a cumulative ranking at the end.
/// <paramref name="FeedbackDir"/> is absolute (relative paths are taken from the series file's folder).
/// </summary>
internal sealed record SeriesConfig(
    string Name, IReadOnlyList<SeriesTournament> Tournaments, string FeedbackDir, SeriesJudge Judge, int BootstrapRounds, int Seed);

/// <summary>
/// Reads a series file strictly, in the style of <see cref="ConfigLoader"/>: unknown keys, missing or repeated
/// tournament files and repeated tournament ids are errors naming the file, line and key. Tournament files are
/// ordinary tournament configs, loaded (and validated) by <see cref="ConfigLoader.LoadFile"/>.
/// </summary>
internal static partial class SeriesConfigLoader
{
    [GeneratedRegex("^[A-Za-z0-9_.-]+$")]
    private static partial Regex IdPattern();

    private static readonly string[] TopKeys = ["series", "tournaments", "feedback_dir", "judge", "bootstrap", "seed"];
    private static readonly string[] JudgeKeys = ["kind", "url", "model", "api_key_env", "samples"];
    private static readonly string[] JudgeKinds = ["heuristic", "llm", "panel"];

    /// <summary>True when the YAML file is a series (a mapping with a top-level <c>series</c> key), not a tournament.</summary>
    public static bool IsSeriesFile(string path)
    {
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(File.ReadAllText(path)));
            return stream.Documents.Count > 0 && stream.Documents[0].RootNode is YamlMappingNode root
                   && root.Children.ContainsKey(new YamlScalarNode("series"));
        }
        catch (Exception e) when (e is YamlException or InvalidOperationException or IOException or UnauthorizedAccessException)
        {
            // Not readable as a series: the tournament loader reports the problem with its own message.
            return false;
        }
    }

    public static SeriesConfig LoadFile(string path)
    {
        string text;
        try { text = File.ReadAllText(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConfigException(path, 0, "", $"cannot read the file: {e.Message}");
        }
        return Parse(text, path);
    }

    public static SeriesConfig Parse(string yaml, string file)
    {
        var stream = new YamlStream();
        try { stream.Load(new StringReader(yaml)); }
        catch (YamlException e) { throw new ConfigException(file, e.Start.Line, "", $"invalid YAML: {e.Message}"); }
        catch (InvalidOperationException e) { throw new ConfigException(file, yaml.Count(c => c == '\n') + 1, "", $"invalid YAML: {e.Message}"); }
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
            throw new ConfigException(file, 1, "", "expected a mapping with 'series' and 'tournaments'");

        foreach (var (k, _) in root.Children)
        {
            var name = (k as YamlScalarNode)?.Value ?? "";
            if (!TopKeys.Contains(name))
                throw Error(file, k, name, $"unknown key (expected one of: {string.Join(", ", TopKeys)})");
        }
        var nameNode = Scalar(file, root, "series") ?? throw Error(file, root, "series", "is required (the series name)");
        var seriesName = nameNode.Value!;
        if (!IdPattern().IsMatch(seriesName)) throw Error(file, nameNode, "series", $"'{seriesName}' is not a valid name (letters, digits, '_', '.', '-')");

        var baseDir = Path.GetDirectoryName(Path.GetFullPath(file))!;
        if (!root.Children.TryGetValue(new YamlScalarNode("tournaments"), out var tnode))
            throw Error(file, root, "tournaments", "is required (a list of tournament config files, relative to this file)");
        if (tnode is not YamlSequenceNode seq || seq.Children.Count == 0)
            throw Error(file, tnode, "tournaments", "must be a non-empty list of tournament config files");
        var tournaments = new List<SeriesTournament>();
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < seq.Children.Count; i++)
        {
            var key = $"tournaments[{i}]";
            if (seq.Children[i] is not YamlScalarNode { Value: { Length: > 0 } rel } item)
                throw Error(file, seq.Children[i], key, "must be a file path");
            var full = Path.GetFullPath(Path.Combine(baseDir, rel));
            if (!File.Exists(full)) throw Error(file, item, key, $"{rel}: no such file (paths are relative to the series file)");
            if (tournaments.Any(t => t.Path == full)) throw Error(file, item, key, $"{rel} is listed twice");
            var config = ConfigLoader.LoadFile(full);
            if (!ids.TryAdd(config.Tournament, rel))
                throw Error(file, item, key, $"{rel} defines tournament '{config.Tournament}', which {ids[config.Tournament]} defines too");
            tournaments.Add(new SeriesTournament(full, config, File.ReadAllText(full)));
        }

        var feedback = Scalar(file, root, "feedback_dir")?.Value ?? $"{seriesName}-feedback";
        var judge = Judge(file, root);
        var bootstrap = Int(file, root, "bootstrap", 1000, min: 0);
        var seed = Int(file, root, "seed", 0, min: 0);
        return new SeriesConfig(seriesName, tournaments, Path.GetFullPath(Path.Combine(baseDir, feedback)), judge, bootstrap, seed);
    }

    private static SeriesJudge Judge(string file, YamlMappingNode root)
    {
        if (!root.Children.TryGetValue(new YamlScalarNode("judge"), out var node)) return SeriesJudge.Heuristic;
        if (node is YamlScalarNode s)
        {
            if (s.Value is "heuristic" or "panel") return new SeriesJudge(s.Value);
            throw Error(file, s, "judge", s.Value == "llm"
                ? "an llm judge needs a mapping {kind: llm, url, model, api_key_env, samples}"
                : $"unknown judge '{s.Value}' (heuristic, llm, panel)");
        }
        if (node is not YamlMappingNode m) throw Error(file, node, "judge", "must be a judge name or a mapping");
        foreach (var (k, _) in m.Children)
        {
            var name = (k as YamlScalarNode)?.Value ?? "";
            if (!JudgeKeys.Contains(name)) throw Error(file, k, $"judge.{name}", $"unknown key (expected one of: {string.Join(", ", JudgeKeys)})");
        }
        var kindNode = Scalar(file, m, "kind", "judge.") ?? throw Error(file, m, "judge.kind", "is required");
        var kind = kindNode.Value!;
        if (!JudgeKinds.Contains(kind)) throw Error(file, kindNode, "judge.kind", $"unknown judge '{kind}' (heuristic, llm, panel)");
        var url = Scalar(file, m, "url", "judge.");
        var model = Scalar(file, m, "model", "judge.");
        if (kind == "llm")
        {
            if (url is null) throw Error(file, m, "judge.url", "is required for an llm judge");
            if (!Uri.TryCreate(url.Value, UriKind.Absolute, out var u) || (u.Scheme != Uri.UriSchemeHttp && u.Scheme != Uri.UriSchemeHttps))
                throw Error(file, url, "judge.url", $"'{url.Value}' is not an http(s) URL");
            if (model is null) throw Error(file, m, "judge.model", "is required for an llm judge");
        }
        int? samples = m.Children.ContainsKey(new YamlScalarNode("samples")) ? Int(file, m, "samples", 1, min: 1, prefix: "judge.") : null;
        return new SeriesJudge(kind, url?.Value, model?.Value, Scalar(file, m, "api_key_env", "judge.")?.Value, samples);
    }

    private static ConfigException Error(string file, YamlNode node, string key, string problem) => new(file, node.Start.Line, key, problem);

    private static YamlScalarNode? Scalar(string file, YamlMappingNode m, string key, string prefix = "")
    {
        if (!m.Children.TryGetValue(new YamlScalarNode(key), out var v)) return null;
        if (v is not YamlScalarNode s || string.IsNullOrEmpty(s.Value)) throw Error(file, v, prefix + key, "must be a single non-empty value");
        return s;
    }

    private static int Int(string file, YamlMappingNode m, string key, int fallback, int min, string prefix = "")
    {
        var n = Scalar(file, m, key, prefix);
        if (n is null) return fallback;
        if (!int.TryParse(n.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v))
            throw Error(file, n, prefix + key, $"'{n.Value}' is not an integer");
        if (v < min) throw Error(file, n, prefix + key, $"must be at least {min} (got {v})");
        return v;
    }
}
