namespace Arena.Cli;

/// <summary>Bad usage: exit code 2 with a one-line message.</summary>
internal sealed class UsageException(string message) : Exception(message);

/// <summary>
/// A small, strict argument reader: options may appear anywhere after the verb; unknown options and
/// missing values are usage errors naming the option.
/// </summary>
internal sealed class CliArgs
{
    private readonly Dictionary<string, string?> _options = new(StringComparer.Ordinal);
    private readonly HashSet<string> _used = new(StringComparer.Ordinal);

    private CliArgs(string verb, List<string> positional, string usage)
    {
        Verb = verb;
        Positional = positional;
        Usage = usage;
    }

    public string Verb { get; }
    public IReadOnlyList<string> Positional { get; }
    public string Usage { get; }

    /// <param name="flags">options without a value</param>
    /// <param name="valued">options that take a value</param>
    public static CliArgs Parse(string verb, IReadOnlyList<string> args, string usage, string[] flags, string[] valued)
    {
        var positional = new List<string>();
        var result = new CliArgs(verb, positional, usage);
        for (var i = 0; i < args.Count; i++)
        {
            var a = args[i];
            if (!a.StartsWith("--", StringComparison.Ordinal) || a == "--")
            {
                positional.Add(a);
                continue;
            }
            var name = a;
            string? inline = null;
            var eq = a.IndexOf('=');
            if (eq > 0) { name = a[..eq]; inline = a[(eq + 1)..]; }
            if (flags.Contains(name))
            {
                if (inline is not null) throw new UsageException($"{name} takes no value");
                result._options[name] = null;
            }
            else if (valued.Contains(name))
            {
                var value = inline ?? (i + 1 < args.Count ? args[++i] : throw new UsageException($"{name} needs a value ({usage})"));
                result._options[name] = value;
            }
            else
            {
                var known = flags.Concat(valued).ToList();
                throw new UsageException($"unknown option {name} for 'arena {verb}'" + (known.Count > 0 ? $" (known: {string.Join(", ", known)})" : ""));
            }
        }
        return result;
    }

    public bool Flag(string name) => _options.ContainsKey(name);

    public string? Value(string name) => _options.GetValueOrDefault(name);

    public string Required(string name) => Value(name) ?? throw new UsageException($"'arena {Verb}' needs {name} ({Usage})");

    public int? Int(string name)
    {
        var v = Value(name);
        if (v is null) return null;
        return int.TryParse(v, out var n) && n > 0 ? n : throw new UsageException($"{name}: '{v}' is not a positive integer");
    }

    public int? NonNegativeInt(string name)
    {
        var v = Value(name);
        if (v is null) return null;
        return int.TryParse(v, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n)
            ? n
            : throw new UsageException($"{name}: '{v}' is not a non-negative integer");
    }

    public void ExpectPositional(int min, int max)
    {
        if (Positional.Count < min || Positional.Count > max)
            throw new UsageException($"usage: {Usage}");
    }
}

internal static class Tournaments
{
    /// <summary>The named tournament, or the most recent one when no id is given.</summary>
    public static async Task<Core.Storage.TournamentRecord> ResolveAsync(Core.Storage.IArenaStore store, string? id, CancellationToken ct)
    {
        if (id is not null)
            return await store.GetTournamentAsync(id, ct) ?? throw new UsageException($"no tournament '{id}' in this store");
        var all = await store.ListTournamentsAsync(ct);
        return all.Count > 0 ? all[^1] : throw new UsageException("this store has no tournaments yet (arena run CONFIG.yaml)");
    }
}
