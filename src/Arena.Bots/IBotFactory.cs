using Arena.Core.Bots;
using Arena.Core.Tournaments;

namespace Arena.Bots;

/// <summary>Turns a team's bot config into a callable bot (and its optional health check).</summary>
internal interface IBotFactory
{
    BotBinding Create(TeamConfig team);
}

internal sealed record BotBinding(IBot Bot, Func<CancellationToken, Task<bool>>? HealthCheck = null);
