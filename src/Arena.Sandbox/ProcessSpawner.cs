using System.Collections.Concurrent;
using System.Diagnostics;

namespace Arena.Sandbox;

/// <summary>
/// Starts every sandbox process from one long-lived thread. bwrap's --die-with-parent is PR_SET_PDEATHSIG, which
/// fires when the *thread* that forked it exits; a thread-pool thread may retire mid-run and would kill a healthy job.
/// </summary>
internal static class ProcessSpawner
{
    private static readonly BlockingCollection<(ProcessStartInfo Start, TaskCompletionSource<Process> Started)> Requests = new();

    static ProcessSpawner()
    {
        new Thread(Serve) { IsBackground = true, Name = "sandbox-spawner" }.Start();
    }

    public static Task<Process> StartAsync(ProcessStartInfo start)
    {
        var started = new TaskCompletionSource<Process>(TaskCreationOptions.RunContinuationsAsynchronously);
        Requests.Add((start, started));
        return started.Task;
    }

    private static void Serve()
    {
        foreach (var (start, started) in Requests.GetConsumingEnumerable())
        {
            try { started.SetResult(Process.Start(start) ?? throw new InvalidOperationException($"could not start {start.FileName}")); }
            catch (Exception e) { started.SetException(e); }
        }
    }
}
