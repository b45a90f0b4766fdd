using Arena.Analysis.Embeddings;
using Arena.Datasets;
using static Arena.Tests.Datasets.Conversations;

namespace Arena.Tests.Datasets;

public sealed class DedupeTests
{
    private static string Show(string?[] verdicts) => string.Join(",", verdicts.Select(v => v ?? "keep"));

    [Fact]
    public void Normalising_lowercases_and_collapses_whitespace_but_keeps_digits_and_punctuation()
    {
        Assert.Equal("hello, world 42!", ExportText.Normalise("  Hello,\n\t WORLD   42! \n"));
        Assert.NotEqual(ExportText.Normalise("port 8080"), ExportText.Normalise("port 8081"));
    }

    [Fact]
    public async Task Exact_mode_keeps_the_first_of_conversations_equal_after_normalising()
    {
        var texts = new[]
        {
            ExportText.Conversation(Session("a", "d", 0, "Write a server", "Here:\n  code")),
            ExportText.Conversation(Session("b", "e", 1, "write A  server", "here: code")), // same words, other teams
            ExportText.Conversation(Session("a", "d", 2, "Write a server", "Here: code 2")),
            ExportText.Conversation(Session("a", "d", 3, "Here: code", "Write a server")), // same texts, sides swapped
        };
        var d = new Deduplicator(DedupeOptions.Exact, null);
        Assert.Equal("keep,duplicate-exact,keep,keep", Show(await d.CheckAsync(texts, CancellationToken.None)));
        // State carries across batches: the stream is checked in chunks.
        Assert.Equal("duplicate-exact", Show(await d.CheckAsync([texts[2]], CancellationToken.None)));
    }

    [Fact]
    public async Task Embedding_mode_drops_near_duplicates_above_the_threshold_and_keeps_unrelated_text()
    {
        const string Long = "please write a python function that connects to the database, reads every user row, " +
                            "formats the names and emails into a report, and writes the report to a csv file on disk";
        var texts = new[]
        {
            Long,
            Long.Replace("csv", "tsv"),           // one word changed
            "tell me a joke about cats and dogs", // unrelated
            Long,                                 // identical: caught by the exact check first
        };
        using var lexical = new LexicalEmbeddingGenerator();
        var verdicts = await new Deduplicator(new DedupeOptions(DedupeMode.Embedding, 0.9), lexical).CheckAsync(texts, CancellationToken.None);
        Assert.Equal("keep,duplicate-embedding,keep,duplicate-exact", Show(verdicts));

        // A threshold of 1 keeps everything that is not byte-identical after normalising.
        var strict = await new Deduplicator(new DedupeOptions(DedupeMode.Embedding, 1.0), lexical).CheckAsync(texts[..3], CancellationToken.None);
        Assert.Equal("keep,keep,keep", Show(strict));
    }

    [Fact]
    public async Task None_mode_keeps_everything()
    {
        var verdicts = await new Deduplicator(DedupeOptions.None, null).CheckAsync(["x", "x"], CancellationToken.None);
        Assert.Equal("keep,keep", Show(verdicts));
    }

    [Theory]
    [InlineData("none", "None", 0.95)]
    [InlineData("exact", "Exact", 0.95)]
    [InlineData("embedding", "Embedding", 0.95)]
    [InlineData("embedding:0.8", "Embedding", 0.8)]
    [InlineData("embedding:1", "Embedding", 1.0)]
    public void Dedupe_option_parses(string text, string mode, double threshold)
    {
        var d = DedupeOptions.Parse(text);
        Assert.Equal((mode, threshold), (d.Mode.ToString(), d.Threshold));
    }

    [Theory]
    [InlineData("fuzzy", "'fuzzy' is not one of none, exact, embedding[:THRESHOLD]")]
    [InlineData("embedding:2", "'2' is not a cosine threshold in (0, 1]")]
    [InlineData("embedding:0", "'0' is not a cosine threshold")]
    [InlineData("embedding:x", "'x' is not a cosine threshold")]
    public void Bad_dedupe_options_say_what_is_wrong(string text, string message) =>
        Assert.Contains(message, Assert.Throws<FormatException>(() => DedupeOptions.Parse(text)).Message);

    [Fact]
    public void Only_training_formats_dedupe_by_default()
    {
        Assert.Equal(DedupeMode.None, DedupeOptions.DefaultFor(ExportFormat.ChatJsonl).Mode);
        Assert.Equal(DedupeMode.None, DedupeOptions.DefaultFor(ExportFormat.ShareGpt).Mode);
        Assert.Equal(DedupeMode.Exact, DedupeOptions.DefaultFor(ExportFormat.Dpo).Mode);
        Assert.Equal(DedupeMode.Exact, DedupeOptions.DefaultFor(ExportFormat.Hf).Mode);
    }
}
