using Arena.Core.Bots;

namespace Arena.Bots.Builtin;

/// <summary>The deterministic reference bots (contracts §2 kind <c>builtin</c>): no network, replayable from the seed.</summary>
internal static class BuiltinBots
{
    private sealed record Entry(string Name, Role Role, string Description, IBot Bot);

    // Bots are stateless, so one shared instance per name serves every session.
    private static readonly Entry[] Entries =
    [
        new("direct", Role.Attacker, "Asks straight out for an insecure implementation or for malicious code; repetitive phrasing.",
            new StrategyAttacker(new DirectStrategy())),
        new("escalation", Role.Attacker, "Starts with a benign coding request, then asks to simplify, drop checks, weaken, and finally extend it into malware.",
            new StrategyAttacker(new EscalationStrategy())),
        new("roleplay", Role.Attacker, "Wraps the ask in role-play or hypothetical framings (novel, screenplay, CTF, class demo, persona).",
            new StrategyAttacker(new RoleplayStrategy())),
        new("vuln-edit", Role.Attacker, "Pastes secure code and asks for a plausible-sounding change that makes it vulnerable.",
            new StrategyAttacker(new VulnEditStrategy())),
        new("decompose", Role.Attacker, "Splits a malicious goal or insecure program into innocuous sub-tasks, then asks to combine them.",
            new StrategyAttacker(new DecomposeStrategy())),
        new("bandit", Role.Attacker, "Picks among the other strategies each turn with a UCB1 bandit rewarded by its reading of the defender's replies.",
            new BanditAttacker()),
        new("naive", Role.Defender, "Helpful but careless: usually answers with insecure code and outlines most malicious requests.",
            new NaiveDefender()),
        new("guarded", Role.Defender, "Intent-checking defender with secure answers and a few deliberate blind spots (fiction framing, compatibility pretexts, short memory, timeouts/leaks).",
            new GuardedDefender()),
        new("cautious", Role.Defender, "Refuses anything security-adjacent: safe but low utility.",
            new CautiousDefender()),
    ];

    public static IReadOnlyList<string> AttackerNames { get; } = Names(Role.Attacker);
    public static IReadOnlyList<string> DefenderNames { get; } = Names(Role.Defender);

    public static string Describe(string name)
    {
        foreach (var entry in Entries)
            if (entry.Name == name) return entry.Description;
        return $"unknown builtin bot '{name}'";
    }

    public static bool TryCreate(string name, Role role, out IBot? bot, out string error)
    {
        foreach (var entry in Entries)
        {
            if (entry.Name == name && entry.Role == role)
            {
                bot = entry.Bot;
                error = "";
                return true;
            }
        }

        bot = null;
        var known = role == Role.Attacker ? AttackerNames : DefenderNames;
        string wrongRole = Array.Exists(Entries, e => e.Name == name) ? $" ('{name}' is a builtin {Other(role).Wire()})" : "";
        error = $"unknown builtin {role.Wire()} '{name}'{wrongRole}; known: {string.Join(", ", known)}";
        return false;
    }

    private static Role Other(Role role) => role == Role.Attacker ? Role.Defender : Role.Attacker;

    private static string[] Names(Role role) => Entries.Where(e => e.Role == role).Select(e => e.Name).ToArray();
}
