using CodeMode.Mcp.Apis;

namespace CodeMode.Mcp.Tests.Apis;

public sealed class DocTextTests
{
    [Theory]
    [InlineData("Persist a memory. Single mode: more.", "Persist a memory.")]
    [InlineData("Find files, e.g. by mask. Then more.", "Find files, e.g. by mask.")]
    [InlineData("Line one\nline two. Three.", "Line one line two.")]
    [InlineData("No full stop", "No full stop")]
    [InlineData("", "")]
    public void Summary_IsTheFirstSentenceOnOneLine(string description, string expected)
    {
        Assert.Equal(expected, DocText.Summary(description));
    }

    [Fact]
    public void Summary_LongSentence_IsCutWithAnEllipsis()
    {
        var summary = DocText.Summary(new string('a', 300), 100);

        Assert.Equal(100, summary.Length);
        Assert.EndsWith("…", summary);
    }

    [Fact]
    public void Summary_LongSentence_IsCutBetweenWords()
    {
        var summary = DocText.Summary("Find symbols by name-path pattern across the project or within a file, optionally with bodies", 60);

        Assert.Equal("Find symbols by name-path pattern across the project or…", summary);
    }

    [Theory]
    [InlineData("Persist a memory. More.", "Persist memory")]
    [InlineData("Find the symbols that reference a given symbol.", "Find symbols that reference given symbol")]
    [InlineData("An id or `a thing` by the name.", "An id or `a thing` by name")]
    [InlineData("List all inboxes with ids (e.g. a, b).", "List all inboxes with ids (e.g. a, b)")]
    public void BriefSummary_DropsArticlesAndTheFinalStop_ButNotQuotedText(string description, string expected)
    {
        Assert.Equal(expected, DocText.BriefSummary(description));
    }
}
