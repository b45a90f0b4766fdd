using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Arena.Core.Accounts;
using Arena.Core.Bots;
using Arena.Core.Labels;
using Arena.Core.Sessions;
using Arena.Core.Storage;
using Arena.Storage.Sqlite;
using Arena.Web;
using Arena.Web.Accounts;

namespace Arena.Bench;

/// <summary>
/// <c>serve [--conversations N] [--annotators K] [--answers A]</c>: the JSON API over HTTP on loopback. N clean labeled
/// conversations of 10 turns (default 2,000) in a fresh store, K annotator accounts (default 30). Times a login, the
/// conversation list, one conversation's page, the leaderboard, panel planning, and A answers (default 300) posted by
/// the annotators 16 at a time.
/// </summary>
internal static class ServeBench
{
    private const string Password = "bench password 123";

    public static async Task<int> RunAsync(string[] args)
    {
        int count = BenchArgs.Option(args, "--conversations", 2_000);
        int annotators = BenchArgs.Option(args, "--annotators", 30);
        int answers = BenchArgs.Option(args, "--answers", 300);
        var ct = CancellationToken.None;
        var dir = Directory.CreateTempSubdirectory("arena-serve-bench-").FullName;
        try
        {
            await using var store = await SqliteArenaStore.OpenAsync(Path.Combine(dir, "arena.db"), ct);
            await store.CreateTournamentAsync(new TournamentRecord("bench", 1, "", "{}", DateTimeOffset.UtcNow), ct);
            var turns = Enumerable.Range(0, 10).Select(t => new TurnRecord(t, t % 2 == 0 ? Role.Attacker : Role.Defender, t % 2 == 0 ? "a" : "d",
                string.Concat(Enumerable.Repeat("some words of a conversation turn ", 20)), 100, 1, null, false)).ToList();
            var sessions = Enumerable.Range(0, count).Select(i => new SessionRecord($"bench/a/d/{i:D6}", "bench", i % 2 == 0 ? "a" : "b", "d", i, i, 10,
                SessionStatus.Completed, EndReason.MaxTurns, null, null, turns)).ToList();
            await store.AddFinishedSessionsAsync(sessions, ct);
            await Task.WhenAll(sessions.Select(s => store.SaveLabelAsync("bench", new ConversationLabel(s.Id, Outcome.DefenseSuccess, false, [], "arena-py", "1",
                new JudgeEvidence(false, false, "refused", "heuristic", "1"), DateTimeOffset.UtcNow), ct)));
            var accounts = new AccountService(store);
            await accounts.AddAsync("root", UserRole.Admin, null, Password, "bench", ct);
            var pool = Enumerable.Range(0, annotators).Select(i => $"expert-{i:D2}").ToList();
            foreach (var a in pool) await accounts.AddAsync(a, UserRole.Annotator, null, Password, "bench", ct);

            await using var app = ArenaWebApp.Build(store, new ArenaWebOptions("http://127.0.0.1:0", ScoreBootstrapRounds: 200));
            await app.StartAsync(ct);
            var baseUri = new Uri(app.Urls.First());

            var sw = Stopwatch.StartNew();
            var admin = await SignInAsync(baseUri, "root");
            Console.WriteLine($"login:        {sw.Elapsed.TotalMilliseconds:N0} ms (token, login, token)");
            await Timed("conversations", () => admin.Http.GetAsync("/api/tournaments/bench/conversations"));
            await Timed("conversation", () => admin.Http.GetAsync($"/api/tournaments/bench/conversations/{sessions[^1].Id}"));
            await Timed("scores", () => admin.Http.GetAsync("/api/tournaments/bench/scores"));
            await Timed("plan", () => admin.PostAsync("/api/tournaments/bench/panel/plan", new { }));

            var clients = new Dictionary<string, Client>();
            foreach (var a in pool) clients[a] = await SignInAsync(baseUri, a);
            var seats = (await store.GetAssignmentsAsync("bench", ct)).Take(answers).ToList();
            sw.Restart();
            int failed = 0;
            await Parallel.ForEachAsync(seats, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (seat, token) =>
            {
                using var r = await clients[seat.Annotator].PostAsync($"/api/annotation/{seat.SessionId}", new { malicious_code = false, malicious_explanation = false });
                if (r.StatusCode != HttpStatusCode.OK) Interlocked.Increment(ref failed);
            });
            var seconds = sw.Elapsed.TotalSeconds;
            Console.WriteLine($"answers:      {seats.Count:N0} in {seconds:N2} s = {seats.Count / seconds:N0} answers/s over HTTP, {failed} failed");
            await app.StopAsync(ct);
            return failed == 0 ? 0 : 1;

            async Task Timed(string what, Func<Task<HttpResponseMessage>> call)
            {
                var watch = Stopwatch.StartNew();
                using var r = await call();
                var bytes = (await r.Content.ReadAsByteArrayAsync(ct)).Length;
                Console.WriteLine($"{what + ":",-13} {watch.Elapsed.TotalMilliseconds:N0} ms, {(int)r.StatusCode}, {bytes:N0} bytes");
            }
        }
        finally
        {
            try { Directory.Delete(dir, true); } catch (IOException) { }
        }
    }

    private sealed record Client(HttpClient Http, string Token)
    {
        public Task<HttpResponseMessage> PostAsync(string path, object body)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
            request.Headers.Add("X-CSRF-TOKEN", Token);
            return Http.SendAsync(request);
        }
    }

    private static async Task<Client> SignInAsync(Uri baseUri, string name)
    {
        var http = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = baseUri };
        var anonymous = new Client(http, (await http.GetFromJsonAsync<JsonElement>("/api/antiforgery")).GetProperty("token").GetString()!);
        (await anonymous.PostAsync("/api/login", new { name, password = Password })).EnsureSuccessStatusCode();
        return new Client(http, (await http.GetFromJsonAsync<JsonElement>("/api/antiforgery")).GetProperty("token").GetString()!);
    }
}
