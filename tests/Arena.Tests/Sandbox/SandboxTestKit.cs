using Arena.Sandbox;

namespace Arena.Tests.Sandboxing;

/// <summary>Shared set-up for the sandbox tests: the real bubblewrap sandbox (required, never skipped) and job helpers.</summary>
internal static class SandboxTestKit
{
    /// <summary>The real bwrap sandbox; fails (not skips) when it cannot run, so a CI without it goes red.</summary>
    public static ISandbox Bubblewrap()
    {
        var probe = Sandboxes.Probe();
        Assert.True(probe.Available, $"{probe.Message}. The sandbox tests need bubblewrap: .ci/run installs it (apt-get install -y bubblewrap).");
        var sandbox = Sandboxes.Create(allowUnsafe: false);
        Assert.True(sandbox.Isolated);
        return sandbox;
    }

    /// <summary>A job running <paramref name="script"/> as /task/<paramref name="name"/> with Debian's python.</summary>
    public static SandboxJob Python(string script, SandboxLimits? limits = null, string name = "main.py",
        IReadOnlyDictionary<string, string>? extraFiles = null, string? stdin = null)
    {
        var files = new Dictionary<string, string> { [name] = script };
        foreach (var (file, text) in extraFiles ?? new Dictionary<string, string>()) files[file] = text;
        return new SandboxJob(files, ["python3", $"{SandboxPaths.Task}/{name}"], limits ?? SandboxLimits.Default, stdin);
    }

    /// <summary>Processes whose command line mentions <paramref name="marker"/> (read from the host's /proc).</summary>
    public static List<string> ProcessesMentioning(string marker)
    {
        var found = new List<string>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid) || pid == Environment.ProcessId) continue;
            string cmdline;
            try { cmdline = File.ReadAllText(Path.Combine(dir, "cmdline")).Replace('\0', ' '); }
            catch (IOException) { continue; }
            catch (UnauthorizedAccessException) { continue; }
            if (cmdline.Contains(marker, StringComparison.Ordinal)) found.Add($"{pid}: {cmdline}");
        }
        return found;
    }

    public static string Marker() => "arena_sbx_" + Guid.NewGuid().ToString("N")[..12];
}

/// <summary>
/// The sandbox test classes run one at a time: the fork bombs, CPU spins and floods of one would otherwise load the
/// machine under another's wall-time assertions.
/// </summary>
[CollectionDefinition(Name)]
public sealed class SandboxTestsOneAtATime
{
    public const string Name = "sandbox tests, one at a time";
}
