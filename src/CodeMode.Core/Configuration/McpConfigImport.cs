using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace CodeMode.Core.Configuration;

/// <summary>
/// The servers of an <c>--mcp-config</c> file on their way into runtimes.json's <c>mcpServers</c>: read through
/// <see cref="McpConfigFile"/> and the same shape check, merged after runtimes.json's own servers (a name both files
/// define is an error, never a silent override), and the errors found at their paths, naming that file.
/// </summary>
internal sealed class McpConfigImport
{
    private readonly McpConfigDocument _document;
    private readonly List<ConfigurationError> _errors = [];
    private readonly HashSet<string> _names = new(StringComparer.Ordinal);
    private ConfigShapeChecker? _shape;

    private McpConfigImport(McpConfigDocument document, IReadOnlyDictionary<string, McpServerConfig> own)
    {
        _document = document;
        Merged = own;
    }

    /// <summary>runtimes.json's servers followed by the imported ones.</summary>
    public IReadOnlyDictionary<string, McpServerConfig> Merged { get; private set; }

    /// <summary>The errors of the imported file, top to bottom as in it, each naming it.</summary>
    public IEnumerable<ConfigurationError> SortedErrors =>
        _errors.OrderBy(error => _shape?.DocumentOrderOf(error.Path) ?? 0).Select(error => error with { Source = _document.SourceName });

    public static McpConfigImport Read(McpConfigDocument document, IReadOnlyDictionary<string, McpServerConfig> own, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(document);
        var import = new McpConfigImport(document, own);
        JsonDocument parsed;
        try
        {
            parsed = JsonDocument.Parse(document.Json, RuntimesJsonLoader.DocumentOptions);
        }
        catch (JsonException exception)
        {
            import._errors.Add(RuntimesJsonLoader.MalformedJson(exception));
            return import;
        }

        using (parsed)
        {
            var prepared = McpConfigFile.Prepare(parsed.RootElement);
            import._errors.AddRange(prepared.Errors);
            foreach (var note in prepared.Notes)
            {
                logger.LogWarning("{Source}: {Note}", document.SourceName, note);
            }

            import._shape = ConfigShapeChecker.Check(prepared.Document);
            import._errors.AddRange(import._shape.Errors);
            CodeModeConfig servers;
            try
            {
                servers = import._shape.Cleaned.Deserialize<CodeModeConfig>(RuntimesJsonLoader.SerializerOptions) ?? new CodeModeConfig();
            }
            catch (JsonException exception)
            {
                import._errors.Add(new ConfigurationError(exception.Path ?? ConfigJsonPath.Root, $"cannot be read: {exception.Message}",
                    "check the value's type against docs/configuration.md"));
                return import;
            }

            import.Merge(own, servers.McpServers);
        }

        return import;
    }

    /// <summary>Whether an error at <paramref name="path"/> of the merged configuration belongs to the imported file.</summary>
    public bool Owns(string path) =>
        _names.Any(name => ConfigJsonPath.IsAtOrUnder(path, ConfigJsonPath.Key(McpConfigFile.ServersField, name)));

    /// <summary>Records a rule failure found in an imported server, unless it only echoes a value the shape check dropped.</summary>
    public void AddFailure(ConfigurationError error)
    {
        if (_shape is null || !_shape.IsDropped(error.Path))
        {
            _errors.Add(error);
        }
    }

    /// <summary>
    /// A runtime without a <c>servers</c> list may call every server — of runtimes.json. Servers an --mcp-config file
    /// brings (often a whole desktop's worth: file systems, mail, GitHub) are callable only where a runtime lists them.
    /// </summary>
    public static CodeModeConfig KeepRuntimesToTheirOwnServers(CodeModeConfig config, IReadOnlyList<string> ownServers)
    {
        var runtimes = new Dictionary<string, RuntimeConfig>(StringComparer.Ordinal);
        foreach (var (name, runtime) in config.Runtimes)
        {
            runtimes[name] = runtime.Servers is null ? runtime with { Servers = ownServers } : runtime;
        }

        return config with { Runtimes = runtimes };
    }

    private void Merge(IReadOnlyDictionary<string, McpServerConfig> own, IReadOnlyDictionary<string, McpServerConfig> imported)
    {
        var merged = new Dictionary<string, McpServerConfig>(own, StringComparer.Ordinal);
        foreach (var (name, server) in imported)
        {
            if (own.ContainsKey(name))
            {
                _errors.Add(new ConfigurationError(ConfigJsonPath.Key(McpConfigFile.ServersField, name),
                    $"server \"{name}\" is already defined in runtimes.json; a name must be unique across both files, and neither silently wins",
                    "rename it in one of the files (scripts call it by that name), or remove one of the two entries"));
                continue;
            }

            merged[name] = server;
            _names.Add(name);
        }

        Merged = merged;
    }
}
