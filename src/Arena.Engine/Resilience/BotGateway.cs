using System.Diagnostics;
using Arena.Core.Bots;

namespace Arena.Engine.Resilience;

/// <summary>The outcome of asking a bot for one turn, after retries.</summary>
internal sealed record CallResult(BotReply? Reply, int Attempts, int LatencyMs, string? Error)
{
    public bool Succeeded => Reply is not null;
}

internal sealed record BotPolicy(TimeSpan Timeout, int Retries, double? Rps, int? Burst, int Concurrency = int.MaxValue)
{
    /// <summary>
    /// Wait before retrying a failed attempt (doubling per retry). During an outage it lets the failures of other
    /// sessions mark the bot offline first, so fewer sessions spend their retries on a bot that is down.
    /// </summary>
    public TimeSpan RetryBackoff { get; init; } = TimeSpan.FromMilliseconds(250);
}

/// <summary>
/// Everything between a turn handler and a bot: rate limit, per-attempt timeout, retries with the same
/// idempotency key, and availability (offline/paused bots make callers wait rather than fail).
/// <c>Concurrency</c> bounds the calls in flight to this bot; persisting a turn does not hold a slot.
/// </summary>
internal sealed class BotGateway
{
    private readonly IBot _bot;
    private readonly BotPolicy _policy;
    private readonly TokenBucket? _bucket;
    private readonly SemaphoreSlim _slots;
    private readonly TimeProvider _time;
    private readonly Action<string, BotRequest, BotFailureKind, string>? _onFailedAttempt;
    private long _calls;
    private long _failures;

    public BotGateway(string botId, IBot bot, BotPolicy policy, BotAvailability availability, TimeProvider time,
        Action<string, BotRequest, BotFailureKind, string>? onFailedAttempt = null)
    {
        BotId = botId;
        _bot = bot;
        _policy = policy;
        Availability = availability;
        _onFailedAttempt = onFailedAttempt;
        _time = time;
        _slots = new SemaphoreSlim(Math.Min(policy.Concurrency, 100_000));
        if (policy.Rps is { } rps) _bucket = new TokenBucket(rps, policy.Burst ?? (int)Math.Max(1, Math.Ceiling(rps)), time);
    }

    public string BotId { get; }
    public BotAvailability Availability { get; }
    public long Calls => Interlocked.Read(ref _calls);
    public long FailedAttempts => Interlocked.Read(ref _failures);

    public async Task<CallResult> CallAsync(BotRequest request, CancellationToken ct)
    {
        var attempts = 0;
        var countedFailures = 0;
        while (true)
        {
            var permit = await Availability.WaitAsync(ct);
            if (permit == BotAvailability.Permit.GiveUp)
            {
                var msg = $"bot '{BotId}' stayed offline past its offline timeout";
                Fail(request, BotFailureKind.Unavailable, msg);
                return new CallResult(null, attempts, 0, msg);
            }
            await _slots.WaitAsync(ct);
            try
            {
                if (_bucket is not null) await _bucket.AcquireAsync(ct);
            }
            catch
            {
                _slots.Release();
                throw;
            }

            attempts++;
            Interlocked.Increment(ref _calls);
            var started = Stopwatch.GetTimestamp();
            BotFailureKind kind;
            string message;
            using (var attemptCts = CancellationTokenSource.CreateLinkedTokenSource(ct))
            {
                attemptCts.CancelAfter(_policy.Timeout);
                try
                {
                    var reply = await _bot.RespondAsync(request, attemptCts.Token);
                    if (reply.Content is null && !(reply.End && request.Role == Role.Attacker))
                        throw new BotCallException(BotFailureKind.MissingContent, "reply has no 'content'");
                    Availability.ReportSuccess(permit);
                    var latency = (int)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                    return new CallResult(reply, attempts, latency, null);
                }
                catch (BotCallException e) { kind = e.Kind; message = e.Message; }
                catch (OperationCanceledException) when (!ct.IsCancellationRequested)
                {
                    kind = BotFailureKind.Timeout;
                    message = $"no reply within {_policy.Timeout.TotalSeconds:0.###} s";
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // A bot implementation that throws something else is still just a failed attempt.
                    kind = BotFailureKind.Transport;
                    message = $"{e.GetType().Name}: {e.Message}";
                }
                finally
                {
                    _slots.Release();
                }
            }

            Fail(request, kind, message);
            var offline = Availability.ReportFailure(permit);
            if (offline) continue;
            countedFailures++;
            if (countedFailures > _policy.Retries)
                return new CallResult(null, attempts, 0, $"{kind}: {message}");
            await Task.Delay(_policy.RetryBackoff * (1 << Math.Min(countedFailures - 1, 6)), _time, ct);
        }
    }

    private void Fail(BotRequest request, BotFailureKind kind, string message)
    {
        Interlocked.Increment(ref _failures);
        _onFailedAttempt?.Invoke(BotId, request, kind, message);
    }
}
