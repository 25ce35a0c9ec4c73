using CodeMode.Mcp.Apis;

namespace CodeMode.Mcp.Tests.Apis;

/// <summary>Schema → C# signatures: sanitised names, reported collisions, what the C# type cannot say kept in the docs.</summary>
public sealed class CSharpDeclarationTests
{
    [Fact]
    public void Generate_OddNames_AreSanitisedAndMappedBackToTheirJsonNames()
    {
        var generator = new ApiDeclarationGenerator(new FakeToolCatalog(FakeToolCatalog.Tool(
            "get-page.v2",
            """{"type":"object","required":["x-y"],"properties":{"x-y":{"type":"string"},"class":{"type":"integer"},"2nd":{"type":["number","null"]}}}""")));

        var document = generator.Generate(ApiLanguage.CSharp);

        Assert.Empty(document.Problems);
        Assert.Contains(
            """  get_page_v2([JsonPropertyName("x-y")] string x_y, long? @class, [JsonPropertyName("2nd")] double? _2nd);""",
            document.Text);
        Assert.Contains("(untyped ones return JsonNode?)", document.Text);
        Assert.Contains(
            """  Task<JsonNode?> get_page_v2([JsonPropertyName("x-y")] string x_y,""",
            generator.Generate(ApiLanguage.CSharp, detail: ApiDetail.Full).Text);
    }

    [Fact]
    public void Generate_ToolsCollidingInCSharp_AreReportedAndTheSecondLeftOut()
    {
        const string Output = """{"type":"object","properties":{"id":{"type":"string"}}}""";
        var generator = new ApiDeclarationGenerator(new FakeToolCatalog(
            FakeToolCatalog.Tool("get_thing", """{"type":"object"}""", Output),
            FakeToolCatalog.Tool("get-thing", """{"type":"object"}""", Output),
            FakeToolCatalog.Tool("getThing", """{"type":"object"}""", Output)));

        var document = generator.Generate(ApiLanguage.CSharp);

        Assert.Equal(2, document.Problems.Count);
        Assert.Contains("'get_thing' and 'get-thing' both become the C# name 'get_thing'", document.Problems[0]);
        Assert.Contains("'get_thing' and 'getThing' both become the C# name 'GetThingOutput'", document.Problems[1]);
        Assert.Single(document.Text.Split('\n'), line => line.Contains("Task<", StringComparison.Ordinal));

        // TypeScript has no such collision: the three names differ as property keys.
        Assert.Empty(generator.Generate(ApiLanguage.TypeScript).Problems);
    }

    [Fact]
    public void Generate_UnionsEnumsAndRefs_MapToTheClosestCSharpType()
    {
        var generator = new ApiDeclarationGenerator(new FakeToolCatalog(FakeToolCatalog.Tool(
            "t",
            """
            {"type":"object","required":["mode"],"$defs":{"ids":{"type":"array","items":{"type":"integer"}}},"properties":{
              "mode":{"type":"string","enum":["fast","slow"]},
              "end":{"anyOf":[{"type":"integer"},{"type":"null"}]},
              "either":{"oneOf":[{"type":"integer"},{"type":"string"}]},
              "ids":{"$ref":"#/$defs/ids"},
              "nested":{"type":"object","properties":{"a":{"type":"string"}}}}}
            """,
            """{"type":"object","required":["ok"],"properties":{"ok":{"type":"boolean"}}}""")));

        var text = generator.Generate(ApiLanguage.CSharp).Text;

        Assert.Contains("  Task<TOutput> t(string mode /* \"fast\" | \"slow\" */, long? end, JsonNode? either, long[]? ids, JsonObject? nested);", text);
        Assert.Contains("record TOutput(bool ok);", text);
    }

    [Fact]
    public void Describe_KnownTool_GivesItsFullDeclaration_UnknownGivesFalse()
    {
        var generator = new ApiDeclarationGenerator(new FakeToolCatalog(FakeToolCatalog.Tool(
            "t", """{"type":"object","properties":{"a":{"type":"string","description":"Alpha."}}}""", description: "Does t. More.")));

        Assert.True(generator.TryDescribe("demo", "t", ApiLanguage.TypeScript, out var document));
        Assert.Contains("Does t. More.", document.Text);
        Assert.Contains("a?: string; // Alpha.", document.Text);
        Assert.False(generator.TryDescribe("demo", "nope", ApiLanguage.TypeScript, out _));
        Assert.False(generator.TryDescribe("nope", "t", ApiLanguage.TypeScript, out _));
    }

    [Fact]
    public void Generate_CatalogChanges_IsRegenerated()
    {
        var catalog = new FakeToolCatalog(FakeToolCatalog.Tool("first", """{"type":"object"}"""));
        var generator = new ApiDeclarationGenerator(catalog);
        Assert.Contains("first(", generator.Generate(ApiLanguage.TypeScript).Text);

        catalog.Replace(FakeToolCatalog.Tool("second", """{"type":"object"}"""));

        Assert.DoesNotContain("first(", generator.Generate(ApiLanguage.TypeScript).Text);
        Assert.Contains("second(", generator.Generate(ApiLanguage.TypeScript).Text);
    }

    [Fact]
    public void Generate_ArrayOfEnumMembers_KeepsTheMembersNextToTheParameter()
    {
        var generator = new ApiDeclarationGenerator(new FakeToolCatalog(FakeToolCatalog.Tool(
            "t", """{"type":"object","properties":{"kinds":{"type":"array","items":{"type":"string","enum":["a","b"]}}}}""")));

        Assert.Contains("""t(string[]? kinds /* ("a" | "b")[] */);""", generator.Generate(ApiLanguage.CSharp).Text);
    }

    [Fact]
    public void Generate_Full_WritesEachParameterOnALineWithItsNote()
    {
        var generator = new ApiDeclarationGenerator(new FakeToolCatalog(FakeToolCatalog.Tool(
            "t",
            """{"type":"object","required":["q"],"properties":{"q":{"type":"string","description":"Words to find."},"limit":{"type":"integer","default":5},"inboxId":{"type":"string","description":"Inbox id."}}}""",
            description: "Finds things.")));

        var text = generator.Generate(ApiLanguage.CSharp, detail: ApiDetail.Full).Text;

        Assert.Contains(
            """
              /// <summary>Finds things.</summary>
              Task<JsonNode?> t(
                string q, // Words to find.
                long? limit, // @default 5
                string? inboxId);

            """.Replace("\r", string.Empty, StringComparison.Ordinal),
            text);
    }
}
