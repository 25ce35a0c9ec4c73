using System.Text.Json;
using System.Threading.Channels;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

// logging/setLevel is deprecated from protocol 2026-07-28 but is what today's clients negotiate; it is tested as served.
#pragma warning disable MCP9005

namespace CodeMode.Server.Tests.Mcp;

/// <summary>The SDK client (Streamable HTTP) against <c>/mcp</c> of the real host in memory: real workers, offline mocks.</summary>
public sealed class McpHttpClientTests(McpHttpAppFactory factory) : IClassFixture<McpHttpAppFactory>
{
    [Fact]
    public async Task Connect_OffersToolsResourcesAndThePrompt()
    {
        await using var client = await factory.ConnectAsync();

        var tools = await client.ListToolsAsync();
        var resources = await client.ListResourcesAsync();
        var prompts = await client.ListPromptsAsync();

        Assert.Equal("codemode", client.ServerInfo?.Name);
        Assert.False(string.IsNullOrEmpty(client.SessionId));
        Assert.Equal(["describe", "execute", "search"], tools.Select(tool => tool.Name).Order().ToArray());
        Assert.Contains(resources, resource => resource.Uri == "codemode://apis/automem.d.ts" && resource.MimeType == "text/plain");
        Assert.Equal("code-mode", Assert.Single(prompts).Name);
    }

    [Fact]
    public async Task Execute_RunsTheScriptInASandbox_AndAFailedScriptIsAnError()
    {
        await using var client = await factory.ConnectAsync();

        var succeeded = await client.CallToolAsync("execute", new Dictionary<string, object?>
        {
            ["runtime"] = "javascript",
            ["code"] = "var r = automem.store_memory({ content: 'over http' }); 6 * 7",
        });
        var failed = await client.CallToolAsync("execute", new Dictionary<string, object?> { ["runtime"] = "javascript", ["code"] = "throw new Error('nope')" });

        Assert.NotEqual(true, succeeded.IsError);
        Assert.Equal(42, succeeded.StructuredContent!.Value.GetProperty("value").GetInt32());
        var call = succeeded.StructuredContent!.Value.GetProperty("toolCalls")[0];
        Assert.Equal("store_memory", call.GetProperty("tool").GetString());
        Assert.Equal("mock", call.GetProperty("source").GetString());
        Assert.True(failed.IsError);
        Assert.Equal("runtimeError", failed.StructuredContent!.Value.GetProperty("status").GetString());
    }

    [Fact]
    public async Task SearchDescribeAndResources_AnswerOverHttp_AnUnknownToolIsAnError()
    {
        await using var client = await factory.ConnectAsync();

        var search = await client.CallToolAsync("search", new Dictionary<string, object?> { ["query"] = "conversation summary" });
        var describe = await client.CallToolAsync("describe", new Dictionary<string, object?> { ["server"] = "automem", ["tool"] = "store_memory", ["lang"] = "js" });
        var unknown = await client.CallToolAsync("describe", new Dictionary<string, object?> { ["server"] = "automem", ["tool"] = "nope" });
        var resource = await client.ReadResourceAsync("codemode://apis/serena.es5.js");
        var prompt = await client.GetPromptAsync("code-mode", new Dictionary<string, object?> { ["runtime"] = "javascript" });

        var matches = JsonDocument.Parse(Assert.IsType<TextContentBlock>(Assert.Single(search.Content)).Text).RootElement;
        Assert.Equal("getConversationSummary", matches[0].GetProperty("name").GetString());
        Assert.Contains("automem.store_memory(input", Assert.IsType<TextContentBlock>(Assert.Single(describe.Content)).Text);
        Assert.True(unknown.IsError);
        Assert.Contains("CM6011", Assert.IsType<TextContentBlock>(Assert.Single(unknown.Content)).Text);
        Assert.Contains("serena.find_symbol(", Assert.IsType<TextResourceContents>(Assert.Single(resource.Contents)).Text);
        Assert.Contains("ECMAScript 5.1 only", Assert.IsType<TextContentBlock>(Assert.Single(prompt.Messages).Content).Text);
    }

    [Fact]
    public async Task Logging_SetLevel_EachExecuteStreamsAMessageBeforeItsResult()
    {
        await using var client = await factory.ConnectAsync();
        var messages = Channel.CreateUnbounded<LoggingMessageNotificationParams>();
        client.RegisterNotificationHandler(NotificationMethods.LoggingMessageNotification, (notification, _) =>
        {
            messages.Writer.TryWrite(notification.Params.Deserialize<LoggingMessageNotificationParams>(McpJsonUtilities.DefaultOptions)!);
            return ValueTask.CompletedTask;
        });

        await client.SetLoggingLevelAsync(LoggingLevel.Info);
        await client.CallToolAsync("execute", new Dictionary<string, object?> { ["runtime"] = "javascript", ["code"] = "1 + 1" });

        var message = await messages.Reader.ReadAsync();
        Assert.Equal(LoggingLevel.Info, message.Level);
        Assert.Equal("succeeded", message.Data.GetProperty("status").GetString());
    }

    [Fact]
    public async Task ClientPreferring2026_FallsBackToTheInitializeHandshake()
    {
        await using var client = await factory.ConnectAsync(protocolVersion: null);

        var tools = await client.ListToolsAsync();

        Assert.Equal("2025-11-25", client.NegotiatedProtocolVersion);
        Assert.False(string.IsNullOrEmpty(client.SessionId));
        Assert.Equal(3, tools.Count);
    }

    [Fact]
    public async Task TwoClients_HaveTheirOwnSessions_EndingOneLeavesTheOther()
    {
        var first = await factory.ConnectAsync();
        await using var second = await factory.ConnectAsync();

        Assert.NotEqual(first.SessionId, second.SessionId);
        await first.DisposeAsync();
        var tools = await second.ListToolsAsync();

        Assert.Equal(3, tools.Count);
    }
}
