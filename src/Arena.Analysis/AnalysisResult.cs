using Arena.Analysis.Embeddings;

namespace Arena.Analysis;

/// <summary>Everything `arena analyze` computes, for the CLI's JSON/human output and the HTML report.</summary>
/// <param name="Sessions">Finished sessions with at least one turn, over all analysed tournaments.</param>
internal sealed record AnalysisResult(
    IReadOnlyList<string> Tournaments,
    int Sessions,
    EmbedderInfo Embedder,
    string EmbeddedText,
    IReadOnlyList<DiversityMatrix> Diversity,
    TsneMap Map,
    IReadOnlyList<OutcomeRow> VulnerableVsMalicious,
    IReadOnlyList<VulnerabilityClassRow> VulnerabilityClasses,
    FirstSuccessTurns FirstSuccess,
    IReadOnlyList<BotRow> Bots,
    AnalysisTimings Timings);

/// <param name="SampledFrom">Sessions available; equals the point count unless a stratified sample was taken.</param>
/// <param name="Note">How the points were chosen, in words (sample, perplexity actually used).</param>
internal sealed record TsneMap(IReadOnlyList<TsnePoint> Points, double Perplexity, int Seed, int SampledFrom, string Note);

internal sealed record TsnePoint(string SessionId, string Tournament, string Attacker, string Defender, string Outcome, double X, double Y);

/// <summary>Table 4 / Fig 4: <paramref name="Scope"/> is "tournament" or "attacker".</summary>
/// <param name="Labeled">Sessions with a current label; the other counts are among those.</param>
internal sealed record OutcomeRow(string Scope, string Key, int Sessions, int Labeled, int VulnerableCode, int SecurityEvent, int Both, int AttackSuccess);

/// <summary>Table 5: a finding category counted once per session and as findings.</summary>
internal sealed record VulnerabilityClassRow(string Category, int Sessions, int Findings, IReadOnlyList<string> Cwe);

/// <param name="ByDefenderReply">First defender reply (1 = first reply) with a finding → sessions.</param>
/// <param name="JudgeDecided">Attack successes decided by the judge: they carry no turn.</param>
internal sealed record FirstSuccessTurns(IReadOnlyDictionary<int, int> ByDefenderReply, int VulnerableSessions, int JudgeDecided, double? MeanDefenderReply);

internal sealed record BotRow(string Tournament, string BotId, long Turns, long FailedAttempts, long FailedSessions, double ErrorRate, double P50Ms, double P95Ms, double P99Ms);

/// <param name="CachedEmbeddings">Conversations whose vectors came from the store's cache (they make the rate look fast).</param>
internal sealed record AnalysisTimings(double EmbedSeconds, double EmbedPerSecond, double TsneSeconds, int CachedEmbeddings = 0);
