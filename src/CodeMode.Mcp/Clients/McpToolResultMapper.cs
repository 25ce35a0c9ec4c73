using System.Text;
using System.Text.Json;
using CodeMode.Abstractions.Tools;
using ModelContextProtocol.Protocol;

namespace CodeMode.Mcp.Clients;

/// <summary>Turns the SDK's <see cref="CallToolResult"/> into the protocol-neutral <see cref="ToolResult"/>.</summary>
public static class McpToolResultMapper
{
    public static ToolResult Map(CallToolResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var content = result.Content.Select(Map).ToArray();
        JsonElement? structured = result.StructuredContent is { } value && value.ValueKind is not JsonValueKind.Undefined and not JsonValueKind.Null
            ? value.Clone()
            : null;
        return new ToolResult(content, structured, result.IsError == true);
    }

    public static ToolContent Map(ContentBlock block) => block switch
    {
        TextContentBlock text => ToolContent.FromText(text.Text),
        ImageContentBlock image => new ToolContent("image", MimeType: image.MimeType, Data: Encoding.UTF8.GetString(image.Data.Span)),
        AudioContentBlock audio => new ToolContent("audio", MimeType: audio.MimeType, Data: Encoding.UTF8.GetString(audio.Data.Span)),
        EmbeddedResourceBlock { Resource: TextResourceContents resource } =>
            new ToolContent("resource", Text: resource.Text, MimeType: resource.MimeType, Uri: resource.Uri),
        EmbeddedResourceBlock { Resource: BlobResourceContents resource } =>
            new ToolContent("resource", MimeType: resource.MimeType, Data: Encoding.UTF8.GetString(resource.Blob.Span), Uri: resource.Uri),
        ResourceLinkBlock link => new ToolContent("resource_link", Text: link.Description ?? link.Name, MimeType: link.MimeType, Uri: link.Uri),
        // A block type newer than this build: keep its JSON so nothing is lost silently.
        _ => new ToolContent(block.Type, Text: JsonSerializer.Serialize(block, ModelContextProtocol.McpJsonUtilities.DefaultOptions)),
    };
}
