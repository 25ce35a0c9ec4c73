namespace CodeMode.Core.Tests.Configuration;

/// <summary>The <c>server.mcp*</c> settings of <c>/mcp</c>: session idle time, session cap, allowed origins.</summary>
public sealed class McpHostSettingsRulesTests
{
    [Fact]
    public void Defaults_AreTenMinutesAHundredSessionsAndNoExtraOrigin()
    {
        var server = ConfigJson.Load(ConfigJson.With()).Server;

        Assert.Equal(600, server.McpSessionIdleSeconds);
        Assert.Equal(100, server.McpMaxSessions);
        Assert.Empty(server.McpAllowedOrigins);
    }

    [Theory]
    [InlineData("server.mcpSessionIdleSeconds", "0", "seconds from 1 to 86400")]
    [InlineData("server.mcpSessionIdleSeconds", "86401", "seconds from 1 to 86400")]
    [InlineData("server.mcpMaxSessions", "0", "sessions from 1 to 10000")]
    [InlineData("server.mcpMaxSessions", "10001", "sessions from 1 to 10000")]
    public void Setting_OutOfRange_IsRejectedWithTheRange(string path, string value, string fix)
    {
        ConfigJson.SingleError(ConfigJson.With((path, value)), path, fix);
    }

    [Theory]
    [InlineData("https://app.example.com")]
    [InlineData("http://localhost:3000")]
    public void AllowedOrigin_SchemeHostPort_IsAccepted(string origin)
    {
        var server = ConfigJson.Load(ConfigJson.With(("server.mcpAllowedOrigins", $"[\"{origin}\"]"))).Server;

        Assert.Equal([origin], server.McpAllowedOrigins);
    }

    [Theory]
    [InlineData("app.example.com")]
    [InlineData("https://app.example.com/")]
    [InlineData("https://app.example.com/path")]
    [InlineData("ftp://app.example.com")]
    public void AllowedOrigin_NotAnOrigin_IsRejectedAtItsIndex(string origin)
    {
        var error = ConfigJson.SingleError(ConfigJson.With(("server.mcpAllowedOrigins", $"[\"{origin}\"]")), "server.mcpAllowedOrigins[0]", "scheme://host[:port]");

        Assert.Contains("is not an origin", error.Message);
    }
}
