using CodeMode.Core.Configuration;

namespace CodeMode.Core.Tests.Configuration;

/// <summary>The runtimes.json the repository ships must load.</summary>
public sealed class RepositoryRuntimesJsonTests
{
    [Fact]
    public void RootRuntimesJson_IsValid()
    {
        var config = RuntimesJsonLoader.LoadFile(Path.Combine(RepositoryRoot.Path, "runtimes.json"), _ => null);

        Assert.Equal(["javascript", "csharp"], config.Runtimes.Keys);
        Assert.Equal(["automem", "serena", "helpscout"], config.McpServers.Keys);

        var javascript = config.Runtimes["javascript"].ToExecutionLimits();
        Assert.Equal(5_000, javascript.TimeoutMs);
        Assert.Equal(64L * 1024 * 1024, javascript.MemoryLimitBytes);
        Assert.Equal(["eval", "Function"], config.Runtimes["javascript"].DeniedOperations);
        Assert.Equal(256L * 1024 * 1024, config.Runtimes["csharp"].ToExecutionLimits().MemoryLimitBytes);

        Assert.All(config.McpServers, server =>
        {
            Assert.Equal(server.Key, server.Value.Mock);
            Assert.Equal(100, server.Value.RateLimitPerMinute);
            Assert.Equal(30_000, server.Value.TimeoutMs);
        });
        Assert.Equal("npx", config.McpServers["automem"].Command);
        Assert.Equal(["-y", "@verygoodplugins/mcp-automem"], config.McpServers["automem"].Args);
        Assert.Equal(["help-scout-mcp-server"], config.McpServers["helpscout"].Args);
    }
}
