using CodeMode.Abstractions.Tools;

namespace CodeMode.Mocks.Infrastructure;

/// <summary>
/// Ends a mock handler with a ready error result. Handlers stay straight-line code; <see cref="CodeMode.Mocks.MockServer"/> turns
/// this into the <c>isError</c> result the real server would send. Never leaves the mock.
/// </summary>
internal sealed class MockToolException(ToolResult result) : Exception(result.Content.Count > 0 ? result.Content[0].Text : null)
{
    public ToolResult Result { get; } = result;
}
