using System.Net;
using Arena.Web;

namespace Arena.Cli.Commands;

internal static class ServeCommand
{
    private const string Usage = "arena serve [--port N] [--bind ADDR] [--guideline VERSION] [--show-judge-hint] [--adjudicate-splits]";

    public static async Task<int> ExecuteAsync(string db, IReadOnlyList<string> argv, CancellationToken ct)
    {
        var args = CliArgs.Parse("serve", argv, Usage, ["--show-judge-hint", "--adjudicate-splits"], ["--port", "--bind", "--guideline"]);
        args.ExpectPositional(0, 0);
        var port = args.NonNegativeInt("--port") ?? 8080;
        if (port is < 0 or > 65535) throw new UsageException($"--port {port}: a TCP port is 1–65535 (0: any free port)");
        var bind = args.Value("--bind") ?? "127.0.0.1";
        if (!IPAddress.TryParse(bind, out var address) && bind != "localhost")
            throw new UsageException($"--bind '{bind}': an IP address (127.0.0.1, ::1, 0.0.0.0) or localhost");
        var host = address?.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{bind}]" : bind;
        var url = $"http://{host}:{port}";

        await using var store = await Cli.OpenStoreAsync(db, mustExist: true, ct);
        if (!ArenaWebApp.IsLoopback(bind))
            await Console.Error.WriteLineAsync(
                $"WARNING: serving on {bind} over plain HTTP: passwords and session cookies cross the network unencrypted. " +
                "Put a TLS-terminating reverse proxy in front, or bind to 127.0.0.1.");
        await using var app = ArenaWebApp.Build(store, new ArenaWebOptions(url, args.Value("--guideline"), args.Flag("--show-judge-hint"), AdjudicateSplits: args.Flag("--adjudicate-splits")));
        try
        {
            await app.StartAsync(ct);
        }
        catch (IOException e)
        {
            throw new UsageException($"cannot listen on {url}: {e.Message}");
        }
        var listening = app.Urls.FirstOrDefault() ?? url;  // the real port when --port 0
        Console.Out.WriteLine($"listening on {listening} (JSON API under {listening}/api; Ctrl+C stops)");
        // Either our Ctrl+C handler or the host's own signal handling may see the signal first: stop on both.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct, app.Lifetime.ApplicationStopping);
        try
        {
            await Task.Delay(Timeout.Infinite, stop.Token);
        }
        catch (OperationCanceledException) { }
        await app.StopAsync(CancellationToken.None);
        return 0;
    }
}
