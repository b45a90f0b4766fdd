namespace Arena.Engine.Resilience;

/// <summary>Requests-per-second limit with bursts (B.3 traffic control): refills continuously, waits when empty.</summary>
internal sealed class TokenBucket
{
    private readonly double _rate;
    private readonly double _capacity;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private double _tokens;
    private long _last;

    public TokenBucket(double ratePerSecond, int burst, TimeProvider time)
    {
        if (ratePerSecond <= 0) throw new ArgumentOutOfRangeException(nameof(ratePerSecond));
        _rate = ratePerSecond;
        _capacity = Math.Max(1, burst);
        _time = time;
        _tokens = _capacity;
        _last = time.GetTimestamp();
    }

    public async ValueTask AcquireAsync(CancellationToken ct)
    {
        while (true)
        {
            TimeSpan wait;
            lock (_gate)
            {
                var now = _time.GetTimestamp();
                _tokens = Math.Min(_capacity, _tokens + _time.GetElapsedTime(_last, now).TotalSeconds * _rate);
                _last = now;
                if (_tokens >= 1)
                {
                    _tokens -= 1;
                    return;
                }
                wait = TimeSpan.FromSeconds((1 - _tokens) / _rate);
            }
            await Task.Delay(wait, _time, ct);
        }
    }
}
