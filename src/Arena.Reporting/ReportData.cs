using Arena.Analysis;

namespace Arena.Reporting;

// The report's input: plain data, filled by whoever computed it (the store today; scoring and analyses later).
// Every section is optional: null or empty renders as a short "not computed" note, never as an error.
// Serialised to camelCase JSON and embedded in the page, so property names are also the JS field names.

internal sealed record ReportData
{
    public required string Title { get; init; }
    public IReadOnlyList<string> Tournaments { get; init; } = [];
    public DateTimeOffset GeneratedAt { get; init; } = DateTimeOffset.UtcNow;
    /// <summary>Caveats a reader must see, e.g. "utility not measured: 100 assumed", "embeddings: lexical fallback".</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    public Leaderboard? Attackers { get; init; }
    public Leaderboard? Defenders { get; init; }
    public IReadOnlyList<ScoreVariantRow>? Variants { get; init; }
    public IReadOnlyList<RatingTable>? Ratings { get; init; }
    public AgreementSummary? Agreement { get; init; }
    /// <summary>Utility pass rates per bot and suite (Appendix E); the reference model's rows carry <c>IsBase</c>.</summary>
    public IReadOnlyList<UtilitySuiteRow>? Utility { get; init; }
    public IReadOnlyList<DiversityGrouping>? Diversity { get; init; }
    public IReadOnlyList<TsnePoint>? Tsne { get; init; }
    public ReportTables Tables { get; init; } = new();

    public IReadOnlyList<ConversationView> Conversations { get; init; } = [];
    /// <summary>Finished conversations in the tournament(s); more than <see cref="Conversations"/> when some were left out.</summary>
    public int ConversationsTotal { get; init; }
}

/// <summary>One side's ranking (§4.3): score with its bootstrap CI, rank by score and rank by CI overlap.</summary>
internal sealed record Leaderboard(string Side, IReadOnlyList<LeaderboardRow> Rows, IReadOnlyList<MatchupRow> Matchups)
{
    /// <summary>How the score is defined, shown above the table.</summary>
    public string? ScoreDefinition { get; init; }
}

internal sealed record LeaderboardRow(
    string Bot, int Rank, int? CiRank, double Score, double? Low, double? High,
    double? Asr = null, double? Diversity = null, double? Dsr = null, double? Utility = null);

/// <summary>One attacker-defender pair: how many conversations and how many attack successes.</summary>
internal sealed record UtilitySuiteRow(string Bot, string Suite, int Tasks, int Passed, double PassRate, bool IsBase);

internal sealed record MatchupRow(string Attacker, string Defender, int Sessions, int AttackSuccess, double? Asr, double? Low = null, double? High = null);

/// <summary>§4.4 variants of the attacker score.</summary>
/// <param name="HarmonicScore">the attacker score with the harmonic-mean ASR in place of ASR; <paramref name="HarmonicRank"/> ranks by it</param>
internal sealed record ScoreVariantRow(string Side, string Bot, double? HarmonicMeanAsr, double? Cumulative, double? CumulativeLow = null, double? CumulativeHigh = null,
    double? HarmonicScore = null, int? HarmonicRank = null);

/// <summary>Elo or Bradley–Terry ratings on one scale ("all") or per side ("attacker"/"defender").</summary>
internal sealed record RatingTable(string Method, string Scope, IReadOnlyList<RatingRow> Rows);

internal sealed record RatingRow(string Bot, string Side, double Rating, double? Low, double? High, int Rank);

internal sealed record AgreementSummary(double? Kappa, double? Alpha, double? PercentAgreement, int Items)
{
    /// <summary>Raters of <see cref="Pairwise"/>, in row/column order.</summary>
    public IReadOnlyList<string> Raters { get; init; } = [];
    /// <summary>Pairwise agreement (e.g. Cohen's kappa) between raters; null where a pair shared no item.</summary>
    public IReadOnlyList<IReadOnlyList<double?>>? Pairwise { get; init; }
    public string? PairwiseMeasure { get; init; }
}

/// <summary>Semantic diversity for one grouping (attacker, defender or tournament): within each subset and between pairs.</summary>
internal sealed record DiversityGrouping(string Grouping, IReadOnlyList<string> Subsets, IReadOnlyList<double?> Within, IReadOnlyList<IReadOnlyList<double?>>? Between);

internal sealed record ReportTables
{
    public IReadOnlyList<SecurityKindRow>? VulnerableVsMalicious { get; init; }
    public IReadOnlyList<VulnerabilityClassRow>? TopVulnerabilityClasses { get; init; }
    public IReadOnlyList<HistogramBin>? FirstSuccessTurn { get; init; }
    public IReadOnlyList<BotHealthRow>? BotHealth { get; init; }
    public IReadOnlyList<MatchupCountsRow>? Matchups { get; init; }
}

/// <summary>Attack successes per tournament split by kind; <see cref="Both"/> is counted in neither of the other two.</summary>
internal sealed record SecurityKindRow(string Tournament, int Conversations, int VulnerableOnly, int MaliciousOnly, int Both);

internal sealed record HistogramBin(string Label, int Count);

internal sealed record BotHealthRow(string Bot, long Turns, long FailedAttempts, long FailedSessions, double ErrorRate, double P50Ms, double P95Ms, double P99Ms);

internal sealed record MatchupCountsRow(string Attacker, string Defender, int Completed, int Failed, int Labeled, int AttackSuccess, int VulnerableCode, int SecurityEvent, double MeanTurns);

internal sealed record ConversationView(
    string Id, string Tournament, string Attacker, string Defender, string Outcome, string? EndReason,
    IReadOnlyList<TurnView> Turns, IReadOnlyList<FindingView> Findings, string? JudgeRationale = null, string? Judge = null, string? Error = null);

internal sealed record TurnView(int Turn, string Role, string Bot, string Content, bool Truncated = false);

/// <summary>A finding on <see cref="Line"/> (1-based) of defender turn <see cref="Turn"/>'s reply.</summary>
internal sealed record FindingView(int Turn, int Line, string Rule, string Category, IReadOnlyList<string> Cwe, string Severity, string Message);
