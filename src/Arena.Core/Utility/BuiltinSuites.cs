using System.Reflection;

namespace Arena.Core.Utility;

/// <summary>
/// The utility suites shipped inside Arena.Core (embedded from Utility/Suites/{dev,held-out}/*.jsonl). Teams get
/// "dev"; tournaments score defenders on "held-out" (Appendix E: the benchmarks stay hidden). A name is a split
/// ("dev") or one suite of a split ("dev/codegen"); CLI users write it with <see cref="Prefix"/>.
/// </summary>
internal static class BuiltinSuites
{
    public const string Prefix = "builtin:";
    private const string ResourcePrefix = "utility-suites/";
    private static readonly string[] Splits = ["dev", "held-out"];

    public static IReadOnlyList<string> Names { get; } =
        Splits.Concat(Splits.SelectMany(s => UtilitySuites.All.Select(u => $"{s}/{u}"))).ToArray();

    private static readonly Lazy<Dictionary<string, IReadOnlyList<UtilityTask>>> Files = new(LoadFiles);

    /// <summary>The tasks of a split or of one file; <paramref name="name"/> without <see cref="Prefix"/>.</summary>
    public static IReadOnlyList<UtilityTask> Load(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (Files.Value.TryGetValue(name, out var file)) return file;
        if (Splits.Contains(name)) return UtilitySuites.All.SelectMany(u => Files.Value[$"{name}/{u}"]).ToArray();
        throw new UtilitySuiteException(
            $"{Prefix}{name}: no such built-in suite; expected one of {string.Join(", ", Names.Select(n => Prefix + n))}");
    }

    /// <summary>Every task of both splits.</summary>
    public static IReadOnlyList<UtilityTask> All => Splits.SelectMany(Load).ToArray();

    private static Dictionary<string, IReadOnlyList<UtilityTask>> LoadFiles()
    {
        var asm = typeof(BuiltinSuites).Assembly;
        var files = new Dictionary<string, IReadOnlyList<UtilityTask>>(StringComparer.Ordinal);
        foreach (var split in Splits)
            foreach (var suite in UtilitySuites.All)
            {
                var name = $"{split}/{suite}";
                files[name] = UtilitySuiteParser.Parse(ReadResource(asm, $"{ResourcePrefix}{name}.jsonl"), Prefix + name);
            }
        return files;
    }

    private static string ReadResource(Assembly asm, string resource)
    {
        using var stream = asm.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"embedded resource {resource} is missing from {asm.GetName().Name} (build problem)");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
