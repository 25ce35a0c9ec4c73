using System.CommandLine;
using CodeMode.Core.Configuration;
using CodeMode.Server.Composition;

namespace CodeMode.Cli.Commands;

/// <summary>The <c>--config</c> option every command shares, and loading the file it names (exit 2 when invalid).</summary>
internal static class ConfigOption
{
    public static Option<string?> Create() =>
        new("--config") { Description = "runtimes.json to use (default: CODEMODE_CONFIG, else the nearest runtimes.json)." };

    /// <summary>The validated configuration, or null after writing every error to <paramref name="stderr"/>.</summary>
    public static async Task<CodeModeConfig?> TryLoadAsync(string? path, TextWriter stderr)
    {
        try
        {
            return RuntimesJsonLoader.LoadFile(ConfigLocator.Resolve(path));
        }
        catch (ConfigurationException ex)
        {
            await stderr.WriteLineAsync(ex.Message);
            return null;
        }
    }
}
