using System.IO.Pipelines;
using CodeMode.Mcp.Clients;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace CodeMode.Mcp.Tests;

/// <summary>A real MCP server joined to the client by in-memory pipes: no process, no port.</summary>
internal sealed class InMemoryServer : IAsyncDisposable
{
    private readonly List<(McpServer Server, Task Run)> _servers = [];
    private readonly Func<McpServerPrimitiveCollection<McpServerTool>> _tools;

    public InMemoryServer(Func<McpServerPrimitiveCollection<McpServerTool>> tools) => _tools = tools;

    public int Connections { get; private set; }

    /// <summary>Pass as <see cref="McpClientManagerOptions.TransportFactory"/>: each connection gets a fresh server.</summary>
    public IClientTransport CreateTransport(McpServerEndpoint endpoint)
    {
        var clientToServer = new Pipe();
        var serverToClient = new Pipe();
        var options = new McpServerOptions { ToolCollection = _tools() };
        var server = McpServer.Create(new StreamServerTransport(clientToServer.Reader.AsStream(), serverToClient.Writer.AsStream()), options);
        lock (_servers)
        {
            _servers.Add((server, server.RunAsync()));
            Connections++;
        }

        return new StreamClientTransport(clientToServer.Writer.AsStream(), serverToClient.Reader.AsStream());
    }

    /// <summary>Sends <c>notifications/tools/list_changed</c> from every server started so far.</summary>
    public async Task NotifyToolsChangedAsync()
    {
        foreach (var (server, _) in _servers)
        {
            await server.SendNotificationAsync(NotificationMethods.ToolListChangedNotification);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var (server, _) in _servers)
        {
            await server.DisposeAsync();
        }
    }
}
