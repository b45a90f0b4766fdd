namespace Arena.Sandbox;

/// <summary>
/// Resource limits for one sandboxed execution. Defaults suit one HumanEval-style test run.
/// </summary>
/// <param name="CpuTime">CPU seconds for the process tree's processes (RLIMIT_CPU, per process).</param>
/// <param name="WallTime">Wall-clock budget; on expiry the whole sandbox is killed as a group.</param>
/// <param name="MemoryBytes">Address-space limit per process (RLIMIT_AS).</param>
/// <param name="Processes">Processes/threads the sandboxed user may have at once (RLIMIT_NPROC).</param>
/// <param name="OutputBytes">Stdout + stderr kept; more than this kills the sandbox (output limit).</param>
/// <param name="TmpBytes">Size of the private writable /tmp (tmpfs) and largest file (RLIMIT_FSIZE).</param>
internal sealed record SandboxLimits(TimeSpan CpuTime, TimeSpan WallTime, long MemoryBytes, int Processes, long OutputBytes, long TmpBytes)
{
    public static SandboxLimits Default { get; } =
        new(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10), 512L << 20, 16, 1L << 20, 64L << 20);
}

/// <summary>
/// One execution: <paramref name="Files"/> (relative name → UTF-8 text) appear read-only under
/// <see cref="SandboxPaths.Task"/>; <paramref name="Command"/> runs with the private writable /tmp as working
/// directory. The first element of the command is resolved inside the sandbox's read-only system (e.g. "python3").
/// </summary>
internal sealed record SandboxJob(IReadOnlyDictionary<string, string> Files, IReadOnlyList<string> Command, SandboxLimits Limits, string? Stdin = null);

internal static class SandboxPaths
{
    /// <summary>Where a job's files are mounted, read-only.</summary>
    public const string Task = "/task";
}

/// <summary>How an execution ended. Everything but <see cref="Exited"/> means the sandbox stopped it.</summary>
internal enum SandboxOutcome { Exited, WallTimeout, CpuLimit, MemoryLimit, OutputLimit, Signalled, SandboxError }

/// <param name="Reason">One line a user can act on, e.g. "exit 1: AssertionError", "killed: wall time 10 s exceeded".</param>
internal sealed record SandboxResult(SandboxOutcome Outcome, int? ExitCode, string Stdout, string Stderr, TimeSpan Wall, string Reason)
{
    public bool Succeeded => Outcome == SandboxOutcome.Exited && ExitCode == 0;
}

/// <summary>
/// Runs code the project did not write. Implementations: bubblewrap (isolated) and the explicit
/// <c>--unsafe-no-sandbox</c> fallback (limits only, no isolation).
/// </summary>
internal interface ISandbox
{
    /// <summary>e.g. "bubblewrap 0.8.0" or "UNSAFE: no sandbox".</summary>
    string Description { get; }
    bool Isolated { get; }
    Task<SandboxResult> RunAsync(SandboxJob job, CancellationToken ct);
}

/// <summary>The sandbox cannot run here (bwrap missing or unable to create namespaces); the message says what to do.</summary>
internal sealed class SandboxUnavailableException(string message) : Exception(message);
