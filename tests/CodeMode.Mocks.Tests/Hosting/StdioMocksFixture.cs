using System.Collections.Concurrent;
using ModelContextProtocol.Client;

namespace CodeMode.Mocks.Tests.Hosting;

/// <summary>
/// One real <c>codemode mock NAME</c> process per mock, shared by the stdio tests: starting a process is the slow part,
/// and each test works on its own memories, files and ids, so sharing does not couple them.
/// </summary>
public sealed class StdioMocksFixture : IAsyncLifetime
{
    private readonly ConcurrentQueue<string> _stderr = new();
    private readonly Dictionary<string, McpClient> _clients = new(StringComparer.Ordinal);

    public McpClient this[string mock] => _clients[mock];

    /// <summary>Everything the processes wrote to stderr, for failure messages.</summary>
    public string Stderr => string.Join('\n', _stderr);

    public async Task InitializeAsync()
    {
        var started = new[] { "automem", "serena", "helpscout" }
            .Select(async mock => (mock, client: await McpMockClients.StartStdioAsync(mock, line => _stderr.Enqueue($"[{mock}] {line}"))));
        foreach (var (mock, client) in await Task.WhenAll(started))
        {
            _clients[mock] = client;
        }
    }

    public async Task DisposeAsync()
    {
        foreach (var client in _clients.Values)
        {
            await client.DisposeAsync();
        }
    }
}
