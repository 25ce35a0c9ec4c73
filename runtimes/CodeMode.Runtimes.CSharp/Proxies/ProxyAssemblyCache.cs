using CodeMode.Abstractions.Sandbox;

namespace CodeMode.Runtimes.CSharp.Proxies;

/// <summary>
/// The proxy assemblies built so far, by key. The last one is checked first (the worker's catalog rarely changes);
/// a handful are kept, since each stays loaded for the life of the process anyway.
/// </summary>
internal sealed class ProxyAssemblyCache
{
    private const int Capacity = 8;

    private readonly Lock _lock = new();
    private readonly List<ProxyAssembly> _assemblies = [];
    private (IReadOnlyList<ProxyServer> Servers, ProxyAssembly Assembly)? _last;

    /// <summary>How many proxy sets are built and kept (for tests).</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _assemblies.Count;
            }
        }
    }

    public ProxyAssembly Get(IReadOnlyList<ProxyServer> servers)
    {
        lock (_lock)
        {
            // The worker hands over the same server objects for every execution until the catalog changes.
            if (_last is { } last && SameServers(last.Servers, servers))
            {
                return last.Assembly;
            }

            var key = ProxyAssembly.KeyOf(servers);
            var assembly = _assemblies.Find(a => a.Key == key);
            if (assembly is null)
            {
                assembly = ProxyAssembly.Build(servers, key);
                if (_assemblies.Count == Capacity)
                {
                    _assemblies.RemoveAt(0);
                }

                _assemblies.Add(assembly);
            }

            _last = (servers, assembly);
            return assembly;
        }
    }

    private static bool SameServers(IReadOnlyList<ProxyServer> a, IReadOnlyList<ProxyServer> b)
    {
        if (a.Count != b.Count)
        {
            return false;
        }

        for (var i = 0; i < a.Count; i++)
        {
            if (!ReferenceEquals(a[i], b[i]))
            {
                return false;
            }
        }

        return true;
    }
}
