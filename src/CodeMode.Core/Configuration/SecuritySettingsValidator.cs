using FluentValidation;
using FluentValidation.Internal;
using static CodeMode.Core.Configuration.ConfigurationLimits;

namespace CodeMode.Core.Configuration;

/// <summary>Validates the <c>security</c> section, its API keys (each under <c>security.apiKeys.ID</c>) and <c>audit</c>.</summary>
public sealed class SecuritySettingsValidator : AbstractValidator<SecuritySettings>
{
    private readonly ApiKeyConfigValidator _keyValidator = new();

    public SecuritySettingsValidator()
    {
        RuleFor(s => s.MaxPayloadBytes).AsJsonField()
            .Within(MinPayloadBytes, ConfigurationLimits.MaxPayloadBytes, "bytes", 1024 * 1024);

        RuleFor(s => s.Audit).AsJsonField().SetValidator(new AuditSettingsValidator());

        RuleFor(s => s.ApiKeys).AsJsonField().Custom((keys, context) =>
        {
            var hashes = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var (id, key) in keys)
            {
                var path = ConfigJsonPath.Key(context.PropertyPath, id);
                if (!ApiKeyConfigValidator.IsClientId(id))
                {
                    // The id is recorded in the audit log and tool-call context and filtered on in GET /v1/audit.
                    context.AddError(path, $"client id \"{id}\" must be 1 to 64 letters, digits, '_', '-' or '.'", "rename it, e.g. \"ci\" or \"agent-1\"");
                }

                if (key is null)
                {
                    context.AddError(path, "is null", "write an object with \"sha256\" or \"key\", or remove the entry");
                    continue;
                }

                var chain = new PropertyChain();
                chain.Add(path);
                foreach (var failure in _keyValidator.Validate(new ValidationContext<ApiKeyConfig>(key, chain, new DefaultValidatorSelector())).Errors)
                {
                    context.AddFailure(failure);
                }

                if (key.Sha256 is { Length: 64 } hash && !hashes.TryAdd(hash, id))
                {
                    context.AddError(ConfigJsonPath.Property(path, "sha256"), $"is the same hash as the key \"{hashes[hash]}\"; a key must identify one client",
                        "give each client its own key");
                }
            }
        });
    }

    /// <summary>
    /// The rules that need the whole file: the runtimes and servers a key names must exist. Called by
    /// <see cref="CodeModeConfigValidator"/>.
    /// </summary>
    internal static void CheckApiKeyReferences(CodeModeConfig config, ValidationContext<CodeModeConfig> context)
    {
        foreach (var (id, key) in config.Security.ApiKeys)
        {
            if (key is null)
            {
                continue;
            }

            var path = ConfigJsonPath.Key("security.apiKeys", id);
            CheckNames(key.Runtimes, config.Runtimes.Keys, ConfigJsonPath.Property(path, "runtimes"), "runtimes", context);
            CheckNames(key.Servers, config.McpServers.Keys, ConfigJsonPath.Property(path, "servers"), "mcpServers", context);
            foreach (var server in key.Tools?.Keys ?? [])
            {
                var toolsPath = ConfigJsonPath.Key(ConfigJsonPath.Property(path, "tools"), server);
                if (!config.McpServers.ContainsKey(server))
                {
                    context.AddError(toolsPath, $"\"{server}\" is not in mcpServers", "use the name of an mcpServers entry (names are case-sensitive)");
                }
                else if (key.Servers is not null && !key.Servers.Contains(server, StringComparer.Ordinal))
                {
                    context.AddError(toolsPath, $"narrows the tools of \"{server}\", but this key's \"servers\" leaves that server out, so none of them could be called",
                        $"add \"{server}\" to the key's \"servers\", or remove this entry");
                }
            }
        }
    }

    private static void CheckNames(IReadOnlyList<string>? names, IEnumerable<string> known, string path, string section, ValidationContext<CodeModeConfig> context)
    {
        var knownSet = known.ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < (names?.Count ?? 0); i++)
        {
            if (!knownSet.Contains(names![i]))
            {
                var listed = knownSet.Count == 0 ? $"{section} is empty" : "known: " + ConfigRuleExtensions.Quoted(knownSet.Order(StringComparer.Ordinal));
                context.AddError(ConfigJsonPath.Index(path, i), $"\"{names[i]}\" is not in {section} ({listed})",
                    $"use the name of a {section} entry (names are case-sensitive)");
            }
        }
    }
}
