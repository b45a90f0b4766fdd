using System.Text;
using System.Text.Json;
using Arena.Core.Accounts;
using Arena.Web.Accounts;
using Spectre.Console;

namespace Arena.Cli.Commands;

/// <summary>`arena users add|list|disable|enable|passwd`: accounts of the web app (`arena serve`).</summary>
internal static class UsersCommand
{
    private const string Usage =
        "arena users add NAME --role admin|annotator|team [--team ID] [--password-stdin] | list [--json] | disable NAME | enable NAME | passwd NAME [--password-stdin]";

    public static async Task<int> ExecuteAsync(string db, IReadOnlyList<string> argv, CancellationToken ct)
    {
        var args = CliArgs.Parse("users", argv, Usage, ["--json", "--password-stdin"], ["--role", "--team"]);
        if (args.Positional.Count == 0) throw new UsageException($"usage: {Usage}");
        var action = args.Positional[0];
        var allowed = action switch
        {
            "add" => new[] { "--role", "--team", "--password-stdin" },
            "list" => ["--json"],
            "disable" or "enable" => [],
            "passwd" => ["--password-stdin"],
            _ => throw new UsageException($"unknown 'arena users' action '{action}' (add, list, disable, enable, passwd)"),
        };
        foreach (var option in new[] { "--json", "--password-stdin", "--role", "--team" })
            if (args.Flag(option) && !allowed.Contains(option))
                throw new UsageException($"{option} does not apply to 'arena users {action}'");
        args.ExpectPositional(action == "list" ? 1 : 2, action == "list" ? 1 : 2);
        var actor = "cli:" + Environment.UserName;

        try
        {
            await using var store = await Cli.OpenStoreAsync(db, mustExist: action != "add", ct);
            var accounts = new AccountService(store);
            switch (action)
            {
                case "add":
                {
                    var name = args.Positional[1];
                    var role = AccountService.ParseRole(args.Required("--role"));
                    var team = args.Value("--team");
                    // Reject bad input before asking for a password that would then be thrown away.
                    AccountService.ValidateNewUser(name, role, team);
                    if (await store.GetUserAsync(name, ct) is { } existing)
                        throw new AccountException($"a user named '{existing.Name}' already exists (names are case-insensitive)");
                    var password = ReadPassword(name, args.Flag("--password-stdin"));
                    var user = await accounts.AddAsync(name, role, team, password, actor, ct);
                    Console.Error.WriteLine($"added {user.Role.Text()} '{user.Name}'" + (user.Team is null ? "" : $" of team {user.Team}"));
                    return 0;
                }
                case "list":
                    Print(await accounts.ListAsync(ct), args.Flag("--json"));
                    return 0;
                case "disable" or "enable":
                {
                    var (name, changed) = await accounts.SetDisabledAsync(args.Positional[1], action == "disable", actor, ct);
                    Console.Error.WriteLine(changed ? $"{name}: {action}d" : $"{name}: already {action}d, nothing changed");
                    return 0;
                }
                default: // passwd
                {
                    var name = args.Positional[1];
                    var user = await store.GetUserAsync(name, ct) ?? throw new AccountException($"no user named '{name}' (arena users list shows them)");
                    await accounts.ChangePasswordAsync(user.Name, ReadPassword(user.Name, args.Flag("--password-stdin")), actor, ct);
                    Console.Error.WriteLine($"{user.Name}: password changed");
                    return 0;
                }
            }
        }
        catch (AccountException e) { throw new UsageException(e.Message); }
    }

    private static void Print(IReadOnlyList<UserRecord> users, bool json)
    {
        if (json)
        {
            // Only these fields: the password hash never leaves the store through the CLI.
            var doc = new
            {
                users = users.Select(u => new
                {
                    name = u.Name, role = u.Role.Text(), team = u.Team, disabled = u.Disabled,
                    created_at = u.CreatedAt.ToString("O"), updated_at = u.UpdatedAt.ToString("O"),
                }),
            };
            Console.Out.WriteLine(JsonSerializer.Serialize(doc, new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
            return;
        }
        if (users.Count == 0)
        {
            Console.Error.WriteLine("no users yet (arena users add NAME --role admin)");
            return;
        }
        var table = new Table().AddColumns("name", "role", "team", "state", "created (UTC)", "updated (UTC)");
        foreach (var u in users)
            table.AddRow(Markup.Escape(u.Name), u.Role.Text(), Markup.Escape(u.Team ?? ""), u.Disabled ? "disabled" : "active",
                u.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm"), u.UpdatedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm"));
        AnsiConsole.Console.Write(table);
    }

    /// <summary>The new password: the first line of stdin, or typed twice on the terminal without echo.</summary>
    private static string ReadPassword(string name, bool fromStdin)
    {
        if (fromStdin)
        {
            var line = Console.In.ReadLine() ?? throw new UsageException("--password-stdin: stdin is empty (pipe the password, one line)");
            AccountService.ValidatePassword(line);
            return line;
        }
        if (Console.IsInputRedirected)
            throw new UsageException("stdin is not a terminal, so the password cannot be typed: pipe it with --password-stdin");
        var first = Prompt($"new password for {name}: ");
        AccountService.ValidatePassword(first);
        if (Prompt("repeat it: ") != first) throw new UsageException("the two passwords differ; nothing changed");
        return first;
    }

    private static string Prompt(string label)
    {
        Console.Error.Write(label);
        var typed = new StringBuilder();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter) break;
            if (key.Key == ConsoleKey.Backspace) { if (typed.Length > 0) typed.Length--; }
            else if (!char.IsControl(key.KeyChar)) typed.Append(key.KeyChar);
        }
        Console.Error.WriteLine();
        return typed.ToString();
    }
}
