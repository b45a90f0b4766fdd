using System.Text.Json;
using System.Text.RegularExpressions;
using Arena.Core.Accounts;
using Arena.Core.Storage;
using Microsoft.AspNetCore.Identity;

namespace Arena.Web.Accounts;

/// <summary>Bad account input (unknown role, duplicate name, short password…): a one-line message for the user.</summary>
internal sealed class AccountException(string message) : Exception(message);

/// <summary>
/// The rules for accounts in one place, shared by `arena users` and the web login: name and team syntax, role/team
/// consistency, password length, PBKDF2 hashing (ASP.NET Core Identity's <see cref="PasswordHasher{TUser}"/>) and an
/// audit entry with every change. Passwords are never stored, logged or put in an audit detail.
/// </summary>
internal sealed partial class AccountService(IArenaStore store, TimeProvider? time = null)
{
    public const int MinPasswordLength = 12;
    public const int MaxNameLength = 64;

    private static readonly PasswordHasher<UserRecord> Hasher = new();
    // Verifying against this for unknown names makes "no such user" cost as much as "wrong password" (no name probing by timing).
    private static readonly Lazy<string> DummyHash = new(() => Hasher.HashPassword(null!, "not-a-real-password-" + Guid.NewGuid()));

    private readonly TimeProvider _time = time ?? TimeProvider.System;

    [GeneratedRegex("^[A-Za-z0-9_.@-]+$")]
    private static partial Regex NamePattern();

    [GeneratedRegex("^[A-Za-z0-9_.-]+$")]
    private static partial Regex TeamPattern();

    public static UserRole ParseRole(string text) =>
        UserRoleText.TryParse(text, out var role) ? role : throw new AccountException($"unknown role '{text}' (admin, annotator or team)");

    public static void ValidatePassword(string password)
    {
        if (password.Length < MinPasswordLength)
            throw new AccountException($"the password is too short: at least {MinPasswordLength} characters");
    }

    /// <summary>Checks a new account's name, role and team (the CLI calls it before prompting for a password).</summary>
    public static void ValidateNewUser(string name, UserRole role, string? team)
    {
        ValidateName(name);
        if (role == UserRole.Team)
        {
            if (string.IsNullOrEmpty(team)) throw new AccountException("a team member needs --team ID");
            if (!TeamPattern().IsMatch(team)) throw new AccountException($"team id '{team}' may only contain letters, digits, '_', '.' and '-'");
        }
        else if (team is not null)
            throw new AccountException($"--team is only for team members, not for role {role.Text()}");
    }

    public async Task<UserRecord> AddAsync(string name, UserRole role, string? team, string password, string actor, CancellationToken ct)
    {
        ValidateNewUser(name, role, team);
        ValidatePassword(password);

        var now = _time.GetUtcNow();
        var user = new UserRecord(name, role, team, Hasher.HashPassword(null!, password), Disabled: false, now, now);
        var detail = JsonSerializer.Serialize(new { role = role.Text(), team });
        if (!await store.AddUserAsync(user, new AuditEntry(now, actor, "user.add", name, detail), ct))
            throw new AccountException($"a user named '{name}' already exists (names are case-insensitive)");
        return user;
    }

    public Task<IReadOnlyList<UserRecord>> ListAsync(CancellationToken ct) => store.ListUsersAsync(ct);

    /// <summary>Disables or re-enables an account; returns its stored name and false in Changed when it already was in
    /// that state (nothing changed, nothing audited).</summary>
    public async Task<(string Name, bool Changed)> SetDisabledAsync(string name, bool disabled, string actor, CancellationToken ct)
    {
        var user = await RequireAsync(name, ct);
        if (user.Disabled == disabled) return (user.Name, false);
        var audit = new AuditEntry(_time.GetUtcNow(), actor, disabled ? "user.disable" : "user.enable", user.Name, "{}");
        if (!await store.SetUserDisabledAsync(user.Name, disabled, audit, ct)) throw Unknown(name);
        return (user.Name, true);
    }

    public async Task ChangePasswordAsync(string name, string password, string actor, CancellationToken ct)
    {
        var user = await RequireAsync(name, ct);
        ValidatePassword(password);
        var audit = new AuditEntry(_time.GetUtcNow(), actor, "user.passwd", user.Name, "{}");
        if (!await store.SetPasswordHashAsync(user.Name, Hasher.HashPassword(user, password), audit, ct)) throw Unknown(name);
    }

    /// <summary>
    /// The account when the name exists, is enabled and the password matches; otherwise null (the caller cannot tell
    /// which check failed, nor can an attacker). A hash in an outdated format is replaced on success.
    /// </summary>
    public async Task<UserRecord?> VerifyAsync(string name, string password, CancellationToken ct)
    {
        var user = NamePattern().IsMatch(name) && name.Length <= MaxNameLength ? await store.GetUserAsync(name, ct) : null;
        if (user is null)
        {
            Hasher.VerifyHashedPassword(null!, DummyHash.Value, password);
            return null;
        }
        var result = Hasher.VerifyHashedPassword(user, user.PasswordHash, password);
        if (result == PasswordVerificationResult.Failed || user.Disabled) return null;
        if (result == PasswordVerificationResult.SuccessRehashNeeded)
        {
            var hash = Hasher.HashPassword(user, password);
            var audit = new AuditEntry(_time.GetUtcNow(), "web:login", "user.rehash", user.Name, "{}");
            await store.SetPasswordHashAsync(user.Name, hash, audit, ct);
            user = user with { PasswordHash = hash, UpdatedAt = audit.At };
        }
        return user;
    }

    private async Task<UserRecord> RequireAsync(string name, CancellationToken ct) =>
        await store.GetUserAsync(name, ct) ?? throw Unknown(name);

    private static AccountException Unknown(string name) => new($"no user named '{name}' (arena users list shows them)");

    private static void ValidateName(string name)
    {
        if (name.Length is 0 or > MaxNameLength || !NamePattern().IsMatch(name))
            throw new AccountException($"user name '{name}' must be 1–{MaxNameLength} characters of letters, digits, '_', '.', '@' and '-'");
    }
}
