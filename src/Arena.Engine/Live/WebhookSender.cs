using System.Net.Http.Headers;
using System.Text;

namespace Arena.Engine.Live;

/// <summary>A team's webhook with its token already read from the environment.</summary>
internal sealed record WebhookTarget(string Team, Uri Url, string? Token, TimeSpan Timeout, int Retries);

/// <summary>How a delivery ended: <see cref="Delivered"/> after a 2xx answer, else the last attempt's error.</summary>
internal sealed record WebhookDelivery(bool Delivered, int Attempts, string? Error);

/// <summary>
/// POSTs one JSON event to a webhook: a deadline per attempt, <see cref="WebhookTarget.Retries"/> retries with
/// doubling backoff, and the same Idempotency-Key on every attempt so the receiver can drop repeats.
/// </summary>
internal sealed class WebhookSender(HttpClient http, TimeSpan backoff, TimeProvider time)
{
    /// <summary>One client for all runs of the process: webhooks are few, and pooled connections are reused.</summary>
    public static readonly HttpClient SharedHttp = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) })
    {
        // Each attempt gets its own deadline from the team's timeout_s.
        Timeout = System.Threading.Timeout.InfiniteTimeSpan,
    };

    public const string EventHeader = "X-Arena-Event";

    /// <summary>Never throws for a failed delivery; <paramref name="attemptFailed"/> hears of each failed attempt.</summary>
    public async Task<WebhookDelivery> PostAsync(WebhookTarget target, string eventName, string idempotencyKey, string json,
        Func<int, string, Task> attemptFailed, CancellationToken ct)
    {
        string? error = null;
        var attempts = 0;
        for (var attempt = 1; attempt <= target.Retries + 1; attempt++)
        {
            if (attempt > 1) await Task.Delay(backoff * Math.Pow(2, attempt - 2), time, ct);
            attempts = attempt;
            error = await TryOnceAsync(target, eventName, idempotencyKey, json, ct);
            if (error is null) return new WebhookDelivery(true, attempts, null);
            await attemptFailed(attempt, error);
        }
        return new WebhookDelivery(false, attempts, error);
    }

    /// <summary>Null when the receiver answered 2xx; otherwise what went wrong.</summary>
    private async Task<string?> TryOnceAsync(WebhookTarget target, string eventName, string idempotencyKey, string json, CancellationToken ct)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(target.Timeout);
        using var request = new HttpRequestMessage(HttpMethod.Post, target.Url)
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add(EventHeader, eventName);
        request.Headers.Add("Idempotency-Key", idempotencyKey);
        if (target.Token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", target.Token);
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token);
            return response.IsSuccessStatusCode ? null : $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}".TrimEnd();
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return $"no answer within {target.Timeout.TotalSeconds:0.###} s";
        }
        catch (HttpRequestException e)
        {
            return e.Message;
        }
    }
}
