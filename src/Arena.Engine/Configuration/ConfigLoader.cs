using System.Globalization;
using System.Text.RegularExpressions;
using Arena.Bots.Builtin;
using Arena.Core.Bots;
using Arena.Core.Tournaments;
using Arena.Core.Utility;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Arena.Engine.Configuration;

/// <summary>Bad config: names the file, the line and the key.</summary>
internal sealed class ConfigException(string file, long line, string key, string problem)
    : Exception($"{file}:{line}: {(key.Length > 0 ? key + ": " : "")}{problem}")
{
    public string File { get; } = file;
    public long Line { get; } = line;
    public string Key { get; } = key;
}

/// <summary>
/// Reads a tournament config (contracts §3) from YAML, strictly: unknown keys, missing or duplicate ids,
/// non-positive counts and non-http(s) URLs are rejected with the file, line and key at fault.
/// </summary>
internal static partial class ConfigLoader
{
    [GeneratedRegex("^[A-Za-z0-9_.-]+$")]
    private static partial Regex IdPattern();

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex EnvNamePattern();

    private static readonly string[] TopKeys = ["tournament", "seed", "sessions_per_matchup", "max_turns", "batch_size", "max_message_chars", "attackers", "defenders", "matchups", "utility"];
    private static readonly string[] TeamKeys = ["id", "bot"];
    private static readonly string[] WebhookKeys = ["url", "token_env", "timeout_s", "retries"];
    private static readonly string[] CommonBotKeys = ["kind", "timeout_s", "concurrency", "retries", "rps", "burst", "health_url", "offline_after", "offline_timeout_s"];
    private static readonly Dictionary<BotKind, string[]> KindKeys = new()
    {
        [BotKind.Http] = ["url", "token", "token_env"],
        [BotKind.Builtin] = ["name"],
        [BotKind.OpenAi] = ["base_url", "model", "api_key_env", "system_prompt", "end_marker", "temperature", "max_tokens"],
    };

    public static TournamentConfig LoadFile(string path)
    {
        string text;
        try { text = File.ReadAllText(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConfigException(path, 0, "", $"cannot read the file: {e.Message}");
        }
        return Parse(text, path);
    }

    public static TournamentConfig Parse(string yaml, string file)
    {
        var stream = new YamlStream();
        try { stream.Load(new StringReader(yaml)); }
        catch (YamlException e)
        {
            throw new ConfigException(file, e.Start.Line, "", $"invalid YAML: {Innermost(e).Message}");
        }
        catch (InvalidOperationException e)
        {
            // YamlDotNet reports some structural errors (e.g. an unclosed flow sequence at the end) this way.
            throw new ConfigException(file, yaml.Count(c => c == '\n') + 1, "", $"invalid YAML: {e.Message}");
        }
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
            throw new ConfigException(file, 1, "", "expected a mapping with 'tournament', 'attackers' and 'defenders'");

        var r = new Reader(file);
        r.CheckKeys(root, "", TopKeys);
        var tournament = r.Id(r.Required(root, "tournament", ""), "tournament");
        var seed = r.Long(root, "seed", "", 0);
        var sessions = r.PositiveInt(root, "sessions_per_matchup", "", 200);
        var maxTurns = r.PositiveInt(root, "max_turns", "", TournamentConfig.DefaultMaxTurns);
        var batch = r.PositiveInt(root, "batch_size", "", TournamentConfig.DefaultBatchSize);
        var maxChars = r.PositiveInt(root, "max_message_chars", "", TournamentConfig.DefaultMaxMessageChars);
        var attackers = r.Teams(root, "attackers", Role.Attacker);
        var defenders = r.Teams(root, "defenders", Role.Defender);

        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (team, node, path) in attackers.Concat(defenders))
            if (!seen.TryAdd(team.Id, path))
                throw new ConfigException(file, node.Start.Line, $"{path}.id", $"duplicate team id '{team.Id}' (also {seen[team.Id]})");

        var matchups = new List<MatchupOverride>();
        if (root.Children.TryGetValue(new YamlScalarNode("matchups"), out var mnode))
        {
            if (mnode is not YamlSequenceNode seq) throw r.Error(mnode, "matchups", "must be a list of {attacker, defender, sessions}");
            for (var i = 0; i < seq.Children.Count; i++)
            {
                var path = $"matchups[{i}]";
                var m = r.Mapping(seq.Children[i], path);
                r.CheckKeys(m, path, ["attacker", "defender", "sessions"]);
                var a = r.Id(r.Required(m, "attacker", path), $"{path}.attacker");
                var d = r.Id(r.Required(m, "defender", path), $"{path}.defender");
                if (attackers.All(x => x.Team.Id != a)) throw r.Error(m, $"{path}.attacker", $"'{a}' is not an attacker of this tournament");
                if (defenders.All(x => x.Team.Id != d)) throw r.Error(m, $"{path}.defender", $"'{d}' is not a defender of this tournament");
                if (matchups.Any(x => x.Attacker == a && x.Defender == d)) throw r.Error(m, path, $"{a} × {d} is listed twice");
                matchups.Add(new MatchupOverride(a, d, r.PositiveInt(m, "sessions", path, null)));
            }
        }

        UtilityConfig? utility = null;
        if (root.Children.TryGetValue(new YamlScalarNode("utility"), out var unode))
            utility = r.Utility(r.Mapping(unode, "utility"), defenders.Select(d => d.Team.Id).ToList(), seen);

        return new TournamentConfig(tournament, seed, sessions, maxTurns, batch, maxChars,
            attackers.Select(x => x.Team).ToList(), defenders.Select(x => x.Team).ToList(), matchups, utility);
    }

    private static Exception Innermost(Exception e) => e.InnerException is { } inner ? Innermost(inner) : e;

    private sealed class Reader(string file)
    {
        public ConfigException Error(YamlNode node, string key, string problem) => new(file, node.Start.Line, key, problem);

        public void CheckKeys(YamlMappingNode m, string path, IEnumerable<string> allowed)
        {
            var ok = allowed.ToHashSet(StringComparer.Ordinal);
            foreach (var (k, _) in m.Children)
            {
                var name = (k as YamlScalarNode)?.Value ?? "";
                if (!ok.Contains(name))
                    throw Error(k, Join(path, name), $"unknown key (expected one of: {string.Join(", ", allowed)})");
            }
        }

        public YamlMappingNode Mapping(YamlNode node, string path) =>
            node as YamlMappingNode ?? throw Error(node, path, "must be a mapping");

        public YamlScalarNode Required(YamlMappingNode m, string key, string path) =>
            Optional(m, key, path) ?? throw Error(m, Join(path, key), "is required");

        public YamlScalarNode? Optional(YamlMappingNode m, string key, string path)
        {
            if (!m.Children.TryGetValue(new YamlScalarNode(key), out var v)) return null;
            if (v is not YamlScalarNode s || s.Value is null || (s.Value.Length == 0 && s.Style == YamlDotNet.Core.ScalarStyle.Plain))
                throw Error(v, Join(path, key), "must be a single value");
            return s;
        }

        public string? String(YamlMappingNode m, string key, string path) => Optional(m, key, path)?.Value;

        public string Id(YamlScalarNode node, string key)
        {
            var v = node.Value ?? "";
            if (!IdPattern().IsMatch(v)) throw Error(node, key, $"'{v}' is not a valid id (letters, digits, '_', '.', '-')");
            return v;
        }

        public long Long(YamlMappingNode m, string key, string path, long fallback)
        {
            var n = Optional(m, key, path);
            if (n is null) return fallback;
            return long.TryParse(n.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v)
                ? v : throw Error(n, Join(path, key), $"'{n.Value}' is not an integer");
        }

        public int PositiveInt(YamlMappingNode m, string key, string path, int? fallback) =>
            Int(m, key, path, fallback, min: 1);

        public int Int(YamlMappingNode m, string key, string path, int? fallback, int min)
        {
            var n = Optional(m, key, path);
            if (n is null) return fallback ?? throw Error(m, Join(path, key), "is required");
            if (!int.TryParse(n.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v))
                throw Error(n, Join(path, key), $"'{n.Value}' is not an integer");
            if (v < min) throw Error(n, Join(path, key), min == 1 ? $"must be positive (got {v})" : $"must be at least {min} (got {v})");
            return v;
        }

        public double? PositiveDouble(YamlMappingNode m, string key, string path)
        {
            var n = Optional(m, key, path);
            if (n is null) return null;
            if (!double.TryParse(n.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) || double.IsNaN(v) || double.IsInfinity(v))
                throw Error(n, Join(path, key), $"'{n.Value}' is not a number");
            if (v <= 0) throw Error(n, Join(path, key), $"must be positive (got {n.Value})");
            // Durations beyond this overflow timers; no sensible value comes near it.
            if (v > 1e6) throw Error(n, Join(path, key), $"is too large (got {n.Value}; at most 1000000)");
            return v;
        }

        public string? Url(YamlMappingNode m, string key, string path)
        {
            var n = Optional(m, key, path);
            if (n is null) return null;
            if (!Uri.TryCreate(n.Value, UriKind.Absolute, out var u) || (u.Scheme != Uri.UriSchemeHttp && u.Scheme != Uri.UriSchemeHttps))
                throw Error(n, Join(path, key), $"'{n.Value}' is not an http(s) URL");
            return n.Value;
        }

        public List<(TeamConfig Team, YamlNode Node, string Path)> Teams(YamlMappingNode root, string key, Role role)
        {
            if (!root.Children.TryGetValue(new YamlScalarNode(key), out var node))
                throw Error(root, key, $"is required (a list of {key} with id and bot)");
            if (node is not YamlSequenceNode seq || seq.Children.Count == 0)
                throw Error(node, key, $"must be a non-empty list of {key}");
            var list = new List<(TeamConfig, YamlNode, string)>();
            for (var i = 0; i < seq.Children.Count; i++)
            {
                var path = $"{key}[{i}]";
                var m = Mapping(seq.Children[i], path);
                CheckKeys(m, path, [.. TeamKeys, "webhook"]);
                var id = Id(Required(m, "id", path), $"{path}.id");
                if (!m.Children.TryGetValue(new YamlScalarNode("bot"), out var botNode))
                    throw Error(m, $"{path}.bot", "is required");
                var webhook = m.Children.TryGetValue(new YamlScalarNode("webhook"), out var hookNode)
                    ? Webhook(Mapping(hookNode, $"{path}.webhook"), $"{path}.webhook") : null;
                list.Add((new TeamConfig(id, role, Bot(Mapping(botNode, $"{path}.bot"), $"{path}.bot", role), webhook), m, path));
            }
            return list;
        }

        /// <summary>Live mode: the team's batch webhook (docs/live-mode.md).</summary>
        private WebhookSpec Webhook(YamlMappingNode m, string path)
        {
            CheckKeys(m, path, WebhookKeys);
            var url = Url(m, "url", path) ?? throw Error(m, $"{path}.url", "is required (the http(s) URL that receives batch_finished)");
            var tokenEnv = Optional(m, "token_env", path);
            if (tokenEnv is not null && !EnvNamePattern().IsMatch(tokenEnv.Value!))
                throw Error(tokenEnv, $"{path}.token_env", $"'{tokenEnv.Value}' is not an environment variable name (letters, digits, '_')");
            return new WebhookSpec(url, tokenEnv?.Value,
                PositiveDouble(m, "timeout_s", path) ?? WebhookSpec.DefaultTimeoutS,
                Int(m, "retries", path, WebhookSpec.DefaultRetries, min: 0));
        }

        private BotSpec Bot(YamlMappingNode m, string path, Role role)
        {
            var kindNode = Required(m, "kind", path);
            var kind = kindNode.Value switch
            {
                "http" => BotKind.Http,
                "openai" => BotKind.OpenAi,
                "builtin" => BotKind.Builtin,
                _ => throw Error(kindNode, $"{path}.kind", $"'{kindNode.Value}' is not a bot kind (http, openai, builtin)"),
            };
            CheckKeys(m, path, CommonBotKeys.Concat(KindKeys[kind]));
            var spec = new BotSpec
            {
                Kind = kind,
                TimeoutS = PositiveDouble(m, "timeout_s", path) ?? 45,
                Concurrency = Int(m, "concurrency", path, kind == BotKind.Builtin ? 32 : 8, min: 1),
                Retries = Int(m, "retries", path, 1, min: 0),
                Rps = PositiveDouble(m, "rps", path),
                Burst = Optional(m, "burst", path) is null ? null : Int(m, "burst", path, null, min: 1),
                HealthUrl = Url(m, "health_url", path),
                OfflineAfter = Int(m, "offline_after", path, 5, min: 1),
                OfflineTimeoutS = PositiveDouble(m, "offline_timeout_s", path) ?? 600,
            };
            if (spec.Burst is not null && spec.Rps is null)
                throw Error(m, $"{path}.burst", "only applies together with rps");
            switch (kind)
            {
                case BotKind.Http:
                    return spec with
                    {
                        Url = Url(m, "url", path) ?? throw Error(m, $"{path}.url", "is required for kind http"),
                        Token = String(m, "token", path),
                        TokenEnv = String(m, "token_env", path),
                    };
                case BotKind.Builtin:
                    var nameNode = Required(m, "name", path);
                    if (!BuiltinBots.TryCreate(nameNode.Value!, role, out _, out var error))
                        throw Error(nameNode, $"{path}.name", error);
                    return spec with { Name = nameNode.Value };
                default:
                    var temperature = Optional(m, "temperature", path);
                    double? t = null;
                    if (temperature is not null)
                        t = double.TryParse(temperature.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var tv) && tv >= 0 && tv <= 2
                            ? tv : throw Error(temperature, $"{path}.temperature", $"'{temperature.Value}' is not a number between 0 and 2");
                    return spec with
                    {
                        BaseUrl = Url(m, "base_url", path) ?? throw Error(m, $"{path}.base_url", "is required for kind openai"),
                        Model = String(m, "model", path) ?? throw Error(m, $"{path}.model", "is required for kind openai"),
                        ApiKeyEnv = String(m, "api_key_env", path),
                        SystemPrompt = String(m, "system_prompt", path),
                        EndMarker = String(m, "end_marker", path) ?? "[END]",
                        Temperature = t,
                        MaxTokens = Optional(m, "max_tokens", path) is null ? null : Int(m, "max_tokens", path, null, min: 1),
                    };
            }
        }

        private static readonly string[] UtilityKeys = ["base", "suites", "after_run", "judge", "sandbox"];
        private static readonly string[] JudgeKeys = ["kind", "base_url", "model", "api_key_env", "samples"];
        private static readonly string[] SandboxKeys = ["cpu_s", "wall_s", "memory_mb", "processes", "output_kb"];

        /// <summary>The utility section (docs/utility.md): base model, suites, when to run, judge, sandbox limits.</summary>
        public UtilityConfig Utility(YamlMappingNode m, IReadOnlyList<string> defenders, IReadOnlyDictionary<string, string> teamIds)
        {
            CheckKeys(m, "utility", UtilityKeys);
            string baseId = UtilityConfig.DefaultBaseId;
            BotSpec? baseBot = null;
            if (m.Children.TryGetValue(new YamlScalarNode("base"), out var b))
            {
                if (b is YamlScalarNode) 
                {
                    baseId = Id(Required(m, "base", "utility"), "utility.base");
                    if (!defenders.Contains(baseId))
                        throw Error(b, "utility.base", $"'{baseId}' is not a defender of this tournament; name one, or give {{id, bot}} for a reference model that is not competing");
                }
                else
                {
                    var bm = Mapping(b, "utility.base");
                    CheckKeys(bm, "utility.base", TeamKeys);
                    baseId = Optional(bm, "id", "utility.base") is { } idNode ? Id(idNode, "utility.base.id") : UtilityConfig.DefaultBaseId;
                    if (teamIds.ContainsKey(baseId))
                        throw Error(bm, "utility.base.id", $"'{baseId}' is already a team id ({teamIds[baseId]}); name that defender as `base: {baseId}` or pick another id");
                    if (!bm.Children.TryGetValue(new YamlScalarNode("bot"), out var botNode))
                        throw Error(bm, "utility.base.bot", "is required (the reference model's bot)");
                    baseBot = Bot(Mapping(botNode, "utility.base.bot"), "utility.base.bot", Role.Defender);
                }
            }
            else throw Error(m, "utility.base", "is required: the reference model whose score caps utility (a defender id, or {id, bot})");

            var suites = new List<string>();
            if (m.Children.TryGetValue(new YamlScalarNode("suites"), out var sn))
            {
                if (sn is not YamlSequenceNode seq || seq.Children.Count == 0)
                    throw Error(sn, "utility.suites", "must be a non-empty list of suite files or builtin:NAME");
                for (var i = 0; i < seq.Children.Count; i++)
                    suites.Add(seq.Children[i] is YamlScalarNode { Value: { Length: > 0 } v } ? v
                        : throw Error(seq.Children[i], $"utility.suites[{i}]", "must be a file path or builtin:NAME"));
            }
            else suites.Add("builtin:held-out");

            var afterRun = false;
            if (Optional(m, "after_run", "utility") is { } ar)
                afterRun = ar.Value switch
                {
                    "true" => true, "false" => false,
                    _ => throw Error(ar, "utility.after_run", $"'{ar.Value}' is not true or false"),
                };

            var judge = UtilityJudgeSpec.Heuristic;
            if (m.Children.TryGetValue(new YamlScalarNode("judge"), out var jn))
            {
                if (jn is YamlScalarNode { Value: "heuristic" }) { }
                else
                {
                    var jm = Mapping(jn, "utility.judge");
                    CheckKeys(jm, "utility.judge", JudgeKeys);
                    var kind = Required(jm, "kind", "utility.judge");
                    judge = kind.Value switch
                    {
                        "heuristic" => UtilityJudgeSpec.Heuristic,
                        "llm" => new UtilityJudgeSpec("llm",
                            Url(jm, "base_url", "utility.judge") ?? throw Error(jm, "utility.judge.base_url", "is required for an llm judge"),
                            String(jm, "model", "utility.judge") ?? throw Error(jm, "utility.judge.model", "is required for an llm judge"),
                            String(jm, "api_key_env", "utility.judge"),
                            Int(jm, "samples", "utility.judge", 1, min: 1)),
                        _ => throw Error(kind, "utility.judge.kind", $"'{kind.Value}' is not a utility judge (heuristic, llm)"),
                    };
                }
            }

            var limits = UtilityLimits.Default;
            if (m.Children.TryGetValue(new YamlScalarNode("sandbox"), out var lnode))
            {
                var lm = Mapping(lnode, "utility.sandbox");
                CheckKeys(lm, "utility.sandbox", SandboxKeys);
                limits = new UtilityLimits(
                    PositiveDouble(lm, "cpu_s", "utility.sandbox") ?? limits.CpuS,
                    PositiveDouble(lm, "wall_s", "utility.sandbox") ?? limits.WallS,
                    Int(lm, "memory_mb", "utility.sandbox", limits.MemoryMb, min: 16),
                    Int(lm, "processes", "utility.sandbox", limits.Processes, min: 1),
                    Int(lm, "output_kb", "utility.sandbox", limits.OutputKb, min: 1));
            }
            return new UtilityConfig(baseId, baseBot, suites, afterRun, judge, limits);
        }

        private static string Join(string path, string key) => path.Length == 0 ? key : $"{path}.{key}";
    }
}
