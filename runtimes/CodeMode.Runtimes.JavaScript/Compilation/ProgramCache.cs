namespace CodeMode.Runtimes.JavaScript.Compilation;

/// <summary>
/// Parsed programs by source text, so an agent that re-runs the same snippet skips parsing and instrumenting
/// (about a fifth of a small script's cost). An entry is rented out while it runs, which keeps one program in one
/// engine at a time even if executions overlap, and is dropped when the worker's state may be damaged.
/// Small and bounded: a worker sees few distinct scripts more than once.
/// </summary>
internal sealed class ProgramCache(int capacity, int maxCodeLength)
{
    private readonly Dictionary<string, LinkedListNode<(string Code, CompiledScript Script)>> _entries = new(StringComparer.Ordinal);
    private readonly LinkedList<(string Code, CompiledScript Script)> _recency = new();
    private readonly object _gate = new();

    public CompiledScript? Rent(string code)
    {
        if (code.Length > maxCodeLength)
        {
            return null;
        }

        lock (_gate)
        {
            if (!_entries.Remove(code, out var node))
            {
                return null;
            }

            _recency.Remove(node);
            return node.Value.Script;
        }
    }

    public void Return(string code, CompiledScript script)
    {
        if (code.Length > maxCodeLength || capacity <= 0)
        {
            return;
        }

        lock (_gate)
        {
            if (_entries.ContainsKey(code))
            {
                return;
            }

            if (_entries.Count >= capacity && _recency.Last is { } oldest)
            {
                _recency.RemoveLast();
                _entries.Remove(oldest.Value.Code);
            }

            _entries[code] = _recency.AddFirst((code, script));
        }
    }
}
