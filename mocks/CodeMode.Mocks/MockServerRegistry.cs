using System.Collections.Frozen;
using CodeMode.Mocks.Automem;
using CodeMode.Mocks.HelpScout;
using CodeMode.Mocks.Serena;

namespace CodeMode.Mocks;

/// <summary>
/// The mocks by name. Each registry owns its mocks' state (AutoMem's store, Serena's in-memory project), so one
/// registry per host keeps memories across executions, and a new one starts clean.
/// </summary>
public sealed class MockServerRegistry
{
    private readonly FrozenDictionary<string, IMockServer> _servers;

    public MockServerRegistry(IEnumerable<IMockServer> servers)
    {
        ArgumentNullException.ThrowIfNull(servers);
        var byName = new Dictionary<string, IMockServer>(StringComparer.Ordinal);
        foreach (var server in servers)
        {
            if (!byName.TryAdd(server.Name, server))
            {
                throw new ArgumentException($"Two mocks are named '{server.Name}'.", nameof(servers));
            }
        }

        _servers = byName.ToFrozenDictionary(StringComparer.Ordinal);
        Names = [.. byName.Keys.Order(StringComparer.Ordinal)];
    }

    /// <summary>The built-in mocks: <c>automem</c>, <c>serena</c> and <c>helpscout</c>.</summary>
    /// <param name="timeProvider">The clock of timestamps and of the help desk's relative dates; the system clock by default.</param>
    public static MockServerRegistry CreateDefault(TimeProvider? timeProvider = null)
    {
        var time = timeProvider ?? TimeProvider.System;
        return new MockServerRegistry([new AutomemMockServer(time), new SerenaMockServer(), new HelpScoutMockServer(time)]);
    }

    public IReadOnlyList<string> Names { get; }

    public bool TryGet(string name, out IMockServer server) => _servers.TryGetValue(name, out server!);

    public IMockServer Get(string name) =>
        TryGet(name, out var server) ? server : throw new KeyNotFoundException($"There is no mock named '{name}'. Mocks: {string.Join(", ", Names)}.");
}
