using System.Diagnostics;
using System.Text;

namespace Arena.Sandbox;

/// <summary>Why we stopped a run ourselves (as opposed to the process ending or a limit inside the sandbox).</summary>
internal enum SandboxStop { None, WallTime, Output, Cancelled }

/// <summary>
/// Runs one fully built command line (bwrap, or the unsafe prlimit wrapper) and enforces the limits that need an
/// outside observer: wall time, output size and cancellation, each by killing the whole process tree. The limits the
/// kernel enforces inside (CPU, memory, processes, file size) are recognised afterwards from the exit status.
/// </summary>
internal static class SandboxProcess
{
    /// <summary>Upper bound on waiting for stdout/stderr to close after the main process is gone.</summary>
    private static readonly TimeSpan PipeDrainLimit = TimeSpan.FromSeconds(2);

    public static async Task<SandboxResult> RunAsync(
        string fileName, IEnumerable<string> arguments, string workingDirectory, IReadOnlyDictionary<string, string> environment,
        SandboxLimits limits, string? stdin, bool isolated, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        var start = new ProcessStartInfo(fileName)
        {
            UseShellExecute = false,
            RedirectStandardInput = true, // always: the child must never inherit our stdin
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        start.Environment.Clear(); // nothing of the host's environment reaches the wrapper, let alone the job
        foreach (var (key, value) in environment) start.Environment[key] = value;

        var clock = Stopwatch.StartNew();
        using var process = await ProcessSpawner.StartAsync(start).ConfigureAwait(false);
        var stop = new StopSwitch(process);
        var budget = new OutputBudget(limits.OutputBytes, () => stop.Kill(SandboxStop.Output));
        var stdout = PumpAsync(process.StandardOutput.BaseStream, 0, budget);
        var stderr = PumpAsync(process.StandardError.BaseStream, 1, budget);
        var feed = FeedAsync(process.StandardInput, stdin);

        using (var wall = new CancellationTokenSource(limits.WallTime))
        using (wall.Token.Register(() => stop.Kill(SandboxStop.WallTime)))
        using (ct.Register(() => stop.Kill(SandboxStop.Cancelled)))
            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
        // The pipes close once every process holding them is gone (bwrap: the whole pid namespace). Bounded, since
        // outside a sandbox a daemonised grandchild could hold them open for ever.
        try { await Task.WhenAll(stdout, stderr, feed).WaitAsync(PipeDrainLimit, CancellationToken.None).ConfigureAwait(false); }
        catch (TimeoutException) { stop.Kill(SandboxStop.None); }
        clock.Stop();
        if (stop.Reason == SandboxStop.Cancelled) throw new OperationCanceledException("sandbox run cancelled", ct);

        var (outText, errText) = budget.Texts();
        return SandboxVerdict.Classify(process.ExitCode, outText, errText, clock.Elapsed, stop.Reason, limits, isolated);
    }

    private static async Task PumpAsync(Stream stream, int channel, OutputBudget budget)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer).ConfigureAwait(false)) > 0)
                budget.Take(channel, buffer.AsSpan(0, read));
        }
        catch (IOException) { }
        catch (ObjectDisposedException) { }
    }

    private static async Task FeedAsync(StreamWriter input, string? text)
    {
        try
        {
            if (!string.IsNullOrEmpty(text))
            {
                await input.WriteAsync(text).ConfigureAwait(false);
                await input.FlushAsync().ConfigureAwait(false);
            }
            input.Close();
        }
        catch (IOException) { } // the job exited without reading all of it: its business
        catch (ObjectDisposedException) { }
    }

    /// <summary>Kills the tree once and remembers the first reason.</summary>
    private sealed class StopSwitch(Process process)
    {
        private int _reason = (int)SandboxStop.None;
        private int _killed;

        public SandboxStop Reason => (SandboxStop)Volatile.Read(ref _reason);

        public void Kill(SandboxStop reason)
        {
            if (reason != SandboxStop.None) Interlocked.CompareExchange(ref _reason, (int)reason, (int)SandboxStop.None);
            if (Interlocked.Exchange(ref _killed, 1) == 1) return;
            try { process.Kill(entireProcessTree: true); }
            catch (InvalidOperationException) { } // already exited
            catch (System.ComponentModel.Win32Exception) { }
        }
    }

    /// <summary>Stdout (channel 0) and stderr (channel 1) share one byte budget; the first byte over it stops the run.</summary>
    private sealed class OutputBudget(long limit, Action exceeded)
    {
        private readonly Lock _gate = new();
        private readonly MemoryStream[] _kept = [new(), new()];
        private long _total;
        private bool _over;

        public void Take(int channel, ReadOnlySpan<byte> bytes)
        {
            var overNow = false;
            lock (_gate)
            {
                var room = (int)Math.Max(0, Math.Min(bytes.Length, limit - _total));
                _kept[channel].Write(bytes[..room]);
                _total += room;
                if (room < bytes.Length && !_over) _over = overNow = true;
            }
            if (overNow) exceeded();
        }

        /// <summary>Decoded leniently: invalid UTF-8 becomes U+FFFD rather than failing the run.</summary>
        public (string Stdout, string Stderr) Texts()
        {
            lock (_gate)
                return (Encoding.UTF8.GetString(_kept[0].ToArray()), Encoding.UTF8.GetString(_kept[1].ToArray()));
        }
    }
}
