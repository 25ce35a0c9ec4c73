using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using FluentValidation.Results;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using static CodeMode.Core.Configuration.ConfigurationLimits;

namespace CodeMode.Core.Configuration;

/// <summary>
/// Reads runtimes.json into a validated <see cref="CodeModeConfig"/>, or throws a <see cref="ConfigurationException"/>
/// listing every problem at once: malformed JSON, unknown fields (at every level), wrongly typed values, rule
/// violations (<see cref="CodeModeConfigValidator"/>) and bad environment overrides. Comments and trailing commas are
/// allowed; field names are camelCase and case-sensitive, and so are runtime and server names.
/// </summary>
public static class RuntimesJsonLoader
{
    /// <summary>Milliseconds that replace every server's <c>timeoutMs</c> when set (1 to 600000).</summary>
    public const string ClientTimeoutVariable = "MCP_CLIENT_TIMEOUT";

    private const string ClientTimeoutPath = "env:" + ClientTimeoutVariable;

    internal static readonly JsonDocumentOptions DocumentOptions = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        MaxDepth = 64,
    };

    // Only ever fed the checked document, so these settings are a second line of defence, not the error reporting.
    internal static readonly JsonSerializerOptions SerializerOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        PropertyNameCaseInsensitive = false,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        NumberHandling = JsonNumberHandling.Strict,
    };

    // Validators are immutable once built and safe to share.
    private static readonly CodeModeConfigValidator Validator = new();

    /// <summary>Reads and validates the file at <paramref name="path"/>; errors name it as given.</summary>
    /// <param name="path">The runtimes.json to read.</param>
    /// <param name="getEnvironmentVariable">Where overrides are read; defaults to the process environment.</param>
    /// <param name="logger">Notes the overrides that were applied, and what an --mcp-config file holds that is not read.</param>
    /// <param name="mcpConfigPath">An <c>--mcp-config</c> file whose servers join <c>mcpServers</c>; null for none.</param>
    /// <exception cref="ConfigurationException">A file is missing, unreadable or invalid.</exception>
    public static CodeModeConfig LoadFile(
        string path, Func<string, string?>? getEnvironmentVariable = null, ILogger? logger = null, string? mcpConfigPath = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var json = ReadText(path, "--config");
        var mcpConfig = string.IsNullOrEmpty(mcpConfigPath) ? null : new McpConfigDocument(ReadText(mcpConfigPath, "--mcp-config"), mcpConfigPath);
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var config = Load(json, path, getEnvironmentVariable, logger, mcpConfig, directory);
        return SecuritySettingsOverrides.AnchorAuditPath(config, directory);
    }

    private static string ReadText(string path, string option)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception exception) when (exception is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new ConfigurationException(path,
            [
                new ConfigurationError(ConfigJsonPath.Root, $"the file does not exist (looked for {Path.GetFullPath(path)})",
                    $"create it (docs/configuration.md describes every field), or point {option} at the right file"),
            ]);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new ConfigurationException(path,
            [
                new ConfigurationError(ConfigJsonPath.Root, $"the file cannot be read: {exception.Message}",
                    "make sure the file is readable by the user running CodeMode"),
            ]);
        }
    }

    /// <summary>Parses and validates <paramref name="json"/>; <paramref name="sourceName"/> names it in errors.</summary>
    /// <param name="json">The text of a runtimes.json.</param>
    /// <param name="sourceName">What errors call it, usually the file's path.</param>
    /// <param name="getEnvironmentVariable">Where overrides are read; defaults to the process environment.</param>
    /// <param name="logger">Notes the overrides that were applied, and what <paramref name="mcpConfig"/> holds that is not read.</param>
    /// <param name="mcpConfig">
    /// An <c>--mcp-config</c> file whose servers join <c>mcpServers</c>, checked by the same rules, its errors naming that
    /// file. A name already in runtimes.json is an error. Runtimes without a <c>servers</c> list keep calling only the
    /// servers of runtimes.json: imported servers are callable from runtimes that list them.
    /// </param>
    /// <param name="baseDirectory">Where relative permission paths resolve; the current directory by default.</param>
    /// <exception cref="ConfigurationException">The configuration is invalid.</exception>
    public static CodeModeConfig Load(
        string json,
        string sourceName,
        Func<string, string?>? getEnvironmentVariable = null,
        ILogger? logger = null,
        McpConfigDocument? mcpConfig = null,
        string? baseDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentException.ThrowIfNullOrEmpty(sourceName);

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, DocumentOptions);
        }
        catch (JsonException exception)
        {
            throw new ConfigurationException(sourceName, [MalformedJson(exception)]);
        }

        var errors = new List<ConfigurationError>();
        CodeModeConfig config;
        ConfigShapeChecker shape;
        using (document)
        {
            shape = ConfigShapeChecker.Check(document.RootElement);
            errors.AddRange(shape.Errors);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new ConfigurationException(sourceName, errors);
            }

            try
            {
                config = shape.Cleaned.Deserialize<CodeModeConfig>(SerializerOptions) ?? new CodeModeConfig();
            }
            catch (JsonException exception)
            {
                // The shape check should have caught this; still report it as configuration, never crash start-up.
                errors.Add(new ConfigurationError(exception.Path ?? ConfigJsonPath.Root, $"cannot be read: {exception.Message}",
                    "check the value's type against docs/configuration.md"));
                throw new ConfigurationException(sourceName, errors);
            }
        }

        logger ??= NullLogger.Instance;
        var ownServers = config.McpServers.Keys.ToArray();
        var imported = mcpConfig is null ? null : McpConfigImport.Read(mcpConfig, config.McpServers, logger);
        if (imported is not null)
        {
            config = config with { McpServers = imported.Merged };
        }

        config = config with { BaseDirectory = Path.GetFullPath(baseDirectory ?? Directory.GetCurrentDirectory()) };
        config = ApplyClientTimeoutOverride(config, getEnvironmentVariable ?? Environment.GetEnvironmentVariable, logger, errors);
        config = SecuritySettingsOverrides.Apply(config, getEnvironmentVariable ?? Environment.GetEnvironmentVariable, logger, errors);

        var result = Validator.Validate(config);
        foreach (var failure in result.Errors)
        {
            if (imported is not null && imported.Owns(failure.PropertyName))
            {
                imported.AddFailure(ToError(failure));
            }
            else if (!shape.IsDropped(failure.PropertyName))
            {
                errors.Add(ToError(failure));
            }
        }

        // Top to bottom as in each file (a stable sort keeps the rule order within one field); runtimes.json first.
        var all = errors.OrderBy(error => shape.DocumentOrderOf(error.Path)).Concat(imported?.SortedErrors ?? []).ToArray();
        if (all.Length > 0)
        {
            throw new ConfigurationException(sourceName, all);
        }

        if (imported is not null)
        {
            config = McpConfigImport.KeepRuntimesToTheirOwnServers(config, ownServers);
        }

        return McpServerNames.Apply(config);
    }

    private static CodeModeConfig ApplyClientTimeoutOverride(
        CodeModeConfig config, Func<string, string?> getEnvironmentVariable, ILogger logger, List<ConfigurationError> errors)
    {
        var raw = getEnvironmentVariable(ClientTimeoutVariable);
        if (string.IsNullOrWhiteSpace(raw))
        {
            return config;
        }

        if (!int.TryParse(raw.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var timeoutMs)
            || timeoutMs is < MinServerTimeoutMs or > MaxServerTimeoutMs)
        {
            var shown = raw.Length <= 40 ? raw : raw[..40] + "...";
            errors.Add(new ConfigurationError(
                ClientTimeoutPath,
                $"must be a whole number of milliseconds from {MinServerTimeoutMs} to {MaxServerTimeoutMs}, but is \"{shown}\""
                + " (it replaces every server's timeoutMs, so it is held to the same range)",
                $"set {ClientTimeoutVariable} to a whole number of milliseconds from {MinServerTimeoutMs} to {MaxServerTimeoutMs}, e.g. 30000, or unset it to keep each server's timeoutMs"));
            return config;
        }

        logger.LogInformation("{Variable}={TimeoutMs} replaces timeoutMs of every MCP server ({Count})",
            ClientTimeoutVariable, timeoutMs, config.McpServers.Count);
        var servers = new Dictionary<string, McpServerConfig>(StringComparer.Ordinal);
        foreach (var (name, server) in config.McpServers)
        {
            servers[name] = server with { TimeoutMs = timeoutMs };
        }

        return config with { McpServers = servers };
    }

    internal static ConfigurationError MalformedJson(JsonException exception)
    {
        // JsonException counts from 0; editors count from 1.
        var line = (exception.LineNumber ?? 0) + 1;
        var position = (exception.BytePositionInLine ?? 0) + 1;
        // Drop System.Text.Json's own 0-based "Path: ... | LineNumber: ... | BytePositionInLine: ..." suffix.
        var reason = exception.Message;
        foreach (var suffix in new[] { " Path: ", " LineNumber: " })
        {
            var start = reason.IndexOf(suffix, StringComparison.Ordinal);
            if (start >= 0)
            {
                reason = reason[..start];
            }
        }

        return new ConfigurationError(
            ConfigJsonPath.Root,
            $"is not valid JSON at line {line}, byte {position}: {reason.TrimEnd('.')}",
            "correct the JSON syntax there (comments and trailing commas are allowed; strings need double quotes)")
        {
            Line = line,
            BytePositionInLine = position,
        };
    }

    private static ConfigurationError ToError(ValidationFailure failure) =>
        new(failure.PropertyName, failure.ErrorMessage, failure.CustomState as string ?? "see docs/configuration.md for this field");
}
