using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CodeMode.Abstractions;
using CodeMode.Mcp.Apis;
using CodeMode.Mocks;
using CodeMode.Testing;
using Xunit.Abstractions;

namespace CodeMode.Mcp.Tests.Apis;

/// <summary>
/// The budget of docs/benchmarks-apis.md: the brief declarations of each server (and of the three together) against
/// their raw tools/list, in every language, and each measured search-then-describe exchange against the raw
/// tools/list of the three. Prints the tables the document records.
/// </summary>
public sealed class ApiSizeTests(ITestOutputHelper output)
{
    private static readonly string[] Servers = ["automem", "serena", "helpscout"];

    private static readonly MockToolCatalog Catalog = new(MockServerRegistry.CreateDefault());

    // What a server sends for tools/list: the tools array, compact JSON (no indentation to inflate the baseline).
    private static int RawToolsListBytes(string server)
    {
        var definition = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "mocks", "CodeMode.Mocks", "Definitions", server + ".tools.json")))!;
        var list = new JsonObject { ["tools"] = definition["tools"]!.DeepClone() };
        return Encoding.UTF8.GetByteCount(list.ToJsonString());
    }

    private static int Bytes(string text) => Encoding.UTF8.GetByteCount(text);

    [Fact]
    public void BriefDeclarations_OfEachServerAndOfAllThree_AreAtMost40PercentOfTheirToolsList_InEveryLanguage()
    {
        var generator = new ApiDeclarationGenerator(Catalog);
        var raw = Servers.ToDictionary(server => server, RawToolsListBytes);
        var rawTotal = raw.Values.Sum();
        var table = new StringBuilder("| server | tools/list | ts | js | cs | ts --full | js --full | cs --full |\n|---|---|---|---|---|---|---|---|\n");
        var over = new List<string>();
        foreach (var server in Servers.Append("all"))
        {
            var name = server == "all" ? null : server;
            var baseline = name is null ? rawTotal : raw[server];
            table.Append($"| {server} | {baseline} B ");
            foreach (var detail in (ApiDetail[])[ApiDetail.Brief, ApiDetail.Full])
            {
                foreach (var language in (ApiLanguage[])[ApiLanguage.TypeScript, ApiLanguage.JavaScript, ApiLanguage.CSharp])
                {
                    var bytes = Bytes(generator.Generate(language, name, detail).Text);
                    table.Append($"| {bytes} B ({100.0 * bytes / baseline:0.0}%) ");

                    // The goal is the brief listing's; the full one is the prose, read one tool at a time.
                    if (detail == ApiDetail.Brief && bytes > 0.40 * baseline)
                    {
                        over.Add($"{server} {language.ToShortName()}: {bytes} B is {100.0 * bytes / baseline:0.0}% of {baseline} B");
                    }
                }
            }

            table.Append("|\n");
        }

        output.WriteLine(table.ToString());
        Assert.Empty(over);
    }

    [Fact]
    public void SearchThenDescribe_EachMeasuredExchange_IsAtMost5PercentOfTheToolsList()
    {
        var rawTotal = Servers.Sum(RawToolsListBytes);
        var generator = new ApiDeclarationGenerator(Catalog);
        var search = new ToolSearch(Catalog);
        var table = new StringBuilder("| query → tool described | search answer | describe answer | exchange | of tools/list |\n|---|---|---|---|---|\n");
        var over = new List<string>();
        foreach (var (query, server, tool) in (ReadOnlySpan<(string, string, string)>)[
            ("conversation summary", "helpscout", "getConversationSummary"),
            ("find symbol", "serena", "find_symbol"),
            ("recall memories", "automem", "recall_memory"),
            ("customers by email", "helpscout", "searchCustomersByEmail"),
            ("store memory", "automem", "store_memory"),
        ])
        {
            // What the agent sends and gets back over HTTP: the two request lines and the two bodies.
            var matches = search.Search(query, limit: 5);
            Assert.Equal((server, tool), (matches[0].Server, matches[0].Name));
            var searchAnswer = Bytes(JsonSerializer.Serialize(new { query, matches }, CodeModeJson.Options));
            Assert.True(generator.TryDescribe(server, tool, ApiLanguage.TypeScript, out var described));
            var describeAnswer = Bytes(described.Text);
            var requests = Bytes($"GET /v1/apis/search?q={Uri.EscapeDataString(query)}&limit=5\nGET /v1/apis/{server}/{tool}\n");
            var exchange = requests + searchAnswer + describeAnswer;
            if (exchange > 0.05 * rawTotal)
            {
                over.Add($"{query} → {server}.{tool}: {exchange} B is {100.0 * exchange / rawTotal:0.00}% of {rawTotal} B");
            }

            table.Append($"| {query} → {server}.{tool} | {searchAnswer} B | {describeAnswer} B | {exchange} B | {100.0 * exchange / rawTotal:0.00}% |\n");
        }

        output.WriteLine($"raw tools/list of the three servers: {rawTotal} B\n{table}");
        Assert.Empty(over);
    }
}
