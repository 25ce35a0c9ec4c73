using CodeMode.Core.Configuration;
using CodeMode.Testing;

namespace CodeMode.Core.Tests.Configuration;

/// <summary>
/// <c>--mcp-config</c>: a Claude Desktop / Claude Code server file merged into runtimes.json's <c>mcpServers</c>, checked by
/// the same rules, its errors naming that file and the JSON path in it.
/// </summary>
public sealed class McpConfigFileTests
{
    private const string McpFile = "claude_desktop_config.json";

    private static CodeModeConfig Load(string mcpJson, string? runtimesJson = null, RecordingLogger? logger = null) =>
        RuntimesJsonLoader.Load(runtimesJson ?? ConfigJson.Minimal, "runtimes.json", _ => null, logger, new McpConfigDocument(mcpJson, McpFile));

    private static ConfigurationException Invalid(string mcpJson, string? runtimesJson = null) =>
        Assert.Throws<ConfigurationException>(() => Load(mcpJson, runtimesJson));

    [Fact]
    public void ClaudeDesktopFile_ServersJoinAfterRuntimesJsonsOwn_NamesSanitised()
    {
        var config = Load("""
            {
              "mcpServers": {
                "brave-search": { "command": "npx", "args": ["-y", "@modelcontextprotocol/server-brave-search"], "env": { "BRAVE_API_KEY": "${BRAVE_API_KEY}" } }
              }
            }
            """);

        Assert.Equal(["automem", "brave_search"], config.McpServers.Keys);
        Assert.Equal("npx", config.McpServers["brave_search"].Command);
        Assert.Equal("${BRAVE_API_KEY}", config.McpServers["brave_search"].Env["BRAVE_API_KEY"]);
    }

    [Fact]
    public void ClaudeCodeFile_TypedEntriesAreRead()
    {
        var config = Load("""
            {
              "mcpServers": {
                "local": { "type": "stdio", "command": "node", "args": ["server.js"] },
                "remote": { "type": "http", "url": "https://mcp.example.com/mcp", "headers": { "Authorization": "Bearer ${TOKEN}" } },
                "legacy": { "type": "sse", "url": "https://mcp.example.com/sse" }
              }
            }
            """);

        Assert.Equal("stdio", config.McpServers["local"].Type);
        Assert.Equal("https://mcp.example.com/mcp", config.McpServers["remote"].Url);
        Assert.Equal("sse", config.McpServers["legacy"].Type);
    }

    [Fact]
    public void NameAlsoInRuntimesJson_IsAnErrorInTheMcpFile()
    {
        var exception = Invalid("""{ "mcpServers": { "automem": { "command": "other" } } }""");

        var error = Assert.Single(exception.Errors);
        Assert.Equal("mcpServers.automem", error.Path);
        Assert.Equal(McpFile, error.Source);
        Assert.Contains("already defined in runtimes.json", error.Message);
        Assert.StartsWith($"CM7001 {McpFile}: mcpServers.automem:", exception.Message);
    }

    [Fact]
    public void NameBecomingTheSameIdentifierAsOneInRuntimesJson_IsAnErrorInTheMcpFile()
    {
        var runtimes = ConfigJson.With(("mcpServers.my_server", """{ "command": "npx" }"""));

        var error = Assert.Single(Invalid("""{ "mcpServers": { "my-server": { "command": "node" } } }""", runtimes).Errors);

        Assert.Equal("mcpServers[\"my-server\"]", error.Path);
        Assert.Equal(McpFile, error.Source);
    }

    [Fact]
    public void ErrorsInBothFiles_AreListedTogether_RuntimesJsonFirst_EachNamingItsFile()
    {
        var runtimes = ConfigJson.With(("runtimes.javascript.timeout", "0"));

        var exception = Invalid("""{ "mcpServers": { "remote": { "type": "http" }, "local": { "command": "npx", "comand": "x" } } }""", runtimes);

        Assert.Equal(
            [("runtimes.javascript.timeout", null), ("mcpServers.remote.url", McpFile), ("mcpServers.local.comand", McpFile)],
            exception.Errors.Select(error => (error.Path, error.Source)));
        var lines = exception.Message.Split('\n');
        Assert.StartsWith("CM7001 runtimes.json: runtimes.javascript.timeout:", lines[0]);
        Assert.StartsWith($"CM7001 {McpFile}: mcpServers.remote.url:", lines[1]);
    }

    [Fact]
    public void RuntimeWithoutServersList_CallsOnlyRuntimesJsonServers_ListingAnImportedServerGrantsIt()
    {
        var runtimes = ConfigJson.With(
            ("runtimes.javascript.servers", null),
            ("runtimes.csharp", """{ "language": "csharp", "engine": "roslyn", "servers": ["automem", "brave-search"] }"""));

        var config = Load("""{ "mcpServers": { "brave-search": { "command": "npx" } } }""", runtimes);

        Assert.Equal(["automem"], config.Runtimes["javascript"].Servers);
        Assert.Equal(["automem", "brave_search"], config.Runtimes["csharp"].Servers);
    }

    [Fact]
    public void RuntimesJsonListingAnImportedServer_WithoutTheMcpFile_IsAnUnknownServer()
    {
        var runtimes = ConfigJson.With(("runtimes.javascript.servers", """["automem", "github"]"""));

        var error = Assert.Single(ConfigJson.Errors(runtimes));

        Assert.Equal("runtimes.javascript.servers[1]", error.Path);
    }

    [Fact]
    public void Disabled_IsReadAsTheOppositeOfEnabled()
    {
        var config = Load("""{ "mcpServers": { "off": { "command": "npx", "disabled": true }, "on": { "command": "npx", "disabled": false } } }""");

        Assert.False(config.McpServers["off"].Enabled);
        Assert.True(config.McpServers["on"].Enabled);
    }

    [Fact]
    public void DisabledContradictingEnabled_IsAnError()
    {
        var error = Assert.Single(Invalid("""{ "mcpServers": { "x": { "command": "npx", "disabled": true, "enabled": true } } }""").Errors);

        Assert.Equal("mcpServers.x.disabled", error.Path);
        Assert.Contains("contradict", error.Message);
    }

    [Fact]
    public void Timeout_IsRejectedPointingAtTimeoutMs()
    {
        var error = Assert.Single(Invalid("""{ "mcpServers": { "x": { "command": "npx", "timeout": 60 } } }""").Errors);

        Assert.Equal("mcpServers.x.timeout", error.Path);
        Assert.Equal(McpFile, error.Source);
        Assert.Contains("timeoutMs", error.Fix);
    }

    [Fact]
    public void ApprovalListsAndAppSettings_AreAcceptedAndEachNotedAsNotRead()
    {
        var logger = new RecordingLogger();

        var config = Load("""
            {
              "globalShortcut": "Ctrl+Space",
              "mcpServers": { "x": { "command": "npx", "autoApprove": ["read"], "alwaysAllow": [] } }
            }
            """, logger: logger);

        Assert.True(config.McpServers.ContainsKey("x"));
        Assert.Equal(3, logger.Messages.Count);
        Assert.Contains(logger.Messages, message => message.Contains("\"globalShortcut\" is not read") && message.StartsWith(McpFile));
        Assert.Contains(logger.Messages, message => message.Contains("mcpServers.x.autoApprove is not read"));
        Assert.Contains(logger.Messages, message => message.Contains("mcpServers.x.alwaysAllow is not read"));
    }

    [Fact]
    public void CodeModeFields_AreAllowedInTheMcpFileToo()
    {
        var config = Load("""{ "mcpServers": { "x": { "command": "npx", "mock": "serena", "optional": true, "timeoutMs": 5000 } } }""");

        Assert.Equal("serena", config.McpServers["x"].Mock);
        Assert.True(config.McpServers["x"].Optional);
        Assert.Equal(5000, config.McpServers["x"].TimeoutMs);
    }

    [Theory]
    [InlineData("""{ "servers": {} }""", "mcpServers")]
    [InlineData("""[1, 2]""", "$")]
    [InlineData("""{ "mcpServers": { "x": { "command": "npx" } """, "$")]
    [InlineData("""{ "mcpServers": [] }""", "mcpServers")]
    public void NotAServerFile_IsAnErrorInTheMcpFile(string json, string path)
    {
        var error = Assert.Single(Invalid(json).Errors);

        Assert.Equal(path, error.Path);
        Assert.Equal(McpFile, error.Source);
    }

    [Fact]
    public void LoadFile_McpFileMissing_NamesItAndTheOption()
    {
        using var directory = new TempDirectory();
        var runtimes = directory.Write("runtimes.json", ConfigJson.Minimal);
        var missing = Path.Combine(directory.Path, "nope.json");

        var exception = Assert.Throws<ConfigurationException>(() => RuntimesJsonLoader.LoadFile(runtimes, _ => null, mcpConfigPath: missing));

        Assert.Equal(missing, exception.SourceName);
        Assert.Contains("--mcp-config", Assert.Single(exception.Errors).Fix);
    }

    [Fact]
    public void McpClientTimeout_AppliesToImportedServersToo()
    {
        var config = RuntimesJsonLoader.Load(
            ConfigJson.Minimal, "runtimes.json", name => name == RuntimesJsonLoader.ClientTimeoutVariable ? "7000" : null, null,
            new McpConfigDocument("""{ "mcpServers": { "x": { "command": "npx" } } }""", McpFile));

        Assert.Equal(7000, config.McpServers["x"].TimeoutMs);
    }
}
