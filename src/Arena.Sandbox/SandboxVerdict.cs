using System.Globalization;

namespace Arena.Sandbox;

/// <summary>Turns an exit status plus what we did to the process into an outcome and a one-line reason.</summary>
internal static class SandboxVerdict
{
    /// <summary>128 + SIGXCPU: the soft RLIMIT_CPU signal (the hard limit one second later is SIGKILL).</summary>
    internal const int CpuLimitExit = 128 + 24;
    private const int MaxReasonChars = 300;

    public static SandboxResult Classify(int exitCode, string stdout, string stderr, TimeSpan wall, SandboxStop stop,
        SandboxLimits limits, bool isolated)
    {
        SandboxResult Result(SandboxOutcome outcome, int? code, string reason) => new(outcome, code, stdout, stderr, wall, reason);
        var lastLine = LastLine(stderr);

        switch (stop)
        {
            case SandboxStop.WallTime: return Result(SandboxOutcome.WallTimeout, null, $"killed: wall time {Duration(limits.WallTime)} exceeded");
            case SandboxStop.Output: return Result(SandboxOutcome.OutputLimit, null, $"killed: output exceeded {Bytes(limits.OutputBytes)}");
        }
        if (isolated && exitCode != 0 && FirstLine(stderr) is { } first && first.StartsWith("bwrap: ", StringComparison.Ordinal))
            return Result(SandboxOutcome.SandboxError, exitCode, Clip($"sandbox failed: {first}"));
        if (exitCode == CpuLimitExit)
            return Result(SandboxOutcome.CpuLimit, exitCode, $"killed: CPU time {Duration(CpuSeconds(limits))} exceeded");
        if (lastLine.StartsWith("MemoryError", StringComparison.Ordinal) || lastLine.Contains("std::bad_alloc", StringComparison.Ordinal))
            return Result(SandboxOutcome.MemoryLimit, exitCode, $"memory limit {Bytes(limits.MemoryBytes)} exceeded ({Clip(lastLine)})");
        if (exitCode > 128 && exitCode <= 128 + 64)
            return Result(SandboxOutcome.Signalled, exitCode, $"killed by signal {SignalName(exitCode - 128)}{(lastLine.Length > 0 ? ": " + Clip(lastLine) : "")}");
        return Result(SandboxOutcome.Exited, exitCode, lastLine.Length > 0 && exitCode != 0 ? Clip($"exit {exitCode}: {lastLine}") : $"exit {exitCode}");
    }

    /// <summary>RLIMIT_CPU counts whole seconds; round up so a 0.5 s budget is not zero (= unlimited).</summary>
    internal static TimeSpan CpuSeconds(SandboxLimits limits) => TimeSpan.FromSeconds(Math.Max(1, (long)Math.Ceiling(limits.CpuTime.TotalSeconds)));

    internal static string Duration(TimeSpan t) =>
        t.TotalSeconds >= 1 ? $"{t.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s" : $"{t.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture)} ms";

    internal static string Bytes(long bytes) => bytes switch
    {
        >= 1L << 30 when bytes % (1L << 30) == 0 => $"{bytes >> 30} GiB",
        >= 1L << 20 when bytes % (1L << 20) == 0 => $"{bytes >> 20} MiB",
        >= 1L << 10 when bytes % (1L << 10) == 0 => $"{bytes >> 10} KiB",
        _ => $"{bytes} bytes",
    };

    private static string SignalName(int signal) => signal switch
    {
        6 => "SIGABRT (6)", 9 => "SIGKILL (9; the CPU hard limit, or out of memory)", 11 => "SIGSEGV (11)", 13 => "SIGPIPE (13)", 15 => "SIGTERM (15)",
        24 => "SIGXCPU (24)", 25 => "SIGXFSZ (25, file size limit)", _ => $"{signal}",
    };

    private static string LastLine(string text)
    {
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return lines.Length > 0 ? lines[^1] : "";
    }

    private static string? FirstLine(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();

    private static string Clip(string line) => line.Length <= MaxReasonChars ? line : line[..(MaxReasonChars - 1)] + "…";
}
