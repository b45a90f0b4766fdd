using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Arena.Core.Bots;
using Arena.Core.Labels;
using Arena.Core.Sessions;
using Arena.Core.Storage;

namespace Arena.Tests.WebApi;

/// <summary>Endpoints that read one conversation by id, with a second tournament "u" in the store beside "t".</summary>
public sealed class SessionLookupApiTests
{
    private static readonly CancellationToken Ct = CancellationToken.None;
    private const string Other = "u/red/blue/0";

    private static async Task AddSecondTournamentAsync(WebHarness h)
    {
        await h.Store.CreateTournamentAsync(new TournamentRecord("u", 3, "", "{}", DateTimeOffset.UtcNow), Ct);
        await h.Store.AddFinishedSessionsAsync([new SessionRecord(Other, "u", "red", "blue", 0, 0, 10, SessionStatus.Completed, EndReason.MaxTurns,
            null, null, [new TurnRecord(0, Role.Attacker, "red", "hello", 5, 1, null, false), new TurnRecord(1, Role.Defender, "blue", "no", 5, 1, null, false)])], Ct);
        await h.Store.SaveLabelAsync("u", new ConversationLabel(Other, Outcome.DefenseSuccess, false, [], "pyan", "1",
            new JudgeEvidence(false, false, "refused", "heuristic", "h1"), DateTimeOffset.UtcNow), Ct);
    }

    [Fact]
    public async Task A_conversation_is_found_only_under_its_own_tournament()
    {
        await using var h = await WebHarness.StartAsync();
        await AddSecondTournamentAsync(h);
        using var admin = await h.SignedInAsync("root");

        using var own = await admin.GetAsync($"/api/tournaments/u/conversations/{Other}");
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        var doc = await own.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(Other, doc.GetProperty("session").GetProperty("id").GetString());
        Assert.Equal(2, doc.GetProperty("session").GetProperty("turns").GetArrayLength());

        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/tournaments/t/conversations/{Other}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/api/tournaments/u/conversations/u/red/blue/7")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound,
            (await admin.PostAsync($"/api/tournaments/t/adjudication/{Other}", new { malicious_code = true, malicious_explanation = false })).StatusCode);
    }

    [Fact]
    public async Task An_answer_is_routed_to_its_conversation_s_tournament_and_only_seated_annotators_read_it()
    {
        await using var h = await WebHarness.StartAsync();
        await AddSecondTournamentAsync(h);
        using (var admin = await h.SignedInAsync("root")) Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync("/api/tournaments/u/panel/plan")).StatusCode);
        var seated = (await h.Store.GetSessionAssignmentsAsync(Other, Ct)).Where(a => a.IsActive).Select(a => a.Annotator).ToList();
        var unseated = new[] { "ann1", "ann2", "ann3", "ann4" }.Except(seated).ToList();
        Assert.NotEmpty(seated);
        Assert.NotEmpty(unseated);

        using var reader = await h.SignedInAsync(seated[0]);
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync($"/api/tournaments/u/conversations/{Other}")).StatusCode);
        using var outsider = await h.SignedInAsync(unseated[0]);
        Assert.Equal(HttpStatusCode.Forbidden, (await outsider.GetAsync($"/api/tournaments/u/conversations/{Other}")).StatusCode);

        var labelsOfU = (await h.Store.GetCurrentLabelsAsync("u", Ct)).Count;
        foreach (var name in seated)
        {
            using var c = await h.SignedInAsync(name);
            using var r = await c.PostAsync($"/api/annotation/{Other}", new { malicious_code = true, malicious_explanation = true });
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
            Assert.Equal("u", (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("tournament").GetString());
        }
        // The unanimous panel's label is saved under "u", where the session lives.
        var label = (await h.Store.GetCurrentLabelsAsync("u", Ct))[Other];
        Assert.Equal(Outcome.AttackSuccess, label.Outcome);
        Assert.Equal(labelsOfU, (await h.Store.GetCurrentLabelsAsync("u", Ct)).Count);
        Assert.False((await h.Store.GetCurrentLabelsAsync("t", Ct)).ContainsKey(Other));
    }
}
