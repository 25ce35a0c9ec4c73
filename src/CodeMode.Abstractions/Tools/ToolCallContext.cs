using CodeMode.Abstractions.Execution;

namespace CodeMode.Abstractions.Tools;

/// <summary>
/// What the tool path knows about the execution a call comes from. One instance per execution, shared by every
/// call it makes; thread-safe.
/// </summary>
public sealed class ToolCallContext
{
    private readonly List<ToolCallTrace> _trace = [];
    private int _callsStarted;

    public required string ExecutionId { get; init; }

    public required string Runtime { get; init; }

    public string? ClientId { get; init; }

    /// <summary>Servers this runtime may call. A server not named here is denied.</summary>
    public required IReadOnlySet<string> AllowedServers { get; init; }

    /// <summary>
    /// Per server, the only tools the API client that asked may call (its key's <c>tools</c>); null, or a server not
    /// listed, means no narrowing beyond the runtime's own rules.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlySet<string>>? ToolScope { get; init; }

    /// <summary>The execution's <c>maxToolCalls</c>.</summary>
    public required int MaxToolCalls { get; init; }

    /// <summary>Counts a new call and returns how many have been started, this one included.</summary>
    public int CountCall() => Interlocked.Increment(ref _callsStarted);

    public int CallsStarted => Volatile.Read(ref _callsStarted);

    public void Record(ToolCallTrace trace)
    {
        lock (_trace)
        {
            _trace.Add(trace);
        }
    }

    public IReadOnlyList<ToolCallTrace> Trace
    {
        get
        {
            lock (_trace)
            {
                return _trace.ToArray();
            }
        }
    }
}
