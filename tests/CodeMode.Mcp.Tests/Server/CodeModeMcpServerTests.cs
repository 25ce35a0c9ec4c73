using System.Text.Json;
using System.Threading.Channels;
using CodeMode.Abstractions.Execution;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

// logging/setLevel is deprecated from protocol 2026-07-28 but is what today's clients negotiate; it is tested as served.
#pragma warning disable MCP9005

namespace CodeMode.Mcp.Tests.Server;

/// <summary>Resources, the prompt and logging of CodeMode's MCP server, through the SDK client over in-memory pipes.</summary>
public sealed partial class CodeModeMcpToolsTests
{
    [Fact]
    public async Task ListResources_OneDeclarationPerServerAndForm_AsTextPlain()
    {
        var resources = await Client.ListResourcesAsync();

        var uris = resources.Select(resource => resource.Uri).ToHashSet();
        foreach (var server in new[] { "automem", "serena", "helpscout" })
        {
            Assert.Contains($"codemode://apis/{server}.d.ts", uris);
            Assert.Contains($"codemode://apis/{server}.es5.js", uris);
            Assert.Contains($"codemode://apis/{server}.cs", uris);
        }

        Assert.Equal(9, resources.Count);
        Assert.All(resources, resource => Assert.Equal("text/plain", resource.MimeType));
    }

    [Theory]
    [InlineData("codemode://apis/automem.d.ts", "declare const automem")]
    [InlineData("codemode://apis/serena.es5.js", "serena.find_symbol(input: {")]
    [InlineData("codemode://apis/helpscout.cs", "static class helpscout")]
    public async Task ReadResource_ReturnsTheServersFullDeclarations(string uri, string expected)
    {
        var result = await Client.ReadResourceAsync(uri);

        var text = Assert.IsType<TextResourceContents>(Assert.Single(result.Contents));
        Assert.Equal(uri, text.Uri);
        Assert.Equal("text/plain", text.MimeType);
        Assert.Contains(expected, text.Text);
    }

    [Theory]
    [InlineData("codemode://apis/nobody.d.ts")]
    [InlineData("codemode://apis/automem.py")]
    [InlineData("file:///etc/passwd")]
    public async Task ReadResource_Unknown_IsResourceNotFound(string uri)
    {
        var error = await Assert.ThrowsAsync<McpProtocolException>(() => Client.ReadResourceAsync(uri).AsTask());

        Assert.Equal(McpErrorCode.ResourceNotFound, error.ErrorCode);
    }

    [Fact]
    public async Task Prompts_CodeMode_CarriesTheInstructions_ForOneRuntimeWhenAsked()
    {
        var prompt = Assert.Single(await Client.ListPromptsAsync());
        var all = await Client.GetPromptAsync("code-mode");
        var javascriptOnly = await Client.GetPromptAsync("code-mode", new Dictionary<string, object?> { ["runtime"] = "javascript" });

        Assert.Equal("code-mode", prompt.Name);
        Assert.Equal("runtime", Assert.Single(prompt.ProtocolPrompt.Arguments!).Name);
        var allText = Assert.IsType<TextContentBlock>(Assert.Single(all.Messages).Content).Text;
        Assert.Contains("ECMAScript 5.1 only", allText);
        Assert.Contains("- node: modern JavaScript", allText);
        Assert.Contains("helpscout: searchInboxes", allText);
        var javascriptText = Assert.IsType<TextContentBlock>(Assert.Single(javascriptOnly.Messages).Content).Text;
        Assert.Contains("ECMAScript 5.1 only", javascriptText);
        Assert.DoesNotContain("- node:", javascriptText);
    }

    [Fact]
    public async Task Prompts_UnknownRuntime_IsInvalidParams()
    {
        var error = await Assert.ThrowsAsync<McpProtocolException>(() =>
            Client.GetPromptAsync("code-mode", new Dictionary<string, object?> { ["runtime"] = "cobol" }).AsTask());

        Assert.Equal(McpErrorCode.InvalidParams, error.ErrorCode);
        Assert.Contains("javascript, node", error.Message);
    }

    [Fact]
    public async Task Complete_PromptRuntimeArgument_OffersTheRuntimes_OtherwiseNothing()
    {
        var runtimes = await Client.CompleteAsync(new PromptReference { Name = "code-mode" }, "runtime", "ja");
        var other = await Client.CompleteAsync(new PromptReference { Name = "something-else" }, "runtime", "ja");

        Assert.Equal(["javascript"], runtimes.Completion.Values);
        Assert.Empty(other.Completion.Values);
    }

    [Fact]
    public async Task Logging_AtInfo_EachExecuteSendsOneMessageWithItsStatus()
    {
        var messages = ReceiveLogMessages();
        await Client.SetLoggingLevelAsync(LoggingLevel.Info);
        _executor.Result = new ScriptResult { Status = ScriptStatus.Succeeded };

        await Client.CallToolAsync("execute", new Dictionary<string, object?> { ["runtime"] = "javascript", ["code"] = "1" });

        var message = await messages.ReadAsync();
        Assert.Equal(LoggingLevel.Info, message.Level);
        Assert.Equal("codemode.execute", message.Logger);
        Assert.Equal("succeeded", message.Data.GetProperty("status").GetString());
        Assert.Equal("javascript", message.Data.GetProperty("runtime").GetString());
    }

    [Fact]
    public async Task Logging_AtError_OnlyHostFailuresAreSent()
    {
        var messages = ReceiveLogMessages();
        await Client.SetLoggingLevelAsync(LoggingLevel.Error);

        _executor.Result = new ScriptResult { Status = ScriptStatus.RuntimeError, Error = new ScriptError(ErrorCodes.UncaughtException, "Error: x", 1, 1) };
        await Client.CallToolAsync("execute", new Dictionary<string, object?> { ["runtime"] = "javascript", ["code"] = "throw 1" });
        _executor.Result = new ScriptResult { Status = ScriptStatus.InternalError, Error = new ScriptError(ErrorCodes.InternalError, "boom", null, null) };
        await Client.CallToolAsync("execute", new Dictionary<string, object?> { ["runtime"] = "javascript", ["code"] = "1" });

        // The warning of the first run was never sent, so the first message to arrive is the second run's.
        var message = await messages.ReadAsync();
        Assert.Equal(LoggingLevel.Error, message.Level);
        Assert.Equal("internalError", message.Data.GetProperty("status").GetString());
        Assert.Equal(ErrorCodes.InternalError, message.Data.GetProperty("code").GetString());
    }

    private ChannelReader<LoggingMessageNotificationParams> ReceiveLogMessages()
    {
        var messages = Channel.CreateUnbounded<LoggingMessageNotificationParams>();
        Client.RegisterNotificationHandler(NotificationMethods.LoggingMessageNotification, (notification, _) =>
        {
            messages.Writer.TryWrite(notification.Params.Deserialize<LoggingMessageNotificationParams>(McpJsonUtilities.DefaultOptions)!);
            return ValueTask.CompletedTask;
        });
        return messages.Reader;
    }
}
