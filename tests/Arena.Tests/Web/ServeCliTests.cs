using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using Arena.Storage.Sqlite;
using Arena.Tests.Cli;

namespace Arena.Tests.WebApi;

public sealed class ServeCliTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("arena-serve-").FullName;

    public void Dispose()
    {
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public async Task Serve_warns_off_loopback_answers_401_without_a_session_and_stops_cleanly_on_ctrl_c()
    {
        await (await SqliteArenaStore.OpenAsync(Path.Combine(_dir, "s.db"), CancellationToken.None)).DisposeAsync();
        using var p = ArenaProcess.Start(_dir, "--db", "s.db", "serve", "--bind", "0.0.0.0", "--port", "0");
        var stderr = p.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var line = await p.StandardOutput.ReadLineAsync(cts.Token) ?? "";
        var port = int.Parse(Regex.Match(line, @":(\d+)").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.NotEqual(0, port);

        using (var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }))
        {
            var response = await http.GetAsync($"http://127.0.0.1:{port}/api/tournaments", cts.Token);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        }

        using (var kill = Process.Start("kill", ["-INT", p.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])) await kill.WaitForExitAsync(cts.Token);
        await p.WaitForExitAsync(cts.Token);
        Assert.Equal(0, p.ExitCode);
        var err = await stderr;
        Assert.Contains("WARNING", err);
        Assert.DoesNotContain("   at ", err);
    }

    [Fact]
    public async Task A_bad_port_or_bind_address_is_a_usage_error()
    {
        await (await SqliteArenaStore.OpenAsync(Path.Combine(_dir, "s.db"), CancellationToken.None)).DisposeAsync();
        var port = await ArenaProcess.RunAsync(_dir, "--db", "s.db", "serve", "--port", "70000");
        Assert.Equal(2, port.ExitCode);
        Assert.Contains("--port", port.Stderr);
        var bind = await ArenaProcess.RunAsync(_dir, "--db", "s.db", "serve", "--bind", "example.org");
        Assert.Equal(2, bind.ExitCode);
        Assert.Contains("--bind", bind.Stderr);
    }
}
