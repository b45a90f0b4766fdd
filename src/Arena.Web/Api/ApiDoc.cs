using System.Text.Json;
using System.Text.Json.Nodes;

namespace Arena.Web.Api;

/// <summary>One documented operation. <see cref="Roles"/>: who gets a 2xx (beyond that, 401 without a session, 403 otherwise).</summary>
internal sealed record ApiOperation(string Method, string Path, string Summary, string Roles, bool Body = false);

/// <summary>
/// The OpenAPI description served at /api/openapi.json. Written by hand on purpose: a test compares it with the
/// endpoints actually mapped, so neither can drift from the other unnoticed.
/// </summary>
internal static class ApiDoc
{
    public static readonly IReadOnlyList<ApiOperation> Operations =
    [
        new("POST", "/api/login", "Sign in with {name, password}; sets the session cookie. 429 with Retry-After after too many failures.", "anyone", Body: true),
        new("POST", "/api/logout", "Sign out.", "any account"),
        new("GET", "/api/me", "The signed-in account: name, role, team.", "any account"),
        new("GET", "/api/antiforgery", "An antiforgery token; send it as X-CSRF-TOKEN with every POST (fetch it again after login).", "anyone"),
        new("GET", "/api/openapi.json", "This document.", "any account"),
        new("GET", "/api/tournaments", "All tournaments.", "any account"),
        new("GET", "/api/tournaments/{id}/progress", "Sessions by state, per-matchup counts, per-bot latency and errors (a team: its own bot).", "admin, team"),
        new("GET", "/api/tournaments/{id}/scores", "The leaderboard with bootstrap intervals (contracts §5); a team gets only its own rows.", "admin, team"),
        new("GET", "/api/tournaments/{id}/conversations", "Conversations with their outcome; query attacker, defender, outcome (attack_success, defense_success, unlabeled).", "admin; team: its own; annotator: assigned"),
        new("GET", "/api/tournaments/{id}/conversations/{sid}", "One conversation with turns, current label and findings; admins also get the panel's vote.", "admin; team: its own; annotator: assigned"),
        new("POST", "/api/tournaments/{id}/panel/plan", "Seat the enabled annotator accounts on the panels of conversations needing review.", "admin"),
        new("GET", "/api/annotation/queue", "The caller's open panel seats, oldest first.", "annotator"),
        new("POST", "/api/annotation/{sid}", "Submit {malicious_code, malicious_explanation, note} for an assigned conversation.", "annotator (seated)", Body: true),
        new("GET", "/api/tournaments/{id}/adjudication", "Complete panels the vote could not settle.", "admin"),
        new("POST", "/api/tournaments/{id}/adjudication/{sid}", "An admin's decision {malicious_code, malicious_explanation, note}; overrides the panel.", "admin", Body: true),
        new("GET", "/api/tournaments/{id}/agreement", "Fleiss' kappa, Krippendorff's alpha, pairwise and per-annotator agreement of the panel.", "admin"),
    ];

    private static readonly Lazy<string> Text = new(Build);

    public static string Document() => Text.Value;

    private static string Build()
    {
        var paths = new JsonObject();
        foreach (var op in Operations)
        {
            if (paths[op.Path] is not JsonObject item) paths[op.Path] = item = new JsonObject();
            var parameters = new JsonArray();
            foreach (var name in new[] { "id", "sid" }.Where(n => op.Path.Contains("{" + n + "}", StringComparison.Ordinal)))
                parameters.Add(new JsonObject { ["name"] = name, ["in"] = "path", ["required"] = true, ["schema"] = new JsonObject { ["type"] = "string" } });
            var operation = new JsonObject
            {
                ["summary"] = op.Summary,
                ["x-roles"] = op.Roles,
                ["parameters"] = parameters,
                ["responses"] = new JsonObject
                {
                    ["200"] = new JsonObject { ["description"] = "OK (JSON)" },
                    ["400"] = new JsonObject { ["description"] = "bad input, or a POST without the antiforgery token" },
                    ["401"] = new JsonObject { ["description"] = "no valid session" },
                    ["403"] = new JsonObject { ["description"] = "not allowed for this account" },
                    ["404"] = new JsonObject { ["description"] = "no such tournament or conversation" },
                },
            };
            if (op.Body) operation["requestBody"] = new JsonObject { ["required"] = true, ["content"] = new JsonObject { ["application/json"] = new JsonObject() } };
            item[op.Method.ToLowerInvariant()] = operation;
        }
        var doc = new JsonObject
        {
            ["openapi"] = "3.1.0",
            ["info"] = new JsonObject { ["title"] = "Adversarial Arena API", ["version"] = "1" },
            ["components"] = new JsonObject
            {
                ["securitySchemes"] = new JsonObject { ["session"] = new JsonObject { ["type"] = "apiKey", ["in"] = "cookie", ["name"] = "arena.session" } },
            },
            ["security"] = new JsonArray(new JsonObject { ["session"] = new JsonArray() }),
            ["paths"] = paths,
        };
        return doc.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }
}
