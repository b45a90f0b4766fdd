using System.Globalization;

namespace Arena.Sandbox;

/// <summary>
/// Runs each job in fresh Linux namespaces through bubblewrap: no network, read-only /usr as the whole system, a
/// private size-limited tmpfs /tmp, the job's files read-only at /task, an explicit minimal environment, and kernel
/// limits (CPU, address space, processes, file size) set by prlimit inside. Wall time and output are watched from
/// outside; on either, the bwrap process is killed, which takes its whole pid namespace with it. docs/sandbox.md.
/// </summary>
internal sealed class BubblewrapSandbox : ISandbox
{
    private readonly string _bwrap;
    private readonly bool _dropToNobody;
    private readonly string _hostTemp;

    /// <param name="bwrapPath">The bwrap binary (found and checked by <see cref="Sandboxes.Probe()"/>).</param>
    /// <param name="version">e.g. "bubblewrap 0.8.0".</param>
    /// <param name="dropToNobody">Start bwrap as uid/gid 65534 through setpriv (needed when we are root).</param>
    /// <param name="hostTemp">Where job directories are created on the host; must be traversable by uid 65534.</param>
    internal BubblewrapSandbox(string bwrapPath, string version, bool dropToNobody, string? hostTemp = null)
    {
        _bwrap = bwrapPath;
        _dropToNobody = dropToNobody;
        _hostTemp = hostTemp ?? Path.GetTempPath();
        Description = dropToNobody ? $"{version} (as uid {HostTools.NobodyId})" : version;
    }

    public string Description { get; }
    public bool Isolated => true;

    public async Task<SandboxResult> RunAsync(SandboxJob job, CancellationToken ct)
    {
        if (job.Command.Count == 0) throw new ArgumentException("sandbox job has an empty command", nameof(job));
        using var files = JobDirectory.Create(_hostTemp, job.Files);
        var bwrapArguments = Arguments(files.Root, job);
        var (fileName, arguments) = _dropToNobody
            ? (HostTools.Setpriv, HostTools.DropPrivileges().Append(_bwrap).Concat(bwrapArguments))
            : (_bwrap, bwrapArguments);
        var environment = new Dictionary<string, string> { ["PATH"] = HostTools.JobPath };
        return await SandboxProcess.RunAsync(fileName, arguments, files.Root, environment, job.Limits, job.Stdin, isolated: true, ct)
            .ConfigureAwait(false);
    }

    private static IEnumerable<string> Arguments(string hostTaskDirectory, SandboxJob job)
    {
        var limits = job.Limits;
        return
        [
            // New user, pid, net, ipc, uts and cgroup namespaces: the only network is a private loopback.
            "--unshare-all", "--unshare-user",
            // No nested user namespaces: keeps the job away from the kernel code they expose.
            "--disable-userns",
            // If we die the sandbox dies; --new-session stops TIOCSTI input injection into a terminal.
            "--die-with-parent", "--new-session",
            // The whole filesystem: read-only /usr plus the merged-/usr symlinks. No /etc, /home, /root, /var, host /tmp.
            "--ro-bind", "/usr", "/usr",
            "--symlink", "usr/lib", "/lib", "--symlink", "usr/lib64", "/lib64", "--symlink", "usr/bin", "/bin", "--symlink", "usr/sbin", "/sbin",
            "--proc", "/proc", "--dev", "/dev",
            // Private writable /tmp, size-limited, gone when the sandbox ends.
            "--size", limits.TmpBytes.ToString(CultureInfo.InvariantCulture), "--tmpfs", "/tmp",
            "--ro-bind", hostTaskDirectory, SandboxPaths.Task,
            // bwrap builds the new root on an unlimited tmpfs; freeze it so /tmp is the only writable place.
            "--remount-ro", "/",
            "--chdir", "/tmp",
            "--clearenv", "--setenv", "PATH", HostTools.JobPath, "--setenv", "HOME", "/tmp", "--setenv", "TMPDIR", "/tmp",
            "--setenv", "LANG", "C.UTF-8",
            "--", HostTools.Prlimit, .. HostTools.Limits(limits), .. job.Command,
        ];
    }
}
