using System.Text;
using System.Text.Json;
using CodeMode.Mcp.Clients;
using ModelContextProtocol.Protocol;

namespace CodeMode.Mcp.Tests;

public sealed class McpToolResultMapperTests
{
    [Fact]
    public void Map_TextImageAndResource_FlattensEachBlock()
    {
        var result = new CallToolResult
        {
            Content =
            [
                new TextContentBlock { Text = "hi" },
                ImageContentBlock.FromBytes(Encoding.UTF8.GetBytes("png"), "image/png"),
                new EmbeddedResourceBlock { Resource = new TextResourceContents { Uri = "file:///a.txt", Text = "body", MimeType = "text/plain" } },
            ],
            StructuredContent = JsonDocument.Parse("""{"n":1}""").RootElement,
        };

        var mapped = McpToolResultMapper.Map(result);

        Assert.False(mapped.IsError);
        Assert.Equal("hi", mapped.Content[0].Text);
        Assert.Equal(("image", "image/png", Convert.ToBase64String(Encoding.UTF8.GetBytes("png"))), (mapped.Content[1].Type, mapped.Content[1].MimeType, mapped.Content[1].Data));
        Assert.Equal(("resource", "file:///a.txt", "body"), (mapped.Content[2].Type, mapped.Content[2].Uri, mapped.Content[2].Text));
        Assert.Equal(1, mapped.StructuredContent!.Value.GetProperty("n").GetInt32());
    }

    [Fact]
    public void Map_IsErrorTrue_IsAnErrorResult() =>
        Assert.True(McpToolResultMapper.Map(new CallToolResult { Content = [new TextContentBlock { Text = "bad" }], IsError = true }).IsError);
}
