using System.Diagnostics;

namespace Arena.Tests.Cli;

/// <summary>Runs the real `arena` executable (built beside the tests) as a child process.</summary>
internal static class ArenaProcess
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr);

    private static string ArenaDll => Path.Combine(AppContext.BaseDirectory, "arena.dll");

    public static Process Start(string workDir, params string[] args) => Start(workDir, null, args);

    /// <summary>Starts with extra environment variables for the child only (the test process's own stay untouched).</summary>
    public static Process Start(string workDir, IReadOnlyDictionary<string, string>? env, params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet") { WorkingDirectory = workDir, RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        psi.ArgumentList.Add(ArenaDll);
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["ARENA_PLAIN_PROGRESS"] = "1";
        psi.Environment.Remove("ARENA_DEBUG");
        foreach (var (k, v) in env ?? new Dictionary<string, string>()) psi.Environment[k] = v;
        return Process.Start(psi)!;
    }

    public static Task<Result> RunAsync(string workDir, params string[] args) => RunWithStdinAsync(workDir, null, args);

    /// <summary>Runs and fails the test, showing stderr, unless the exit code is 0.</summary>
    public static async Task<Result> RunOkAsync(string workDir, params string[] args)
    {
        var r = await RunAsync(workDir, args);
        Xunit.Assert.True(r.ExitCode == 0, $"arena {string.Join(' ', args)}: {r.Stderr}");
        return r;
    }

    /// <summary>Runs with <paramref name="stdin"/> written to the child's standard input (then closed); none when null.</summary>
    public static Task<Result> RunWithStdinAsync(string workDir, string? stdin, params string[] args) => RunWithAsync(workDir, stdin, null, args);

    public static async Task<Result> RunWithAsync(string workDir, string? stdin, IReadOnlyDictionary<string, string>? env, params string[] args)
    {
        using var p = Start(workDir, env, args);
        if (stdin is not null) await p.StandardInput.WriteAsync(stdin);
        p.StandardInput.Close();
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await p.WaitForExitAsync(cts.Token);
        return new Result(p.ExitCode, await stdout, await stderr);
    }

    /// <summary>
    /// Runs and labels a small tournament of built-in bots in <paramref name="workDir"/> (store ./arena.db), failing the
    /// test on any non-zero exit: the common set-up of tests that need real labeled conversations.
    /// </summary>
    public static async Task RunLabeledBuiltinTournamentAsync(string workDir, string id, int seed, int sessionsPerMatchup, int maxTurns,
        (string Id, string Bot)[] attackers, (string Id, string Bot)[] defenders)
    {
        static string Teams((string Id, string Bot)[] teams) =>
            string.Concat(teams.Select(t => $"  - id: {t.Id}\n    bot: {{kind: builtin, name: {t.Bot}}}\n"));
        await File.WriteAllTextAsync(Path.Combine(workDir, id + ".yaml"),
            $"tournament: {id}\nseed: {seed}\nsessions_per_matchup: {sessionsPerMatchup}\nmax_turns: {maxTurns}\nbatch_size: {sessionsPerMatchup}\n" +
            $"attackers:\n{Teams(attackers)}defenders:\n{Teams(defenders)}");
        foreach (var args in new[] { new[] { "run", id + ".yaml" }, new[] { "evaluate", "--tournament", id } })
        {
            var r = await RunAsync(workDir, args);
            Xunit.Assert.True(r.ExitCode == 0, $"arena {string.Join(' ', args)}: {r.Stderr}");
        }
    }
}
