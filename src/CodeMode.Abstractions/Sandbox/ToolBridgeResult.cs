using System.Text.Json;
using System.Text.Json.Serialization;
using CodeMode.Abstractions.Execution;

namespace CodeMode.Abstractions.Sandbox;

/// <summary>What a proxy call gives back to the script.</summary>
public enum ToolBridgeResultKind
{
    /// <summary>The call succeeded: the proxy returns <see cref="ToolBridgeResult.Value"/>.</summary>
    Value,

    /// <summary>The tool failed: the proxy throws an error the script can catch.</summary>
    Error,

    /// <summary>A limit or the policy refused the call: the script ends with <see cref="ToolBridgeResult.Status"/>; it cannot catch this.</summary>
    Abort,
}

/// <summary>The answer to a proxy call as the sandbox sees it. Only JSON crosses: never a host object.</summary>
public sealed record ToolBridgeResult
{
    public required ToolBridgeResultKind Kind { get; init; }

    public JsonElement? Value { get; init; }

    public string? Code { get; init; }

    public string? Message { get; init; }

    /// <summary>For <see cref="ToolBridgeResultKind.Abort"/>: the status the execution ends with.</summary>
    public ScriptStatus? Status { get; init; }

    [JsonIgnore]
    public bool IsValue => Kind == ToolBridgeResultKind.Value;

    public static ToolBridgeResult FromValue(JsonElement value) => new() { Kind = ToolBridgeResultKind.Value, Value = value };

    public static ToolBridgeResult FromError(string code, string message) =>
        new() { Kind = ToolBridgeResultKind.Error, Code = code, Message = message };

    public static ToolBridgeResult FromAbort(ScriptStatus status, string code, string message) =>
        new() { Kind = ToolBridgeResultKind.Abort, Status = status, Code = code, Message = message };
}
