using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CodeMode.Mocks.Hosting;

/// <summary>
/// Runs one mock as a real MCP server over stdio (<c>codemode mock NAME</c>), built on the SDK's generic-host glue.
/// Stdout carries the protocol only, so every log line goes to stderr.
/// </summary>
public static class MockStdioServer
{
    /// <summary>Serves <paramref name="mock"/> on this process's stdin/stdout until the client disconnects or <paramref name="cancellationToken"/> fires.</summary>
    public static async Task RunAsync(IMockServer mock, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(mock);

        // No args and no appsettings: the mock must not pick up configuration from wherever it was started.
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Logging.ClearProviders();
        builder.Logging.AddConsole(options => options.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);

        builder.Services
            .AddMcpServer(options => MockMcpServer.Configure(options, mock))
            .WithStdioServerTransport();

        using var host = builder.Build();
        await host.RunAsync(cancellationToken);
    }
}
