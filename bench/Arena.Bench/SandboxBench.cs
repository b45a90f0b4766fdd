using System.Diagnostics;
using Arena.Sandbox;

namespace Arena.Bench;

/// <summary>
/// <c>sandbox [--executions N] [--parallel P]</c>: HumanEval-style test executions (a small function plus 5–10
/// asserts, run with Debian's python in the bubblewrap sandbox), P at a time (default: one per core). Issue 6 target:
/// at least 20 executions/s on 2 cores, no failures.
/// </summary>
internal static class SandboxBench
{
    private static readonly (string Solution, string Tests)[] Tasks =
    [
        ("def add(a, b):\n    return a + b\n",
         "assert add(1, 2) == 3\nassert add(-1, 1) == 0\nassert add(0, 0) == 0\nassert add(10**12, 1) == 10**12 + 1\nassert add(2.5, 0.5) == 3.0\n"),
        ("def is_palindrome(s):\n    t = ''.join(c.lower() for c in s if c.isalnum())\n    return t == t[::-1]\n",
         "assert is_palindrome('')\nassert is_palindrome('A man, a plan, a canal: Panama')\nassert not is_palindrome('abc')\n"
         + "assert is_palindrome('aa')\nassert not is_palindrome('ab')\nassert is_palindrome('No lemon, no melon')\n"),
        ("def fib(n):\n    a, b = 0, 1\n    for _ in range(n):\n        a, b = b, a + b\n    return a\n",
         "assert fib(0) == 0\nassert fib(1) == 1\nassert fib(2) == 1\nassert fib(10) == 55\nassert fib(20) == 6765\n"
         + "assert fib(50) == 12586269025\nassert [fib(i) for i in range(7)] == [0, 1, 1, 2, 3, 5, 8]\n"),
        ("def sort_words(text):\n    return ' '.join(sorted(text.split(), key=str.lower))\n",
         "assert sort_words('') == ''\nassert sort_words('b a') == 'a b'\nassert sort_words('Banana apple Cherry') == 'apple Banana Cherry'\n"
         + "assert sort_words('one') == 'one'\nassert sort_words('z y x w') == 'w x y z'\nassert sort_words('a  b') == 'a b'\n"
         + "assert sort_words('B a') == 'a B'\nassert sort_words('c b a c') == 'a b c c'\n"),
    ];

    public static async Task<int> RunAsync(string[] args)
    {
        var executions = BenchArgs.Option(args, "--executions", 400);
        var parallel = BenchArgs.Option(args, "--parallel", Environment.ProcessorCount);
        var sandbox = Sandboxes.Create(allowUnsafe: false);
        Console.WriteLine($"sandbox bench: {sandbox.Description}, {executions} executions, {parallel} at a time, {Environment.ProcessorCount} cores");

        await RunOneAsync(sandbox, 0); // warm-up: JIT and the page cache for python
        var latencies = new double[executions];
        var failures = new List<string>();
        var clock = Stopwatch.StartNew();
        await Parallel.ForAsync(0, executions, new ParallelOptions { MaxDegreeOfParallelism = parallel }, async (i, ct) =>
        {
            var one = Stopwatch.StartNew();
            var result = await RunOneAsync(sandbox, i);
            latencies[i] = one.Elapsed.TotalMilliseconds;
            if (!result.Succeeded)
                lock (failures) failures.Add($"#{i}: {result.Reason}");
        });
        var elapsed = clock.Elapsed.TotalSeconds;

        Array.Sort(latencies);
        Console.WriteLine($"executions/s: {executions / elapsed:F1} ({executions} in {elapsed:F2} s)");
        Console.WriteLine($"latency p50 {Percentile(latencies, 0.50):F1} ms, p95 {Percentile(latencies, 0.95):F1} ms, max {latencies[^1]:F1} ms");
        Console.WriteLine($"failures: {failures.Count}");
        foreach (var failure in failures.Take(10)) Console.WriteLine("  " + failure);
        return failures.Count == 0 ? 0 : 1;
    }

    private static Task<SandboxResult> RunOneAsync(ISandbox sandbox, int index)
    {
        var (solution, tests) = Tasks[index % Tasks.Length];
        var files = new Dictionary<string, string> { ["solution.py"] = solution, ["test_solution.py"] = "from solution import *\n\n" + tests };
        return sandbox.RunAsync(new SandboxJob(files, ["python3", $"{SandboxPaths.Task}/test_solution.py"], SandboxLimits.Default), CancellationToken.None);
    }

    private static double Percentile(double[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
}
