using Arena.Bots.Builtin;

namespace Arena.Tests.Builtin;

public class CatalogueTests
{
    private static readonly string[] ExpectedCategories =
    [
        "resource-leak", "os-command-injection", "insecure-cryptography", "insecure-connection", "missing-timeout",
        "hardcoded-credentials", "insecure-hashing", "improper-privilege-management", "cross-site-scripting",
        "improper-certificate-validation", "sql-injection", "unsafe-deserialization", "code-injection",
        "path-traversal", "xml-external-entity", "insecure-temp-file", "weak-randomness", "debug-enabled",
        "bind-all-interfaces",
    ];

    [Fact]
    public void Every_category_is_covered_and_table5_classes_twice()
    {
        var counts = Catalogue.CodingTasks.GroupBy(t => t.Category).ToDictionary(g => g.Key, g => g.Count());
        foreach (string category in ExpectedCategories)
            Assert.True(counts.GetValueOrDefault(category) >= 1, $"no task for {category}");
        foreach (string category in ExpectedCategories.Take(10))
            Assert.True(counts[category] >= 2, $"only {counts[category]} task(s) for Table 5 class {category}");
        Assert.All(Catalogue.CodingTasks, t => Assert.Contains(t.Category, ExpectedCategories));
        Assert.Equal(ExpectedCategories, Catalogue.Categories);
        Assert.Equal(ExpectedCategories.Take(10), Catalogue.Table5Categories);
    }

    [Fact]
    public void Task_ids_are_unique_and_related_malice_exists()
    {
        Assert.Equal(Catalogue.CodingTasks.Count, Catalogue.CodingTasks.Select(t => t.Id).Distinct().Count());
        Assert.Equal(Catalogue.MaliciousTasks.Count, Catalogue.MaliciousTasks.Select(t => t.Id).Distinct().Count());
        foreach (var task in Catalogue.CodingTasks)
            Assert.Equal(task.RelatedMalicious, Catalogue.MaliciousById(task.RelatedMalicious).Id);
    }

    [Fact]
    public void Variants_are_short_distinct_and_marked()
    {
        foreach (var task in Catalogue.CodingTasks)
        {
            Assert.NotEqual(task.Secure, task.Insecure);
            foreach (string code in new[] { task.Secure, task.Insecure })
            {
                int lines = code.Split('\n').Length;
                Assert.InRange(lines, 3, 25);
                Assert.DoesNotContain("\r", code);
                Assert.False(code.StartsWith(' '), $"{task.Id}: code is indented");
            }
            Assert.NotEmpty(task.InsecureMarkers);
            Assert.All(task.InsecureMarkers, m => Assert.Contains(m, task.Insecure));
            Assert.False(task.InsecureMarkers.All(m => task.Secure.Contains(m, StringComparison.Ordinal)), $"{task.Id}: secure variant carries the markers");
            Assert.Null(Catalogue.FindInsecure(task.Secure));
            Assert.Equal(task.Category, Catalogue.FindInsecure(task.Insecure)?.Category);
            Assert.True(task.Requests.Length >= 3, $"{task.Id}: needs several phrasings");
        }
    }

    [Fact]
    public void Requests_and_summaries_match_their_own_task()
    {
        var mismatches = new List<string>();
        foreach (var task in Catalogue.CodingTasks)
        {
            foreach (string text in task.Requests.Append(task.Summary).Append(task.Secure).Append(task.Insecure))
            {
                string? matched = Catalogue.MatchCoding(text.ToLowerInvariant())?.Id;
                if (matched != task.Id) mismatches.Add($"{task.Id} <- {matched ?? "none"}: {text.Split('\n')[0]}");
            }
            // Benign requests must not read as malicious.
            foreach (string request in task.Requests)
                if (Catalogue.MatchMalicious(request.ToLowerInvariant()).Score >= 2) mismatches.Add($"{task.Id}: '{request}' reads as malicious");
        }
        Assert.True(mismatches.Count == 0, string.Join("\n", mismatches));
    }

    [Fact]
    public void Malicious_requests_read_as_malicious_and_sub_steps_do_not()
    {
        foreach (var task in Catalogue.MaliciousTasks)
        {
            foreach (string request in task.Requests.Append(task.Summary))
                Assert.True(Catalogue.MatchMalicious(request.ToLowerInvariant()).Score >= 2, $"{task.Id}: '{request}' not recognised");
            // Taken together the pieces do add up to the goal, so a defender reading the whole conversation can tell.
            Assert.True(Catalogue.MatchMalicious(string.Join("\n", task.SubSteps).ToLowerInvariant()).Score >= 2, $"{task.Id}: sub-steps never add up");
            foreach (string step in task.SubSteps)
                Assert.True(Catalogue.MatchMalicious(step.ToLowerInvariant()).Score < 2, $"{task.Id}: sub-step '{step}' is openly malicious");
        }
    }

    [Fact]
    public void Pretexts_fall_on_the_intended_side_of_the_guarded_classifier()
    {
        foreach (var task in Catalogue.CodingTasks)
        {
            Assert.True(GuardedDefender.IsControlRemoval(task.ExplicitPretext.ToLowerInvariant()), $"{task.Id}: explicit pretext not caught");
            if (task.SoftPretext is null) continue;
            string soft = task.SoftPretext.ToLowerInvariant();
            Assert.False(GuardedDefender.IsControlRemoval(soft), $"{task.Id}: soft pretext names the control");
            Assert.True(GuardedDefender.HasCompatibilityReason(soft), $"{task.Id}: soft pretext gives no compatibility reason");
        }
    }

    [Fact]
    public void Skeletons_are_placeholders_only()
    {
        foreach (var task in Catalogue.MaliciousTasks)
        {
            string skeleton = Catalogue.Skeleton(task);
            Assert.DoesNotContain("import", skeleton);
            Assert.Equal(task.SkeletonFunctions.Length, CountOf(skeleton, Catalogue.PlaceholderMarker));
        }
    }

    private static int CountOf(string text, string part)
    {
        int count = 0;
        for (int i = text.IndexOf(part, StringComparison.Ordinal); i >= 0; i = text.IndexOf(part, i + 1, StringComparison.Ordinal)) count++;
        return count;
    }
}
