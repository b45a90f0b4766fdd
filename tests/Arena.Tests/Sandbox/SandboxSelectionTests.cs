using Arena.Sandbox;
using static Arena.Tests.Sandboxing.SandboxTestKit;

namespace Arena.Tests.Sandboxing;

/// <summary>Choosing a sandbox: refusing without bubblewrap, and the explicit unsafe fallback.</summary>
[Collection(Arena.Tests.Sandboxing.SandboxTestsOneAtATime.Name)]
public sealed class SandboxSelectionTests
{
    [Fact]
    public void Without_bwrap_create_refuses_with_an_actionable_message()
    {
        var probe = Sandboxes.Probe("/nonexistent/arena-test/bwrap");

        Assert.False(probe.Available);
        var error = Assert.Throws<SandboxUnavailableException>(() => Sandboxes.Create(allowUnsafe: false, probe));
        Assert.Contains("bubblewrap (bwrap) is not installed", error.Message);
        Assert.Contains("apt-get install -y bubblewrap", error.Message);
        Assert.Contains("--unsafe-no-sandbox", error.Message);
    }

    [Fact]
    public void Without_bwrap_the_unsafe_fallback_is_only_used_when_asked_for()
    {
        var sandbox = Sandboxes.Create(allowUnsafe: true, Sandboxes.Probe("/nonexistent/arena-test/bwrap"));

        Assert.False(sandbox.Isolated);
        Assert.StartsWith("UNSAFE", sandbox.Description);
    }

    [Fact]
    public void With_bwrap_the_sandbox_is_used_even_when_unsafe_is_allowed()
    {
        Bubblewrap();
        var sandbox = Sandboxes.Create(allowUnsafe: true);

        Assert.True(sandbox.Isolated);
        Assert.StartsWith("bubblewrap", sandbox.Description);
    }

    [Fact]
    public async Task Unsafe_runner_runs_a_job_with_its_files_and_a_clean_environment()
    {
        const string name = "ARENA_UNSAFE_ENV_CANARY";
        Environment.SetEnvironmentVariable(name, "visible");
        try
        {
            var data = Guid.NewGuid().ToString();
            var result = await new UnsandboxedRunner().RunAsync(Python($$"""
                import os, sys
                # /task exists only in the real sandbox; the runner maps it in arguments, code finds files next to itself
                print(open(os.path.join(os.path.dirname(sys.argv[0]), "data.txt")).read(), os.environ.get("{{name}}"), os.environ["PATH"])
                open("scratch.txt", "w").write("cwd is writable")
                """, extraFiles: new Dictionary<string, string> { ["data.txt"] = data }), CancellationToken.None);

            Assert.True(result.Succeeded, result.Reason + "\n" + result.Stderr);
            Assert.Equal($"{data} None /usr/bin:/bin\n", result.Stdout);
        }
        finally
        {
            Environment.SetEnvironmentVariable(name, null);
        }
    }

    [Fact]
    public async Task Unsafe_runner_enforces_the_wall_limit_and_kills_the_tree()
    {
        var marker = Marker();
        // 3 s, not 1: on a loaded machine the kill must not land while Popen is still forking the grandchild (a
        // process born after the tree was enumerated escapes the unsafe runner; docs/sandbox.md says so).
        var limits = SandboxLimits.Default with { WallTime = TimeSpan.FromSeconds(3) };
        var result = await new UnsandboxedRunner().RunAsync(Python("""
            import subprocess, sys, time
            if sys.argv[1:] != ["child"]:
                subprocess.Popen([sys.executable, sys.argv[0], "child"])  # a grandchild, same marker in its command line
            time.sleep(10 ** 6)
            """, limits, name: marker + ".py"), CancellationToken.None);

        Assert.Equal(SandboxOutcome.WallTimeout, result.Outcome);
        Assert.Equal("killed: wall time 3 s exceeded", result.Reason);
        Assert.Empty(ProcessesMentioning(marker));
    }
}
