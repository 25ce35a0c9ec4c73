using Microsoft.Extensions.Logging;

namespace CodeMode.Core.Configuration;

/// <summary>
/// The environment's say over the <c>security</c> section, applied by <see cref="RuntimesJsonLoader"/> before
/// validation: <c>MCP_SECURITY_ENABLED</c> and <c>MCP_AUDIT_LOGGING</c> (<c>true</c> or <c>false</c>), and the
/// variables that <c>security.apiKeys.*.key</c> placeholders name, which must be set. Values are never echoed.
/// </summary>
public static class SecuritySettingsOverrides
{
    /// <summary>Overrides <c>security.enabled</c>.</summary>
    public const string SecurityEnabledVariable = "MCP_SECURITY_ENABLED";

    /// <summary>Overrides <c>security.audit.enabled</c>.</summary>
    public const string AuditLoggingVariable = "MCP_AUDIT_LOGGING";

    internal static CodeModeConfig Apply(CodeModeConfig config, Func<string, string?> getEnvironmentVariable, ILogger logger, List<ConfigurationError> errors)
    {
        var security = config.Security;
        if (ReadSwitch(SecurityEnabledVariable, getEnvironmentVariable, errors) is { } enabled)
        {
            logger.LogInformation("{Variable}={Value} replaces security.enabled", SecurityEnabledVariable, enabled);
            security = security with { Enabled = enabled };
        }

        if (ReadSwitch(AuditLoggingVariable, getEnvironmentVariable, errors) is { } audit)
        {
            logger.LogInformation("{Variable}={Value} replaces security.audit.enabled", AuditLoggingVariable, audit);
            security = security with { Audit = security.Audit with { Enabled = audit } };
        }

        foreach (var (id, key) in security.ApiKeys)
        {
            // With both sha256 and key the validator already reports the clash; one error is enough.
            if (key?.Sha256 is not null || ApiKeyConfigValidator.VariableOf(key?.Key) is not { } variable)
            {
                continue;
            }

            var value = getEnvironmentVariable(variable);
            var path = ConfigJsonPath.Property(ConfigJsonPath.Key("security.apiKeys", id), "key");
            if (string.IsNullOrEmpty(value))
            {
                errors.Add(new ConfigurationError(path, $"names the environment variable {variable}, which is not set",
                    $"set {variable} to the client's key (at least {ConfigurationLimits.MinApiKeyLength} characters), or store the key's hash in \"sha256\""));
            }
            else if (value.Length < ConfigurationLimits.MinApiKeyLength)
            {
                errors.Add(new ConfigurationError(path, $"names {variable}, whose value is shorter than {ConfigurationLimits.MinApiKeyLength} characters and too easy to guess",
                    "use a long random key, e.g. openssl rand -hex 32"));
            }
        }

        return ReferenceEquals(security, config.Security) ? config : config with { Security = security };
    }

    /// <summary>Anchors a relative <c>security.audit.path</c> at <paramref name="configDirectory"/> (the directory of runtimes.json).</summary>
    internal static CodeModeConfig AnchorAuditPath(CodeModeConfig config, string configDirectory)
    {
        var audit = config.Security.Audit;
        if (string.IsNullOrWhiteSpace(audit.Path) || Path.IsPathRooted(audit.Path))
        {
            return config;
        }

        return config with { Security = config.Security with { Audit = audit with { Path = Path.GetFullPath(Path.Combine(configDirectory, audit.Path)) } } };
    }

    private static bool? ReadSwitch(string variable, Func<string, string?> getEnvironmentVariable, List<ConfigurationError> errors)
    {
        var raw = getEnvironmentVariable(variable);
        if (string.IsNullOrWhiteSpace(raw))
        {
            return null;
        }

        if (bool.TryParse(raw.Trim(), out var value))
        {
            return value;
        }

        errors.Add(new ConfigurationError("env:" + variable, "must be true or false",
            $"set {variable}=true or {variable}=false, or unset it to keep runtimes.json's setting"));
        return null;
    }
}
