using System.Text.Json;
using CodeMode.Abstractions.Tools;

namespace CodeMode.Mocks;

/// <summary>
/// An in-process stand-in for one MCP server: the real server's tool list, and computed (not canned) answers in the
/// real server's shapes. Argument violations are answered the way the real server answers them: an <c>isError</c>
/// result naming the argument, never an exception.
/// </summary>
public interface IMockServer
{
    /// <summary>The mock's name, as <c>mcpServers.*.mock</c> refers to it (<c>automem</c>, <c>serena</c>, <c>helpscout</c>).</summary>
    string Name { get; }

    /// <summary>What tools/list of the real server returns (stamped with <see cref="Name"/> as the server).</summary>
    IReadOnlyList<ToolDescriptor> Tools { get; }

    /// <summary>Answers one tools/call. An unknown tool is an <c>isError</c> result, as MCP servers answer it.</summary>
    ValueTask<ToolResult> CallAsync(string tool, JsonElement arguments, CancellationToken cancellationToken = default);
}
