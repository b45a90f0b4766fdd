namespace Arena.Sandbox;

/// <summary>
/// The explicit <c>--unsafe-no-sandbox</c> fallback: the same kernel limits through prlimit, a cleared environment,
/// a throw-away working directory, and the process tree killed on timeout — but no isolation at all: the job sees
/// the host's filesystem and network. As root it still drops to a throw-away uid per job so the process limit holds.
/// Job files live in a host directory; command arguments naming /task are rewritten to it.
/// </summary>
internal sealed class UnsandboxedRunner : ISandbox
{
    private readonly string _hostTemp;
    private readonly bool _dropToNobody;
    private readonly bool _hasPrlimit;

    internal UnsandboxedRunner(string? hostTemp = null)
    {
        _hostTemp = hostTemp ?? Path.GetTempPath();
        _hasPrlimit = File.Exists(HostTools.Prlimit);
        _dropToNobody = HostTools.IsRoot && File.Exists(HostTools.Setpriv);
        Description = "UNSAFE: no sandbox (" + (_hasPrlimit ? "prlimit limits" : "wall-time and output limits only")
            + (_dropToNobody ? ", as a throw-away uid per job" : "") + ", no filesystem or network isolation)";
    }

    public string Description { get; }
    public bool Isolated => false;

    public async Task<SandboxResult> RunAsync(SandboxJob job, CancellationToken ct)
    {
        if (job.Command.Count == 0) throw new ArgumentException("sandbox job has an empty command", nameof(job));
        using var files = JobDirectory.Create(_hostTemp, job.Files);
        using var work = JobDirectory.Create(_hostTemp, new Dictionary<string, string>());
        // World-writable like /tmp, since the job may run as nobody; the name is random and the directory private to this run.
        JobDirectory.SetMode(work.Root, (UnixFileMode)0b111_111_111 | UnixFileMode.StickyBit);

        var command = job.Command.Select(argument => MapTaskPath(argument, files.Root)).ToList();
        IEnumerable<string> arguments = _hasPrlimit ? [.. HostTools.Limits(job.Limits), .. command] : command.Skip(1);
        var fileName = _hasPrlimit ? HostTools.Prlimit : OnJobPath(command[0]);
        if (_dropToNobody)
        {
            arguments = HostTools.DropPrivileges(HostTools.ThrowAwayUid()).Append(fileName).Concat(arguments);
            fileName = HostTools.Setpriv;
        }
        var environment = new Dictionary<string, string>
        {
            ["PATH"] = HostTools.JobPath, ["HOME"] = work.Root, ["TMPDIR"] = work.Root, ["LANG"] = "C.UTF-8",
        };
        return await SandboxProcess.RunAsync(fileName, arguments, work.Root, environment, job.Limits, job.Stdin, isolated: false, ct)
            .ConfigureAwait(false);
    }

    /// <summary>Process.Start would search our own PATH (e.g. a pyenv shim); jobs get the system's programs.</summary>
    private static string OnJobPath(string program) =>
        program.Contains('/') ? program
        : HostTools.JobPath.Split(':').Select(dir => Path.Combine(dir, program)).FirstOrDefault(File.Exists) ?? program;

    private static string MapTaskPath(string argument, string hostTask) =>
        argument == SandboxPaths.Task ? hostTask
        : argument.StartsWith(SandboxPaths.Task + "/", StringComparison.Ordinal) ? hostTask + argument[SandboxPaths.Task.Length..]
        : argument;
}
