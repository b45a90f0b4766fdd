namespace Arena.Web;

/// <summary>
/// Counts failed logins per key (a client address, a user name) in a sliding window. A key with <c>limit</c> failures
/// inside the window is refused until its oldest failure leaves the window, so guessing passwords costs time per
/// account and per client.
/// </summary>
internal sealed class LoginThrottle(int limit, TimeSpan window, TimeProvider time)
{
    private readonly Dictionary<string, Queue<DateTimeOffset>> _failures = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <summary>How long until any of <paramref name="keys"/> may try again; null when none is blocked.</summary>
    public TimeSpan? RetryAfter(params string[] keys)
    {
        var now = time.GetUtcNow();
        TimeSpan? wait = null;
        lock (_lock)
        {
            foreach (var key in keys)
            {
                if (!_failures.TryGetValue(key, out var q)) continue;
                Trim(q, now);
                if (q.Count == 0) { _failures.Remove(key); continue; }
                if (q.Count < limit) continue;
                var until = q.Peek() + window - now;
                if (wait is null || until > wait) wait = until;
            }
        }
        return wait;
    }

    public void Fail(params string[] keys)
    {
        var now = time.GetUtcNow();
        lock (_lock)
            foreach (var key in keys)
            {
                if (!_failures.TryGetValue(key, out var q)) _failures[key] = q = new Queue<DateTimeOffset>();
                Trim(q, now);
                q.Enqueue(now);
            }
    }

    /// <summary>A successful login clears its user name's failures (not the address's: one client may probe many names).</summary>
    public void Succeed(string key)
    {
        lock (_lock) _failures.Remove(key);
    }

    private void Trim(Queue<DateTimeOffset> q, DateTimeOffset now)
    {
        while (q.Count > 0 && q.Peek() + window <= now) q.Dequeue();
    }
}
