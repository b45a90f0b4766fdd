namespace Arena.Engine.Resilience;

internal enum BotState { Online, Offline, Paused }

/// <summary>
/// Partial availability (B.3). A bot that fails <c>offlineAfter</c> consecutive calls, or whose health check
/// fails, goes offline: its sessions wait here instead of burning retries. While offline one call at a time is
/// let through as a probe (exponential back-off), or the health check is polled; a success brings it back.
/// Pausing by hand holds calls the same way.
/// </summary>
internal sealed class BotAvailability(int offlineAfter, TimeSpan offlineTimeout, TimeProvider time, TimeSpan? firstProbeDelay = null)
{
    private static readonly TimeSpan MaxProbeDelay = TimeSpan.FromSeconds(30);
    private readonly TimeSpan _firstProbeDelay = firstProbeDelay ?? TimeSpan.FromSeconds(1);
    private readonly Lock _gate = new();
    private TaskCompletionSource _changed = NewSignal();
    private bool _online = true;
    private bool _paused;
    private int _consecutiveFailures;
    private long _offlineSince;
    private long _nextProbeAt;
    private TimeSpan _probeDelay;
    private bool _probeInFlight;

    /// <summary>When true, recovery is detected by the health check only, never by probing with real work.</summary>
    public bool HealthChecked { get; init; }

    public BotState State
    {
        get { lock (_gate) return _paused ? BotState.Paused : _online ? BotState.Online : BotState.Offline; }
    }

    public event Action<BotState>? StateChanged;

    /// <summary>How a call may proceed.</summary>
    internal enum Permit { Call, Probe, GiveUp }

    /// <summary>Waits until the bot may be called. GiveUp when it has been offline longer than the offline timeout.</summary>
    public async Task<Permit> WaitAsync(CancellationToken ct)
    {
        while (true)
        {
            Task signal;
            TimeSpan? wake = null;
            lock (_gate)
            {
                signal = _changed.Task;
                if (!_paused)
                {
                    if (_online) return Permit.Call;
                    var now = time.GetTimestamp();
                    if (time.GetElapsedTime(_offlineSince, now) >= offlineTimeout) return Permit.GiveUp;
                    if (!HealthChecked && !_probeInFlight && now >= _nextProbeAt)
                    {
                        _probeInFlight = true;
                        return Permit.Probe;
                    }
                    var untilProbe = HealthChecked || _probeInFlight ? TimeSpan.MaxValue : time.GetElapsedTime(now, _nextProbeAt);
                    var untilGiveUp = offlineTimeout - time.GetElapsedTime(_offlineSince, now);
                    wake = untilProbe < untilGiveUp ? untilProbe : untilGiveUp;
                }
            }
            if (wake is { } w)
            {
                using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
                var delay = Task.Delay(w + TimeSpan.FromMilliseconds(1), time, cts.Token);
                await Task.WhenAny(signal, delay).WaitAsync(ct);
                cts.Cancel();
            }
            else
            {
                await signal.WaitAsync(ct);
            }
        }
    }

    public void ReportSuccess(Permit permit)
    {
        lock (_gate)
        {
            _consecutiveFailures = 0;
            if (permit == Permit.Probe) _probeInFlight = false;
            if (_online) return;
            GoOnlineLocked();
        }
        Notify();
    }

    /// <summary>Records a failed call. True when the bot is (now) offline: the caller should wait, not spend a retry.</summary>
    public bool ReportFailure(Permit permit)
    {
        lock (_gate)
        {
            _consecutiveFailures++;
            if (permit == Permit.Probe)
            {
                _probeInFlight = false;
                _probeDelay = _probeDelay * 2 > MaxProbeDelay ? MaxProbeDelay : _probeDelay * 2;
                _nextProbeAt = time.GetTimestamp() + (long)(_probeDelay.TotalSeconds * time.TimestampFrequency);
            }
            else if (_online)
            {
                if (_consecutiveFailures < offlineAfter) return false;
                GoOfflineLocked();
            }
            else return true;
        }
        // Waiters re-read the state: the bot went offline, or a failed probe moved the next probe time.
        Notify();
        return true;
    }

    /// <summary>The health check's verdict (only used when a health URL is configured).</summary>
    public void ReportHealth(bool healthy)
    {
        lock (_gate)
        {
            if (healthy == _online) return;
            if (healthy) { _consecutiveFailures = 0; GoOnlineLocked(); }
            else GoOfflineLocked();
        }
        Notify();
    }

    public void SetPaused(bool paused)
    {
        lock (_gate)
        {
            if (_paused == paused) return;
            _paused = paused;
        }
        Notify();
    }

    private void GoOfflineLocked()
    {
        _online = false;
        _offlineSince = time.GetTimestamp();
        _probeDelay = _firstProbeDelay;
        _nextProbeAt = _offlineSince + (long)(_probeDelay.TotalSeconds * time.TimestampFrequency);
    }

    private void GoOnlineLocked()
    {
        _online = true;
        _probeInFlight = false;
    }

    private void Notify()
    {
        TaskCompletionSource old;
        lock (_gate)
        {
            old = _changed;
            _changed = NewSignal();
        }
        old.TrySetResult();
        StateChanged?.Invoke(State);
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
