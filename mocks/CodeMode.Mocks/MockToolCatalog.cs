using System.Collections.Frozen;
using CodeMode.Abstractions.Tools;

namespace CodeMode.Mocks;

/// <summary>
/// The tool catalog as the mocks see it: for each enabled server, the tool list of the mock that stands in for it,
/// stamped with the server's configured name. Mock tool lists never change, so <see cref="Version"/> stays 1.
/// </summary>
public sealed class MockToolCatalog : IToolCatalog
{
    private readonly FrozenDictionary<string, FrozenDictionary<string, ToolDescriptor>> _tools;
    private readonly FrozenDictionary<string, IReadOnlyList<ToolDescriptor>> _lists;

    /// <summary>Every mock under its own name.</summary>
    public MockToolCatalog(MockServerRegistry registry)
        : this(registry, (registry ?? throw new ArgumentNullException(nameof(registry))).Names.ToDictionary(name => name, name => name))
    {
    }

    /// <param name="registry">The mocks.</param>
    /// <param name="mockByServer">Enabled server name → the mock that answers for it (<c>mcpServers.*.mock</c>).</param>
    public MockToolCatalog(MockServerRegistry registry, IReadOnlyDictionary<string, string> mockByServer)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(mockByServer);

        var lists = new Dictionary<string, IReadOnlyList<ToolDescriptor>>(StringComparer.Ordinal);
        foreach (var (server, mockName) in mockByServer)
        {
            if (!registry.TryGet(mockName, out var mock))
            {
                throw new ArgumentException(
                    $"Server '{server}' names the mock '{mockName}', which does not exist. Mocks: {string.Join(", ", registry.Names)}.",
                    nameof(mockByServer));
            }

            lists[server] = server == mock.Name ? mock.Tools : [.. mock.Tools.Select(tool => tool with { Server = server })];
        }

        _lists = lists.ToFrozenDictionary(StringComparer.Ordinal);
        _tools = lists.ToFrozenDictionary(
            pair => pair.Key,
            pair => pair.Value.ToFrozenDictionary(tool => tool.Name, StringComparer.Ordinal),
            StringComparer.Ordinal);
        Servers = [.. lists.Keys.Order(StringComparer.Ordinal)];
    }

    public long Version => 1;

    public IReadOnlyList<string> Servers { get; }

    public IReadOnlyList<ToolDescriptor> GetTools(string server) => _lists.TryGetValue(server, out var tools) ? tools : [];

    public bool TryGetTool(string server, string tool, out ToolDescriptor descriptor)
    {
        if (_tools.TryGetValue(server, out var tools) && tools.TryGetValue(tool, out var found))
        {
            descriptor = found;
            return true;
        }

        descriptor = null!;
        return false;
    }
}
