using System.Diagnostics;
using Arena.Bench;

// Macro benchmarks of the tournament engine (issue targets in README):
//   throughput  paper-scale tournament (5×5×200 sessions × 10 turns = 50,000 calls) against instant loopback bots
//   latency     bots answering in 200 ms ± 50 ms with concurrency 16: makespan vs the ideal bound
//   analyzer [--corpus DIR]          static analyzer precision/recall on the labelled corpus and blocks/s on one core
//   analyzer-findings [--corpus DIR] per-file analyzer findings as JSON (input of bench/analyzer-vs-bandit.sh)
//   embeddings [--sessions N] [--tokens T] [--tsne-points N]  USE conversations/s (2 Node workers) and exact t-SNE time
//   report [--conversations N] [--out FILE]  HTML report render time and size at paper scale
//   import [--conversations N]       arena import speed: N exported conversations (default 20,000) into a fresh store
//   export [--conversations N] [--embedded M]  export pipeline: chat-jsonl, dedupe, filter, dpo, hf, embedding dedupe
//   scoring [--bootstrap N]          diversity of 200 attacks, scoring 20,000 conversations, BT with 1,000 bootstrap rounds
//   accounts [--logins N]           cost of one login check (PBKDF2 verify): right/wrong password, unknown user
//   panel [--conversations N] [--annotators K] [--panels P]  annotation panel: plan 20,000 panels, answers/s
//   serve [--conversations N] [--annotators K] [--answers A]  JSON API over loopback HTTP: list, page, scores, plan, answers/s
//   sandbox [--executions N] [--parallel P]  HumanEval-style test runs in the bubblewrap sandbox: executions/s, p50/p95
//   bots PORT LATENCY_MS JITTER_MS   (internal) serve the bench bots in a child process
var mode = args.FirstOrDefault() ?? "throughput";
return mode switch
{
    "bots" => await BenchBots.ServeAsync(int.Parse(args[1]), int.Parse(args[2]), int.Parse(args[3])),
    "throughput" => await TournamentBench.ThroughputAsync(args.Skip(1).ToArray()),
    "latency" => await TournamentBench.LatencyAsync(args.Skip(1).ToArray()),
    "analyzer" => AnalyzerBench.Quality(args.Skip(1).ToArray()),
    "analyzer-findings" => AnalyzerBench.Findings(args.Skip(1).ToArray()),
    "embeddings" => await EmbeddingsBench.RunAsync(args.Skip(1).ToArray()),
    "report" => ReportBench.Run(args.Skip(1).ToArray()),
    "import" => await ImportBench.RunAsync(args.Skip(1).ToArray()),
    "export" => await ExportBench.RunAsync(args.Skip(1).ToArray()),
    "scoring" => ScoringBench.Run(args.Skip(1).ToArray()),
    "accounts" => await AccountsBench.RunAsync(args.Skip(1).ToArray()),
    "panel" => await PanelBench.RunAsync(args.Skip(1).ToArray()),
    "serve" => await ServeBench.RunAsync(args.Skip(1).ToArray()),
    "sandbox" => await SandboxBench.RunAsync(args.Skip(1).ToArray()),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: Arena.Bench throughput [--sessions N] | latency [--sessions N] | analyzer [--corpus DIR] [--seconds N] | analyzer-findings [--corpus DIR] | scoring [--bootstrap N]");
    return 2;
}
