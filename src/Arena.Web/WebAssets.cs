using System.Collections.Frozen;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Arena.Web;

/// <summary>
/// The single-page UI (Assets/app.*, embedded so `arena serve` needs no files next to it). Served anonymously: the page
/// itself holds no data, everything comes from the signed-in /api. A strict CSP keeps any injected markup inert.
/// </summary>
internal static class WebAssets
{
    public const string ContentSecurityPolicy = "default-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'; object-src 'none'";

    private static readonly FrozenDictionary<string, (string Resource, string ContentType)> Routes = new Dictionary<string, (string, string)>
    {
        ["/"] = ("app.html", "text/html; charset=utf-8"),
        ["/app.js"] = ("app.js", "text/javascript; charset=utf-8"),
        ["/app.css"] = ("app.css", "text/css; charset=utf-8"),
    }.ToFrozenDictionary();

    private static readonly FrozenDictionary<string, byte[]> Content = Routes.Values.ToFrozenDictionary(r => r.Resource, r => Load(r.Resource));

    private static byte[] Load(string name)
    {
        using var stream = typeof(WebAssets).Assembly.GetManifestResourceStream("Arena.Web." + name)
            ?? throw new InvalidOperationException($"embedded UI asset '{name}' is missing from Arena.Web");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    public static void Map(WebApplication app)
    {
        foreach (var (path, (resource, type)) in Routes)
            app.MapGet(path, (HttpContext ctx) =>
            {
                Secure(ctx.Response);
                ctx.Response.Headers.CacheControl = "no-cache";
                return Results.Bytes(Content[resource], type);
            }).AllowAnonymous();
        // Browsers ask for it on their own; an empty answer keeps a 401 out of the console.
        app.MapGet("/favicon.ico", (HttpContext ctx) => { Secure(ctx.Response); return Results.NoContent(); }).AllowAnonymous();
    }

    private static void Secure(HttpResponse response)
    {
        response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers["Referrer-Policy"] = "no-referrer";
    }
}
