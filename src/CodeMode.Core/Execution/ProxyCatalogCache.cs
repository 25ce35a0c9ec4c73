using CodeMode.Abstractions.Sandbox;
using CodeMode.Abstractions.Tools;

namespace CodeMode.Core.Execution;

/// <summary>
/// The <see cref="ConfigureMessage"/> for the current tool catalog, rebuilt only when the catalog's version changes,
/// so the hot path sends workers nothing new unless a tool list changed.
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
