using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Arena.Tests.Cli;

namespace Arena.Tests.WebApi;

/// <summary>The API over a tournament of built-in bots that was really run and evaluated by the CLI.</summary>
public sealed class ServeTournamentTests
{
    [Fact]
    public async Task A_run_and_evaluated_tournament_can_be_planned_annotated_and_watched_through_the_api()
    {
        var dir = Directory.CreateTempSubdirectory("arena-web-run-").FullName;
        await ArenaProcess.RunLabeledBuiltinTournamentAsync(dir, "w", seed: 11, sessionsPerMatchup: 4, maxTurns: 4,
            [("red", "direct"), ("green", "roleplay")], [("blue", "cautious")]);

        await using var h = await WebHarness.StartAsync(dir: dir);
        using var admin = await h.SignedInAsync("root");
        var progress = await (await admin.GetAsync("/api/tournaments/w/progress")).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(8, progress.GetProperty("sessions").GetProperty("completed").GetInt32());
        Assert.Equal(["blue", "green", "red"], progress.GetProperty("bots").EnumerateArray().Select(b => b.GetProperty("id").GetString()!).Order(StringComparer.Ordinal).ToArray());

        var plan = await (await admin.PostAsync("/api/tournaments/w/panel/plan")).Content.ReadFromJsonAsync<JsonElement>();
        var needing = plan.GetProperty("needing_review").GetInt32();
        Assert.True(needing > 0, "the cautious defender should leave clean conversations for the panel");
        Assert.Equal(3 * needing, plan.GetProperty("added").GetArrayLength());

        // Each annotator answers their whole queue; every reviewed conversation then carries the panel's label.
        foreach (var name in new[] { "ann1", "ann2", "ann3", "ann4" })
        {
            using var c = await h.SignedInAsync(name);
            var queue = await (await c.GetAsync("/api/annotation/queue")).Content.ReadFromJsonAsync<JsonElement>();
            foreach (var item in queue.EnumerateArray())
            {
                var sid = item.GetProperty("session_id").GetString()!;
                Assert.Equal(HttpStatusCode.OK, (await c.GetAsync($"/api/tournaments/w/conversations/{sid}")).StatusCode);
                Assert.Equal(HttpStatusCode.OK, (await c.PostAsync($"/api/annotation/{sid}", new { malicious_code = false, malicious_explanation = false })).StatusCode);
            }
        }
        var labels = await h.Store.GetCurrentLabelsAsync("w", CancellationToken.None);
        Assert.Equal(needing, labels.Values.Count(l => l.Judge?.JudgeId == Arena.Evaluation.Judges.Panel.JudgeId));

        using var red = await h.SignedInAsync("red-1");
        var scores = await (await red.GetAsync("/api/tournaments/w/scores")).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(["red"], scores.GetProperty("attackers").EnumerateArray().Select(a => a.GetProperty("id").GetString()!).ToArray());
    }
}
