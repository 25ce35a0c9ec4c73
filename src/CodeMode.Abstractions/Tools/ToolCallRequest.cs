using System.Text.Json;

namespace CodeMode.Abstractions.Tools;

/// <summary>One proxy call leaving a sandbox: <see cref="Arguments"/> is the JSON the script passed.</summary>
/// <param name="ArgumentBytes">Size of the arguments' UTF-8 JSON as the sandbox sent it.</param>
public sealed record ToolCallRequest(string Server, string Tool, JsonElement Arguments, int ArgumentBytes, ToolCallContext Context);
