using System.Net;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Arena.Core.Storage;

namespace Arena.Reporting;

/// <summary>
/// One self-contained HTML file: Chart.js, the page script and the data are all inline, so it opens offline from
/// file:// and makes no request. Conversations are adversarial content, so the data travels as a JSON island and the
/// page script only ever writes it with textContent (never as markup).
/// </summary>
internal static class HtmlReport
{
    public const string DataElementId = "arena-data";

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        // Relaxed keeps the page compact (UTF-8, no \uXXXX for every accent); EscapeForScript then closes the HTML holes.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static async Task WriteAsync(ReportData data, string path, CancellationToken ct)
    {
        var dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (dir is not null) Directory.CreateDirectory(dir);
        await File.WriteAllTextAsync(path, Render(data), new UTF8Encoding(false), ct);
    }

    public static string Render(ReportData data)
    {
        var html = new StringBuilder(capacity: 300_000);
        html.Append("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n")
            // Defence in depth for file:// viewing: even if a string slipped into markup, nothing could be fetched.
            .Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>").Append(WebUtility.HtmlEncode(data.Title)).Append("</title>\n")
            .Append("<style>\n").Append(Asset("report.css")).Append("</style>\n")
            .Append("</head><body>\n<main id=\"app\"><noscript>This report draws its tables and charts with JavaScript.</noscript></main>\n")
            .Append("<script type=\"application/json\" id=\"").Append(DataElementId).Append("\">")
            .Append(EscapeForScript(SerializeData(data)))
            .Append("</script>\n<script>\n").Append(Asset("chart.umd.min.js")).Append("\n</script>\n")
            .Append("<script>\n").Append(Asset("report.js")).Append("\n</script>\n</body></html>\n");
        return html.ToString();
    }

    /// <summary>
    /// Makes JSON safe inside a script element: no "&lt;/script", no "&lt;!--", and no U+2028/U+2029 (line breaks to
    /// older JS parsers). Those characters can only occur inside JSON strings, where \uXXXX means the same.
    /// </summary>
    public static string EscapeForScript(string json) => json
        .Replace("<", "\\u003c", StringComparison.Ordinal)
        .Replace(">", "\\u003e", StringComparison.Ordinal)
        .Replace("&", "\\u0026", StringComparison.Ordinal)
        .Replace("\u2028", "\\u2028", StringComparison.Ordinal)
        .Replace("\u2029", "\\u2029", StringComparison.Ordinal);

    public static string SerializeData(ReportData data) => JsonSerializer.Serialize(data, Json);

    private static readonly Dictionary<string, string> Assets = new(StringComparer.Ordinal);

    private static string Asset(string name)
    {
        lock (Assets)
        {
            if (Assets.TryGetValue(name, out var text)) return text;
            using var stream = typeof(HtmlReport).Assembly.GetManifestResourceStream("Arena.Reporting." + name)
                ?? throw new InvalidOperationException($"Arena.Reporting was built without its resource '{name}'");
            using var reader = new StreamReader(stream, Encoding.UTF8);
            text = reader.ReadToEnd();
            if (text.Contains("</script", StringComparison.OrdinalIgnoreCase))
                throw new InvalidOperationException($"resource '{name}' contains </script and cannot be inlined");
            return Assets[name] = text;
        }
    }
}
