using System.Text.Json;
using CodeMode.Cli;

namespace CodeMode.Mocks.Tests.Hosting;

/// <summary>The MCP face of the mocks over in-memory pipes (no process), and the <c>codemode mock</c> command's usage errors.</summary>
public sealed class MockMcpServerTests
{
    private static readonly DateTimeOffset Epoch = new(2026, 8, 20, 9, 14, 3, TimeSpan.Zero);

    [Fact]
    public async Task SameSeed_TwoFreshRegistries_AnswerIdenticallyOverMcp()
    {
        await using var first = await McpMockClients.ConnectInMemoryAsync(MockServerRegistry.CreateDefault(new FixedTimeProvider(Epoch)).Get("helpscout"));
        await using var second = await McpMockClients.ConnectInMemoryAsync(MockServerRegistry.CreateDefault(new FixedTimeProvider(Epoch)).Get("helpscout"));

        foreach (var (tool, arguments) in new[] { ("searchConversations", """{"limit":50}"""), ("listCustomers", "{}"), ("listOrganizations", "{}") })
        {
            var a = (await first.Client.CallAsync(tool, arguments)).Ok(tool).Text();
            var b = (await second.Client.CallAsync(tool, arguments)).Ok(tool).Text();
            Assert.Equal(a, b);
            Assert.NotEmpty(JsonElement.Parse(a).GetProperty("results").EnumerateArray());
        }
    }

    [Fact]
    public async Task CallTool_ReturnsStructuredContentAndTheErrorFlag()
    {
        await using var connection = await McpMockClients.ConnectInMemoryAsync(MockServerRegistry.CreateDefault(new FixedTimeProvider(Epoch)).Get("automem"));

        var stored = (await connection.Client.CallAsync("store_memory", """{"content":"Pipes need no process.","tags":["pipes"]}""")).Ok("store_memory");
        Assert.Null(stored.IsError);
        Assert.True(Guid.TryParse(stored.StructuredContent!.Value.GetProperty("memory_id").GetString(), out _));
        Assert.StartsWith("Memory stored successfully!", stored.Text());

        var missing = (await connection.Client.CallAsync("update_memory", "{}")).Error("update_memory");
        Assert.Contains("memory_id", missing.Text());

        var unknown = (await connection.Client.CallAsync("no_such_tool")).Error("no_such_tool");
        Assert.Contains("no_such_tool", unknown.Text());
    }

    [Fact]
    public async Task MockCommand_UnknownName_Exits2AndListsTheMocks()
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var exit = await CodeModeCli.InvokeAsync(["mock", "github"], stdout, stderr);

        Assert.Equal(ExitCodes.UsageError, exit);
        Assert.Empty(stdout.ToString());
        Assert.Contains("automem, helpscout, serena", stderr.ToString());
    }
}
