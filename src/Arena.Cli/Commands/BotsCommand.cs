using System.Text.Json;
using Arena.Bots.Builtin;
using Arena.Core.Bots;

namespace Arena.Cli.Commands;

internal static class BotsCommand
{
    private const string Usage = "arena bots pause|resume BOT [--tournament ID] | arena bots list";

    public static async Task<int> ExecuteAsync(string db, IReadOnlyList<string> argv, CancellationToken ct)
    {
        var args = CliArgs.Parse("bots", argv, Usage, [], ["--tournament"]);
        if (args.Positional.Count == 1 && args.Positional[0] == "list")
        {
            foreach (var n in BuiltinBots.AttackerNames) Console.Out.WriteLine($"attacker  {n,-12} {BuiltinBots.Describe(n)}");
            foreach (var n in BuiltinBots.DefenderNames) Console.Out.WriteLine($"defender  {n,-12} {BuiltinBots.Describe(n)}");
            return 0;
        }
        args.ExpectPositional(2, 2);
        var action = args.Positional[0];
        if (action is not ("pause" or "resume")) throw new UsageException($"usage: {Usage}");
        var bot = args.Positional[1];
        await using var store = await Cli.OpenStoreAsync(db, mustExist: true, ct);
        var t = await Tournaments.ResolveAsync(store, args.Value("--tournament"), ct);
        using var snapshot = JsonDocument.Parse(t.ConfigJson);
        var shape = snapshot.RootElement.GetProperty("shape");
        var teams = shape.GetProperty("Attackers").EnumerateArray().Concat(shape.GetProperty("Defenders").EnumerateArray())
            .Select(e => e.GetString()!).ToList();
        if (!teams.Contains(bot))
            throw new UsageException($"no bot '{bot}' in tournament {t.Id} (bots: {string.Join(", ", teams)})");
        await store.SetBotPausedAsync(t.Id, bot, action == "pause", ct);
        Console.Error.WriteLine(action == "pause"
            ? $"{bot} paused in {t.Id}: its sessions wait (in-flight calls finish); 'arena bots resume {bot}' releases them"
            : $"{bot} resumed in {t.Id}");
        return 0;
    }
}
