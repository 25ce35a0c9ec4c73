using System.Text.Json;
using CodeMode.Testing;

namespace CodeMode.Cli.Tests;

/// <summary>
/// The examples written from the real servers' documentation run unchanged against the mocks (<c>--offline</c>) and get
/// answers of the documented shape with plausible content.
/// </summary>
public sealed class MockExampleTests
{
    private static async Task<JsonElement> RunOfflineAsync(string example)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = await CodeModeCli.InvokeAsync(["run", Path.Combine(RepositoryPaths.Examples, example), "--offline", "--config", RepositoryPaths.RuntimesJson], stdout, stderr);

        Assert.True(exit == ExitCodes.Succeeded, stderr.ToString() + stdout);
        var result = JsonDocument.Parse(stdout.ToString()).RootElement.Clone();
        Assert.Equal("succeeded", result.GetProperty("status").GetString());
        Assert.All(result.GetProperty("toolCalls").EnumerateArray(), call => Assert.Equal("mock", call.GetProperty("source").GetString()));
        return result.GetProperty("value");
    }

    [Fact]
    public async Task HelpScoutTriage_CountsTheActiveQueueByTag()
    {
        var value = await RunOfflineAsync("helpscout-triage.js");

        Assert.Equal(3, value.GetProperty("inboxes").GetInt32());
        var active = value.GetProperty("active").GetInt32();
        Assert.InRange(active, 1, 20);
        Assert.False(string.IsNullOrEmpty(value.GetProperty("oldestSubject").GetString()));
        Assert.True(value.GetProperty("oldestNumber").GetInt32() > 0);
        Assert.Contains(value.GetProperty("latestThreadType").GetString(), new[] { "customer", "message", "note", "lineitem", "chat", "phone" });
        Assert.True(value.GetProperty("byTag").EnumerateObject().Sum(tag => tag.Value.GetInt32()) >= 1);
        Assert.True(value.GetProperty("refundConversations").GetInt32() >= 1);
    }

    [Fact]
    public async Task SerenaExplore_FindsSymbolsAndTheirCallers()
    {
        var value = await RunOfflineAsync("serena-explore.js");

        Assert.True(value.GetProperty("csharpFiles").GetInt32() >= 5);
        Assert.Contains("QuoteTotal", value.GetProperty("orderServiceMethods").EnumerateArray().Select(m => m.GetString()));
        Assert.True(value.GetProperty("quoteTotalLines").GetInt32() >= 3);
        Assert.Contains("Program/Main", value.GetProperty("callers").EnumerateArray().Select(c => c.GetString()));
        Assert.Contains("src/Shop/Services/OrderService.cs", value.GetProperty("repositoryCallFiles").EnumerateArray().Select(f => f.GetString()));
        Assert.Contains("project_overview", value.GetProperty("memories").EnumerateArray().Select(m => m.GetString()));
    }

    [Fact]
    public async Task AutomemDecisions_RecallsTheStoredDecisionFirst()
    {
        var value = await RunOfflineAsync("automem-decisions.js");

        Assert.All(value.GetProperty("stored").EnumerateArray(), id => Assert.True(Guid.TryParse(id.GetString(), out _)));
        Assert.True(value.GetProperty("recalledCount").GetInt32() >= 1);
        Assert.Contains("PostgreSQL", value.GetProperty("topMatch").GetString());
        Assert.Equal("healthy", value.GetProperty("healthy").GetString());
    }
}
