using System.Text.Json;
using Arena.Core.Accounts;
using Arena.Storage.Sqlite;
using Arena.Web.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace Arena.Tests.Accounts;

public sealed class AccountServiceTests : IAsyncLifetime
{
    private const string Password = "correct horse battery staple";
    private readonly string _dir = Directory.CreateTempSubdirectory("arena-accounts-").FullName;
    private readonly CancellationToken _ct = CancellationToken.None;
    private SqliteArenaStore _store = null!;

    private string Db => Path.Combine(_dir, "arena.db");

    public async Task InitializeAsync() => _store = await SqliteArenaStore.OpenAsync(Db, _ct);

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dir, true); } catch (IOException) { }
    }

    private AccountService Accounts => new(_store);

    [Fact]
    public async Task The_right_password_verifies_and_a_wrong_one_or_an_unknown_name_does_not()
    {
        var added = await Accounts.AddAsync("alice", UserRole.Annotator, null, Password, "test", _ct);

        Assert.DoesNotContain(Password, added.PasswordHash);
        Assert.Equal(PasswordVerificationResult.Success,
            new PasswordHasher<UserRecord>().VerifyHashedPassword(added, added.PasswordHash, Password)); // a standard Identity hash

        var ok = await Accounts.VerifyAsync("alice", Password, _ct);
        Assert.NotNull(ok);
        Assert.Equal(UserRole.Annotator, ok.Role);
        Assert.Null(await Accounts.VerifyAsync("alice", Password + "!", _ct));
        Assert.Null(await Accounts.VerifyAsync("alice", Password.ToUpperInvariant(), _ct));
        Assert.Null(await Accounts.VerifyAsync("mallory", Password, _ct));
        Assert.Null(await Accounts.VerifyAsync("", Password, _ct));
    }

    [Fact]
    public async Task Two_accounts_with_the_same_password_get_different_hashes()
    {
        var a = await Accounts.AddAsync("a.one", UserRole.Admin, null, Password, "test", _ct);
        var b = await Accounts.AddAsync("b.two", UserRole.Admin, null, Password, "test", _ct);
        Assert.NotEqual(a.PasswordHash, b.PasswordHash); // salted
    }

    [Fact]
    public async Task A_disabled_user_cannot_log_in_until_enabled_again()
    {
        await Accounts.AddAsync("bob", UserRole.Team, "red-1", Password, "test", _ct);
        Assert.Equal(("bob", true), await Accounts.SetDisabledAsync("BOB", true, "test", _ct));
        Assert.Null(await Accounts.VerifyAsync("bob", Password, _ct));
        Assert.Equal(("bob", false), await Accounts.SetDisabledAsync("bob", true, "test", _ct)); // no change
        await Accounts.SetDisabledAsync("bob", false, "test", _ct);
        Assert.NotNull(await Accounts.VerifyAsync("bob", Password, _ct));
    }

    [Fact]
    public async Task Names_are_unique_ignoring_case_and_found_in_any_case()
    {
        await Accounts.AddAsync("Alice", UserRole.Admin, null, Password, "test", _ct);
        var e = await Assert.ThrowsAsync<AccountException>(() => Accounts.AddAsync("aLICE", UserRole.Annotator, null, Password, "test", _ct));
        Assert.Contains("already exists", e.Message);

        var now = DateTimeOffset.UtcNow;
        Assert.False(await _store.AddUserAsync(new UserRecord("ALICE", UserRole.Admin, null, "x", false, now, now),
            new AuditEntry(now, "test", "user.add", "ALICE", "{}"), _ct)); // the store itself refuses too

        Assert.Equal("Alice", (await _store.GetUserAsync("alice", _ct))?.Name);
        Assert.Single(await _store.ListUsersAsync(_ct));
        Assert.NotNull(await Accounts.VerifyAsync("ALICE", Password, _ct));
        Assert.Single(await _store.ReadAuditAsync(null, _ct)); // the refused adds left no audit entry
    }

    [Theory]
    [InlineData("t1", "team", null, "needs --team")]
    [InlineData("t1", "team", "bad team", "team id")]
    [InlineData("a1", "annotator", "red", "only for team members")]
    [InlineData("a1", "admin", "red", "only for team members")]
    [InlineData("bad name", "admin", null, "user name")]
    [InlineData("", "admin", null, "user name")]
    public async Task Bad_role_and_team_combinations_are_refused(string name, string role, string? team, string message)
    {
        var e = await Assert.ThrowsAsync<AccountException>(() =>
            Accounts.AddAsync(name, AccountService.ParseRole(role), team, Password, "test", _ct));
        Assert.Contains(message, e.Message);
        Assert.Empty(await _store.ListUsersAsync(_ct));
    }

    [Fact]
    public async Task Unknown_roles_short_passwords_and_unknown_users_are_refused()
    {
        Assert.Contains("unknown role", Assert.Throws<AccountException>(() => AccountService.ParseRole("root")).Message);
        Assert.Contains("too short", (await Assert.ThrowsAsync<AccountException>(() =>
            Accounts.AddAsync("c", UserRole.Admin, null, new string('x', AccountService.MinPasswordLength - 1), "test", _ct))).Message);
        await Accounts.AddAsync("c", UserRole.Admin, null, new string('x', AccountService.MinPasswordLength), "test", _ct);
        Assert.Contains("no user", (await Assert.ThrowsAsync<AccountException>(() => Accounts.SetDisabledAsync("d", true, "test", _ct))).Message);
        Assert.Contains("no user", (await Assert.ThrowsAsync<AccountException>(() => Accounts.ChangePasswordAsync("d", Password, "test", _ct))).Message);
    }

    [Fact]
    public async Task Every_change_writes_an_audit_entry_without_the_password()
    {
        await Accounts.AddAsync("carol", UserRole.Team, "blue", Password, "cli:ops", _ct);
        await Accounts.SetDisabledAsync("carol", true, "cli:ops", _ct);
        await Accounts.SetDisabledAsync("carol", false, "web:admin", _ct);
        await Accounts.ChangePasswordAsync("Carol", "another long password", "cli:ops", _ct);
        await Accounts.AddAsync("dave", UserRole.Admin, null, Password, "cli:ops", _ct);

        var log = await _store.ReadAuditAsync("CAROL", _ct);
        Assert.Equal(["user.add", "user.disable", "user.enable", "user.passwd"], log.Select(e => e.Action));
        Assert.Equal(["cli:ops", "cli:ops", "web:admin", "cli:ops"], log.Select(e => e.Actor));
        Assert.All(log, e => Assert.Equal("carol", e.Subject));
        using (var detail = JsonDocument.Parse(log[0].DetailJson))
        {
            Assert.Equal("team", detail.RootElement.GetProperty("role").GetString());
            Assert.Equal("blue", detail.RootElement.GetProperty("team").GetString());
        }
        var all = await _store.ReadAuditAsync(null, _ct);
        Assert.Equal(5, all.Count);
        Assert.All(all, e => Assert.DoesNotContain("password", e.DetailJson + e.Action.Replace("passwd", ""), StringComparison.OrdinalIgnoreCase));
        Assert.All(all, e => Assert.DoesNotContain("horse", e.DetailJson));

        // The new password works and the old one no longer does.
        Assert.Null(await Accounts.VerifyAsync("carol", Password, _ct));
        Assert.NotNull(await Accounts.VerifyAsync("carol", "another long password", _ct));
    }

    [Fact]
    public async Task Entries_without_an_account_change_are_appended_in_order()
    {
        var at = DateTimeOffset.UtcNow;
        await _store.AppendAuditAsync(new AuditEntry(at, "web:ann1", "label.change", "t/a/d/0", """{"malicious_code":true}"""), _ct);
        await _store.AppendAuditAsync(new AuditEntry(at.AddSeconds(1), "web:ann2", "label.change", "t/a/d/1", "{}"), _ct);
        var read = await _store.ReadAuditAsync(null, _ct);
        Assert.Equal(["t/a/d/0", "t/a/d/1"], read.Select(e => e.Subject));
        Assert.Equal("""{"malicious_code":true}""", read[0].DetailJson);
        Assert.Equal(at, read[0].At);
        Assert.Single(await _store.ReadAuditAsync("t/a/d/1", _ct));
    }

    [Fact]
    public async Task Reopening_the_store_keeps_users_and_the_audit_log()
    {
        await Accounts.AddAsync("erin", UserRole.Team, "red-1", Password, "test", _ct);
        await Accounts.SetDisabledAsync("erin", true, "test", _ct);
        await _store.DisposeAsync();
        _store = await SqliteArenaStore.OpenAsync(Db, _ct);

        var erin = await _store.GetUserAsync("erin", _ct);
        Assert.NotNull(erin);
        Assert.Equal((UserRole.Team, "red-1", true), (erin.Role, erin.Team, erin.Disabled));
        Assert.Equal(2, (await _store.ReadAuditAsync("erin", _ct)).Count);
        await Accounts.SetDisabledAsync("erin", false, "test", _ct);
        Assert.NotNull(await Accounts.VerifyAsync("erin", Password, _ct));
    }

    [Fact]
    public async Task A_store_made_before_accounts_existed_opens_and_gains_the_tables()
    {
        await _store.CreateTournamentAsync(new Arena.Core.Storage.TournamentRecord("old", 1, "", "{}", DateTimeOffset.UtcNow), _ct);
        await _store.DisposeAsync();
        await using (var c = new SqliteConnection($"Data Source={Db};Pooling=false"))
        {
            await c.OpenAsync();
            await using var drop = c.CreateCommand();
            drop.CommandText = "DROP TABLE users; DROP TABLE audit_log;";
            await drop.ExecuteNonQueryAsync();
        }
        _store = await SqliteArenaStore.OpenAsync(Db, _ct);
        Assert.NotNull(await _store.GetTournamentAsync("old", _ct));
        Assert.Empty(await _store.ListUsersAsync(_ct));
        await Accounts.AddAsync("frank", UserRole.Admin, null, Password, "test", _ct);
        Assert.NotNull(await Accounts.VerifyAsync("frank", Password, _ct));
    }

    [Fact]
    public async Task An_outdated_hash_is_replaced_on_a_successful_login()
    {
        // An Identity v2 hash (PBKDF2-SHA1, 1000 iterations) as an older deployment would have stored.
        var v2 = new PasswordHasher<UserRecord>(Options.Create(new PasswordHasherOptions { CompatibilityMode = PasswordHasherCompatibilityMode.IdentityV2 }));
        var now = DateTimeOffset.UtcNow;
        var old = new UserRecord("gina", UserRole.Annotator, null, "", false, now, now);
        old = old with { PasswordHash = v2.HashPassword(old, Password) };
        Assert.True(await _store.AddUserAsync(old, new AuditEntry(now, "test", "user.add", "gina", "{}"), _ct));

        Assert.Null(await Accounts.VerifyAsync("gina", "wrong password here", _ct));
        Assert.Equal(old.PasswordHash, (await _store.GetUserAsync("gina", _ct))!.PasswordHash); // no rehash on failure

        var user = await Accounts.VerifyAsync("gina", Password, _ct);
        Assert.NotNull(user);
        var stored = (await _store.GetUserAsync("gina", _ct))!.PasswordHash;
        Assert.NotEqual(old.PasswordHash, stored);
        Assert.Equal(stored, user.PasswordHash);
        Assert.Equal(0x01, Convert.FromBase64String(stored)[0]); // format marker of Identity v3
        Assert.Equal("user.rehash", (await _store.ReadAuditAsync("gina", _ct))[^1].Action);
        Assert.NotNull(await Accounts.VerifyAsync("gina", Password, _ct));
    }
}
