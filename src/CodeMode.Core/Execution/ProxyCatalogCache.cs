using CodeMode.Abstractions.Sandbox;
using CodeMode.Abstractions.Security;
using CodeMode.Abstractions.Tools;
using CodeMode.Core.Security;

namespace CodeMode.Core.Execution;

/// <summary>
/// The <see cref="ConfigureMessage"/> for the current tool catalog, rebuilt only when the catalog's version changes,
/// so the hot path sends workers nothing new unless a tool list changed. The brokered capabilities (<c>fs</c>,
/// <c>fetch</c>) are always listed; a worker exposes one only to executions whose runtime is granted it.
/// </summary>
internal sealed class ProxyCatalogCache(IToolCatalog catalog)
{
    private ConfigureMessage? _current;

    public ConfigureMessage Current
    {
        get
        {
            var current = Volatile.Read(ref _current);
            var version = catalog.Version;
            if (current is not null && current.CatalogVersion == version)
            {
                return current;
            }

            var servers = catalog.Servers
                .Select(server => ToProxy(server, catalog.GetTools(server)))
                .Append(new ProxyServer(CapabilityNames.FileSystem, CapabilityNames.FileSystemOperations))
                .Append(new ProxyServer(CapabilityNames.Fetch, CapabilityNames.FetchOperations))
                .ToArray();
            current = new ConfigureMessage(version, servers);
            Volatile.Write(ref _current, current);
            return current;
        }
    }

    // The schemas go along for runtimes with typed proxies (csharp); the others read only the names.
    private static ProxyServer ToProxy(string server, IReadOnlyList<ToolDescriptor> tools) => new(
        server,
        [.. tools.Select(tool => tool.Name)],
        [.. tools.Select(tool => new ProxyToolSchema(tool.Name, tool.InputSchema, tool.OutputSchema))]);
}
