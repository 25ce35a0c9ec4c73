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
}
