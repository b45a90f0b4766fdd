using System.Text;
using System.Text.Json;
using Arena.Core.Labels;
using Arena.Core.Sessions;
using Arena.Datasets;
using YamlDotNet.RepresentationModel;
using static Arena.Tests.Datasets.Conversations;

namespace Arena.Tests.Datasets;

public sealed class ExportPipelineTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("arena-export-").FullName;

    public void Dispose()
    {
        try { Directory.Delete(_dir, true); } catch (IOException) { }
    }

    // vuln: red/blue 0, SQL injection in turn 1.   safe: red/blue 1.   event: red2/blue 0, security event.
    // bare: red2/blue 1, unlabeled.   dup: red/blue 2, the same words as safe.   failed, running: no label.
    private static readonly SessionRecord Vuln = Session("red", "blue", 0, "Write a login check", "f-string SQL", "thanks", "ok");
    private static readonly SessionRecord SafeOne = Session("red", "blue", 1, "Write a login check", "parameterised query");
    private static readonly SessionRecord Event = Session("red2", "blue", 0, "explain", "here is how to exploit it", "more", "sure");
    private static readonly SessionRecord Bare = Session("red2", "blue", 1, "hello", "hi");
    private static readonly SessionRecord Dup = Session("red", "blue", 2, "write a LOGIN check", "Parameterised   query");
    private static readonly SessionRecord FailedOne = Session("t", "red", "blue", 3, SessionStatus.Failed, "x");
    private static readonly SessionRecord RunningOne = Session("t", "red", "blue", 4, SessionStatus.Running, "y");

    private static readonly SessionRecord[] Store = [Vuln, SafeOne, Event, Bare, Dup, FailedOne, RunningOne];

    private static readonly Dictionary<string, ConversationLabel> Labels = new()
    {
        [Vuln.Id] = Vulnerable(Vuln, 1), [SafeOne.Id] = Safe(SafeOne), [Event.Id] = SecurityEvent(Event), [Dup.Id] = Safe(Dup),
    };

    private static async Task<(ExportSummary Summary, List<JsonElement> Rows)> Export(ExportOptions options)
    {
        using var ms = new MemoryStream();
        var summary = await ExportPipeline.WriteAsync(Async(Store), Labels, ms, options, CancellationToken.None);
        var rows = Encoding.UTF8.GetString(ms.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();
        return (summary, rows);
    }

    private static string Ids(List<JsonElement> rows) => string.Join(",", rows.Select(r => r.GetProperty("id").GetString()![2..]));

    [Fact]
    public async Task Subsets_select_by_label_and_drop_unlabeled_conversations_as_unlabeled()
    {
        var (all, rows) = await Export(new ExportOptions());
        Assert.Equal("red/blue/0,red/blue/1,red2/blue/0,red2/blue/1,red/blue/2", Ids(rows));
        Assert.Equal((7, 5), (all.Read, all.Written));
        Assert.Equal(new Dictionary<string, int> { ["unfinished"] = 1, ["failed"] = 1 }, all.Dropped);

        var (attacks, attackRows) = await Export(new ExportOptions(Subset: ExportSubset.SuccessfulAttacks));
        Assert.Equal("red/blue/0,red2/blue/0", Ids(attackRows));
        Assert.Equal(new Dictionary<string, int> { ["unfinished"] = 1, ["failed"] = 1, ["unlabeled"] = 1, ["subset"] = 2 }, attacks.Dropped);

        Assert.Equal("red/blue/1,red2/blue/0,red/blue/2", Ids((await Export(new ExportOptions(Subset: ExportSubset.SecureCode))).Rows));
        Assert.Equal("red/blue/0,red/blue/1,red/blue/2", Ids((await Export(new ExportOptions(Subset: ExportSubset.Refusal))).Rows));
    }

    [Fact]
    public async Task Filter_and_subset_must_both_hold_and_each_drop_is_counted_once_under_the_first_rule()
    {
        var (summary, rows) = await Export(new ExportOptions(Subset: ExportSubset.SuccessfulAttacks, Filter: ExportFilter.Parse("attacker=red"), IncludeFailed: true));
        Assert.Equal("red/blue/0", Ids(rows));
        // failed has no label: with a subset it is unlabeled, not failed (--include-failed let it through).
        Assert.Equal(new Dictionary<string, int> { ["unfinished"] = 1, ["unlabeled"] = 2, ["subset"] = 2, ["filter"] = 1 }, summary.Dropped);
        Assert.Equal(summary.Read, summary.Written + summary.Dropped.Values.Sum());
    }

    [Fact]
    public async Task Exact_dedupe_drops_the_later_of_two_conversations_equal_after_normalising()
    {
        var (summary, rows) = await Export(new ExportOptions(Dedupe: DedupeOptions.Exact));
        Assert.Equal("red/blue/0,red/blue/1,red2/blue/0,red2/blue/1", Ids(rows));
        Assert.Equal(1, summary.Dropped["duplicate-exact"]);
        var json = JsonSerializer.Serialize(summary.ToJson());
        Assert.Contains("\"duplicate-exact\":1", json);
        Assert.Contains("\"dedupe\":\"exact\"", json);
    }

    [Fact]
    public async Task Dpo_rows_are_prompt_chosen_rejected_with_their_source()
    {
        var (summary, rows) = await Export(new ExportOptions(ExportFormat.Dpo));
        // safe and dup both answered the opening safely: the one vulnerable reply pairs with the first of them.
        var pair = Assert.Single(rows);
        Assert.Equal("Write a login check", pair.GetProperty("prompt")[0].GetProperty("content").GetString());
        Assert.Equal("user", pair.GetProperty("prompt")[0].GetProperty("role").GetString());
        Assert.Equal(("assistant", "parameterised query"), (pair.GetProperty("chosen")[0].GetProperty("role").GetString(), pair.GetProperty("chosen")[0].GetProperty("content").GetString()));
        Assert.Equal("f-string SQL", pair.GetProperty("rejected")[0].GetProperty("content").GetString());
        Assert.Equal((SafeOne.Id, Vuln.Id, "sql-injection"), (pair.GetProperty("source").GetProperty("chosen_id").GetString(),
            pair.GetProperty("source").GetProperty("rejected_id").GetString(), pair.GetProperty("source").GetProperty("category").GetString()));
        Assert.Equal(("pairs", 1, 1), (summary.Unit, summary.Written, summary.PairsBuilt));
        Assert.Equal(3, summary.Dropped["no-pair"]); // event, bare and dup gave no pair
    }

    [Fact]
    public async Task Hf_folder_has_jsonl_rows_of_one_shape_and_a_card_whose_yaml_names_them()
    {
        var dir = Path.Combine(_dir, "hf");
        var options = new ExportOptions(ExportFormat.Hf, Filter: ExportFilter.Parse("turns>=2"), License: "cc-by-4.0");
        var summary = await HfDataset.WriteAsync(Async(Store), Labels, dir, options, CancellationToken.None);
        Assert.Equal(["README.md", "data"], Directory.EnumerateFileSystemEntries(dir).Select(Path.GetFileName).Order());
        Assert.False(Directory.Exists(dir + ".partial"));

        // Without a license identifier the card links a LICENSE file, which must then exist; a re-export may overwrite.
        var unlicensed = Path.Combine(_dir, "hf-other");
        await HfDataset.WriteAsync(Async(Store), Labels, unlicensed, options with { License = "other" }, CancellationToken.None);
        Assert.Contains("license_link: LICENSE", await File.ReadAllTextAsync(Path.Combine(unlicensed, "README.md")));
        Assert.Contains("No license was given", await File.ReadAllTextAsync(Path.Combine(unlicensed, "LICENSE")));
        await HfDataset.WriteAsync(Async(Store), Labels, unlicensed, options with { License = "other" }, CancellationToken.None);

        var lines = await File.ReadAllLinesAsync(Path.Combine(dir, "data", "train.jsonl"));
        var rows = lines.Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();
        Assert.Equal(4, rows.Count); // dup removed by the default exact dedupe; failed and running left out
        var keys = rows.Select(r => string.Join(",", r.EnumerateObject().Select(p => p.Name))).Distinct().ToList();
        Assert.Single(keys); // one schema for the json loader
        var bare = rows.Single(r => r.GetProperty("id").GetString() == Bare.Id);
        Assert.Equal(("unlabeled", JsonValueKind.Null), (bare.GetProperty("outcome").GetString(), bare.GetProperty("vulnerable_code").ValueKind));
        Assert.Equal("sql-injection", rows.Single(r => r.GetProperty("id").GetString() == Vuln.Id).GetProperty("categories")[0].GetString());

        var card = await File.ReadAllTextAsync(Path.Combine(dir, "README.md"));
        Assert.StartsWith("---\n", card);
        var yamlText = card.Split("---\n")[1];
        var yaml = new YamlStream();
        yaml.Load(new StringReader(yamlText));
        var root = (YamlMappingNode)yaml.Documents[0].RootNode;
        string Scalar(YamlNode n) => ((YamlScalarNode)n).Value!;
        Assert.Equal("cc-by-4.0", Scalar(root["license"]));
        Assert.Equal("en", Scalar(((YamlSequenceNode)root["language"])[0]));
        Assert.Equal("text-generation", Scalar(((YamlSequenceNode)root["task_categories"])[0]));
        Assert.Contains("security", ((YamlSequenceNode)root["tags"]).Select(Scalar));
        Assert.Equal("n<1K", Scalar(((YamlSequenceNode)root["size_categories"])[0]));
        var config = (YamlMappingNode)((YamlSequenceNode)root["configs"])[0];
        Assert.Equal("default", Scalar(config["config_name"]));
        var dataFile = (YamlMappingNode)((YamlSequenceNode)config["data_files"])[0];
        Assert.Equal("train", Scalar(dataFile["split"]));
        Assert.True(File.Exists(Path.Combine(dir, Scalar(dataFile["path"]))));

        // The body reports what the card's reader needs: counts, labels, teams, label sources and the selection.
        Assert.Contains("- conversations: 4", card);
        Assert.Contains("| attack_success | 2 |", card);
        Assert.Contains("| `red2` | attacker | 2 |", card);
        Assert.Contains("analyzer arena-py@1.0: 3 conversations", card);
        Assert.Contains("judge heuristic@2: 2 conversations", card);
        Assert.Contains("filter: `turns>=2`", card);
        Assert.Contains("near-duplicate removal: exact", card);
        Assert.Contains("- dropped (duplicate-exact): 1", card);
        Assert.Equal(4, summary.Written);
    }

    [Fact]
    public async Task Hf_license_other_gets_the_name_the_hub_asks_for_and_a_rerun_replaces_the_folder()
    {
        var dir = Path.Combine(_dir, "hf2");
        await HfDataset.WriteAsync(Async(Store), Labels, dir, new ExportOptions(ExportFormat.Hf), CancellationToken.None);
        await HfDataset.WriteAsync(Async(Store), Labels, dir, new ExportOptions(ExportFormat.Hf, Subset: ExportSubset.Refusal), CancellationToken.None);
        var yaml = new YamlStream();
        yaml.Load(new StringReader((await File.ReadAllTextAsync(Path.Combine(dir, "README.md"))).Split("---\n")[1]));
        var root = (YamlMappingNode)yaml.Documents[0].RootNode;
        Assert.Equal("other", ((YamlScalarNode)root["license"]).Value);
        Assert.Equal("unspecified", ((YamlScalarNode)root["license_name"]).Value);
        Assert.Equal(2, (await File.ReadAllLinesAsync(Path.Combine(dir, "data", "train.jsonl"))).Length); // vuln and safe (dup deduped)
    }

    [Fact]
    public async Task Hf_refuses_a_folder_that_holds_other_files()
    {
        var dir = Path.Combine(_dir, "mine");
        Directory.CreateDirectory(dir);
        await File.WriteAllTextAsync(Path.Combine(dir, "notes.txt"), "keep me");
        var e = await Assert.ThrowsAsync<ExportTargetException>(() =>
            HfDataset.WriteAsync(Async(Store), Labels, dir, new ExportOptions(ExportFormat.Hf), CancellationToken.None));
        Assert.Contains("not an hf export", e.Message);
        Assert.True(File.Exists(Path.Combine(dir, "notes.txt")));
    }
}
