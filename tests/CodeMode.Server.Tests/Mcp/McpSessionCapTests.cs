namespace CodeMode.Server.Tests.Mcp;

/// <summary><c>server.mcpMaxSessions</c>: a full store ends its longest-idle session to admit a new one.</summary>
public sealed class McpSessionCapTests(McpSessionCapAppFactory factory) : IClassFixture<McpSessionCapAppFactory>
{
    [Fact]
    public async Task NewSession_WhenFull_EndsTheLongestIdleOne()
    {
        var client = factory.CreateClient();
        var oldest = await client.StartSessionAsync();
        factory.Clock.Advance(TimeSpan.FromSeconds(1));
        var middle = await client.StartSessionAsync();
        factory.Clock.Advance(TimeSpan.FromSeconds(1));

        var newest = await client.StartSessionAsync();
        using var oldestTools = await client.ListToolsAsync(oldest);
        using var middleTools = await client.ListToolsAsync(middle);
        using var newestTools = await client.ListToolsAsync(newest);

        Assert.Equal(404, (int)oldestTools.StatusCode);
        Assert.Equal(200, (int)middleTools.StatusCode);
        Assert.Equal(200, (int)newestTools.StatusCode);
    }
}
