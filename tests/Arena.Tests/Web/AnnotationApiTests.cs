using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Arena.Web;

namespace Arena.Tests.WebApi;

public sealed class AnnotationApiTests
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    [Fact]
    public async Task Three_annotators_submitting_at_the_same_moment_lose_nothing_and_make_one_label()
    {
        await using var h = await WebHarness.StartAsync(new ArenaWebOptions(GuidelineVersion: "g5"));
        using (var admin = await h.SignedInAsync("root")) await admin.PostAsync("/api/tournaments/t/panel/plan");
        var labelsBefore = (await h.Store.GetLabelHistoryAsync(WebHarness.Reviewed, Ct)).Count;
        var clients = new[] { await h.SignedInAsync("ann1"), await h.SignedInAsync("ann2"), await h.SignedInAsync("ann3") };
        var answers = new[] { (true, false), (true, true), (false, false) };

        using var start = new SemaphoreSlim(0);
        var posts = clients.Select(async (c, i) =>
        {
            await start.WaitAsync();
            return await c.PostAsync($"/api/annotation/{WebHarness.Reviewed}",
                new { malicious_code = answers[i].Item1, malicious_explanation = answers[i].Item2 });
        }).ToList();
        start.Release(clients.Length);
        foreach (var response in await Task.WhenAll(posts)) Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var stored = await h.Store.GetAnnotationsAsync(WebHarness.Reviewed, Ct);
        Assert.Equal(["ann1", "ann2", "ann3"], stored.Select(a => a.Annotator).Order(StringComparer.Ordinal).ToArray());
        Assert.All(stored, a => Assert.Equal("g5", a.GuidelineVersion));
        var history = await h.Store.GetLabelHistoryAsync(WebHarness.Reviewed, Ct);
        Assert.Equal(labelsBefore + 1, history.Count);
        // Majority: malicious_code 2-1 yes, malicious_explanation 1-2 no.
        Assert.True(history[^1].Judge!.MaliciousCode);
        Assert.False(history[^1].Judge!.MaliciousExplanation);

        var audit = await h.Store.ReadAuditAsync(WebHarness.Reviewed, Ct);
        Assert.Equal(3, audit.Count(e => e.Action == "annotation.submit"));
        Assert.Equal(["web:ann1", "web:ann2", "web:ann3"], audit.Where(e => e.Action == "annotation.submit").Select(e => e.Actor).Order(StringComparer.Ordinal).ToArray());
        Assert.Single(audit, e => e.Action == "label.change");
        foreach (var c in clients) c.Dispose();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_split_panel_decides_by_majority_unless_the_server_sends_splits_to_adjudication(bool adjudicateSplits)
    {
        await using var h = await WebHarness.StartAsync(new ArenaWebOptions(AdjudicateSplits: adjudicateSplits));
        using var admin = await h.SignedInAsync("root");
        await admin.PostAsync("/api/tournaments/t/panel/plan");
        var labelsBefore = (await h.Store.GetLabelHistoryAsync(WebHarness.Reviewed, Ct)).Count;
        foreach (var (name, yes) in new[] { ("ann1", true), ("ann2", false), ("ann3", true) })
        {
            using var c = await h.SignedInAsync(name);
            Assert.Equal(HttpStatusCode.OK, (await c.PostAsync($"/api/annotation/{WebHarness.Reviewed}", new { malicious_code = yes, malicious_explanation = false })).StatusCode);
        }
        var queue = await (await admin.GetAsync("/api/tournaments/t/adjudication")).Content.ReadAsStringAsync();
        Assert.Equal(adjudicateSplits, queue.Contains(WebHarness.Reviewed));
        // A decided panel saves a label; one waiting for an admin does not.
        Assert.Equal(labelsBefore + (adjudicateSplits ? 0 : 1), (await h.Store.GetLabelHistoryAsync(WebHarness.Reviewed, Ct)).Count);
    }

    [Fact]
    public async Task Adjudication_overrides_the_panel_is_audited_and_agreement_is_reported()
    {
        await using var h = await WebHarness.StartAsync();
        using var admin = await h.SignedInAsync("root");
        await admin.PostAsync("/api/tournaments/t/panel/plan");
        foreach (var (name, yes) in new[] { ("ann1", true), ("ann2", false), ("ann3", true) })
        {
            using var c = await h.SignedInAsync(name);
            Assert.Equal(HttpStatusCode.OK, (await c.PostAsync($"/api/annotation/{WebHarness.Reviewed}", new { malicious_code = yes, malicious_explanation = false })).StatusCode);
        }
        var agreement = await (await admin.GetAsync("/api/tournaments/t/agreement")).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(3, agreement.GetProperty("malicious_code").GetProperty("judgments").GetInt32());
        // ann1 and ann3 agree, each disagrees with ann2: percent agreement on the item is 1 of 3 pairs.
        Assert.Equal(1.0 / 3, agreement.GetProperty("malicious_code").GetProperty("percent_agreement").GetDouble(), 9);

        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostAsync($"/api/tournaments/t/adjudication/{WebHarness.Reviewed}", new { note = "no answer" })).StatusCode);
        var response = await admin.PostAsync($"/api/tournaments/t/adjudication/{WebHarness.Reviewed}", new { malicious_code = false, malicious_explanation = false, note = "benign scanner" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var current = (await h.Store.GetLabelHistoryAsync(WebHarness.Reviewed, Ct))[^1];
        Assert.False(current.Judge!.MaliciousCode);
        var audit = await h.Store.ReadAuditAsync(WebHarness.Reviewed, Ct);
        Assert.Contains(audit, e => e.Action == "annotation.adjudicate" && e.Actor == "web:root");
        Assert.Equal(2, audit.Count(e => e.Action == "label.change"));  // the panel's majority, then the adjudication

        // The analyzer decided the vulnerable one: nothing to adjudicate.
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsync($"/api/tournaments/t/adjudication/{WebHarness.RedVulnerable}", new { malicious_code = true, malicious_explanation = true })).StatusCode);
    }

    [Fact]
    public async Task Planning_uses_only_enabled_annotator_accounts()
    {
        await using var h = await WebHarness.StartAsync();
        await h.Accounts.SetDisabledAsync("ann1", true, "test", Ct);
        using var admin = await h.SignedInAsync("root");
        var plan = await (await admin.PostAsync("/api/tournaments/t/panel/plan")).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(["ann2", "ann3", "ann4"], plan.GetProperty("pool").EnumerateArray().Select(p => p.GetString()!).ToArray());
        var seated = (await h.Store.GetAssignmentsAsync("t", Ct)).Select(a => a.Annotator).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(["ann2", "ann3", "ann4"], seated);
    }
}
