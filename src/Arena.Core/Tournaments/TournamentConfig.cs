using Arena.Core.Bots;
using Arena.Core.Utility;

namespace Arena.Core.Tournaments;

/// <summary>A validated tournament config (contracts §3). Built only by the config loader.</summary>
internal sealed record TournamentConfig(
    string Tournament,
    long Seed,
    int SessionsPerMatchup,
    int MaxTurns,
    int BatchSize,
    int MaxMessageChars,
    IReadOnlyList<TeamConfig> Attackers,
    IReadOnlyList<TeamConfig> Defenders,
    IReadOnlyList<MatchupOverride> Matchups,
    UtilityConfig? Utility = null)
{
    public const int DefaultMaxTurns = 10;
    public const int DefaultBatchSize = 20;
    public const int DefaultMaxMessageChars = 32_768;

    public IEnumerable<TeamConfig> Teams => Attackers.Concat(Defenders);

    public TeamConfig Team(string id) => Teams.First(t => t.Id == id);

    /// <summary>All attacker×defender pairs with their quota (B.3: per-pair quotas allow unequal traffic).</summary>
    public IReadOnlyList<Matchup> AllMatchups()
    {
        var list = new List<Matchup>();
        foreach (var a in Attackers)
            foreach (var d in Defenders)
            {
                var over = Matchups.FirstOrDefault(m => m.Attacker == a.Id && m.Defender == d.Id);
                list.Add(new Matchup(a.Id, d.Id, over?.Sessions ?? SessionsPerMatchup));
            }
        return list;
    }
}

internal sealed record TeamConfig(string Id, Role Role, BotSpec Bot, WebhookSpec? Webhook = null);

/// <summary>
/// Live mode (docs/live-mode.md): where the team is told each finished batch of its matchups. The bearer token is read
/// from <see cref="TokenEnv"/> when the run starts, so secrets stay out of the config.
/// </summary>
internal sealed record WebhookSpec(string Url, string? TokenEnv, double TimeoutS, int Retries)
{
    public const double DefaultTimeoutS = 10;
    public const int DefaultRetries = 2;
}

internal sealed record MatchupOverride(string Attacker, string Defender, int Sessions);

internal sealed record Matchup(string Attacker, string Defender, int Quota)
{
    public string Key => $"{Attacker}/{Defender}";
}

internal enum BotKind { Http, OpenAi, Builtin }

/// <summary>How to reach a bot and how the engine treats it. Defaults follow the challenge (45 s latency budget).</summary>
internal sealed record BotSpec
{
    public BotKind Kind { get; init; }
    // http
    public string? Url { get; init; }
    public string? Token { get; init; }
    public string? TokenEnv { get; init; }
    // builtin
    public string? Name { get; init; }
    // openai
    public string? BaseUrl { get; init; }
    public string? Model { get; init; }
    public string? ApiKeyEnv { get; init; }
    public string? SystemPrompt { get; init; }
    public string EndMarker { get; init; } = "[END]";
    public double? Temperature { get; init; }
    public int? MaxTokens { get; init; }
    // engine policy
    public double TimeoutS { get; init; } = 45;
    public int Concurrency { get; init; } = 8;
    public int Retries { get; init; } = 1;
    /// <summary>Requests per second (token bucket); null = unlimited.</summary>
    public double? Rps { get; init; }
    public int? Burst { get; init; }
    public string? HealthUrl { get; init; }
    /// <summary>Consecutive failed calls after which the bot is marked offline (B.3 partial availability).</summary>
    public int OfflineAfter { get; init; } = 5;
    /// <summary>How long an offline bot is waited for before its waiting sessions fail with bot_error.</summary>
    public double OfflineTimeoutS { get; init; } = 600;
}
