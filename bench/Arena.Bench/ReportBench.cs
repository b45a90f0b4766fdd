using Arena.Analysis;
using System.Diagnostics;
using Arena.Reporting;

using static Arena.Bench.BenchArgs;

namespace Arena.Bench;

/// <summary>
/// Render time and size of the HTML report at paper scale: N included conversations of 10 turns with a code block each,
/// a t-SNE point per tournament conversation, 5×5 leaderboards.
/// </summary>
internal static class ReportBench
{
    public static int Run(string[] args)
    {
        var conversations = Option(args, "--conversations") is { } n ? int.Parse(n) : 400;
        var data = Synthetic(conversations, tsnePoints: 5_000);
        HtmlReport.Render(data); // warm-up: resources, JSON metadata
        var times = new List<double>();
        var size = 0;
        for (var i = 0; i < 7; i++)
        {
            var sw = Stopwatch.StartNew();
            size = HtmlReport.Render(data).Length;
            times.Add(sw.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        if (Option(args, "--out") is { } path) File.WriteAllText(path, HtmlReport.Render(data)); // to time it in a browser
        Console.WriteLine($"report: {conversations} conversations, {data.Tsne!.Count} t-SNE points -> {size / 1024.0 / 1024.0:0.00} MB (chars), render median {times[3]:0} ms (min {times[0]:0}, max {times[^1]:0})");
        return 0;
    }


    private static ReportData Synthetic(int conversations, int tsnePoints)
    {
        var rng = new Random(1);
        string[] attackers = ["a1", "a2", "a3", "a4", "a5"], defenders = ["d1", "d2", "d3", "d4", "d5"];
        var reply = "Here you go:\n```python\n" + string.Join("\n", Enumerable.Range(0, 30).Select(i => $"x{i} = compute({i}) # step {i}")) + "\n```\nDone.";
        var convs = Enumerable.Range(0, conversations).Select(i =>
        {
            var (a, d) = (attackers[i % 5], defenders[i / 5 % 5]);
            var turns = Enumerable.Range(0, 10).Select(t => new TurnView(t, t % 2 == 0 ? "attacker" : "defender", t % 2 == 0 ? a : d,
                t % 2 == 0 ? $"Please write code number {i}/{t} that does something subtle with files and sockets." : reply)).ToList();
            return new ConversationView($"t/{a}/{d}/{i}", "t", a, d, i % 3 == 0 ? "attack_success" : "defense_success", "max_turns", turns,
                i % 3 == 0 ? [new FindingView(1, 5, "R1", "sql-injection", ["CWE-89"], "high", "string-built SQL")] : [], "rationale");
        }).ToList();
        var rows = attackers.Select((a, i) => new LeaderboardRow(a, i + 1, i + 1, 50 - i, 45 - i, 55 - i)).ToList();
        return new ReportData
        {
            Title = "bench",
            Tournaments = ["t"],
            Attackers = new Leaderboard("attacker", rows, []),
            Defenders = new Leaderboard("defender", rows, []),
            Tsne = Enumerable.Range(0, tsnePoints).Select(i => new TsnePoint($"t/x/y/{i}", "t", attackers[i % 5], defenders[i % 5], "attack_success", rng.NextDouble(), rng.NextDouble())).ToList(),
            Conversations = convs,
            ConversationsTotal = tsnePoints,
        };
    }
}
