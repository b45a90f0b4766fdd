using System.Text.Json;
using Arena.Storage.Sqlite;
using Arena.Tests.Cli;
using Microsoft.Data.Sqlite;

namespace Arena.Tests.Accounts;

/// <summary>`arena users …` through the real arena.dll.</summary>
public sealed class UsersCliTests : IDisposable
{
    private const string Password = "a long enough secret";
    private readonly string _dir = Directory.CreateTempSubdirectory("arena-users-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dir, true); } catch (IOException) { }
    }

    private Task<ArenaProcess.Result> Run(string? stdin, params string[] args) => ArenaProcess.RunWithStdinAsync(_dir, stdin, args);

    private async Task<ArenaProcess.Result> Ok(string? stdin, params string[] args)
    {
        var r = await Run(stdin, args);
        Assert.True(r.ExitCode == 0, $"arena {string.Join(' ', args)}: {r.Stderr}");
        return r;
    }

    private async Task<string> Fails(string? stdin, params string[] args)
    {
        var r = await Run(stdin, args);
        Assert.True(r.ExitCode == 2, $"arena {string.Join(' ', args)} exited {r.ExitCode}: {r.Stderr}");
        var lines = r.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.DoesNotContain("   at ", r.Stderr);
        return lines[0];
    }

    private static JsonElement[] Users(ArenaProcess.Result list)
    {
        using var doc = JsonDocument.Parse(list.Stdout);
        return doc.RootElement.GetProperty("users").EnumerateArray().Select(e => e.Clone()).ToArray();
    }

    [Fact]
    public async Task Add_list_disable_enable_and_passwd_work_and_leave_an_audit_trail()
    {
        var add = await Ok(Password + "\n", "users", "add", "Alice", "--role", "admin", "--password-stdin");
        await Ok(Password + "\r\n", "users", "add", "bob", "--role", "team", "--team", "red-1", "--password-stdin");
        await Ok(Password, "users", "add", "carol", "--role", "annotator", "--password-stdin");
        Assert.DoesNotContain(Password, add.Stdout + add.Stderr);

        var users = Users(await Ok(null, "users", "list", "--json"));
        Assert.Equal(["Alice", "bob", "carol"], users.Select(u => u.GetProperty("name").GetString()));
        Assert.Equal(["admin", "team", "annotator"], users.Select(u => u.GetProperty("role").GetString()));
        Assert.Equal([null, "red-1", null], users.Select(u => u.GetProperty("team").GetString()));
        Assert.All(users, u => Assert.False(u.GetProperty("disabled").GetBoolean()));

        await Ok(null, "users", "disable", "BOB");
        var bob = Users(await Ok(null, "users", "list", "--json")).Single(u => u.GetProperty("name").GetString() == "bob");
        Assert.True(bob.GetProperty("disabled").GetBoolean());
        await Ok(null, "users", "enable", "bob");
        await Ok("another long secret\n", "users", "passwd", "carol", "--password-stdin");

        var text = await Ok(null, "users", "list");
        Assert.Contains("red-1", text.Stdout);
        Assert.Contains("annotator", text.Stdout);

        await using var store = await SqliteArenaStore.OpenAsync(Path.Combine(_dir, "arena.db"), CancellationToken.None);
        var log = await store.ReadAuditAsync(null, CancellationToken.None);
        Assert.Equal(["user.add Alice", "user.add bob", "user.add carol", "user.disable bob", "user.enable bob", "user.passwd carol"],
            log.Select(e => $"{e.Action} {e.Subject}"));
        Assert.All(log, e => Assert.Equal("cli:" + Environment.UserName, e.Actor));

        // The CR of a CRLF line is not part of the password; the piped passwords are the ones that verify.
        var accounts = new Web.Accounts.AccountService(store);
        Assert.NotNull(await accounts.VerifyAsync("bob", Password, CancellationToken.None));
        Assert.NotNull(await accounts.VerifyAsync("carol", "another long secret", CancellationToken.None));
        Assert.Null(await accounts.VerifyAsync("carol", Password, CancellationToken.None));
    }

    [Fact]
    public async Task The_json_list_has_no_password_hashes()
    {
        await Ok(Password + "\n", "users", "add", "dora", "--role", "team", "--team", "x.y_z", "--password-stdin");
        var list = await Ok(null, "users", "list", "--json");

        string hash;
        await using (var store = await SqliteArenaStore.OpenAsync(Path.Combine(_dir, "arena.db"), CancellationToken.None))
            hash = (await store.GetUserAsync("dora", CancellationToken.None))!.PasswordHash;
        Assert.DoesNotContain(hash, list.Stdout);
        Assert.DoesNotContain(hash[..16], list.Stdout);
        Assert.DoesNotContain("hash", list.Stdout, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(["created_at", "disabled", "name", "role", "team", "updated_at"],
            Users(list).Single().EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Single(list.Stdout.Trim().Split('\n')); // exactly one JSON document
    }

    [Fact]
    public async Task Bad_input_exits_2_with_one_line()
    {
        await Ok(Password + "\n", "users", "add", "erin", "--role", "annotator", "--password-stdin");

        Assert.Contains("already exists", await Fails(Password + "\n", "users", "add", "ERIN", "--role", "admin", "--password-stdin"));
        Assert.Contains("unknown role 'boss'", await Fails(Password + "\n", "users", "add", "f", "--role", "boss", "--password-stdin"));
        Assert.Contains("needs --team", await Fails(Password + "\n", "users", "add", "f", "--role", "team", "--password-stdin"));
        Assert.Contains("only for team members", await Fails(Password + "\n", "users", "add", "f", "--role", "admin", "--team", "red", "--password-stdin"));
        Assert.Contains("team id", await Fails(Password + "\n", "users", "add", "f", "--role", "team", "--team", "red/1", "--password-stdin"));
        Assert.Contains("too short", await Fails("short\n", "users", "add", "f", "--role", "admin", "--password-stdin"));
        Assert.Contains("stdin is empty", await Fails("", "users", "add", "f", "--role", "admin", "--password-stdin"));
        Assert.Contains("--role", await Fails(Password + "\n", "users", "add", "f", "--password-stdin"));
        Assert.Contains("no user named 'ghost'", await Fails(null, "users", "disable", "ghost"));
        Assert.Contains("no user named 'ghost'", await Fails(null, "users", "enable", "ghost"));
        Assert.Contains("no user named 'ghost'", await Fails(Password + "\n", "users", "passwd", "ghost", "--password-stdin"));
        Assert.Contains("unknown 'arena users' action", await Fails(null, "users", "remove", "erin"));
        Assert.Contains("--json does not apply", await Fails(null, "users", "disable", "erin", "--json"));

        // Without --password-stdin the password must be typed; a pipe is not a terminal.
        var prompt = await Fails(Password + "\n", "users", "add", "f", "--role", "admin");
        Assert.Contains("not a terminal", prompt);
        Assert.Contains("--password-stdin", prompt);
        Assert.Contains("not a terminal", await Fails(Password + "\n", "users", "passwd", "erin"));

        // None of the refused commands changed anything.
        var users = Users(await Ok(null, "users", "list", "--json"));
        Assert.Equal(["erin"], users.Select(u => u.GetProperty("name").GetString()));
        Assert.False(users[0].GetProperty("disabled").GetBoolean());
    }

    [Fact]
    public async Task Listing_a_store_that_does_not_exist_is_a_usage_error()
    {
        Assert.Contains("no such store", await Fails(null, "--db", "missing.db", "users", "list"));
        Assert.False(File.Exists(Path.Combine(_dir, "missing.db")));
    }
}
