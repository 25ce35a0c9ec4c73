using System.Text.Json;
using System.Threading.Channels;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

// logging/setLevel is deprecated from protocol 2026-07-28, which /mcp does not serve (it has no sessions); every
// revision /mcp serves has it.
#pragma warning disable MCP9005

namespace CodeMode.Server.Tests.Mcp;

/// <summary>
/// <c>logging/setLevel</c> over <c>/mcp</c> in each protocol revision whose sessions /mcp serves, the SDK client
/// pinned to it: a run below the level sends nothing, a run at it sends its message. Each execute streams its
/// message before its result, so the first message to arrive shows the one below the level was never sent.
/// </summary>
public sealed class McpHttpLoggingRevisionTests(McpHttpAppFactory factory) : IClassFixture<McpHttpAppFactory>
{
    [Theory]
    [InlineData("2024-11-05")] // the SDK sends its initialize over Streamable HTTP too, and /mcp serves it
    [InlineData("2025-03-26")]
    [InlineData("2025-06-18")]
    [InlineData("2025-11-25")]
    public async Task SetLevel_Warning_SendsTheFailedRun_NotTheSucceededOne(string revision)
    {
        await using var client = await factory.ConnectAsync(revision);
        Assert.Equal(revision, client.NegotiatedProtocolVersion);
        var messages = Channel.CreateUnbounded<LoggingMessageNotificationParams>();
        client.RegisterNotificationHandler(NotificationMethods.LoggingMessageNotification, (notification, _) =>
        {
            messages.Writer.TryWrite(notification.Params.Deserialize<LoggingMessageNotificationParams>(McpJsonUtilities.DefaultOptions)!);
            return ValueTask.CompletedTask;
        });

        await client.SetLoggingLevelAsync(LoggingLevel.Warning);
        await client.CallToolAsync("execute", new Dictionary<string, object?> { ["runtime"] = "javascript", ["code"] = "1 + 1" });
        await client.CallToolAsync("execute", new Dictionary<string, object?> { ["runtime"] = "javascript", ["code"] = "throw new Error('x')" });

        // A guard, not a measurement: a message that never comes fails the test instead of hanging the run.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var message = await messages.Reader.ReadAsync(timeout.Token);
        Assert.Equal(LoggingLevel.Warning, message.Level);
        Assert.Equal("runtimeError", message.Data.GetProperty("status").GetString());
    }
}
