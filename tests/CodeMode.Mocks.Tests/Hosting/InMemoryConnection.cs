using ModelContextProtocol.Client;
using ModelContextProtocol.Server;

namespace CodeMode.Mocks.Tests.Hosting;

/// <summary>A client and a mock's server joined by pipes; disposing closes both ends.</summary>
internal sealed class InMemoryConnection(McpClient client, McpServer server, Task running) : IAsyncDisposable
{
    public McpClient Client { get; } = client;

    public async ValueTask DisposeAsync()
    {
        await Client.DisposeAsync();
        await server.DisposeAsync();
        try
        {
            await running;
        }
        catch (OperationCanceledException)
        {
            // The server stops by cancellation when the client goes away.
        }
    }
}
