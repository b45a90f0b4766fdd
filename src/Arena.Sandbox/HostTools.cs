using System.Runtime.InteropServices;

namespace Arena.Sandbox;

/// <summary>Host facts and util-linux helpers the sandboxes build on.</summary>
internal static partial class HostTools
{
    public const string Prlimit = "/usr/bin/prlimit";
    public const string Setpriv = "/usr/bin/setpriv";

    /// <summary>The unprivileged account ("nobody") jobs run as when we are root.</summary>
    public const int NobodyId = 65534;

    /// <summary>The minimal PATH every job gets; the sandbox's /bin is a symlink to /usr/bin.</summary>
    public const string JobPath = "/usr/bin:/bin";

    [DllImport("libc", EntryPoint = "geteuid")]
    private static extern uint GetEffectiveUserId();

    public static bool IsRoot { get; } = OperatingSystem.IsLinux() && GetEffectiveUserId() == 0;

    /// <summary>
    /// Root is exempt from RLIMIT_NPROC (a fork bomb would be unbounded), so as root we drop to nobody first; bwrap
    /// then creates an unprivileged user namespace and the process count is enforced per sandbox.
    /// </summary>
    public static IEnumerable<string> DropPrivileges(int uid = NobodyId) =>
        [$"--reuid={uid}", $"--regid={uid}", "--clear-groups", "--"];

    /// <summary>
    /// Outside a user namespace RLIMIT_NPROC counts every process of the uid host-wide, so the unsafe runner gives each
    /// job a throw-away uid of its own from this range (no account needs to exist); bwrap jobs use <see cref="NobodyId"/>
    /// inside their own user namespace, where the count is per sandbox anyway.
    /// </summary>
    public static int ThrowAwayUid() => 200_000 + Random.Shared.Next(0, 60_000);

    /// <summary>Kernel limits set inside, just before the job's command is exec'd (prlimit execs, it does not fork).</summary>
    public static IEnumerable<string> Limits(SandboxLimits limits)
    {
        var cpu = (long)SandboxVerdict.CpuSeconds(limits).TotalSeconds;
        return
        [
            $"--nproc={limits.Processes}",
            $"--as={limits.MemoryBytes}",
            $"--cpu={cpu}:{cpu + 1}", // soft < hard: SIGXCPU (exit 152) first, so a CPU kill is told apart from others
            $"--fsize={limits.TmpBytes}",
            "--",
        ];
    }
}
