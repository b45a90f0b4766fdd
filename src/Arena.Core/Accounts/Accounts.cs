namespace Arena.Core.Accounts;

/// <summary>What a web-app account may do: run everything, label assigned conversations, or see one team's results.</summary>
internal enum UserRole { Admin, Annotator, Team }

internal static class UserRoleText
{
    public static string Text(this UserRole role) => role switch
    {
        UserRole.Admin => "admin",
        UserRole.Annotator => "annotator",
        UserRole.Team => "team",
        _ => throw new ArgumentOutOfRangeException(nameof(role)),
    };

    public static bool TryParse(string text, out UserRole role)
    {
        role = text switch { "admin" => UserRole.Admin, "annotator" => UserRole.Annotator, "team" => UserRole.Team, _ => (UserRole)(-1) };
        return (int)role >= 0;
    }
}

/// <summary>An account. <see cref="PasswordHash"/> is a PBKDF2 hash (ASP.NET Core Identity format), never a password;
/// <see cref="Team"/> is set exactly for <see cref="UserRole.Team"/>.</summary>
internal sealed record UserRecord(
    string Name, UserRole Role, string? Team, string PasswordHash, bool Disabled, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <summary>One audited change: who (e.g. "cli:alice", "web:bob"), what ("user.add"), to what, and a JSON object of details.</summary>
internal sealed record AuditEntry(DateTimeOffset At, string Actor, string Action, string Subject, string DetailJson);
