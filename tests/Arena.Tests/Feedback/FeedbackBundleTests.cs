using Arena.Core.Bots;
using Arena.Core.Labels;
using Arena.Core.Sessions;
using Arena.Datasets;
using Arena.Engine.Configuration;

namespace Arena.Tests.Feedback;

public sealed class FeedbackBundleTests
{
    private static TurnRecord Turn(int turn, string meta) =>
        new(turn, TurnRules.Speaker(turn), turn % 2 == 0 ? "red" : "blue", $"text {turn}", 5, 1, meta, false);

    private static SessionRecord Session(string attacker, string defender, int index, int turns, string? failedBot = null) =>
        new($"t/{attacker}/{defender}/{index}", "t", attacker, defender, index, 1, 10,
            failedBot is null ? SessionStatus.Completed : SessionStatus.Failed, failedBot is null ? EndReason.MaxTurns : EndReason.BotError,
            failedBot, failedBot is null ? null : "HTTP 500 from http://10.0.0.7/secret-endpoint",
            Enumerable.Range(0, turns).Select(t => Turn(t, $"{{\"secret\":{t}}}")).ToList());

    private static LabelFinding Finding(int turn, string category) => new(turn, "rule", category, ["CWE-1"], 1, "high", "high", "m");

    private static ConversationLabel Label(string id, Outcome outcome, params LabelFinding[] findings) =>
        new(id, outcome, findings.Length > 0, findings, "pyscan", "1", findings.Length > 0 ? null : new JudgeEvidence(outcome == Outcome.AttackSuccess, false, "why", "h", "1"), DateTimeOffset.UnixEpoch);

    [Fact]
    public void Redact_blanks_only_the_other_sides_metadata_and_the_opponents_failure_message()
    {
        var s = Session("red", "blue", 0, 4, failedBot: "blue");
        var asAttacker = FeedbackBundle.Redact(s, "red");
        Assert.All(asAttacker.Turns.Where(t => t.Role == Role.Defender), t => Assert.Null(t.MetadataJson));
        Assert.Equal(s.Turns.Where(t => t.Role == Role.Attacker).Select(t => t.MetadataJson), asAttacker.Turns.Where(t => t.Role == Role.Attacker).Select(t => t.MetadataJson));
        Assert.DoesNotContain("secret-endpoint", asAttacker.Error);
        Assert.Equal("blue", asAttacker.FailedBot);

        // The failing team sees its own error text.
        var asDefender = FeedbackBundle.Redact(s, "blue");
        Assert.Equal(s.Error, asDefender.Error);
        Assert.All(asDefender.Turns.Where(t => t.Role == Role.Attacker), t => Assert.Null(t.MetadataJson));
        Assert.Throws<ArgumentException>(() => FeedbackBundle.Redact(s, "green"));
    }

    [Fact]
    public void Turns_to_first_success_is_the_earliest_finding_or_the_last_defender_turn()
    {
        var s = Session("red", "blue", 0, 6);
        Assert.Equal(4, FeedbackBundle.TurnsToFirstSuccess(s, Label(s.Id, Outcome.AttackSuccess, Finding(5, "a"), Finding(3, "b"))));
        Assert.Equal(6, FeedbackBundle.TurnsToFirstSuccess(s, Label(s.Id, Outcome.AttackSuccess)));
        Assert.Null(FeedbackBundle.TurnsToFirstSuccess(s, Label(s.Id, Outcome.DefenseSuccess)));
        Assert.Null(FeedbackBundle.TurnsToFirstSuccess(s, null));
    }

    [Fact]
    public void Opponent_statistics_count_labeled_sessions_and_rank_categories_by_sessions()
    {
        var sessions = new List<SessionRecord>
        {
            Session("red", "blue", 0, 4), Session("red", "blue", 1, 4), Session("red", "blue", 2, 4), Session("red", "blue", 3, 4),
            Session("red", "green", 0, 2), Session("other", "blue", 0, 2),
        };
        var labels = new Dictionary<string, ConversationLabel>
        {
            ["t/red/blue/0"] = Label("t/red/blue/0", Outcome.AttackSuccess, Finding(1, "xss"), Finding(3, "xss"), Finding(3, "sqli")),
            ["t/red/blue/1"] = Label("t/red/blue/1", Outcome.AttackSuccess, Finding(3, "xss")),
            ["t/red/blue/2"] = Label("t/red/blue/2", Outcome.DefenseSuccess),
            ["t/red/green/0"] = Label("t/red/green/0", Outcome.DefenseSuccess),
            ["t/other/blue/0"] = Label("t/other/blue/0", Outcome.AttackSuccess, Finding(1, "rce")),
        };
        var stats = FeedbackBundle.Opponents(sessions, labels, "red");
        Assert.Equal(["blue", "green"], stats.Select(o => o.Opponent));
        var blue = stats[0];
        Assert.Equal((3, 2, 1), (blue.Sessions, blue.Successes, blue.Unlabeled));
        Assert.Equal(200.0 / 3, blue.Asr, 9);
        Assert.Equal([("xss", 2), ("sqli", 1)], blue.TopCategories);
        Assert.Equal((2 + 4) / 2.0, blue.MeanTurnsToFirstSuccess);
        Assert.Equal("defender", blue.OpponentRole);
        Assert.Equal((1, 0, 100.0), (stats[1].Sessions, stats[1].Successes, stats[1].Dsr));
        Assert.Null(stats[1].MeanTurnsToFirstSuccess);

        // From the defender's side the opponent is the attacker, and the other attacker's session counts too.
        var fromBlue = FeedbackBundle.Opponents(sessions, labels, "blue");
        Assert.Equal(["other", "red"], fromBlue.Select(o => o.Opponent));
        Assert.Equal("attacker", fromBlue[0].OpponentRole);
    }
}

public sealed class SeriesConfigLoaderTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("arena-series-cfg-").FullName;

    public void Dispose()
    {
        try { Directory.Delete(_dir, true); } catch (IOException) { }
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    private string Tournament(string file, string id) => Write(file,
        $"tournament: {id}\nattackers:\n  - id: a\n    bot: {{kind: builtin, name: direct}}\ndefenders:\n  - id: d\n    bot: {{kind: builtin, name: naive}}\n");

    [Fact]
    public void Loads_paths_relative_to_the_series_file_with_defaults()
    {
        Tournament("sub/one.yaml", "t1");
        Tournament("sub/two.yaml", "t2");
        var path = Write("sub/s.yaml", "series: spring\ntournaments: [one.yaml, two.yaml]\n");
        var s = SeriesConfigLoader.LoadFile(path);
        Assert.Equal("spring", s.Name);
        Assert.Equal(["t1", "t2"], s.Tournaments.Select(t => t.Config.Tournament));
        Assert.Equal(Path.Combine(_dir, "sub", "spring-feedback"), s.FeedbackDir);
        Assert.Equal("heuristic", s.Judge.Kind);
        Assert.True(SeriesConfigLoader.IsSeriesFile(path));
        Assert.False(SeriesConfigLoader.IsSeriesFile(Path.Combine(_dir, "sub", "one.yaml")));
    }

    [Theory]
    [InlineData("series: s\ntournaments: [one.yaml]\ncolour: red\n", ":3: colour: unknown key")]
    [InlineData("tournaments: [one.yaml]\n", ":1: series: is required")]
    [InlineData("series: s\ntournaments: [one.yaml, missing.yaml]\n", ":2: tournaments[1]: missing.yaml: no such file")]
    [InlineData("series: s\ntournaments:\n  - one.yaml\n  - ./one.yaml\n", ":4: tournaments[1]: ./one.yaml is listed twice")]
    [InlineData("series: s\ntournaments: [one.yaml, copy.yaml]\n", ":2: tournaments[1]: copy.yaml defines tournament 't1'")]
    [InlineData("series: s\ntournaments: []\n", ":2: tournaments: must be a non-empty list")]
    [InlineData("series: s\ntournaments: [one.yaml]\njudge: oracle\n", ":3: judge: unknown judge 'oracle'")]
    [InlineData("series: s\ntournaments: [one.yaml]\njudge: {kind: llm, model: m}\n", ":3: judge.url: is required")]
    [InlineData("series: s\ntournaments: [one.yaml]\nbootstrap: -1\n", ":3: bootstrap: must be at least 0")]
    [InlineData("series: 'a b'\ntournaments: [one.yaml]\n", ":1: series: 'a b' is not a valid name")]
    public void Rejects_bad_series_files_naming_file_line_and_key(string yaml, string expected)
    {
        Tournament("one.yaml", "t1");
        Tournament("copy.yaml", "t1");
        var path = Write("s.yaml", yaml);
        var e = Assert.Throws<ConfigException>(() => SeriesConfigLoader.LoadFile(path));
        Assert.Contains(path + expected, e.Message);
    }

    [Fact]
    public void A_bad_tournament_file_is_reported_by_its_own_file_and_line()
    {
        Write("bad.yaml", "tournament: t1\nseed: x\n");
        var path = Write("s.yaml", "series: s\ntournaments: [bad.yaml]\n");
        var e = Assert.Throws<ConfigException>(() => SeriesConfigLoader.LoadFile(path));
        Assert.StartsWith(Path.Combine(_dir, "bad.yaml") + ":", e.Message);
    }
}
