using System.Text.Json;
using CodeMode.Abstractions.Tools;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace CodeMode.Mocks.Hosting;

/// <summary>
/// Serves one <see cref="IMockServer"/> over MCP with the official SDK: tools/list answers the mock's definitions
/// verbatim (names, descriptions, schemas, annotations), tools/call delegates to <see cref="IMockServer.CallAsync"/>.
/// The same options drive the stdio host (<see cref="MockStdioServer"/>) and in-memory test pipes, so there is one
/// implementation behind both.
/// </summary>
public static class MockMcpServer
{
    /// <summary>The server options for <paramref name="mock"/>: its name as server info, and the two tool handlers.</summary>
    public static McpServerOptions CreateOptions(IMockServer mock)
    {
        ArgumentNullException.ThrowIfNull(mock);
        var options = new McpServerOptions();
        Configure(options, mock);
        return options;
    }

    /// <summary>Fills <paramref name="options"/> for <paramref name="mock"/>: server info, protocol revision, and the tools/list and tools/call handlers.</summary>
    public static void Configure(McpServerOptions options, IMockServer mock)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(mock);
        options.ServerInfo = new Implementation { Name = mock.Name, Version = MockVersion };
        options.ProtocolVersion = ProtocolVersion;
        var handlers = options.Handlers;

        // Built once: the definitions never change, and every client sees the same list.
        var tools = mock.Tools.Select(ToProtocolTool).ToList();
        handlers.ListToolsHandler = (_, _) => ValueTask.FromResult(new ListToolsResult { Tools = tools });
        handlers.CallToolHandler = async (request, cancellationToken) =>
        {
            var parameters = request.Params ?? throw new McpProtocolException("tools/call needs params.", McpErrorCode.InvalidParams);
            var arguments = parameters.Arguments is null
                ? default
                : JsonSerializer.SerializeToElement(parameters.Arguments, McpJsonUtilities.DefaultOptions);
            var result = await mock.CallAsync(parameters.Name, arguments, cancellationToken);
            return ToCallToolResult(result);
        };
    }

    /// <summary>One tool of the definitions as the protocol carries it.</summary>
    public static Tool ToProtocolTool(ToolDescriptor descriptor)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        return new Tool
        {
            Name = descriptor.Name,
            Title = descriptor.Annotations?.Title,
            Description = descriptor.Description,
            InputSchema = descriptor.InputSchema,
            OutputSchema = descriptor.OutputSchema,
            Annotations = descriptor.Annotations is { } annotations
                ? new ModelContextProtocol.Protocol.ToolAnnotations
                {
                    Title = annotations.Title,
                    ReadOnlyHint = annotations.ReadOnlyHint,
                    DestructiveHint = annotations.DestructiveHint,
                    IdempotentHint = annotations.IdempotentHint,
                    OpenWorldHint = annotations.OpenWorldHint,
                }
                : null,
        };
    }

    /// <summary>A mock's answer as tools/call returns it: the content blocks, structuredContent and the error flag.</summary>
    public static CallToolResult ToCallToolResult(ToolResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new CallToolResult
        {
            Content = [.. result.Content.Select(ToContentBlock)],
            StructuredContent = result.StructuredContent,
            // Null on success, as the real servers leave the flag out.
            IsError = result.IsError ? true : null,
        };
    }

    private static ContentBlock ToContentBlock(ToolContent content) => content.Type switch
    {
        "image" when content.Data is not null => ImageContentBlock.FromBytes(Convert.FromBase64String(content.Data), content.MimeType ?? "application/octet-stream"),
        // The mocks answer in text only; anything else is kept readable rather than dropped.
        _ => new TextContentBlock { Text = content.Text ?? content.Uri ?? string.Empty },
    };

    /// <summary>
    /// The revision the mocks speak. The real servers predate 2026-07-28 and only know the <c>initialize</c> handshake;
    /// pinning it also avoids an SDK race where a slow first <c>server/discover</c> answer makes the client fall back to
    /// <c>initialize</c> after the server has already settled on 2026-07-28 and so refuses it.
    /// </summary>
    public const string ProtocolVersion = "2025-11-25";

    private const string MockVersion = "1.0.0-mock";
}
