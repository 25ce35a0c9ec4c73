using CodeMode.Core.Configuration;

namespace CodeMode.Core.Tests.Configuration;

/// <summary><c>MCP_CLIENT_TIMEOUT</c> replaces every server's <c>timeoutMs</c>, held to the same range.</summary>
public sealed class ClientTimeoutOverrideTests
{
    private static readonly string TwoServers = ConfigJson.With(
        ("mcpServers.automem.timeoutMs", "30000"),
        ("mcpServers.serena", """{ "command": "serena", "timeoutMs": 5000 }"""));

    private static Dictionary<string, string> Environment(string value) =>
        new() { [RuntimesJsonLoader.ClientTimeoutVariable] = value };

    [Fact]
    public void Set_ReplacesEveryServersTimeout()
    {
        var config = ConfigJson.Load(TwoServers, Environment("12000"));

        Assert.All(config.McpServers.Values, server => Assert.Equal(12_000, server.TimeoutMs));
    }

    [Fact]
    public void Set_IsLogged()
    {
        var logger = new RecordingLogger();

        RuntimesJsonLoader.Load(TwoServers, "runtimes.json", Environment("12000").GetValueOrDefault, logger);

        var message = Assert.Single(logger.Messages);
        Assert.Contains("MCP_CLIENT_TIMEOUT=12000", message);
    }

    [Fact]
    public void Unset_KeepsEachServersTimeout()
    {
        var config = ConfigJson.Load(TwoServers);

        Assert.Equal(30_000, config.McpServers["automem"].TimeoutMs);
        Assert.Equal(5_000, config.McpServers["serena"].TimeoutMs);
    }

    [Fact]
    public void Empty_CountsAsUnset()
    {
        var config = ConfigJson.Load(TwoServers, Environment(""));

        Assert.Equal(5_000, config.McpServers["serena"].TimeoutMs);
    }

    [Fact]
    public void Set_ReplacesAnInvalidFileValue()
    {
        var config = ConfigJson.Load(ConfigJson.With(("mcpServers.automem.timeoutMs", "0")), Environment("1000"));

        Assert.Equal(1_000, config.McpServers["automem"].TimeoutMs);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("600001")]
    [InlineData("-1")]
    [InlineData("5s")]
    [InlineData("1.5")]
    [InlineData("99999999999")]
    public void Invalid_IsAnErrorNamingTheVariable(string value)
    {
        var error = Assert.Single(ConfigJson.Errors(TwoServers, Environment(value)));

        Assert.Equal("env:MCP_CLIENT_TIMEOUT", error.Path);
        Assert.Contains($"\"{value}\"", error.Message);
        Assert.Contains("from 1 to 600000, e.g. 30000, or unset it", error.Fix);
    }

    [Fact]
    public void Invalid_IsReportedAlongsideFileErrors()
    {
        var errors = ConfigJson.Errors(ConfigJson.With(("sandbox.poolSize", "0")), Environment("never"));

        Assert.Equal(["sandbox.poolSize", "env:MCP_CLIENT_TIMEOUT"], errors.Select(e => e.Path));
    }
}
