namespace CodeMode.Abstractions.Execution;

/// <summary>How an execution ended. Serialized camelCase (<c>succeeded</c>, <c>compileError</c>, ...).</summary>
public enum ScriptStatus
{
    Succeeded,
    CompileError,
    RuntimeError,
    Timeout,
    MemoryLimit,
    StatementLimit,
    RecursionLimit,
    OutputLimit,
    Cancelled,
    PolicyDenied,
    RateLimited,
    ToolError,
    InternalError,
}
