using System.Net;
using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Serialization;
using Arena.Core.Accounts;
using Arena.Core.Storage;
using Arena.Web.Accounts;
using Arena.Web.Api;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Arena.Web;

/// <summary>How `arena serve` runs.</summary>
/// <param name="Url">Kestrel's listen URL; port 0 picks a free port (tests).</param>
/// <param name="GuidelineVersion">Recorded with every panel answer and adjudication; null: the judge rubric's version.</param>
/// <param name="ShowJudgeHint">Whether annotators see the LLM judge's verdict on a conversation (a hint) or not.</param>
/// <param name="LoginFailuresPerMinute">Failed logins allowed per client address and per user name before 429.</param>
/// <param name="ScoreBootstrapRounds">Bootstrap rounds of the live leaderboard (small: it is recomputed per request).</param>
internal sealed record ArenaWebOptions(
    string Url = "http://127.0.0.1:8080",
    string? GuidelineVersion = null,
    bool ShowJudgeHint = false,
    int LoginFailuresPerMinute = 5,
    int ScoreBootstrapRounds = 200,
    TimeProvider? Time = null,
    bool AdjudicateSplits = false);

/// <summary>Claims the app puts in its cookie, and the policies built on them.</summary>
internal static class ArenaClaims
{
    public const string Team = "arena:team";
    public const string AdminPolicy = "admin";
    public const string AnnotatorPolicy = "annotator";

    public static string Name(this ClaimsPrincipal user) => user.Identity?.Name ?? throw new InvalidOperationException("no signed-in user");
    public static UserRole Role(this ClaimsPrincipal user) =>
        UserRoleText.TryParse(user.FindFirstValue(ClaimTypes.Role) ?? "", out var role) ? role : throw new InvalidOperationException("no role claim");
    public static string? TeamId(this ClaimsPrincipal user) => user.FindFirstValue(Team);
}

/// <summary>
/// Builds the web app over a store: cookie login, role policies, antiforgery on every state change, login throttling,
/// and the JSON API under /api. The CLI runs it; tests build it on port 0.
/// </summary>
internal static class ArenaWebApp
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    public static WebApplication Build(IArenaStore store, ArenaWebOptions options)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = "Arena.Web" });
        builder.WebHost.UseUrls(options.Url);
        builder.Logging.ClearProviders();
        var time = options.Time ?? TimeProvider.System;

        builder.Services.AddSingleton(store);
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(time);
        builder.Services.AddSingleton(new AccountService(store, time));
        builder.Services.AddSingleton(new LoginThrottle(options.LoginFailuresPerMinute, TimeSpan.FromMinutes(1), time));
        builder.Services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.PropertyNamingPolicy = Json.PropertyNamingPolicy;
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
        });

        builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie(o =>
        {
            o.Cookie.Name = "arena.session";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.SlidingExpiration = true;
            // An API answers with status codes; a redirect to a login page would hide the 401 from scripts.
            o.Events.OnRedirectToLogin = ctx => Problem(ctx.HttpContext, StatusCodes.Status401Unauthorized, "not signed in");
            o.Events.OnRedirectToAccessDenied = ctx => Problem(ctx.HttpContext, StatusCodes.Status403Forbidden, "not allowed for this account");
            o.Events.OnValidatePrincipal = ValidateAgainstStoreAsync;
        });
        builder.Services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(ArenaClaims.AdminPolicy, p => p.RequireRole(UserRole.Admin.Text()))
            .AddPolicy(ArenaClaims.AnnotatorPolicy, p => p.RequireRole(UserRole.Annotator.Text()));
        builder.Services.AddAntiforgery(o =>
        {
            o.HeaderName = "X-CSRF-TOKEN";
            o.Cookie.Name = "arena.csrf";
            o.Cookie.SameSite = SameSiteMode.Strict;
        });

        var app = builder.Build();
        // A failure answers JSON without details (never a stack trace); the cause stays on the server.
        app.UseExceptionHandler(e => e.Run(ctx => Problem(ctx, StatusCodes.Status500InternalServerError, "internal error")));
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.Use(RequireAntiforgeryAsync);
        ApiEndpoints.Map(app);
        WebAssets.Map(app);
        return app;
    }

    /// <summary>True for addresses only this machine can reach (no warning needed without TLS).</summary>
    public static bool IsLoopback(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase) ||
        (IPAddress.TryParse(host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));

    public static Task Problem(HttpContext ctx, int status, string error)
    {
        ctx.Response.StatusCode = status;
        return ctx.Response.WriteAsJsonAsync(new { error }, Json);
    }

    /// <summary>Re-reads the account on every request, so a disabled (or deleted) user loses access at once.</summary>
    private static async Task ValidateAgainstStoreAsync(CookieValidatePrincipalContext ctx)
    {
        var name = ctx.Principal?.Identity?.Name;
        var store = ctx.HttpContext.RequestServices.GetRequiredService<IArenaStore>();
        var user = name is null ? null : await store.GetUserAsync(name, ctx.HttpContext.RequestAborted);
        if (user is null || user.Disabled || user.Role.Text() != ctx.Principal!.FindFirstValue(ClaimTypes.Role) ||
            user.Team != ctx.Principal!.FindFirstValue(ArenaClaims.Team))
        {
            ctx.RejectPrincipal();
            await ctx.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        }
    }

    public static ClaimsPrincipal PrincipalOf(UserRecord user)
    {
        var claims = new List<Claim> { new(ClaimTypes.Name, user.Name), new(ClaimTypes.Role, user.Role.Text()) };
        if (user.Team is not null) claims.Add(new Claim(ArenaClaims.Team, user.Team));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, CookieAuthenticationDefaults.AuthenticationScheme));
    }

    /// <summary>
    /// Every state-changing /api request carries the antiforgery token in X-CSRF-TOKEN. Runs after authorization, so a
    /// request without a session gets its 401 first; the token is bound to the signed-in user.
    /// </summary>
    private static async Task RequireAntiforgeryAsync(HttpContext ctx, RequestDelegate next)
    {
        if (ctx.Request.Path.StartsWithSegments("/api") && !(HttpMethods.IsGet(ctx.Request.Method) || HttpMethods.IsHead(ctx.Request.Method) || HttpMethods.IsOptions(ctx.Request.Method)))
        {
            var antiforgery = ctx.RequestServices.GetRequiredService<IAntiforgery>();
            try
            {
                await antiforgery.ValidateRequestAsync(ctx);
            }
            catch (AntiforgeryValidationException)
            {
                await Problem(ctx, StatusCodes.Status400BadRequest, "missing or invalid antiforgery token (GET /api/antiforgery, send it as X-CSRF-TOKEN)");
                return;
            }
        }
        await next(ctx);
    }
}
