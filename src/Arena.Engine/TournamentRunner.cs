using System.Text.Json;
using Arena.Bots;
using Arena.Core.Bots;
using Arena.Core.Storage;
using Arena.Core.Tournaments;
using Arena.Engine.Live;
using Arena.Engine.Resilience;
using Arena.Engine.Scheduling;
using Arena.Engine.Transport;
using Arena.Engine.Turns;

namespace Arena.Engine;

internal sealed record RunOptions(IBotFactory Bots)
{
    public TimeProvider Time { get; init; } = TimeProvider.System;
    public TimeSpan ControlPollInterval { get; init; } = TimeSpan.FromMilliseconds(500);
    public TimeSpan HealthInterval { get; init; } = TimeSpan.FromSeconds(5);
    public TimeSpan FirstProbeDelay { get; init; } = TimeSpan.FromSeconds(1);
    /// <summary>Replaces the in-process transport (tests, or a broker later).</summary>
    public Func<IEnumerable<string>, IWorkTransport>? Transport { get; init; }
    /// <summary>Where webhook token_env names are looked up.</summary>
    public Func<string, string?> Environment { get; init; } = System.Environment.GetEnvironmentVariable;
    /// <summary>Live mode: wait before the first webhook retry; doubled for each further one.</summary>
    public TimeSpan WebhookBackoff { get; init; } = TimeSpan.FromSeconds(1);
    /// <summary>Client for webhook POSTs; null = one shared by the process.</summary>
    public HttpClient? WebhookHttp { get; init; }
    /// <summary>Warnings that do not stop the run (an undelivered webhook); stderr by default.</summary>
    public Action<string> Log { get; init; } = Console.Error.WriteLine;
}

internal enum RunOutcome { Completed, Cancelled }

/// <summary>A problem that stops a run before or during its work, with a message for the user.</summary>
internal sealed class RunException(string message, int exitCode = 1) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}

/// <summary>
/// Runs (or resumes) one tournament to completion: wires store, transport, bot gateways, the session
/// coordinator and a pool of turn-handler workers per bot, and applies pause/resume from the store.
/// </summary>
internal sealed class TournamentRunner
{
    private readonly TournamentConfig _config;
    private readonly string _configYaml;
    private readonly IArenaStore _store;
    private readonly RunOptions _options;
    private readonly Dictionary<string, BotBinding> _bindings = new(StringComparer.Ordinal);
    private readonly string _owner = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";
    private readonly BatchWebhooks? _webhooks;

    public TournamentRunner(TournamentConfig config, string configYaml, IArenaStore store, RunOptions options)
    {
        _config = config;
        _configYaml = configYaml;
        _store = store;
        _options = options;
        Progress = new TournamentProgress(config.AllMatchups().Select(m => (m.Key, m.Quota)));
        var gateways = new Dictionary<string, BotGateway>(StringComparer.Ordinal);
        foreach (var team in config.Teams)
        {
            var binding = options.Bots.Create(team);
            _bindings[team.Id] = binding;
            var spec = team.Bot;
            var availability = new BotAvailability(spec.OfflineAfter, TimeSpan.FromSeconds(spec.OfflineTimeoutS), options.Time, options.FirstProbeDelay)
            {
                HealthChecked = binding.HealthCheck is not null,
            };
            gateways[team.Id] = new BotGateway(team.Id, binding.Bot,
                new BotPolicy(TimeSpan.FromSeconds(spec.TimeoutS), spec.Retries, spec.Rps, spec.Burst, spec.Concurrency),
                availability, options.Time, RecordFailure);
        }
        Gateways = gateways;
        _webhooks = BatchWebhooks.Create(config, store, options);
    }

    public TournamentProgress Progress { get; }
    public IReadOnlyDictionary<string, BotGateway> Gateways { get; }
    public int FinishedAtStart { get; private set; }

    /// <summary>The part of a config that defines the tournament; it may not change when a run is resumed.</summary>
    public static string Shape(TournamentConfig c) => JsonSerializer.Serialize(new
    {
        c.Tournament, c.Seed, c.SessionsPerMatchup, c.MaxTurns, c.BatchSize, c.MaxMessageChars,
        Attackers = c.Attackers.Select(a => a.Id), Defenders = c.Defenders.Select(d => d.Id),
        Matchups = c.Matchups.Select(m => new { m.Attacker, m.Defender, m.Sessions }),
    });

    public async Task<RunOutcome> RunAsync(CancellationToken ct)
    {
        var lease = await _store.AcquireRunLeaseAsync(_config.Tournament, _owner, ct);
        if (!lease.Acquired)
            throw new RunException($"tournament '{_config.Tournament}' is being run by another process ({lease.HeldBy}); stop it first");
        try
        {
            await EnsureTournamentAsync(ct);
            return await RunLockedAsync(ct);
        }
        finally
        {
            await _store.ReleaseRunLeaseAsync(_config.Tournament, _owner, CancellationToken.None);
        }
    }

    private async Task EnsureTournamentAsync(CancellationToken ct)
    {
        var shape = Shape(_config);
        var existing = await _store.GetTournamentAsync(_config.Tournament, ct);
        if (existing is null)
        {
            var snapshot = JsonSerializer.Serialize(new { shape = JsonDocument.Parse(shape).RootElement, bots = _config.Teams.Select(t => new { t.Id, Role = t.Role.Wire(), t.Bot.Kind, t.Bot.Url, t.Bot.Name, t.Bot.BaseUrl, t.Bot.Model }) });
            await _store.CreateTournamentAsync(new TournamentRecord(_config.Tournament, _config.Seed, _configYaml, snapshot, DateTimeOffset.UtcNow), ct);
            return;
        }
        using var stored = JsonDocument.Parse(existing.ConfigJson);
        var storedShape = stored.RootElement.GetProperty("shape").GetRawText();
        if (storedShape != shape)
            throw new RunException(
                $"tournament '{_config.Tournament}' already exists with a different definition (seed, counts or teams); " +
                "resume it with the same config, or give the new one another 'tournament' id", 2);
    }

    private async Task<RunOutcome> RunLockedAsync(CancellationToken ct)
    {
        using var runCts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var transport = _options.Transport?.Invoke(Gateways.Keys) ?? new ChannelWorkTransport(Gateways.Keys);
        var fatal = new TaskCompletionSource<Exception>(TaskCreationOptions.RunContinuationsAsynchronously);
        var coordinator = new SessionCoordinator(_config, _store, transport, Progress, _webhooks, e => fatal.TrySetResult(e));
        var handler = new TurnHandler(_store, transport, coordinator, Gateways, _config.MaxMessageChars, Progress);

        await ApplyPausesAsync(ct);
        var before = await _store.GetStatsAsync(_config.Tournament, ct);
        Progress.StartFrom(before.Turns);

        var workers = new List<Task>();
        foreach (var (botId, _) in Gateways)
            // More workers than call slots, so a worker persisting a turn never leaves a slot idle.
            for (var i = 0; i < _config.Team(botId).Bot.Concurrency + 4; i++)
                workers.Add(WorkAsync(botId));
        // Bots with a health URL are checked once before any work is handed out, then polled.
        var checkedBots = _bindings.Where(b => b.Value.HealthCheck is not null).ToList();
        await Task.WhenAll(checkedBots.Select(b => CheckHealthAsync(Gateways[b.Key].Availability, b.Value.HealthCheck!, ct)));
        var background = new List<Task> { ControlLoopAsync(runCts.Token) };
        foreach (var (botId, binding) in checkedBots)
            background.Add(HealthLoopAsync(Gateways[botId].Availability, binding.HealthCheck!, runCts.Token));

        try
        {
            await coordinator.StartAsync(runCts.Token);
            FinishedAtStart = Progress.FinishedSessions;
            var finished = await Task.WhenAny(coordinator.Completion, fatal.Task, Task.Delay(Timeout.Infinite, runCts.Token));
            if (finished == fatal.Task)
                throw new RunException($"the run stopped: {fatal.Task.Result.Message}; fix the cause and run again to resume");
            if (finished != coordinator.Completion) return RunOutcome.Cancelled;
            transport.Complete();
            await Task.WhenAll(workers);
            return RunOutcome.Completed;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return RunOutcome.Cancelled;
        }
        finally
        {
            runCts.Cancel();
            transport.Complete();
            await Task.WhenAll(workers.Concat(background).Append(coordinator.DrainAsync()).Select(t => t.ContinueWith(_ => { }, TaskScheduler.Default)));
        }

        async Task WorkAsync(string botId)
        {
            try
            {
                await foreach (var work in transport.ConsumeAsync(botId, runCts.Token))
                    await handler.HandleAsync(work, runCts.Token);
            }
            catch (OperationCanceledException) when (runCts.IsCancellationRequested) { }
            catch (Exception e)
            {
                fatal.TrySetResult(e);
            }
        }
    }

    private void RecordFailure(string botId, BotRequest request, BotFailureKind kind, string message)
    {
        // Queued on the store's group writer; the failure log is diagnostic, so the turn does not wait for it.
        _ = _store.RecordFailedAttemptAsync(new AttemptFailure(request.Tournament, botId, request.SessionId, request.Turn, kind.ToString(), message), CancellationToken.None)
            .ContinueWith(t => _ = t.Exception, TaskContinuationOptions.OnlyOnFaulted);
    }

    private async Task ApplyPausesAsync(CancellationToken ct)
    {
        var paused = await _store.GetPausedBotsAsync(_config.Tournament, ct);
        foreach (var (id, g) in Gateways) g.Availability.SetPaused(paused.Contains(id));
    }

    private async Task ControlLoopAsync(CancellationToken ct)
    {
        var sinceLease = TimeSpan.Zero;
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(_options.ControlPollInterval, _options.Time, ct);
                await ApplyPausesAsync(ct);
                sinceLease += _options.ControlPollInterval;
                if (sinceLease >= TimeSpan.FromSeconds(5))
                {
                    sinceLease = TimeSpan.Zero;
                    await _store.AcquireRunLeaseAsync(_config.Tournament, _owner, ct);
                }
            }
            catch (OperationCanceledException) { return; }
            catch (Exception) { /* a busy store: pauses are polled again shortly */ }
        }
    }

    private async Task HealthLoopAsync(BotAvailability availability, Func<CancellationToken, Task<bool>> check, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            // Poll faster while offline so a recovered bot resumes promptly.
            var delay = availability.State == BotState.Offline ? _options.FirstProbeDelay : _options.HealthInterval;
            try { await Task.Delay(delay, _options.Time, ct); }
            catch (OperationCanceledException) { return; }
            if (!await CheckHealthAsync(availability, check, ct)) return;
        }
    }

    /// <summary>One health check (5 s at most); false when the run is being cancelled.</summary>
    private static async Task<bool> CheckHealthAsync(BotAvailability availability, Func<CancellationToken, Task<bool>> check, CancellationToken ct)
    {
        bool healthy;
        try
        {
            using var probe = CancellationTokenSource.CreateLinkedTokenSource(ct);
            probe.CancelAfter(TimeSpan.FromSeconds(5));
            healthy = await check(probe.Token);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested) { return false; }
        catch (Exception) { healthy = false; }
        availability.ReportHealth(healthy);
        return true;
    }
}
