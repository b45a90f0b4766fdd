using System.Diagnostics;

namespace Arena.Sandbox;

/// <summary>What <see cref="Sandboxes.Probe()"/> found.</summary>
/// <param name="Available">bwrap exists and ran a trivial job end to end.</param>
/// <param name="Message">Why not, in words a user can act on; or what will be used.</param>
internal sealed record SandboxProbe(bool Available, string? BwrapPath, string? Version, bool DropToNobody, string Message);

/// <summary>Chooses how untrusted code runs: bubblewrap, or — only when the user asked for it — no sandbox.</summary>
internal static class Sandboxes
{
    public const string UnsafeFlag = "--unsafe-no-sandbox";
    private static readonly Lazy<SandboxProbe> Cached = new(() => Probe(FindBwrap()));

    /// <summary>Finds bwrap and runs one trivial job in it (once per process: bwrap may exist yet be unable to create namespaces).</summary>
    public static SandboxProbe Probe() => Cached.Value;

    /// <summary>
    /// The sandbox to run code the project did not write. Throws <see cref="SandboxUnavailableException"/> when
    /// bubblewrap cannot run here, unless <paramref name="allowUnsafe"/> (the user passed --unsafe-no-sandbox).
    /// </summary>
    public static ISandbox Create(bool allowUnsafe) => Create(allowUnsafe, Probe());

    internal static ISandbox Create(bool allowUnsafe, SandboxProbe probe)
    {
        if (probe.Available) return new BubblewrapSandbox(probe.BwrapPath!, probe.Version!, probe.DropToNobody);
        if (allowUnsafe) return new UnsandboxedRunner();
        throw new SandboxUnavailableException($"{probe.Message}: refusing to run code the project did not write outside a sandbox. "
            + $"{Remedy(probe)} or pass {UnsafeFlag}.");
    }

    /// <summary>Probes a given bwrap binary (tests point this at a missing file).</summary>
    internal static SandboxProbe Probe(string? bwrapPath)
    {
        var dropToNobody = HostTools.IsRoot;
        if (bwrapPath is null || !File.Exists(bwrapPath))
            return new(false, bwrapPath, null, dropToNobody, "bubblewrap (bwrap) is not installed");
        if (!File.Exists(HostTools.Prlimit))
            return new(false, bwrapPath, null, dropToNobody, $"{HostTools.Prlimit} (util-linux) is missing");
        if (dropToNobody && !File.Exists(HostTools.Setpriv))
            return new(false, bwrapPath, null, dropToNobody, $"{HostTools.Setpriv} (util-linux) is missing, needed to drop root before bwrap");

        var version = Version(bwrapPath);
        var sandbox = new BubblewrapSandbox(bwrapPath, version, dropToNobody);
        var job = new SandboxJob(new Dictionary<string, string> { ["probe.txt"] = "arena" }, ["cat", SandboxPaths.Task + "/probe.txt"],
            SandboxLimits.Default);
        SandboxResult result;
        try { result = sandbox.RunAsync(job, CancellationToken.None).GetAwaiter().GetResult(); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.ComponentModel.Win32Exception)
        {
            return new(false, bwrapPath, version, dropToNobody, $"bubblewrap ({bwrapPath}) could not be started: {e.Message}");
        }
        if (!result.Succeeded || result.Stdout != "arena")
        {
            var detail = string.Join(" ", result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Take(3));
            return new(false, bwrapPath, version, dropToNobody,
                $"bubblewrap ({bwrapPath}) cannot create a sandbox here ({result.Reason}{(detail.Length > 0 ? "; " + detail : "")})");
        }
        return new(true, bwrapPath, version, dropToNobody, $"sandbox: {sandbox.Description}");
    }

    private static string Remedy(SandboxProbe probe) =>
        probe.BwrapPath is null || !File.Exists(probe.BwrapPath)
            ? "Install it (apt-get install -y bubblewrap)"
            : probe.Version is null
                ? "Install util-linux"
                : "Allow unprivileged user namespaces (sysctl kernel.unprivileged_userns_clone=1; in Docker, a seccomp/AppArmor profile permitting them)";

    /// <summary>ARENA_BWRAP names the bwrap binary when it is not /usr/bin/bwrap or on PATH (tests point it at a missing file).</summary>
    private static string? FindBwrap()
    {
        if (Environment.GetEnvironmentVariable("ARENA_BWRAP") is { Length: > 0 } configured) return configured;
        const string debian = "/usr/bin/bwrap";
        if (File.Exists(debian)) return debian;
        return (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, "bwrap")).FirstOrDefault(File.Exists);
    }

    private static string Version(string bwrapPath)
    {
        try
        {
            var start = new ProcessStartInfo(bwrapPath, "--version") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            using var process = Process.Start(start)!;
            var text = process.StandardOutput.ReadToEnd().Trim();
            process.WaitForExit(5000);
            return text.Length > 0 ? text : "bubblewrap";
        }
        catch (Exception e) when (e is IOException or System.ComponentModel.Win32Exception)
        {
            return "bubblewrap";
        }
    }
}
