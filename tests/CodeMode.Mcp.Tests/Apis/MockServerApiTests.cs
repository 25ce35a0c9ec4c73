using System.Text.Json;
using CodeMode.Mcp.Apis;
using CodeMode.Mocks;
using CodeMode.Testing;

namespace CodeMode.Mcp.Tests.Apis;

/// <summary>The declarations of the three real servers (their mocks carry the real tools/list schemas).</summary>
public sealed class MockServerApiTests
{
    private static readonly MockToolCatalog Catalog = new(MockServerRegistry.CreateDefault());

    private readonly ApiDeclarationGenerator _generator = new(Catalog);

    [Theory]
    [InlineData(ApiLanguage.TypeScript)]
    [InlineData(ApiLanguage.JavaScript)]
    [InlineData(ApiLanguage.CSharp)]
    public void Generate_EveryRealTool_IsDeclaredWithoutProblems(ApiLanguage language)
    {
        var document = _generator.Generate(language);

        Assert.Empty(document.Problems);
        foreach (var server in Catalog.Servers)
        {
            foreach (var tool in Catalog.GetTools(server))
            {
                Assert.Contains(tool.Name + "(", document.Text);
            }
        }
    }

    [Fact]
    public void Generate_TypeScript_DeclaresEachServerWithTypedInputsAndOutputs()
    {
        var text = _generator.Generate(ApiLanguage.TypeScript, detail: ApiDetail.Full).Text;

        Assert.Contains("declare const automem: {", text);
        Assert.Contains("declare const serena: {", text);
        Assert.Contains("declare const helpscout: {", text);
        Assert.Contains("""type?: "Decision" | "Pattern" | "Preference" | "Style" | "Habit" | "Insight" | "Context";""", text);
        Assert.Contains("@param input.content - Single mode (exclusive with `memories`): the memory text.", text);
        Assert.Contains("read_file(input: { relative_path: string; start_line?: number; end_line?: number | null; max_answer_chars?: number }): Promise<unknown>;", text);
        Assert.Matches(@"store_memory\(input\?: \{.*\}\): Promise<\{.*\}>;", text);
    }

    [Fact]
    public void Generate_JavaScript_IsTheSynchronousCallingForm()
    {
        var text = _generator.Generate(ApiLanguage.JavaScript, "serena").Text;

        Assert.StartsWith("// serena: calls are synchronous (no Promise, no await) and take one object", text);
        Assert.Contains("serena.read_file(input: { relative_path: string;", text);
        Assert.DoesNotContain("Promise<", text.Split('\n', 2)[1]);
        Assert.DoesNotContain("automem", text);
    }

    [Fact]
    public void Generate_CSharp_IsAStaticClassWithParametersAndOutputRecords()
    {
        var text = _generator.Generate(ApiLanguage.CSharp, "automem", ApiDetail.Full).Text;

        Assert.Contains("public static class automem", text);
        Assert.Contains("    Task<StoreMemoryOutput> store_memory(string? content, JsonObject[]? memories, string[]? tags", text);
        Assert.Contains("record StoreMemoryOutput(string message", text);
        Assert.Contains("<param name=\"content\">Single mode", text);
        Assert.Contains("a ? parameter may be left out", text);
        Assert.Contains("string? type /* \"Decision\" | \"Pattern\"", text);
    }

    [Fact]
    public void Generate_UnknownServer_Throws()
    {
        Assert.Throws<ArgumentException>(() => _generator.Generate(ApiLanguage.TypeScript, "nope"));
    }
}
