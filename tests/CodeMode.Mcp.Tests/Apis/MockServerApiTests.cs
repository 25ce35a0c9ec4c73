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
        Assert.Contains("\n    content?: string; // Single mode (exclusive with `memories`): the memory text.\n", text);
        Assert.Matches(
            @"read_file\(input: \{\n    relative_path: string; // .+\n    start_line\?: number; // .+\n    end_line\?: number \| null; // .+\n    max_answer_chars\?: number; // .+\n  \}\): Promise<unknown>;",
            text);
        Assert.Matches(@"store_memory\(input\?: \{\n(    .+\n)+  \}\): Promise<\{.*\}>;", text);
    }

    [Fact]
    public void Generate_JavaScript_IsTheSynchronousCallingForm()
    {
        var text = _generator.Generate(ApiLanguage.JavaScript, "serena").Text;

        Assert.StartsWith("// serena: synchronous calls (no await); a tool error throws; untyped ones return JSON.\n", text);
        Assert.Contains("\nserena.read_file({ relative_path: string;", text);
        Assert.DoesNotContain("Promise<", text.Split('\n', 2)[1]);
        Assert.DoesNotContain("automem", text);
    }

    [Fact]
    public void Generate_CSharp_IsAStaticClassWithParametersAndOutputRecords()
    {
        var text = _generator.Generate(ApiLanguage.CSharp, "automem", ApiDetail.Full).Text;

        Assert.Contains("public static class automem", text);
        Assert.Contains("  Task<StoreMemoryOutput> store_memory(\n    string? content, // Single mode (exclusive with `memories`)", text);
        Assert.Contains("\n    JsonObject[]? memories, // Batch mode", text);
        Assert.Contains("record StoreMemoryOutput(string message", text);
        Assert.Contains("a ? parameter may be left out", text);
        Assert.Contains("string? type /* \"Decision\" | \"Pattern\"", text);
    }

    [Fact]
    public void Generate_UnknownServer_Throws()
    {
        Assert.Throws<ArgumentException>(() => _generator.Generate(ApiLanguage.TypeScript, "nope"));
    }

    [Fact]
    public void Generate_Brief_NamesTheEnumsAServersToolsRepeat_InEveryLanguage()
    {
        const string Status = "\"active\" | \"pending\" | \"closed\" | \"spam\"";

        var ts = _generator.Generate(ApiLanguage.TypeScript, "helpscout").Text;
        Assert.StartsWith($"type Status = {Status};\n", ts);
        Assert.Contains("status?: Status;", ts);
        Assert.Contains("statuses?: Status[];", ts);
        Assert.Contains("status?: Status | \"all\";", ts);
        Assert.DoesNotContain(Status + ";", ts.Split("declare const", 2)[1]);

        var js = _generator.Generate(ApiLanguage.JavaScript, "helpscout").Text;
        Assert.Contains($"\n// Status: {Status}\n", js);
        Assert.Contains("status?: Status;", js);

        var cs = _generator.Generate(ApiLanguage.CSharp, "helpscout").Text;
        Assert.Contains($"\n  // Status: {Status}\n", cs);
        Assert.Contains("string? status /* Status */", cs);
        Assert.Contains("string[]? statuses /* Status[] */", cs);
        Assert.Contains("string? status /* Status | \"all\" */", cs);

        // The full listing and describe write every enum out: a reader of one tool has no header to look up.
        // Named per server, and no two servers' names meet in the listing of all three.
        var names = System.Text.RegularExpressions.Regex.Matches(_generator.Generate(ApiLanguage.TypeScript).Text, @"^type (\w+) =", System.Text.RegularExpressions.RegexOptions.Multiline)
            .Select(match => match.Groups[1].Value).ToList();
        Assert.Equal(names.Distinct().Count(), names.Count);

        var full = _generator.Generate(ApiLanguage.TypeScript, "helpscout", ApiDetail.Full).Text;
        Assert.DoesNotContain("type Status", full);
        Assert.Contains($"status?: {Status};", full);
    }
}
