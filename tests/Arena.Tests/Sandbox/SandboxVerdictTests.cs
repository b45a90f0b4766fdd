using Arena.Sandbox;

namespace Arena.Tests.Sandboxing;

/// <summary>Exit statuses the live escape tests cannot provoke on demand (bwrap failing, other signals).</summary>
public sealed class SandboxVerdictTests
{
    private static readonly SandboxLimits Limits = SandboxLimits.Default;

    private static SandboxResult Classify(int exit, string stderr, bool isolated = true, SandboxStop stop = SandboxStop.None) =>
        SandboxVerdict.Classify(exit, "", stderr, TimeSpan.FromMilliseconds(5), stop, Limits, isolated);

    [Fact]
    public void A_bwrap_setup_failure_is_a_sandbox_error_not_a_failing_solution()
    {
        var result = Classify(1, "bwrap: No permissions to creating new namespace, likely because the kernel does not allow non-privileged user namespaces.\n");

        Assert.Equal(SandboxOutcome.SandboxError, result.Outcome);
        Assert.StartsWith("sandbox failed: bwrap: No permissions", result.Reason);
    }

    [Fact]
    public void The_same_text_from_an_unsandboxed_job_is_just_its_output()
    {
        var result = Classify(1, "bwrap: pretend\n", isolated: false);

        Assert.Equal(SandboxOutcome.Exited, result.Outcome);
        Assert.Equal("exit 1: bwrap: pretend", result.Reason);
    }

    [Fact]
    public void A_segfault_is_signalled_with_its_name()
    {
        var result = Classify(128 + 11, "");

        Assert.Equal(SandboxOutcome.Signalled, result.Outcome);
        Assert.Equal("killed by signal SIGSEGV (11)", result.Reason);
    }

    [Fact]
    public void Our_own_kill_wins_over_the_exit_status_it_caused()
    {
        var result = Classify(128 + 9, "", stop: SandboxStop.Output);

        Assert.Equal(SandboxOutcome.OutputLimit, result.Outcome);
        Assert.Null(result.ExitCode);
        Assert.Equal("killed: output exceeded 1 MiB", result.Reason);
    }

    [Fact]
    public void Long_last_lines_are_clipped_to_one_short_line()
    {
        var result = Classify(1, "Traceback\nValueError: " + new string('x', 5000) + "\n");

        Assert.True(result.Reason.Length <= 300, result.Reason.Length.ToString());
        Assert.StartsWith("exit 1: ValueError: xxx", result.Reason);
    }

    [Theory]
    [InlineData(500, "500 ms")]
    [InlineData(10_000, "10 s")]
    [InlineData(1_500, "1.5 s")]
    public void Durations_read_naturally(int milliseconds, string expected) =>
        Assert.Equal(expected, SandboxVerdict.Duration(TimeSpan.FromMilliseconds(milliseconds)));

    [Theory]
    [InlineData(512L << 20, "512 MiB")]
    [InlineData(10L << 30, "10 GiB")]
    [InlineData(64L << 10, "64 KiB")]
    [InlineData(1000L, "1000 bytes")]
    public void Sizes_read_naturally(long bytes, string expected) => Assert.Equal(expected, SandboxVerdict.Bytes(bytes));
}
