using Arena.Bots;
using Arena.Cli;
using Arena.Cli.Commands;
using Arena.Engine;
using Arena.Engine.Configuration;
using Arena.Storage.Sqlite;

return await Cli.MainAsync(args);

namespace Arena.Cli
{
    internal static class Cli
    {
        public const string Help = """
            arena — Adversarial Arena: attacker-vs-defender tournaments that produce labeled training data

            usage: arena [--db PATH] <verb> [options]

              demo [--out DIR]                         whole pipeline on built-in bots, offline
              run CONFIG.yaml                          run or resume a tournament (live progress on stderr)
              status [--tournament ID] [--json]        sessions by state, per-bot error rates and latency
              evaluate --tournament ID                 label every finished conversation (analyzer, then judge); idempotent
              scan PATH... [--json]                    static analysis of .py files and code in .md/.txt/.jsonl chats
              score [--tournament ID] [--json]         scores, ranks, 95 % CIs, ratings (--bootstrap N, --seed S, --cumulative IDS, --utility CSV)
              export --tournament ID --out PATH        dataset export (--format chat-jsonl|sharegpt|dpo|hf, --subset, --filter, --dedupe; see docs/datasets.md)
              analyze --tournament ID [--json]         semantic diversity, t-SNE map, vulnerability tables (--embeddings use|lexical|openai)
              report --tournament ID --out FILE.html   self-contained HTML report: charts, tables, conversation browser
              agreement (--tournament ID | --csv FILE) [--json]  inter-annotator agreement (kappa, alpha, pairwise)
              utility --tournament ID --defender ID [--suite FILE.jsonl|builtin:NAME] [--json]
                                                       defender utility suites (codegen in a bubblewrap sandbox); stored for score
              test-bot URL --role attacker|defender    bot test mode: conformance, run vs built-ins, latency, throughput; PASS/FAIL [--json]
              feedback --tournament ID --team ID --out DIR [--json]  a team's feedback bundle: leaderboard, own labeled conversations, per-opponent stats
              series SERIES.yaml [--json]              tournaments in sequence with feedback bundles between them, cumulative ranking (also: arena run SERIES.yaml)
              import FILE.jsonl                        load exported conversations (chat-jsonl) into the store
              bots pause|resume BOT [--tournament ID]  hold or release a bot's calls in a running tournament
              bots list                                the built-in reference bots
              users add|list|disable|enable|passwd     web-app accounts (add NAME --role admin|annotator|team [--team ID] [--password-stdin])
              serve [--port N] [--bind ADDR]           web app + JSON API on 127.0.0.1:8080 (docs/web.md)

            --db PATH   the store (default ./arena.db, SQLite)
            exit codes: 0 success, 1 the work failed, 2 bad usage or bad input
            """;

        public static async Task<int> MainAsync(string[] argv)
        {
            var args = argv.ToList();
            string? dbOption = null;
            for (var i = 0; i < args.Count; i++)
            {
                if (args[i] == "--db")
                {
                    if (i + 1 >= args.Count) return Fail(2, "--db needs a path");
                    dbOption = args[i + 1];
                    args.RemoveRange(i, 2);
                    break;
                }
                if (args[i].StartsWith("--db=", StringComparison.Ordinal))
                {
                    dbOption = args[i][5..];
                    args.RemoveAt(i);
                    break;
                }
            }
            if (args.Count == 0 || args[0] is "-h" or "--help" or "help")
            {
                Console.Out.WriteLine(Help);
                return args.Count == 0 ? 2 : 0;
            }

            using var cts = new CancellationTokenSource();
            Console.CancelKeyPress += (_, e) =>
            {
                // First Ctrl+C stops gracefully (the run can be resumed); a second one kills.
                if (cts.IsCancellationRequested) return;
                e.Cancel = true;
                cts.Cancel();
            };

            var db = dbOption ?? "arena.db";
            var verb = args[0];
            var rest = args.Skip(1).ToList();
            try
            {
                return verb switch
                {
                    "run" => await RunCommand.ExecuteAsync(db, rest, cts.Token),
                    "demo" => await DemoCommand.ExecuteAsync(dbOption, rest, cts.Token),
                    "status" => await StatusCommand.ExecuteAsync(db, rest, cts.Token),
                    "export" => await ExportCommand.ExecuteAsync(db, rest, cts.Token),
                    "bots" => await BotsCommand.ExecuteAsync(db, rest, cts.Token),
                    "evaluate" => await EvaluateCommand.ExecuteAsync(db, rest, cts.Token),
                    "scan" => await ScanCommand.ExecuteAsync(rest, cts.Token),
                    "analyze" => await AnalyzeCommand.ExecuteAsync(db, rest, cts.Token),
                    "report" => await ReportCommand.ExecuteAsync(db, rest, cts.Token),
                    "agreement" => await AgreementCommand.ExecuteAsync(db, rest, cts.Token),
                    "import" => await ImportCommand.ExecuteAsync(db, rest, cts.Token),
                    "score" => await ScoreCommand.ExecuteAsync(db, rest, cts.Token),
                    "users" => await UsersCommand.ExecuteAsync(db, rest, cts.Token),
                    "serve" => await ServeCommand.ExecuteAsync(db, rest, cts.Token),
                    "utility" => await UtilityCommand.ExecuteAsync(db, rest, cts.Token),
                    "test-bot" => await TestBotCommand.ExecuteAsync(rest, cts.Token),
                    "feedback" => await FeedbackCommand.ExecuteAsync(db, rest, cts.Token),
                    "series" => await SeriesCommand.ExecuteAsync(db, rest, cts.Token),
                    _ => throw new UsageException($"unknown verb '{verb}' (arena --help lists them)"),
                };
            }
            catch (UsageException e) { return Fail(2, e.Message); }
            catch (ConfigException e) { return Fail(2, e.Message); }
            catch (BotConfigException e) { return Fail(2, e.Message); }
            catch (StoreException e) { return Fail(e.Message.Contains("locked") ? 1 : 2, e.Message); }
            catch (RunException e) { return Fail(e.ExitCode, e.Message); }
            catch (OperationCanceledException) when (cts.IsCancellationRequested) { return Fail(1, "interrupted"); }
            catch (Exception e) when (Environment.GetEnvironmentVariable("ARENA_DEBUG") is null)
            {
                return Fail(1, $"{e.GetType().Name}: {e.Message} (set ARENA_DEBUG=1 for details)");
            }
        }

        public static int Fail(int code, string message)
        {
            Console.Error.WriteLine($"arena: {message}");
            return code;
        }

        public static async Task<SqliteArenaStore> OpenStoreAsync(string db, bool mustExist, CancellationToken ct)
        {
            if (mustExist && !File.Exists(db))
                throw new UsageException($"{db}: no such store (run a tournament first, or pass --db)");
            return await SqliteArenaStore.OpenAsync(db, ct);
        }
    }
}
