using System.Diagnostics;
using System.Text.Json;
using Arena.Evaluation.Analysis;
using Arena.Evaluation.Analysis.Quality;

using static Arena.Bench.BenchArgs;

namespace Arena.Bench;

/// <summary>
/// Quality and speed of the static analyzer on the labelled corpus (tests/Arena.Tests/Analysis/Corpus):
///   analyzer [--corpus DIR] [--seconds N]   precision/recall table (target 0.90) and blocks/s on one core (target 2,000)
///   analyzer-findings [--corpus DIR]        per-file findings as JSON plus the in-process analysis time (for analyzer-vs-bandit.sh)
/// </summary>
internal static class AnalyzerBench
{
    private const double QualityTarget = 0.90;
    private const double SpeedTarget = 2000;

    public static int Quality(string[] args)
    {
        var dir = CorpusDir(args);
        var seconds = Math.Max(3.0, double.Parse(Option(args, "--seconds") ?? "3", System.Globalization.CultureInfo.InvariantCulture));
        var analyzer = new PythonAnalyzer();
        Console.WriteLine($"analyzer {analyzer.Id} {analyzer.Version}; corpus {dir}");

        var report = CorpusScore.Score(analyzer, dir);
        Console.Write(CorpusScore.Format(report, QualityTarget));
        var qualityPass = CorpusScore.Passes(report, QualityTarget);
        Console.WriteLine($"quality target: >= {QualityTarget:0.00} overall and per Table 5 class → {(qualityPass ? "PASS" : "FAIL")}");

        var sources = CorpusScore.LoadManifest(dir).Select(c => CorpusScore.ReadCase(dir, c)).ToArray();
        var core = PinToOneCore();
        var (blocks, elapsed) = Throughput(analyzer, sources, seconds);
        var rate = blocks / elapsed;
        Console.WriteLine($"speed: {blocks:N0} blocks in {elapsed:N2} s on one thread{(core is null ? "" : $" pinned to CPU {core}")} = {rate:N0} blocks/s " +
                          $"(mean block {sources.Average(s => s.Length):N0} chars)");
        Console.WriteLine($"speed target: >= {SpeedTarget:N0} blocks/s → {(rate >= SpeedTarget ? "PASS" : "FAIL")}");
        return 0;
    }

    public static int Findings(string[] args)
    {
        var dir = CorpusDir(args);
        var files = Directory.EnumerateFiles(dir, "*.py", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(dir, f).Replace(Path.DirectorySeparatorChar, '/'))
            .Order(StringComparer.Ordinal).ToArray();
        var analyzer = new PythonAnalyzer();
        var options = new AnalyzerOptions();

        // Cold pass: reads every file and pays JIT, like one bandit run pays its imports. Warm pass: steady state.
        var sw = Stopwatch.StartNew();
        var results = files.Select(f => (File: f, Findings: analyzer.Analyze(File.ReadAllText(Path.Combine(dir, f)), options))).ToArray();
        var cold = sw.Elapsed.TotalSeconds;
        sw.Restart();
        foreach (var f in files) analyzer.Analyze(File.ReadAllText(Path.Combine(dir, f)), options);
        var warm = sw.Elapsed.TotalSeconds;

        var json = new
        {
            analyzer = analyzer.Id,
            version = analyzer.Version,
            cold_seconds = cold,
            warm_seconds = warm,
            files = results.Select(r => new
            {
                file = r.File,
                findings = r.Findings.Select(x => new
                {
                    rule = x.Rule,
                    category = x.Category,
                    line = x.Line,
                    severity = x.Severity.ToString().ToLowerInvariant(),
                    confidence = x.Confidence.ToString().ToLowerInvariant(),
                }),
            }),
        };
        Console.WriteLine(JsonSerializer.Serialize(json));
        return 0;
    }

    private static (long Blocks, double Seconds) Throughput(ICodeAnalyzer analyzer, string[] sources, double seconds)
    {
        var options = new AnalyzerOptions();
        var sink = 0L;
        var warmup = Stopwatch.StartNew();
        while (warmup.Elapsed.TotalSeconds < 1.0)
            foreach (var s in sources) sink += analyzer.Analyze(s, options).Count;

        long blocks = 0;
        var sw = Stopwatch.StartNew();
        while (sw.Elapsed.TotalSeconds < seconds)
        {
            foreach (var s in sources) sink += analyzer.Analyze(s, options).Count;
            blocks += sources.Length;
        }
        var elapsed = sw.Elapsed.TotalSeconds;
        GC.KeepAlive(sink);
        return (blocks, elapsed);
    }

    /// <summary>Pins the process to the lowest CPU it may run on (background GC and JIT threads included); null when not supported.</summary>
    private static int? PinToOneCore()
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsWindows()) return null;
        try
        {
            var process = Process.GetCurrentProcess();
            var mask = (long)process.ProcessorAffinity;
            if (mask == 0) return null;
            var cpu = System.Numerics.BitOperations.TrailingZeroCount(mask);
            process.ProcessorAffinity = (IntPtr)(1L << cpu);
            return cpu;
        }
        catch (Exception e) when (e is PlatformNotSupportedException or System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            return null;
        }
    }

    private static string CorpusDir(string[] args)
    {
        var explicitDir = Option(args, "--corpus");
        if (explicitDir is not null)
            return Directory.Exists(explicitDir) ? Path.GetFullPath(explicitDir) : throw new DirectoryNotFoundException($"corpus directory '{explicitDir}' not found");
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var d = new DirectoryInfo(start); d is not null; d = d.Parent)
                if (File.Exists(Path.Combine(d.FullName, "Arena.slnx")))
                    return Path.Combine(d.FullName, "tests", "Arena.Tests", "Analysis", "Corpus");
        }
        throw new DirectoryNotFoundException("repository root (Arena.slnx) not found above the current or the bench directory; pass --corpus DIR");
    }

}
