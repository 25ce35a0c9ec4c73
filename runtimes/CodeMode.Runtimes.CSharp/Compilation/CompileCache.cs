namespace CodeMode.Runtimes.CSharp.Compilation;

/// <summary>
/// Compiled scripts by proxy set and code, least recently used out. Agents resend the same snippet often; a hit
/// skips parsing, policy checks, binding and emitting. Only successes are kept.
/// </summary>
internal sealed class CompileCache(int capacity, int maxCodeLength)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<(string Proxies, string Code), LinkedListNode<((string, string) Key, CompiledScript Script)>> _entries = [];
    private readonly LinkedList<((string, string) Key, CompiledScript Script)> _order = new();

    public CompiledScript? Get(string proxies, string code)
    {
        lock (_lock)
        {
            if (!_entries.TryGetValue((proxies, code), out var node))
            {
                return null;
            }

            _order.Remove(node);
            _order.AddFirst(node);
            return node.Value.Script;
        }
    }

    public void Add(string proxies, string code, CompiledScript script)
    {
        if (code.Length > maxCodeLength)
        {
            return;
        }

        lock (_lock)
        {
            if (_entries.ContainsKey((proxies, code)))
            {
                return;
            }

            _entries[(proxies, code)] = _order.AddFirst(((proxies, code), script));
            if (_entries.Count > capacity)
            {
                var last = _order.Last!;
                _order.RemoveLast();
                _entries.Remove(last.Value.Key);
            }
        }
    }
}
