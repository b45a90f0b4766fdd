using System.Net;
using Arena.Web;

namespace Arena.Tests.WebApi;

public sealed class LoginTests
{
    [Fact]
    public async Task Five_failures_for_one_name_block_that_name_with_429_and_retry_after_even_with_the_right_password()
    {
        await using var h = await WebHarness.StartAsync();
        using var client = h.Client();
        for (var i = 0; i < 5; i++) Assert.Equal(HttpStatusCode.Unauthorized, (await client.LoginAsync("ann1", "wrong password " + i)).StatusCode);
        var blocked = await client.LoginAsync("ann1", WebHarness.Password);
        Assert.Equal(HttpStatusCode.TooManyRequests, blocked.StatusCode);
        var retry = blocked.Headers.RetryAfter?.Delta;
        Assert.NotNull(retry);
        Assert.InRange(retry.Value.TotalSeconds, 1, 60);
        Assert.Contains(await h.Store.ReadAuditAsync("ann1", CancellationToken.None), e => e.Action == "login.fail");
    }

    [Fact]
    public async Task Five_failures_from_one_address_block_that_address_for_every_name()
    {
        await using var h = await WebHarness.StartAsync();
        using var client = h.Client();
        for (var i = 0; i < 5; i++) Assert.Equal(HttpStatusCode.Unauthorized, (await client.LoginAsync("nobody" + i, "whatever password")).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await client.LoginAsync("root", WebHarness.Password)).StatusCode);
    }

    [Fact]
    public async Task Four_failures_do_not_block_and_a_login_sets_a_working_session()
    {
        await using var h = await WebHarness.StartAsync();
        using var client = h.Client();
        for (var i = 0; i < 4; i++) await client.LoginAsync("root", "wrong password " + i);
        Assert.Equal(HttpStatusCode.OK, (await client.LoginAsync("root", WebHarness.Password)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/me")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/api/logout")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/me")).StatusCode);
    }

    private sealed class ManualTime : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        public override DateTimeOffset GetUtcNow() => Now;
    }

    [Fact]
    public void The_throttle_opens_again_when_the_oldest_failure_leaves_the_window()
    {
        var time = new ManualTime();
        var throttle = new LoginThrottle(3, TimeSpan.FromMinutes(1), time);
        throttle.Fail("k");
        time.Now += TimeSpan.FromSeconds(20);
        throttle.Fail("k");
        throttle.Fail("k");
        Assert.Equal(TimeSpan.FromSeconds(40), throttle.RetryAfter("k", "other"));
        Assert.Null(throttle.RetryAfter("other"));
        time.Now += TimeSpan.FromSeconds(40);
        Assert.Null(throttle.RetryAfter("k"));
        throttle.Fail("k");
        // Three in the window again; the oldest left (from t=20 s) frees a try 20 s from now.
        Assert.Equal(TimeSpan.FromSeconds(20), throttle.RetryAfter("k"));
        throttle.Succeed("k");
        Assert.Null(throttle.RetryAfter("k"));
    }

    [Theory]
    [InlineData("127.0.0.1", true)]
    [InlineData("::1", true)]
    [InlineData("localhost", true)]
    [InlineData("0.0.0.0", false)]
    [InlineData("192.168.1.5", false)]
    public void Only_loopback_addresses_count_as_loopback(string host, bool loopback) => Assert.Equal(loopback, ArenaWebApp.IsLoopback(host));
}
