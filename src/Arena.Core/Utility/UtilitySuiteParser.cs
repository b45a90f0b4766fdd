using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;
using Arena.Core.Bots;

namespace Arena.Core.Utility;

/// <summary>A utility suite file that breaks the format of contracts §7; the message is one line "SOURCE:LINE: …".</summary>
internal sealed class UtilitySuiteException(string message) : Exception(message);

/// <summary>
/// Reads and writes utility suites (contracts §7): JSON Lines, one task per line, blank lines allowed. Validation is
/// strict (unknown keys, wrong types, bad conversations are errors naming the line and key) because a silently
/// skipped task would change a defender's utility score without anyone noticing.
/// </summary>
internal static partial class UtilitySuiteParser
{
    private const string User = "user";
    private const string Assistant = "assistant";

    private static readonly string[] Keys = ["id", "suite", "messages", "tests", "entry_point", "reference", "insecure_reference"];
    private static readonly string[] MessageKeys = ["role", "content"];

    // Python keywords cannot be function names, so a task naming one could never pass.
    private static readonly HashSet<string> PythonKeywords = new(StringComparer.Ordinal)
    {
        "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del",
        "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda", "nonlocal",
        "not", "or", "pass", "raise", "return", "try", "while", "with", "yield",
    };

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]*$", RegexOptions.CultureInvariant)]
    private static partial Regex IdentifierRx();

    private static readonly JavaScriptEncoder Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;

    /// <summary>Parses a whole suite; <paramref name="source"/> names it in error messages (a path or "builtin:dev/codegen").</summary>
    public static IReadOnlyList<UtilityTask> Parse(string jsonl, string source)
    {
        ArgumentNullException.ThrowIfNull(jsonl);
        var tasks = new List<UtilityTask>();
        var firstLineOfId = new Dictionary<string, int>(StringComparer.Ordinal);
        var lineNo = 0;
        foreach (var raw in jsonl.Split('\n'))
        {
            lineNo++;
            var line = raw.TrimEnd('\r');
            if (lineNo == 1 && line.StartsWith('\uFEFF')) line = line[1..];
            if (string.IsNullOrWhiteSpace(line)) continue;
            var task = ParseLine(line, new Where(source, lineNo));
            if (firstLineOfId.TryGetValue(task.Id, out var first))
                throw new UtilitySuiteException($"{source}:{lineNo}: key 'id': duplicate id '{task.Id}' (first on line {first})");
            firstLineOfId[task.Id] = lineNo;
            tasks.Add(task);
        }
        return tasks;
    }

    private readonly record struct Where(string Source, int Line)
    {
        public UtilitySuiteException Error(string key, string what) => new($"{Source}:{Line}: key '{key}': {what}");
    }

    private static UtilityTask ParseLine(string line, Where at)
    {
        JsonDocument doc;
        try { doc = JsonDocument.Parse(line, new JsonDocumentOptions { MaxDepth = 16 }); }
        catch (JsonException e)
        {
            // The first sentence of System.Text.Json's message says what and where; the rest is boilerplate.
            var what = e.Message.Split(". ")[0].TrimEnd('.');
            var where = e.BytePositionInLine is { } b ? $" (byte {b + 1} of the line)" : "";
            throw new UtilitySuiteException($"{at.Source}:{at.Line}: not valid JSON: {what}{where}");
        }
        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                throw new UtilitySuiteException($"{at.Source}:{at.Line}: a task must be a JSON object, not {Kind(root)}");
            var props = Properties(root, Keys, "", at);

            var id = RequiredString(props, "id", at);
            if (id.Trim().Length == 0 || id.Any(char.IsWhiteSpace))
                throw at.Error("id", $"'{id}' must be non-empty and contain no whitespace");
            var suite = RequiredString(props, "suite", at);
            if (!UtilitySuites.All.Contains(suite))
                throw at.Error("suite", $"unknown suite '{suite}'; expected one of {string.Join(", ", UtilitySuites.All)}");
            var messages = Messages(props, at);
            var tests = OptionalString(props, "tests", at);
            var entryPoint = OptionalString(props, "entry_point", at);
            var reference = OptionalString(props, "reference", at);
            var insecure = OptionalString(props, "insecure_reference", at);

            if (suite == UtilitySuites.Codegen)
            {
                if (string.IsNullOrWhiteSpace(tests)) throw at.Error("tests", "a codegen task needs non-empty tests");
                if (entryPoint is null) throw at.Error("entry_point", "a codegen task needs the name of the function under test");
                if (!IdentifierRx().IsMatch(entryPoint) || PythonKeywords.Contains(entryPoint))
                    throw at.Error("entry_point", $"'{entryPoint}' is not a Python identifier");
            }
            else
            {
                // The runner would ignore them: reject rather than let an author believe they are used.
                if (tests is not null) throw at.Error("tests", $"only codegen tasks have tests (this is {suite})");
                if (entryPoint is not null) throw at.Error("entry_point", $"only codegen tasks have an entry point (this is {suite})");
            }
            if (insecure is not null && suite != UtilitySuites.MultiturnCodegen)
                throw at.Error("insecure_reference", $"only multiturn-codegen tasks have an insecure reference (this is {suite})");
            if (reference is not null && reference.Trim().Length == 0) throw at.Error("reference", "must not be empty");
            if (insecure is not null && insecure.Trim().Length == 0) throw at.Error("insecure_reference", "must not be empty");

            return new UtilityTask(id, suite, messages, tests, entryPoint, reference, insecure);
        }
    }

    private static Dictionary<string, JsonElement> Properties(JsonElement obj, string[] allowed, string prefix, Where at)
    {
        var props = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        var unknown = new List<string>();
        foreach (var p in obj.EnumerateObject())
        {
            if (!allowed.Contains(p.Name)) { unknown.Add(p.Name); continue; }
            if (!props.TryAdd(p.Name, p.Value)) throw at.Error(prefix + p.Name, "appears more than once");
        }
        if (unknown.Count > 0)
            throw new UtilitySuiteException($"{at.Source}:{at.Line}: unknown key{(unknown.Count > 1 ? "s" : "")} " +
                $"{string.Join(", ", unknown.Select(u => $"'{prefix}{u}'"))}; expected {string.Join(", ", allowed.Select(a => prefix + a))}");
        return props;
    }

    private static string? OptionalString(Dictionary<string, JsonElement> props, string key, Where at)
    {
        if (!props.TryGetValue(key, out var v) || v.ValueKind == JsonValueKind.Null) return null;
        if (v.ValueKind != JsonValueKind.String) throw at.Error(key, $"must be a string, not {Kind(v)}");
        return v.GetString()!;
    }

    private static List<ChatMessage> Messages(Dictionary<string, JsonElement> props, Where at)
    {
        if (!props.TryGetValue("messages", out var arr)) throw at.Error("messages", "missing");
        if (arr.ValueKind != JsonValueKind.Array) throw at.Error("messages", $"must be an array, not {Kind(arr)}");
        var list = new List<ChatMessage>();
        var i = 0;
        foreach (var m in arr.EnumerateArray())
        {
            var key = $"messages[{i}]";
            if (m.ValueKind != JsonValueKind.Object) throw at.Error(key, $"must be an object with role and content, not {Kind(m)}");
            var mp = Properties(m, MessageKeys, key + ".", at);
            var role = RequiredString(mp, "role", at, key + ".role");
            var content = RequiredString(mp, "content", at, key + ".content");
            var mapped = role switch
            {
                User => Role.Attacker,
                Assistant => Role.Defender,
                _ => throw at.Error(key + ".role", $"'{role}' is not a role; expected user or assistant"),
            };
            var expected = i % 2 == 0 ? User : Assistant;
            if (role != expected)
                throw at.Error(key + ".role", i == 0
                    ? "the conversation must start with a user message"
                    : $"roles must alternate user/assistant; expected {expected}");
            if (content.Trim().Length == 0) throw at.Error(key + ".content", "must not be empty");
            list.Add(new ChatMessage(mapped, content));
            i++;
        }
        if (list.Count == 0) throw at.Error("messages", "must hold at least one message");
        if (list[^1].Role != Role.Attacker) throw at.Error("messages", "must end with a user message (the question the defender answers)");
        return list;
    }

    private static string RequiredString(Dictionary<string, JsonElement> props, string key, Where at, string? fullKey = null)
    {
        fullKey ??= key;
        if (!props.TryGetValue(key, out var v)) throw at.Error(fullKey, "missing");
        if (v.ValueKind != JsonValueKind.String) throw at.Error(fullKey, $"must be a string, not {Kind(v)}");
        return v.GetString()!;
    }

    private static string Kind(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };

    /// <summary>One JSONL line (no newline) that <see cref="Parse"/> reads back into an equal task.</summary>
    public static string Serialize(UtilityTask task)
    {
        ArgumentNullException.ThrowIfNull(task);
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = Encoder }))
        {
            w.WriteStartObject();
            w.WriteString("id", task.Id);
            w.WriteString("suite", task.Suite);
            w.WriteStartArray("messages");
            foreach (var m in task.Messages)
            {
                w.WriteStartObject();
                w.WriteString("role", m.Role == Role.Attacker ? User : Assistant);
                w.WriteString("content", m.Content);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            if (task.Tests is not null) w.WriteString("tests", task.Tests);
            if (task.EntryPoint is not null) w.WriteString("entry_point", task.EntryPoint);
            if (task.Reference is not null) w.WriteString("reference", task.Reference);
            if (task.InsecureReference is not null) w.WriteString("insecure_reference", task.InsecureReference);
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
