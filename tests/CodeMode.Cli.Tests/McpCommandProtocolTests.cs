using System.Text.Json;
using System.Threading.Channels;
using CodeMode.Testing;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

// logging/setLevel is deprecated from protocol 2026-07-28 but is what today's clients negotiate; it is tested as served.
#pragma warning disable MCP9005

namespace CodeMode.Cli.Tests;

/// <summary>Resources, the prompt and logging of a real <c>codemode mcp --offline</c> process, with the 2025-11-25 handshake.</summary>
public sealed class McpCommandProtocolTests
{
    [Fact]
    public async Task Mcp_OverStdio_ServesResourcesThePromptAndALogMessagePerExecute()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await using var client = await McpClient.CreateAsync(
            new StdioClientTransport(new StdioClientTransportOptions
            {
                Name = "codemode",
                Command = "dotnet",
                Arguments = [Path.Combine(AppContext.BaseDirectory, "codemode.dll"), "mcp", "--offline", "--config", RepositoryPaths.RuntimesJson],
            }),
            new McpClientOptions { ProtocolVersion = "2025-11-25" },
            cancellationToken: timeout.Token);
        var messages = Channel.CreateUnbounded<LoggingMessageNotificationParams>();
        client.RegisterNotificationHandler(NotificationMethods.LoggingMessageNotification, (notification, _) =>
        {
            messages.Writer.TryWrite(notification.Params.Deserialize<LoggingMessageNotificationParams>(McpJsonUtilities.DefaultOptions)!);
            return ValueTask.CompletedTask;
        });

        var resources = await client.ListResourcesAsync(cancellationToken: timeout.Token);
        var declaration = await client.ReadResourceAsync("codemode://apis/automem.d.ts", cancellationToken: timeout.Token);
        var prompt = await client.GetPromptAsync("code-mode", cancellationToken: timeout.Token);
        await client.SetLoggingLevelAsync(LoggingLevel.Warning, cancellationToken: timeout.Token);
        await client.CallToolAsync("execute", new Dictionary<string, object?> { ["runtime"] = "javascript", ["code"] = "1" }, cancellationToken: timeout.Token);
        await client.CallToolAsync("execute", new Dictionary<string, object?> { ["runtime"] = "javascript", ["code"] = "throw new Error('x')" }, cancellationToken: timeout.Token);

        Assert.Equal(9, resources.Count);
        Assert.Contains("declare const automem", Assert.IsType<TextResourceContents>(Assert.Single(declaration.Contents)).Text);
        Assert.Contains("ECMAScript 5.1 only", Assert.IsType<TextContentBlock>(Assert.Single(prompt.Messages).Content).Text);
        // At warning, the succeeded run (info) sends nothing: the first message is the failed run's.
        var message = await messages.Reader.ReadAsync(timeout.Token);
        Assert.Equal(LoggingLevel.Warning, message.Level);
        Assert.Equal("runtimeError", message.Data.GetProperty("status").GetString());
    }
}
