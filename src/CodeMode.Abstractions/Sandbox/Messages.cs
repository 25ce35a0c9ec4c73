using System.Text.Json;
using CodeMode.Abstractions.Execution;

namespace CodeMode.Abstractions.Sandbox;

// The worker protocol's messages, kept together so the whole conversation reads in one place.
// Worker -> host: ready, toolCall, done. Host -> worker: configure, execute, toolResult, cancel, shutdown.

/// <summary>Worker → host, once, after warm-up: the worker can take executions.</summary>
public sealed record ReadyMessage(int ProcessId, IReadOnlyList<string> Languages) : WorkerMessage;

/// <summary>
/// Host → worker: the proxies to build (every server and tool name); sent before the first execute and when the
/// catalog changes. <see cref="Prepare"/> is set only on the first frame to a worker started with
/// <c>CODEMODE_WORKER_CONFIGURE_FIRST</c>: the servers its runtime is granted (an execute's <c>Servers</c>), whose
/// proxies the worker builds and warms before it reports ready.
/// </summary>
public sealed record ConfigureMessage(long CatalogVersion, IReadOnlyList<ProxyServer> Servers, IReadOnlyList<string>? Prepare = null) : WorkerMessage;

/// <summary>Host → worker: run <see cref="Code"/>. <see cref="Servers"/> names the proxies this runtime may see.</summary>
public sealed record ExecuteMessage(
    string ExecutionId,
    string Language,
    string Code,
    ExecutionLimits Limits,
    IReadOnlyList<string> DeniedOperations,
    IReadOnlyList<string> Servers) : WorkerMessage
{
    /// <summary>
    /// Whether the script thread may stay awake for a moment after each proxy call for its result
    /// (<see cref="ChannelSpin"/>); the host allows it only while the machine has a CPU for every spinning thread.
    /// </summary>
    public bool ReplySpin { get; init; }
}

/// <summary>Worker → host: the script called a proxy. The worker blocks the script until the matching <see cref="ToolResultMessage"/>.</summary>
public sealed record ToolCallMessage(string ExecutionId, int CallId, string Server, string Tool, JsonElement Arguments) : WorkerMessage;

/// <summary>Host → worker: the answer to one <see cref="ToolCallMessage"/>.</summary>
public sealed record ToolResultMessage(string ExecutionId, int CallId, ToolBridgeResult Result) : WorkerMessage;

/// <summary>
/// Host → worker: stop the execution now. <paramref name="TimedOut"/> says the host's deadline passed (the script ends
/// with <c>timeout</c>); otherwise the caller went away or the host is shutting down (<c>cancelled</c>). A worker
/// reads it while the script waits for a tool result; a script that is computing is stopped by its own deadline,
/// or by the host's kill after the grace period.
/// </summary>
public sealed record CancelMessage(string ExecutionId, bool TimedOut = false) : WorkerMessage;

/// <summary>Worker → host: the execution ended.</summary>
public sealed record DoneMessage(string ExecutionId, SandboxOutcome Outcome) : WorkerMessage;

/// <summary>Host → worker: exit cleanly.</summary>
public sealed record ShutdownMessage : WorkerMessage;

/// <summary>
/// One server's proxy: its name and the names of its tools. <see cref="Schemas"/> carries each tool's schemas for
/// runtimes with typed proxies (csharp); it is optional, and a runtime that gets none offers untyped calls only.
/// </summary>
public sealed record ProxyServer(string Name, IReadOnlyList<string> Tools, IReadOnlyList<ProxyToolSchema>? Schemas = null);

/// <summary>One tool's schemas as tools/list gave them, for typed proxies.</summary>
public sealed record ProxyToolSchema(string Name, JsonElement InputSchema, JsonElement? OutputSchema = null);
