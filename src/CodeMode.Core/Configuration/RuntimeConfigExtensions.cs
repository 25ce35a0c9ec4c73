using CodeMode.Abstractions.Execution;

namespace CodeMode.Core.Configuration;

/// <summary>Turns a validated <see cref="RuntimeConfig"/> into the values the sandbox enforces.</summary>
public static class RuntimeConfigExtensions
{
    /// <summary>
    /// Maps <c>timeout</c> → <see cref="ExecutionLimits.TimeoutMs"/>, <c>memoryLimit</c> (parsed by
    /// <see cref="MemorySize"/>) → <see cref="ExecutionLimits.MemoryLimitBytes"/>, and <c>maxStatements</c>,
    /// <c>maxRecursion</c>, <c>maxOutputBytes</c>, <c>maxToolCalls</c> to their namesakes.
    /// </summary>
    /// <exception cref="InvalidOperationException">
    /// <c>memoryLimit</c> cannot be parsed: the runtime did not come through <see cref="RuntimesJsonLoader"/>.
    /// </exception>
    public static ExecutionLimits ToExecutionLimits(this RuntimeConfig runtime)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        return new ExecutionLimits
        {
            TimeoutMs = runtime.Timeout,
            MemoryLimitBytes = runtime.GetMemoryLimitBytes(),
            MaxStatements = runtime.MaxStatements,
            MaxRecursion = runtime.MaxRecursion,
            MaxOutputBytes = runtime.MaxOutputBytes,
            MaxToolCalls = runtime.MaxToolCalls,
        };
    }

    /// <summary><c>memoryLimit</c> in bytes.</summary>
    /// <exception cref="InvalidOperationException"><c>memoryLimit</c> cannot be parsed.</exception>
    public static long GetMemoryLimitBytes(this RuntimeConfig runtime)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        return MemorySize.TryParse(runtime.MemoryLimit, out var bytes)
            ? bytes
            : throw new InvalidOperationException(
                $"memoryLimit \"{runtime.MemoryLimit}\" is not a size; load runtimes.json through RuntimesJsonLoader, which validates it.");
    }
}
