using System.Text.Json.Nodes;
using CodeMode.Testing;

namespace CodeMode.Integration.Tests;

/// <summary>
/// CodeMode's own mock served by <c>codemode mock automem</c>, configured as a live stdio server: the two hosts of
/// one mock (in process and over MCP) must fit the live client, and the trace must say which one answered.
/// </summary>
public sealed class OwnMockAsLiveServerTests
{
    [Fact]
    public async Task AutomemMock_AsLiveStdioServer_AnswersLiveAndKeepsItsState()
    {
        using var directory = new TempDirectory();
        using var app = new LiveAppFactory(new JsonObject
        {
            ["automem"] = new JsonObject
            {
                ["command"] = "dotnet",
                ["args"] = new JsonArray(Path.Combine(AppContext.BaseDirectory, "codemode.dll"), "mock", "automem"),
                ["cwd"] = directory.Path,
                ["mock"] = "automem",
                ["timeoutMs"] = 20_000,
            },
        });
        using var client = app.CreateClient();

        var stored = await client.RunAsync("""
            var s = automem.store_memory({ content: 'live mock remembers the sandbox design', tags: ['live'] });
            return s.memory_id;
            """);
        Assert.Equal("succeeded", stored.Status());
        Assert.Equal("live", stored.Source());
        var id = stored.GetProperty("value").GetString();

        // A second execution reaches the same server process: the memory stored before is there.
        var recalled = await client.RunAsync("""
            var r = automem.recall_memory({ query: 'sandbox design', limit: 5 });
            var ids = [];
            for (var i = 0; i < r.results.length; i++) { ids.push(r.results[i].id || r.results[i].memory_id); }
            return ids;
            """);
        Assert.Equal("succeeded", recalled.Status());
        Assert.Equal("live", recalled.Source());
        Assert.Contains(id, recalled.GetProperty("value").EnumerateArray().Select(x => x.GetString()));
    }
}
