using System.IO.Pipelines;
using System.Text.Json;
using CodeMode.Mocks.Hosting;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace CodeMode.Mocks.Tests.Hosting;

/// <summary>SDK clients joined to a mock: over a real <c>codemode mock NAME</c> process, or over in-memory pipes.</summary>
internal static class McpMockClients
{
    /// <summary>Starts <c>dotnet codemode.dll mock NAME</c> (the dll is copied beside the tests) and connects to it.</summary>
    public static Task<McpClient> StartStdioAsync(string mock, Action<string>? stderr = null, CancellationToken cancellationToken = default)
    {
        var codemode = Path.Combine(AppContext.BaseDirectory, "codemode.dll");
        Assert.True(File.Exists(codemode), $"codemode.dll is not beside the tests ({codemode}).");
        var transport = new StdioClientTransport(new StdioClientTransportOptions
        {
            Name = mock,
            Command = "dotnet",
            Arguments = [codemode, "mock", mock],
            WorkingDirectory = AppContext.BaseDirectory,
            StandardErrorLines = stderr,
        });
        return McpClient.CreateAsync(transport, cancellationToken: cancellationToken);
    }

    /// <summary>Serves <paramref name="mock"/> with the same options as the stdio host, joined by two pipes: no process.</summary>
    public static async Task<InMemoryConnection> ConnectInMemoryAsync(IMockServer mock, CancellationToken cancellationToken = default)
    {
        var clientToServer = new Pipe();
        var serverToClient = new Pipe();
        var server = McpServer.Create(
            new StreamServerTransport(clientToServer.Reader.AsStream(), serverToClient.Writer.AsStream()),
            MockMcpServer.CreateOptions(mock));
        var running = server.RunAsync(cancellationToken);
        var client = await McpClient.CreateAsync(
            new StreamClientTransport(clientToServer.Writer.AsStream(), serverToClient.Reader.AsStream()),
            cancellationToken: cancellationToken);
        return new InMemoryConnection(client, server, running);
    }

    public static Task<CallToolResult> CallAsync(this McpClient client, string tool, string arguments = "{}") =>
        client.CallToolAsync(tool, JsonSerializer.Deserialize<Dictionary<string, object?>>(arguments)).AsTask();

    public static string Text(this CallToolResult result) => string.Concat(result.Content.OfType<TextContentBlock>().Select(block => block.Text));

    /// <summary>structuredContent when the tool has one, else the text parsed as JSON.</summary>
    public static JsonElement Json(this CallToolResult result) => result.StructuredContent ?? JsonElement.Parse(result.Text());

    public static CallToolResult Ok(this CallToolResult result, string tool)
    {
        Assert.True(result.IsError is null or false, $"{tool}: expected success, got error: {result.Text()}");
        return result;
    }

    public static CallToolResult Error(this CallToolResult result, string tool)
    {
        Assert.True(result.IsError is true, $"{tool}: expected an error, got: {result.Text()}");
        return result;
    }
}
