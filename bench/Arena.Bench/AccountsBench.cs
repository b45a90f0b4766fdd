using System.Diagnostics;
using Arena.Core.Accounts;
using Arena.Storage.Sqlite;
using Arena.Web.Accounts;

namespace Arena.Bench;

/// <summary>
/// <c>accounts [--logins N]</c>: cost of one web login check (<see cref="AccountService.VerifyAsync"/>: store read +
/// PBKDF2) for the right password, a wrong one and an unknown name. The three should cost about the same (no
/// probing of names by timing), and the cost bounds how many guesses per second one core can check.
/// </summary>
internal static class AccountsBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        var logins = BenchArgs.Option(args, "--logins", 50);
        var dir = Directory.CreateTempSubdirectory("arena-accounts-bench-").FullName;
        try
        {
            await using var store = await SqliteArenaStore.OpenAsync(Path.Combine(dir, "arena.db"), CancellationToken.None);
            var accounts = new AccountService(store);
            const string password = "bench password 123";
            var add = Stopwatch.StartNew();
            await accounts.AddAsync("bench", UserRole.Annotator, null, password, "bench", CancellationToken.None);
            Console.WriteLine($"add (hash + insert + audit): {add.Elapsed.TotalMilliseconds:F1} ms");
            foreach (var (label, name, pw, expectOk) in new[]
                     { ("right password", "bench", password, true), ("wrong password", "bench", password + "x", false), ("unknown user", "nobody", password, false) })
            {
                await accounts.VerifyAsync(name, pw, CancellationToken.None); // warm-up
                var sw = Stopwatch.StartNew();
                for (var i = 0; i < logins; i++)
                    if ((await accounts.VerifyAsync(name, pw, CancellationToken.None) is not null) != expectOk)
                        throw new InvalidOperationException($"{label}: unexpected verification result");
                var ms = sw.Elapsed.TotalMilliseconds / logins;
                Console.WriteLine($"verify, {label,-15}: {ms,7:F1} ms each ({1000 / ms:F0}/s on one core), {logins} logins");
            }
            return 0;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { Directory.Delete(dir, true); } catch (IOException) { }
        }
    }
}
