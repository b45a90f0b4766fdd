using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Arena.Web.Api;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Arena.Tests.WebApi;

public sealed class ApiAuthorizationTests
{
    private const string Anonymous = "anonymous";
    // Columns of the matrix: who asks. ann1 sits on the panel of WebHarness.Reviewed, ann4 does not.
    private static readonly string[] Callers = [Anonymous, "root", "ann1", "ann4", "red-1", "green-1"];

    private static readonly object Answer = new { malicious_code = false, malicious_explanation = true, note = "explains a reverse shell" };

    /// <summary>Method, path, expected status per caller (same order as <see cref="Callers"/>), body.</summary>
    private static readonly (string Method, string Path, int[] Expected, object? Body)[] Matrix =
    [
        ("GET", "/api/me", [401, 200, 200, 200, 200, 200], null),
        ("GET", "/api/antiforgery", [200, 200, 200, 200, 200, 200], null),
        ("GET", "/api/openapi.json", [401, 200, 200, 200, 200, 200], null),
        ("GET", "/api/tournaments", [401, 200, 200, 200, 200, 200], null),
        ("GET", "/api/tournaments/t/progress", [401, 200, 403, 403, 200, 200], null),
        ("GET", "/api/tournaments/t/scores", [401, 200, 403, 403, 200, 200], null),
        ("GET", "/api/tournaments/t/conversations", [401, 200, 200, 200, 200, 200], null),
        ("GET", $"/api/tournaments/t/conversations/{WebHarness.Reviewed}", [401, 200, 200, 403, 200, 403], null),
        ("POST", "/api/tournaments/t/panel/plan", [401, 200, 403, 403, 403, 403], null),
        ("GET", "/api/annotation/queue", [401, 403, 200, 200, 403, 403], null),
        ("POST", $"/api/annotation/{WebHarness.Reviewed}", [401, 403, 200, 403, 403, 403], Answer),
        ("GET", "/api/tournaments/t/adjudication", [401, 200, 403, 403, 403, 403], null),
        ("POST", $"/api/tournaments/t/adjudication/{WebHarness.Reviewed}", [401, 200, 403, 403, 403, 403], Answer),
        ("GET", "/api/tournaments/t/agreement", [401, 200, 403, 403, 403, 403], null),
        ("GET", "/api/no/such/endpoint", [401, 404, 404, 404, 404, 404], null),
        ("POST", "/api/logout", [401, 200, 200, 200, 200, 200], null),  // last: it ends the session
    ];

    private static async Task<HttpResponseMessage> SendAsync(ApiClient client, string method, string path, object? body) =>
        method == "GET" ? await client.GetAsync(path) : await client.PostAsync(path, body);

    [Fact]
    public async Task Every_endpoint_answers_every_role_as_the_rules_say()
    {
        await using var h = await WebHarness.StartAsync();
        using (var admin = await h.SignedInAsync("root"))
            Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync("/api/tournaments/t/panel/plan")).StatusCode);

        var wrong = new List<string>();
        foreach (var (caller, column) in Callers.Select((c, i) => (c, i)))
        {
            using var client = caller == Anonymous ? h.Client() : await h.SignedInAsync(caller);
            foreach (var (method, path, expected, body) in Matrix)
            {
                using var response = await SendAsync(client, method, path, body);
                if ((int)response.StatusCode != expected[column])
                    wrong.Add($"{caller} {method} {path}: {(int)response.StatusCode}, expected {expected[column]}");
                Assert.NotEqual("text/html", response.Content.Headers.ContentType?.MediaType);
            }
        }
        Assert.Empty(wrong);
    }

    [Fact]
    public void The_matrix_covers_every_documented_operation()
    {
        static string Normal(string path) => path.Replace("/api/tournaments/t/", "/api/tournaments/{id}/").Replace(WebHarness.Reviewed, "{sid}");
        var tested = Matrix.Select(m => (m.Method, Normal(m.Path))).ToHashSet();
        var untested = ApiDoc.Operations.Where(o => o.Path != "/api/login" && !tested.Contains((o.Method, o.Path))).Select(o => $"{o.Method} {o.Path}");
        Assert.Empty(untested);
    }

    [Fact]
    public async Task The_openapi_document_lists_every_mapped_api_endpoint_and_nothing_else()
    {
        await using var h = await WebHarness.StartAsync();
        var mapped = h.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText!.StartsWith("/api/", StringComparison.Ordinal) && e.Metadata.GetMetadata<HttpMethodMetadata>() is not null)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []).Select(m => $"{m} {e.RoutePattern.RawText!.Replace("{**sid}", "{sid}")}"))
            .Order().ToList();
        using var admin = await h.SignedInAsync("root");
        var doc = await (await admin.GetAsync("/api/openapi.json")).Content.ReadFromJsonAsync<JsonElement>();
        var documented = doc.GetProperty("paths").EnumerateObject()
            .SelectMany(p => p.Value.EnumerateObject().Select(op => $"{op.Name.ToUpperInvariant()} {p.Name}")).Order().ToList();
        Assert.Equal(16, mapped.Count);
        Assert.Equal(mapped, documented);
    }

    [Fact]
    public async Task A_state_change_without_the_antiforgery_token_is_refused_with_400_and_changes_nothing()
    {
        await using var h = await WebHarness.StartAsync();
        using var anonymous = h.Client();
        Assert.Equal(HttpStatusCode.BadRequest, (await anonymous.PostAsync("/api/login", new { name = "root", password = WebHarness.Password }, withToken: false)).StatusCode);

        using var admin = await h.SignedInAsync("root");
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostAsync("/api/tournaments/t/panel/plan", withToken: false)).StatusCode);
        Assert.Empty(await h.Store.GetAssignmentsAsync("t", CancellationToken.None));
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync("/api/tournaments/t/panel/plan")).StatusCode);
        Assert.Equal(3, (await h.Store.GetAssignmentsAsync("t", CancellationToken.None)).Count);
    }

    [Fact]
    public async Task A_disabled_user_loses_access_at_the_next_request()
    {
        await using var h = await WebHarness.StartAsync();
        using var client = await h.SignedInAsync("red-1");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/me")).StatusCode);
        await h.Accounts.SetDisabledAsync("red-1", true, "test", CancellationToken.None);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/tournaments/t/scores")).StatusCode);
        // Re-enabling does not revive the old cookie (it was signed out), and login is refused while disabled.
        await h.Accounts.SetDisabledAsync("red-1", false, "test", CancellationToken.None);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/me")).StatusCode);
    }

    [Fact]
    public async Task A_disabled_user_cannot_log_in()
    {
        await using var h = await WebHarness.StartAsync();
        await h.Accounts.SetDisabledAsync("ann2", true, "test", CancellationToken.None);
        using var client = h.Client();
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.LoginAsync("ann2", WebHarness.Password)).StatusCode);
    }

    [Fact]
    public async Task Team_members_see_only_their_own_teams_conversations_and_score_rows()
    {
        await using var h = await WebHarness.StartAsync();
        using var red = await h.SignedInAsync("red-1");
        var conversations = await (await red.GetAsync("/api/tournaments/t/conversations")).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal([WebHarness.Reviewed, WebHarness.RedVulnerable], conversations.EnumerateArray().Select(c => c.GetProperty("id").GetString()!).Order().ToArray());

        var scores = await (await red.GetAsync("/api/tournaments/t/scores")).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(["red"], scores.GetProperty("attackers").EnumerateArray().Select(a => a.GetProperty("id").GetString()!).ToArray());
        Assert.Empty(scores.GetProperty("defenders").EnumerateArray());

        using var admin = await h.SignedInAsync("root");
        var all = await (await admin.GetAsync("/api/tournaments/t/scores")).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(["green", "red"], all.GetProperty("attackers").EnumerateArray().Select(a => a.GetProperty("id").GetString()!).Order().ToArray());
        var filtered = await (await admin.GetAsync("/api/tournaments/t/conversations?outcome=attack_success&attacker=red")).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal([WebHarness.RedVulnerable], filtered.EnumerateArray().Select(c => c.GetProperty("id").GetString()!).ToArray());
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.GetAsync("/api/tournaments/t/conversations?outcome=maybe")).StatusCode);
        var detail = await (await admin.GetAsync($"/api/tournaments/t/conversations/{WebHarness.RedVulnerable}")).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("CWE-78", detail.GetProperty("label").GetProperty("findings")[0].GetProperty("cwe")[0].GetString());
    }

    [Fact]
    public async Task Annotators_see_only_assigned_conversations_without_the_judge_hint()
    {
        await using var h = await WebHarness.StartAsync();
        using (var admin = await h.SignedInAsync("root")) await admin.PostAsync("/api/tournaments/t/panel/plan");
        using var ann1 = await h.SignedInAsync("ann1");
        var list = await (await ann1.GetAsync("/api/tournaments/t/conversations")).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal([WebHarness.Reviewed], list.EnumerateArray().Select(c => c.GetProperty("id").GetString()!).ToArray());
        var queue = await (await ann1.GetAsync("/api/annotation/queue")).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal([WebHarness.Reviewed], queue.EnumerateArray().Select(c => c.GetProperty("session_id").GetString()!).ToArray());
        var detail = await (await ann1.GetAsync($"/api/tournaments/t/conversations/{WebHarness.Reviewed}")).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(JsonValueKind.Null, detail.GetProperty("label").GetProperty("judge").ValueKind);
        using var ann4 = await h.SignedInAsync("ann4");
        Assert.Empty((await (await ann4.GetAsync("/api/tournaments/t/conversations")).Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray());
    }
}
