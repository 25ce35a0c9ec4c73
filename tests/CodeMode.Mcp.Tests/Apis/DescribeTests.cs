using System.Text;
using System.Text.Json;
using CodeMode.Mcp.Apis;
using CodeMode.Mocks;

namespace CodeMode.Mcp.Tests.Apis;

/// <summary>
/// describe: one tool's declaration with its notes, less what the declaration says already, and within a budget —
/// notes are shortened, then left out, but never a parameter, its type, whether it is required, or an enum member.
/// </summary>
public sealed class DescribeTests
{
    private static string Describe(Schemas tool, ApiLanguage language = ApiLanguage.TypeScript)
    {
        var generator = new ApiDeclarationGenerator(new FakeToolCatalog(FakeToolCatalog.Tool("t", tool.Input, tool.Output, tool.Description)));
        Assert.True(generator.TryDescribe("demo", "t", language, out var document));
        return document.Text;
    }

    [Fact]
    public void Describe_NoteThatOnlyRestatesTheName_IsLeftOut()
    {
        var text = Describe(new("""{"type":"object","properties":{"inboxId":{"type":"string","description":"Inbox id."},"tag":{"type":"string","description":"Tag name."}}}"""));

        Assert.Contains("    inboxId?: string;\n", text);
        Assert.Contains("    tag?: string; // Tag name.\n", text);
    }

    [Fact]
    public void Describe_DefaultTheDescriptionStates_IsNotWrittenTwice()
    {
        var text = Describe(new("""
            {"type":"object","properties":{
              "days":{"type":"integer","default":60,"description":"Days back (default 60)."},
              "limit":{"type":"integer","default":5,"description":"At most 50 per page."}}}
            """));

        Assert.Contains("    days?: number; // Days back (default 60).\n", text);
        Assert.Contains("    limit?: number; // At most 50 per page. @default 5\n", text);
    }

    [Fact]
    public void Describe_NotesOverTheBudget_AreCutToTheirFirstSentence()
    {
        var text = Describe(new(Properties(20, index => $"Sets p{index}. " + new string('x', 100) + ".")));

        Assert.True(Encoding.UTF8.GetByteCount(text) <= ApiDeclarationGenerator.DescribeBudgetBytes);
        for (var i = 0; i < 20; i++)
        {
            Assert.Contains($"    p{i}?: \"on\" | \"off\"; // Sets p{i}.\n", text);
        }

        Assert.DoesNotContain("xxx", text);
    }

    [Fact]
    public void Describe_ToolTooLargeForNotes_KeepsEveryParameterTypeAndEnumMember_AndSaysWhereTheNotesAre()
    {
        var text = Describe(new(
            Properties(80, index => $"Sets the p{index} switch of the thing."),
            """{"type":"object","required":["ok"],"properties":{"ok":{"type":"boolean"},"mode":{"enum":["a","b"]}}}""",
            "Does t."));

        Assert.Contains("Does t.", text);
        Assert.Contains("Parameter notes left out for length: see demo's full listing.", text);
        Assert.DoesNotContain("Sets the", text);
        for (var i = 0; i < 80; i++)
        {
            Assert.Contains($"p{i}?: \"on\" | \"off\"", text);
        }

        Assert.Contains("): Promise<{ ok: boolean; mode?: \"a\" | \"b\" }>;", text);
    }

    [Theory]
    [InlineData(ApiLanguage.TypeScript)]
    [InlineData(ApiLanguage.JavaScript)]
    [InlineData(ApiLanguage.CSharp)]
    public void Describe_RecallMemory_KeepsEveryParameterAndTheResultType(ApiLanguage language)
    {
        var catalog = new MockToolCatalog(MockServerRegistry.CreateDefault());
        Assert.True(catalog.TryGetTool("automem", "recall_memory", out var tool));
        var generator = new ApiDeclarationGenerator(catalog);

        Assert.True(generator.TryDescribe("automem", "recall_memory", language, out var document));

        foreach (var property in tool.InputSchema.GetProperty("properties").EnumerateObject())
        {
            Assert.Contains(property.Name, document.Text);
        }

        Assert.Contains("\"score\" | \"time_desc\" | \"time_asc\" | \"updated_desc\" | \"updated_asc\"", document.Text);
        Assert.Contains(language == ApiLanguage.CSharp ? "record RecallMemoryOutput(long count" : "{ count: number;", document.Text);
    }

    // p0..pN, each an optional "on" | "off" switch with a note.
    private static string Properties(int count, Func<int, string> note) =>
        JsonSerializer.Serialize(new
        {
            type = "object",
            properties = Enumerable.Range(0, count).ToDictionary(
                index => $"p{index}",
                index => (object)new Dictionary<string, object> { ["enum"] = new[] { "on", "off" }, ["description"] = note(index) }),
        });

    private sealed record Schemas(string Input, string? Output = null, string? Description = null);
}
