using System.Collections.Concurrent;
using System.Diagnostics;
using Arena.Bots;
using Arena.Core.Bots;
using Arena.Core.Tournaments;

namespace Arena.Tests.Live;

/// <summary>
/// Wraps the real bot factory: notes when each (session, turn) was first asked, and has every bot attach private
/// metadata naming itself, so a test can check that none of it leaves the arena.
/// </summary>
internal sealed class RecordingBots(IBotFactory inner) : IBotFactory
{
    public ConcurrentDictionary<(string Session, int Turn), long> FirstAsked { get; } = new();

    public static string Secret(string botId) => $"private-to-{botId}";

    public BotBinding Create(TeamConfig team)
    {
        var binding = inner.Create(team);
        return binding with { Bot = new Recorder(binding.Bot, team.Id, this) };
    }

    private sealed class Recorder(IBot bot, string id, RecordingBots owner) : IBot
    {
        public async Task<BotReply> RespondAsync(BotRequest request, CancellationToken cancellationToken)
        {
            owner.FirstAsked.TryAdd((request.SessionId, request.Turn), Stopwatch.GetTimestamp());
            var reply = await bot.RespondAsync(request, cancellationToken);
            return reply with { MetadataJson = $$"""{"note":"{{Secret(id)}}"}""" };
        }
    }
}
