using Arena.Bots.Builtin;
using Arena.Bots.Http;
using Arena.Bots.OpenAi;
using Arena.Core.Tournaments;

namespace Arena.Bots;

/// <summary>A bot config that cannot be turned into a bot (e.g. a missing environment variable).</summary>
internal sealed class BotConfigException(string message) : Exception(message);

/// <summary>Builds http, openai and builtin bots; all network bots share one connection pool.</summary>
internal sealed class BotFactory : IBotFactory, IDisposable
{
    private readonly HttpClient _http = new(new SocketsHttpHandler
    {
        PooledConnectionLifetime = TimeSpan.FromMinutes(2),
        MaxConnectionsPerServer = int.MaxValue,
        UseCookies = false,
        AllowAutoRedirect = false,
    })
    {
        // Each attempt gets its own deadline from the bot's timeout_s.
        Timeout = Timeout.InfiniteTimeSpan,
    };

    private readonly Func<string, string?> _env;

    public BotFactory(Func<string, string?>? environment = null) => _env = environment ?? Environment.GetEnvironmentVariable;

    public BotBinding Create(TeamConfig team)
    {
        var spec = team.Bot;
        var bot = spec.Kind switch
        {
            BotKind.Http => new ArenaHttpBot(_http, new Uri(spec.Url!), spec.Token ?? Secret(team, spec.TokenEnv, "token_env")),
            BotKind.OpenAi => new OpenAiChatBot(_http, new OpenAiBotOptions(spec.BaseUrl!, spec.Model!,
                Secret(team, spec.ApiKeyEnv, "api_key_env"), spec.SystemPrompt, spec.EndMarker, spec.Temperature, spec.MaxTokens)),
            _ => BuiltinBots.TryCreate(spec.Name!, team.Role, out var b, out var error)
                ? b! : throw new BotConfigException($"{team.Id}: {error}"),
        };
        return new BotBinding(bot, spec.HealthUrl is { } url ? ct => HealthyAsync(url, ct) : null);
    }

    private string? Secret(TeamConfig team, string? variable, string key)
    {
        if (variable is null) return null;
        return _env(variable) is { Length: > 0 } value
            ? value
            : throw new BotConfigException($"{team.Id}: bot.{key} names environment variable {variable}, which is not set");
    }

    private async Task<bool> HealthyAsync(string url, CancellationToken ct)
    {
        using var response = await _http.GetAsync(url, ct);
        return response.IsSuccessStatusCode;
    }

    public void Dispose() => _http.Dispose();
}
