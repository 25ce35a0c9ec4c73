using System.CommandLine;
using CodeMode.Core.Configuration;
using CodeMode.Server.Composition;
using Microsoft.Extensions.Logging;

namespace CodeMode.Cli.Commands;

/// <summary>
/// The <c>--config</c> and <c>--mcp-config</c> options every command shares, and loading the files they name
/// (exit 2 when invalid).
/// </summary>
internal static class ConfigOption
{
    public static Option<string?> Create() =>
        new("--config") { Description = "runtimes.json to use (default: CODEMODE_CONFIG, else the nearest runtimes.json)." };

    public static Option<string?> CreateMcpConfig() =>
        new("--mcp-config")
        {
            Description = "A Claude Desktop / Claude Code file ({\"mcpServers\": {...}}) whose servers join runtimes.json's; "
                + "runtimes call them only where their \"servers\" list names them.",
        };

    /// <summary>The validated configuration, or null after writing every error to <paramref name="stderr"/>.</summary>
    public static async Task<CodeModeConfig?> TryLoadAsync(string? path, string? mcpConfigPath, TextWriter stderr)
    {
        try
        {
            return RuntimesJsonLoader.LoadFile(
                ConfigLocator.Resolve(path),
                logger: new WarningWriter(stderr),
                mcpConfigPath: string.IsNullOrWhiteSpace(mcpConfigPath) ? null : Path.GetFullPath(mcpConfigPath));
        }
        catch (ConfigurationException ex)
        {
            await stderr.WriteLineAsync(ex.Message);
            return null;
        }
    }

    /// <summary>What the loader notes (fields of an --mcp-config file it does not read) goes to the command's stderr.</summary>
    private sealed class WarningWriter(TextWriter stderr) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                stderr.WriteLine($"codemode: warning: {formatter(state, exception)}");
            }
        }
    }
}
