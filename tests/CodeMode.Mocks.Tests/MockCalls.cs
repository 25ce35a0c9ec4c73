using System.Text.Json;
using CodeMode.Abstractions.Tools;

namespace CodeMode.Mocks.Tests;

/// <summary>Calls a mock with arguments written as JSON text, and reads its answer.</summary>
internal static class MockCalls
{
    public static ToolResult Call(this IMockServer server, string tool, string arguments = "{}") =>
        server.CallAsync(tool, JsonElement.Parse(arguments)).AsTask().GetAwaiter().GetResult();

    public static string Text(this ToolResult result) => string.Concat(result.Content.Select(block => block.Text));

    /// <summary>The answer's structuredContent, or its text parsed as JSON.</summary>
    public static JsonElement Json(this ToolResult result) =>
        result.StructuredContent ?? JsonElement.Parse(result.Text());

    public static ToolResult Ok(this ToolResult result)
    {
        Assert.False(result.IsError, $"expected success, got error: {result.Text()}");
        return result;
    }

    public static ToolResult Error(this ToolResult result)
    {
        Assert.True(result.IsError, $"expected an error, got: {result.Text()}");
        return result;
    }
}
