using System.CommandLine;
using System.Text.Json;
using CodeMode.Mcp.Clients;

namespace CodeMode.Cli.Commands;

/// <summary>
/// <c>codemode servers [--config PATH] [--connect-timeout SECONDS]</c>: connects to every enabled server once and prints
/// each one's state (connected, degraded, down, mock), tool count, last error, latency and circuit, as JSON.
/// </summary>
internal static class ServersCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var config = ConfigOption.Create();
        var connectTimeout = new Option<int>("--connect-timeout") { Description = "Seconds to wait for each server to connect (default 15).", DefaultValueFactory = _ => 15 };
        var command = new Command("servers", "Show the status of each configured MCP server.") { config, connectTimeout };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            if (await ConfigOption.TryLoadAsync(parsed.GetValue(config), stderr) is not { } loaded)
            {
                return ExitCodes.UsageError;
            }

            var options = new McpClientManagerOptions
            {
                ConnectTimeout = TimeSpan.FromSeconds(Math.Clamp(parsed.GetValue(connectTimeout), 1, 300)),
                HealthCheckInterval = TimeSpan.Zero,
            };
            await using var manager = new McpClientManager(loaded.McpServers, loaded.Security, options);
            var statuses = await manager.GetStatusAsync(cancellationToken);
            var servers = statuses.Select(status => new
            {
                name = status.Name,
                transport = status.Transport,
                state = status.State.ToString().ToLowerInvariant(),
                toolCount = status.ToolCount,
                lastError = status.LastError,
                latencyMs = status.LatencyMs,
                circuit = status.Circuit,
            });
            await stdout.WriteLineAsync(JsonSerializer.Serialize(new { servers }, CodeMode.Abstractions.CodeModeJson.Options));
            return ExitCodes.Succeeded;
        });
        return command;
    }
}
