using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Arena.Sandbox;
using static Arena.Tests.Sandboxing.SandboxTestKit;

namespace Arena.Tests.Sandboxing;

/// <summary>
/// The escape list against the real bubblewrap sandbox. Each job prints "ESCAPED" if it gets out and
/// otherwise fails; every test asserts the run failed with a reason AND checks the host side independently.
/// </summary>
[Collection(Arena.Tests.Sandboxing.SandboxTestsOneAtATime.Name)]
public sealed class SandboxEscapeTests
{
    private readonly ISandbox _sandbox = Bubblewrap();

    [Fact]
    public async Task Socket_to_the_internet_is_refused()
    {
        var result = await _sandbox.RunAsync(Python("""
            import socket
            s = socket.create_connection(("1.1.1.1", 80), timeout=3)
            print("ESCAPED connected to", s.getpeername())
            """), CancellationToken.None);

        Assert.False(result.Succeeded, result.Stdout);
        Assert.DoesNotContain("ESCAPED", result.Stdout);
        Assert.StartsWith("exit 1: OSError", result.Reason); // "[Errno 101] Network is unreachable": no route at all
    }

    [Fact]
    public async Task Socket_to_host_loopback_never_reaches_a_host_listener()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;

        var result = await _sandbox.RunAsync(Python($$"""
            import socket
            s = socket.create_connection(("127.0.0.1", {{port}}), timeout=3)
            s.sendall(b"hello from the sandbox")
            print("ESCAPED connected")
            """), CancellationToken.None);

        Assert.False(result.Succeeded, result.Stdout);
        Assert.DoesNotContain("ESCAPED", result.Stdout);
        Assert.Contains("ConnectionRefusedError", result.Reason); // the sandbox's own, empty loopback
        Assert.False(listener.Pending(), "a connection from the sandbox arrived at the host's loopback listener");
    }

    [Fact]
    public async Task Writes_outside_tmp_are_refused_and_the_host_is_unchanged()
    {
        var marker = Marker();
        var hostCanary = Path.Combine(Path.GetTempPath(), marker);
        Directory.CreateDirectory(hostCanary);
        JobDirectory.SetMode(hostCanary, (UnixFileMode)0b111_111_111); // writable by anyone: only isolation can stop the write
        var targets = new[] { $"/usr/{marker}", $"{SandboxPaths.Task}/{marker}", $"/{marker}", $"/root/{marker}", Path.Combine(hostCanary, "written") };
        try
        {
            var result = await _sandbox.RunAsync(Python("""
                import json, sys
                refused = []
                for path in json.load(open("/task/targets.json")):
                    try:
                        with open(path, "w") as f:
                            f.write("pwned")
                        print("ESCAPED wrote", path)
                    except OSError as e:
                        refused.append(f"{path}: {e.strerror}")
                print("\n".join(refused))
                open("/tmp/allowed", "w").write("tmp is fine")
                sys.exit(f"refused {len(refused)} writes outside /tmp")
                """, extraFiles: new Dictionary<string, string> { ["targets.json"] = JsonSerializer.Serialize(targets) }), CancellationToken.None);

            Assert.False(result.Succeeded);
            Assert.DoesNotContain("ESCAPED", result.Stdout);
            Assert.Equal($"exit 1: refused {targets.Length} writes outside /tmp", result.Reason);
            Assert.Empty(Directory.EnumerateFileSystemEntries(hostCanary));
            Assert.False(File.Exists($"/usr/{marker}"));
            Assert.False(File.Exists($"/{marker}"));
            Assert.False(File.Exists($"/root/{marker}"));
        }
        finally
        {
            Directory.Delete(hostCanary, recursive: true);
        }
    }

    [Fact]
    public async Task Host_environment_is_not_visible()
    {
        const string name = "ARENA_SANDBOX_ENV_CANARY";
        var value = Marker();
        Environment.SetEnvironmentVariable(name, value);
        try
        {
            var result = await _sandbox.RunAsync(Python($$"""
                import os, sys
                print(dict(os.environ))
                for pid in os.listdir("/proc"):
                    if pid.isdigit():
                        try: print(open(f"/proc/{pid}/environ", "rb").read())
                        except OSError: pass
                if os.environ.get("{{name}}"):
                    print("ESCAPED", os.environ["{{name}}"])
                sys.exit("host environment not visible")
                """), CancellationToken.None);

            Assert.False(result.Succeeded);
            Assert.Equal("exit 1: host environment not visible", result.Reason);
            Assert.DoesNotContain(value, result.Stdout + result.Stderr);
            Assert.Contains("'PATH': '/usr/bin:/bin'", result.Stdout); // the explicit minimal environment did arrive
        }
        finally
        {
            Environment.SetEnvironmentVariable(name, null);
        }
    }

    [Fact]
    public async Task Host_files_are_not_readable()
    {
        var secret = Marker();
        var inHostTmp = Path.Combine(Path.GetTempPath(), secret + ".txt");
        var inRoot = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), secret + ".txt");
        File.WriteAllText(inHostTmp, secret);
        JobDirectory.SetMode(inHostTmp, (UnixFileMode)0b110_100_100); // world-readable: only isolation can stop the read
        File.WriteAllText(inRoot, secret);
        try
        {
            var result = await _sandbox.RunAsync(Python($$"""
                import sys
                for path in ["{{inHostTmp}}", "{{inRoot}}", "/etc/passwd", "/etc/hostname"]:
                    try:
                        print("ESCAPED read", path, open(path).read())
                    except OSError as e:
                        print(path, e.strerror)
                sys.exit("host files not readable")
                """), CancellationToken.None);

            Assert.False(result.Succeeded);
            Assert.Equal("exit 1: host files not readable", result.Reason);
            Assert.DoesNotContain("ESCAPED", result.Stdout);
            Assert.DoesNotContain(secret + "\n", result.Stdout); // the file's content, as opposed to its name
        }
        finally
        {
            File.Delete(inHostTmp);
            File.Delete(inRoot);
        }
    }

    [Fact]
    public async Task Fork_bomb_hits_the_process_limit_and_leaves_no_process_behind()
    {
        var marker = Marker();
        var limits = SandboxLimits.Default with { WallTime = TimeSpan.FromSeconds(3) };
        var result = await _sandbox.RunAsync(Python("""
            import os, time
            root = os.getpid()
            forks = 0
            while True:
                try:
                    os.fork()
                    if os.getpid() == root:
                        forks += 1
                except OSError as e:
                    if os.getpid() == root:
                        print(f"fork refused after {forks} forks: {e.strerror}", flush=True)
                    while True:
                        time.sleep(60)
            """, limits, name: marker + ".py"), CancellationToken.None);

        Assert.Equal(SandboxOutcome.WallTimeout, result.Outcome);
        Assert.Equal("killed: wall time 3 s exceeded", result.Reason);
        Assert.Contains("fork refused after", result.Stdout);
        Assert.Empty(ProcessesMentioning(marker));
    }

    [Fact]
    public async Task A_fork_bomb_at_its_limit_does_not_starve_a_concurrent_job()
    {
        var marker = Marker();
        var bomb = _sandbox.RunAsync(Python("""
            import os, time
            while True:
                try:
                    os.fork()
                except OSError:
                    time.sleep(60)
            """, SandboxLimits.Default with { WallTime = TimeSpan.FromSeconds(5) }, name: marker + ".py"), CancellationToken.None);
        while (ProcessesMentioning(marker).Count < 12 && !bomb.IsCompleted) await Task.Delay(20);
        Assert.False(bomb.IsCompleted, "the fork bomb ended before it reached its process limit");

        // The process limit counts per sandbox (its own user namespace), not per host uid 65534.
        var neighbour = await _sandbox.RunAsync(Python("""
            import subprocess, sys
            children = [subprocess.Popen([sys.executable, "-c", "pass"]) for _ in range(6)]
            print(sum(child.wait() == 0 for child in children))
            """), CancellationToken.None);

        Assert.True(neighbour.Succeeded, neighbour.Reason);
        Assert.Equal("6\n", neighbour.Stdout);
        Assert.Equal(SandboxOutcome.WallTimeout, (await bomb).Outcome);
        Assert.Empty(ProcessesMentioning(marker));
    }

    [Fact]
    public async Task Allocating_10_GB_is_a_memory_limit()
    {
        var result = await _sandbox.RunAsync(Python("""
            block = bytearray(10 * 1024 ** 3)
            print("ESCAPED allocated", len(block))
            """), CancellationToken.None);

        Assert.Equal(SandboxOutcome.MemoryLimit, result.Outcome);
        Assert.Equal("memory limit 512 MiB exceeded (MemoryError)", result.Reason);
        Assert.DoesNotContain("ESCAPED", result.Stdout);
    }

    [Fact]
    public async Task Sleeping_forever_is_killed_at_the_wall_limit()
    {
        var marker = Marker();
        var limits = SandboxLimits.Default with { WallTime = TimeSpan.FromSeconds(1) };
        var result = await _sandbox.RunAsync(Python("import time\ntime.sleep(10 ** 6)\n", limits, name: marker + ".py"), CancellationToken.None);

        Assert.Equal(SandboxOutcome.WallTimeout, result.Outcome);
        Assert.Null(result.ExitCode);
        Assert.Equal("killed: wall time 1 s exceeded", result.Reason);
        Assert.Empty(ProcessesMentioning(marker));
    }

    [Fact]
    public async Task Flooding_stdout_is_an_output_limit()
    {
        var marker = Marker();
        var limits = SandboxLimits.Default with { OutputBytes = 64 * 1024 };
        var result = await _sandbox.RunAsync(Python("import sys\nwhile True:\n    sys.stdout.write('x' * 4096)\n", limits, name: marker + ".py"),
            CancellationToken.None);

        Assert.Equal(SandboxOutcome.OutputLimit, result.Outcome);
        Assert.Equal("killed: output exceeded 64 KiB", result.Reason);
        Assert.Equal(64 * 1024, result.Stdout.Length + result.Stderr.Length); // kept exactly the budget
        Assert.Empty(ProcessesMentioning(marker));
    }

    [Fact]
    public async Task Spinning_the_CPU_is_a_CPU_limit()
    {
        var limits = SandboxLimits.Default with { CpuTime = TimeSpan.FromSeconds(1), WallTime = TimeSpan.FromSeconds(30) };
        var result = await _sandbox.RunAsync(Python("while True:\n    pass\n", limits), CancellationToken.None);

        Assert.Equal(SandboxOutcome.CpuLimit, result.Outcome);
        Assert.Equal("killed: CPU time 1 s exceeded", result.Reason);
    }
}
