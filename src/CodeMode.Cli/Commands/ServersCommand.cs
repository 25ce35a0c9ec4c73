using System.CommandLine;
using System.Text.Json;
using CodeMode.Core.Configuration;
using CodeMode.Mcp.Clients;

namespace CodeMode.Cli.Commands;

/// <summary>
/// <c>codemode servers [--config PATH] [--mcp-config PATH] [--connect-timeout SECONDS]</c>: connects to every enabled server once and prints
/// each one's state (connected, degraded, down, mock), tool count, last error, latency and circuit, as JSON.
/// </summary>
internal static class ServersCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var config = ConfigOption.Create();
        var mcpConfig = ConfigOption.CreateMcpConfig();
        var connectTimeout = new Option<int>("--connect-timeout") { Description = "Seconds to wait for each server to connect (default 15).", DefaultValueFactory = _ => 15 };
        var command = new Command("servers", "Show the status of each configured MCP server.") { config, mcpConfig, connectTimeout };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            if (await ConfigOption.TryLoadAsync(parsed.GetValue(config), parsed.GetValue(mcpConfig), stderr) is not { } loaded)
            {
                return ExitCodes.UsageError;
            }

            var options = new McpClientManagerOptions
            {
                ConnectTimeout = TimeSpan.FromSeconds(Math.Clamp(parsed.GetValue(connectTimeout), 1, 300)),
                HealthCheckInterval = TimeSpan.Zero,
            };
            McpClientManager manager;
            try
            {
                manager = new McpClientManager(loaded.McpServers, loaded.Security, options);
            }
            catch (ConfigurationException ex)
            {
                // A required server's variable is missing: the same start-up error serve would give.
                await stderr.WriteLineAsync(ex.Message);
                return ExitCodes.UsageError;
            }

            await using var _ = manager;
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
