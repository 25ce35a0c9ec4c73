using Microsoft.Extensions.Hosting;

namespace CodeMode.Server.Http;

/// <summary>Ends idle MCP sessions that no client comes back to, so an abandoned session does not hold memory until shutdown.</summary>
internal sealed class McpSessionExpiryService(McpSessionStore sessions, McpHttpOptions options, TimeProvider time) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // A quarter of the idle time, within 1 s to 1 min: a session outlives its timeout by at most that much.
        var period = TimeSpan.FromTicks(Math.Clamp(options.IdleTimeout.Ticks / 4, TimeSpan.TicksPerSecond, TimeSpan.TicksPerMinute));
        using var timer = new PeriodicTimer(period, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await sessions.RemoveExpiredAsync();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
