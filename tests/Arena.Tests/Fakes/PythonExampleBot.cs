using System.Diagnostics;
using System.Net.Sockets;

namespace Arena.Tests.Fakes;

/// <summary>Starts the starter bot of examples/bots/python (what teams copy) on a free loopback port, token "tok".</summary>
internal static class PythonExampleBot
{
    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Arena.slnx"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("repository root not found");
    }

    public static int FreePort()
    {
        using var l = new TcpListener(System.Net.IPAddress.Loopback, 0);
        l.Start();
        return ((System.Net.IPEndPoint)l.LocalEndpoint).Port;
    }

    /// <summary>Starts the bot in <paramref name="role"/> and waits until its /health answers.</summary>
    public static async Task<Process> StartAsync(string role, int port)
    {
        var psi = new ProcessStartInfo("python3") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in new[] { Path.Combine(RepoRoot(), "examples", "bots", "python", "arena_bot.py"), "--role", role, "--port", $"{port}", "--token", "tok" })
            psi.ArgumentList.Add(a);
        var p = Process.Start(psi)!;
        p.ErrorDataReceived += (_, _) => { };
        p.BeginErrorReadLine();
        using var http = new HttpClient();
        for (var i = 0; i < 100; i++)
        {
            try
            {
                if ((await http.GetAsync($"http://127.0.0.1:{port}/health")).IsSuccessStatusCode) return p;
            }
            catch (HttpRequestException) { }
            await Task.Delay(100);
        }
        p.Kill();
        throw new InvalidOperationException("python example bot did not start");
    }
}
