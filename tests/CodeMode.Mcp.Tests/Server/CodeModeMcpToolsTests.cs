using System.IO.Pipelines;
using System.Text.Json;
using CodeMode.Abstractions.Execution;
using CodeMode.Mcp.Apis;
using CodeMode.Mcp.Server;
using CodeMode.Mocks;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace CodeMode.Mcp.Tests.Server;

/// <summary>The SDK client against CodeMode's MCP server (as on stdio), joined by in-memory pipes: no process, no port.</summary>
public sealed partial class CodeModeMcpToolsTests : IAsyncLifetime
{
    private readonly FakeScriptExecutor _executor = new();
    private readonly Pipe _clientToServer = new();
    private readonly Pipe _serverToClient = new();
    private readonly CancellationTokenSource _stop = new();
    private McpServer? _server;
    private Task? _serverRun;
    private McpClient? _client;

    private McpClient Client => _client!;

    public async Task InitializeAsync()
    {
        var catalog = new MockToolCatalog(MockServerRegistry.CreateDefault());
        var options = CodeModeMcpServer.CreateOptions(_executor, new ApiDeclarationGenerator(catalog), new ToolSearch(catalog), ["javascript", "node"], "test");
        _server = McpServer.Create(new StreamServerTransport(_clientToServer.Reader.AsStream(), _serverToClient.Writer.AsStream()), options);
        _serverRun = _server.RunAsync(_stop.Token);
        // The initialize handshake (2025-11-25) that today's stdio clients use; 2026-07-28 drops logging/setLevel.
        _client = await McpClient.CreateAsync(
            new StreamClientTransport(_clientToServer.Writer.AsStream(), _serverToClient.Reader.AsStream()),
            new McpClientOptions { ProtocolVersion = "2025-11-25" });
    }

    public async Task DisposeAsync()
    {
        await Client.DisposeAsync();
        await _stop.CancelAsync();
        try
        {
            await _serverRun!;
        }
        catch (OperationCanceledException)
        {
        }

        await _server!.DisposeAsync();
        _stop.Dispose();
    }

    [Fact]
    public async Task ListTools_OffersExecuteSearchDescribe_WithDescriptionsThatTeachEachRuntime()
    {
        var tools = await Client.ListToolsAsync();

        Assert.Equal(["describe", "execute", "search"], tools.Select(tool => tool.Name).Order().ToArray());
        var execute = tools.Single(tool => tool.Name == "execute");
        Assert.Contains("ECMAScript 5.1 only", execute.Description);
        Assert.Contains("await automem.recall_memory", execute.Description);
        Assert.Contains("helpscout: searchInboxes", execute.Description);
        var properties = execute.JsonSchema.GetProperty("properties");
        Assert.True(properties.TryGetProperty("runtime", out _));
        Assert.True(properties.TryGetProperty("code", out _));
    }

    [Fact]
    public async Task Execute_Succeeded_ReturnsScriptResultAsTextAndStructuredContent()
    {
        _executor.Result = new ScriptResult { Status = ScriptStatus.Succeeded, Value = JsonDocument.Parse("42").RootElement };

        var result = await Client.CallToolAsync("execute", new Dictionary<string, object?> { ["runtime"] = "javascript", ["code"] = "6*7" });

        Assert.NotEqual(true, result.IsError);
        Assert.Equal(new ExecutionRequest("javascript", "6*7", ClientId: "mcp"), _executor.LastRequest);
        var text = JsonDocument.Parse(Assert.IsType<TextContentBlock>(Assert.Single(result.Content)).Text).RootElement;
        Assert.Equal("succeeded", text.GetProperty("status").GetString());
        Assert.Equal(42, text.GetProperty("value").GetInt32());
        Assert.Equal("succeeded", result.StructuredContent!.Value.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Execute_ScriptFailed_IsErrorWithTheResult()
    {
        _executor.Result = new ScriptResult { Status = ScriptStatus.RuntimeError, Error = new ScriptError(ErrorCodes.UncaughtException, "Error: nope", 1, 1) };

        var result = await Client.CallToolAsync("execute", new Dictionary<string, object?> { ["runtime"] = "javascript", ["code"] = "throw new Error('nope')" });

        Assert.True(result.IsError);
        Assert.Equal("runtimeError", result.StructuredContent!.Value.GetProperty("status").GetString());
        Assert.Equal("CM2001", result.StructuredContent!.Value.GetProperty("error").GetProperty("code").GetString());
    }

    [Fact]
    public async Task Execute_RequestThatCannotRun_IsAnErrorNamingTheCode()
    {
        _executor.Rejection = new ExecutionRequestException(ErrorCodes.UnknownRuntime, "runtime", "Runtime 'cobol' is not configured.");

        var result = await Client.CallToolAsync("execute", new Dictionary<string, object?> { ["runtime"] = "cobol", ["code"] = "1" });

        Assert.True(result.IsError);
        Assert.Contains("CM6004", Assert.IsType<TextContentBlock>(Assert.Single(result.Content)).Text);
    }

    [Fact]
    public async Task Search_ReturnsRankedMatchesAsJson()
    {
        var result = await Client.CallToolAsync("search", new Dictionary<string, object?> { ["query"] = "conversation summary" });

        var matches = JsonDocument.Parse(Assert.IsType<TextContentBlock>(Assert.Single(result.Content)).Text).RootElement;
        Assert.Equal("getConversationSummary", matches[0].GetProperty("name").GetString());
        Assert.Equal("helpscout", matches[0].GetProperty("server").GetString());
    }

    [Fact]
    public async Task Describe_KnownTool_ReturnsItsDeclaration_UnknownIsAnError()
    {
        var found = await Client.CallToolAsync("describe", new Dictionary<string, object?> { ["server"] = "serena", ["tool"] = "find_symbol", ["lang"] = "js" });
        var missing = await Client.CallToolAsync("describe", new Dictionary<string, object?> { ["server"] = "serena", ["tool"] = "nope" });

        Assert.Contains("serena.find_symbol(input: {", Assert.IsType<TextContentBlock>(Assert.Single(found.Content)).Text);
        Assert.True(missing.IsError);
        Assert.Contains("CM6011", Assert.IsType<TextContentBlock>(Assert.Single(missing.Content)).Text);
    }
}
