using System.Text.Json;
using CodeMode.Testing;

namespace CodeMode.Cli.Tests;

/// <summary><c>--mcp-config</c> on the commands, and start-up errors for required servers' missing variables.</summary>
public sealed class McpConfigOptionTests : IDisposable
{
    // A variable no machine sets, so "missing" is certain.
    private const string Unset = "CODEMODE_TEST_NEVER_SET_7F3A";

    private readonly TempDirectory _directory = new();

    private static async Task<(int Exit, string Out, string Err)> InvokeAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = await CodeModeCli.InvokeAsync(args, stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    // runtimes.json without servers of its own, so nothing but the --mcp-config file's servers is looked at.
    private string RuntimesWithoutServers() => ConfigFiles.Variant(_directory, root =>
    {
        root["mcpServers"] = new System.Text.Json.Nodes.JsonObject();
        foreach (var (_, runtime) in root["runtimes"]!.AsObject())
        {
            runtime!.AsObject().Remove("servers");
        }
    });

    private string McpFile(string json) => _directory.Write("claude_desktop_config.json", json);

    private string NeedsUnsetVariable(bool optional) => McpFile($$"""
        { "mcpServers": { "secret-api": { "command": "unused", "env": { "KEY": "${{{Unset}}}" }, "mock": "automem", "optional": {{(optional ? "true" : "false")}} } } }
        """);

    [Fact]
    public async Task Servers_RequiredServerMissingVariable_Exits2NamingServerAndVariable()
    {
        var (exit, stdout, stderr) = await InvokeAsync("servers", "--config", RuntimesWithoutServers(), "--mcp-config", NeedsUnsetVariable(optional: false));

        Assert.Equal(ExitCodes.UsageError, exit);
        Assert.Empty(stdout);
        Assert.Contains("CM7001 environment: mcpServers.secret_api:", stderr);
        Assert.Contains(Unset, stderr);
    }

    [Fact]
    public async Task Servers_OptionalServerMissingVariable_ShowsItServedByItsMockWithTheReason()
    {
        var (exit, stdout, stderr) = await InvokeAsync("servers", "--config", RuntimesWithoutServers(), "--mcp-config", NeedsUnsetVariable(optional: true));

        Assert.True(exit == 0, stderr);
        var server = Assert.Single(JsonDocument.Parse(stdout).RootElement.GetProperty("servers").EnumerateArray());
        Assert.Equal("secret_api", server.GetProperty("name").GetString());
        Assert.Equal("mock", server.GetProperty("state").GetString());
        Assert.Contains(Unset, server.GetProperty("lastError").GetString());
    }

    [Fact]
    public async Task Run_Offline_NeedsNoVariables()
    {
        var script = _directory.Write("hello.js", "'ok'");

        var (exit, stdout, stderr) = await InvokeAsync(
            "run", script, "--offline", "--config", RuntimesWithoutServers(), "--mcp-config", NeedsUnsetVariable(optional: false));

        Assert.True(exit == 0, stderr + stdout);
        Assert.Equal("succeeded", JsonDocument.Parse(stdout).RootElement.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Run_Online_RequiredServerMissingVariable_Exits2BeforeRunning()
    {
        var script = _directory.Write("hello.js", "'ok'");

        var (exit, stdout, stderr) = await InvokeAsync(
            "run", script, "--config", RuntimesWithoutServers(), "--mcp-config", NeedsUnsetVariable(optional: false));

        Assert.Equal(ExitCodes.UsageError, exit);
        Assert.Empty(stdout);
        Assert.Contains(Unset, stderr);
    }

    [Fact]
    public async Task Apis_McpConfigServerClashingWithRuntimesJson_Exits2NamingTheFileAndPath()
    {
        var file = McpFile("""{ "mcpServers": { "automem": { "command": "npx" } } }""");

        var (exit, _, stderr) = await InvokeAsync("apis", "--config", RepositoryPaths.RuntimesJson, "--mcp-config", file);

        Assert.Equal(ExitCodes.UsageError, exit);
        Assert.Contains($"CM7001 {file}: mcpServers.automem: server \"automem\" is already defined in runtimes.json", stderr);
    }

    [Fact]
    public async Task Apis_McpConfigWithMockedServer_PrintsItsDeclarationsAndWarnsAboutUnreadFields()
    {
        var file = McpFile("""{ "globalShortcut": "Ctrl+Space", "mcpServers": { "team-memory": { "command": "npx", "mock": "automem" } } }""");

        var (exit, stdout, stderr) = await InvokeAsync("apis", "--config", RepositoryPaths.RuntimesJson, "--mcp-config", file, "--server", "team_memory");

        Assert.True(exit == 0, stderr);
        Assert.Contains("declare const team_memory", stdout);
        Assert.Contains("codemode: warning:", stderr);
        Assert.Contains("\"globalShortcut\" is not read", stderr);
    }

    [Fact]
    public async Task Mcp_InvalidMcpConfig_Exits2()
    {
        var file = McpFile("""{ "mcpServers": { "x": { "type": "http" } } }""");

        var (exit, _, stderr) = await InvokeAsync("mcp", "--offline", "--config", RepositoryPaths.RuntimesJson, "--mcp-config", file);

        Assert.Equal(ExitCodes.UsageError, exit);
        Assert.Contains($"CM7001 {file}: mcpServers.x.url:", stderr);
    }

    [Fact]
    public async Task Serve_RequiredServerMissingVariable_Exits2BeforeListening()
    {
        var (exit, _, stderr) = await InvokeAsync(
            "serve", "--urls", "http://127.0.0.1:0", "--config", RuntimesWithoutServers(), "--mcp-config", NeedsUnsetVariable(optional: false));

        Assert.Equal(ExitCodes.UsageError, exit);
        Assert.Contains(Unset, stderr);
    }

    public void Dispose() => _directory.Dispose();
}
