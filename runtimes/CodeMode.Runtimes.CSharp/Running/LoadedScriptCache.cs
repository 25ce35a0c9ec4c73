using CodeMode.Runtimes.CSharp.Compilation;
using CodeMode.Runtimes.CSharp.Proxies;

namespace CodeMode.Runtimes.CSharp.Running;

/// <summary>
/// Loaded scripts kept for compile-cache hits, least recently used out (and unloaded). Reloading a cached script's
/// bytes costs little, but a fresh context means the JIT compiles every method again, which is most of a hit's time.
/// Only <see cref="CompiledScript.Reusable"/> scripts (no static state) come here, so a second run cannot see a
/// first run's state. A run takes its entry out and puts it back afterwards: two runs never share one context, and
/// eviction never unloads a context in use.
/// </summary>
internal sealed class LoadedScriptCache(int capacity)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<CompiledScript, LinkedListNode<LoadedScript>> _entries = new(ReferenceEqualityComparer.Instance);
    private readonly LinkedList<LoadedScript> _order = new();

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>The loaded copy of <paramref name="script"/> for exclusive use, or a fresh load when none is idle.</summary>
    public LoadedScript Take(CompiledScript script, ProxyAssembly proxies)
    {
        LoadedScript? stale = null;
        lock (_lock)
        {
            if (_entries.Remove(script, out var node))
            {
                _order.Remove(node);
                if (ReferenceEquals(node.Value.Proxies, proxies))
                {
                    return node.Value;
                }

                // The proxies were rebuilt since (their cache evicted them): the old copy links against the old ones.
                stale = node.Value;
            }
        }

        stale?.Unload();
        return LoadedScript.Load(script, proxies);
    }

    /// <summary>Keeps <paramref name="loaded"/> for the next run of its script, or unloads it if it cannot be reused.</summary>
    public void Return(LoadedScript loaded)
    {
        LoadedScript? evicted = null;
        lock (_lock)
        {
            if (!loaded.Script.Reusable || _entries.ContainsKey(loaded.Script))
            {
                evicted = loaded;
            }
            else
            {
                _entries[loaded.Script] = _order.AddFirst(loaded);
                if (_entries.Count > capacity)
                {
                    evicted = _order.Last!.Value;
                    _order.RemoveLast();
                    _entries.Remove(evicted.Script);
                }
            }
        }

        evicted?.Unload();
    }
}
