using Arena.Sandbox;
using static Arena.Tests.Sandboxing.SandboxTestKit;

namespace Arena.Tests.Sandboxing;

/// <summary>What a well-behaved job can rely on inside the bubblewrap sandbox.</summary>
[Collection(Arena.Tests.Sandboxing.SandboxTestsOneAtATime.Name)]
public sealed class SandboxBehaviourTests
{
    private readonly ISandbox _sandbox = Bubblewrap();

    [Fact]
    public async Task A_normal_job_reads_its_task_files_writes_tmp_and_succeeds()
    {
        var data = Guid.NewGuid().ToString();
        var result = await _sandbox.RunAsync(Python("""
            import os
            data = open("/task/sub/data.txt").read()
            open("/tmp/copy.txt", "w").write(data[::-1])
            print(os.getcwd(), open("copy.txt").read())
            """, extraFiles: new Dictionary<string, string> { ["sub/data.txt"] = data }), CancellationToken.None);

        Assert.True(result.Succeeded, result.Reason + "\n" + result.Stderr);
        Assert.Equal(SandboxOutcome.Exited, result.Outcome);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("exit 0", result.Reason);
        Assert.Equal($"/tmp {new string(data.Reverse().ToArray())}\n", result.Stdout);
    }

    [Fact]
    public async Task A_failing_assert_is_reported_with_the_last_stderr_line()
    {
        var result = await _sandbox.RunAsync(Python("def add(a, b):\n    return a - b\nassert add(2, 2) == 4, 'add(2, 2) should be 4'\n"),
            CancellationToken.None);

        Assert.Equal(SandboxOutcome.Exited, result.Outcome);
        Assert.Equal(1, result.ExitCode);
        Assert.Equal("exit 1: AssertionError: add(2, 2) should be 4", result.Reason);
    }

    [Fact]
    public async Task Tmp_does_not_persist_across_runs()
    {
        var marker = Marker();
        var first = await _sandbox.RunAsync(Python($"open('/tmp/{marker}', 'w').write('x')\nprint('written')\n"), CancellationToken.None);
        var second = await _sandbox.RunAsync(Python($"import os\nprint(os.path.exists('/tmp/{marker}'), sorted(os.listdir('/tmp')))\n"),
            CancellationToken.None);

        Assert.True(first.Succeeded, first.Stderr);
        Assert.Equal("written\n", first.Stdout);
        Assert.True(second.Succeeded, second.Stderr);
        Assert.Equal("False []\n", second.Stdout);
    }

    [Fact]
    public async Task Stdin_is_delivered_and_closed()
    {
        var lines = Enumerable.Range(0, 2000).Select(i => $"line {i}").ToList(); // larger than a pipe buffer
        var result = await _sandbox.RunAsync(Python("import sys\ndata = sys.stdin.read().splitlines()\nprint(len(data), data[-1])\n",
            stdin: string.Join("\n", lines) + "\n"), CancellationToken.None);

        Assert.True(result.Succeeded, result.Stderr);
        Assert.Equal($"{lines.Count} {lines[^1]}\n", result.Stdout);
    }

    [Fact]
    public async Task Invalid_utf8_output_is_decoded_leniently()
    {
        var result = await _sandbox.RunAsync(Python("import sys\nsys.stdout.buffer.write(b'ok \\xff\\xfe end')\n"), CancellationToken.None);

        Assert.True(result.Succeeded, result.Stderr);
        Assert.Equal("ok \uFFFD\uFFFD end", result.Stdout);
    }

    [Fact]
    public async Task Cancellation_kills_the_sandbox_and_throws()
    {
        var marker = Marker();
        using var cts = new CancellationTokenSource();
        var run = _sandbox.RunAsync(Python("import time\nprint('started', flush=True)\ntime.sleep(10 ** 6)\n", name: marker + ".py"), cts.Token);
        while (ProcessesMentioning(marker).Count == 0 && !run.IsCompleted) await Task.Delay(20);
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        Assert.Empty(ProcessesMentioning(marker));
    }

    [Fact]
    public async Task Unsafe_file_names_are_rejected()
    {
        var job = new SandboxJob(new Dictionary<string, string> { ["../escape.py"] = "print(1)" }, ["python3", "/task/escape.py"], SandboxLimits.Default);

        var error = await Assert.ThrowsAsync<ArgumentException>(() => _sandbox.RunAsync(job, CancellationToken.None));
        Assert.Contains("../escape.py", error.Message);
    }
}
