using FluentValidation;
using FluentValidation.Internal;

namespace CodeMode.Core.Configuration;

/// <summary>
/// Validates the whole of runtimes.json: each section through its own validator, plus the rules that span sections
/// (runtime and server names, and that every server a runtime lists exists). Every failure carries its JSON path,
/// e.g. <c>runtimes.javascript.timeout</c>, and its fix in <see cref="FluentValidation.Results.ValidationFailure.CustomState"/>.
/// Register it by hand: <c>services.AddSingleton&lt;IValidator&lt;CodeModeConfig&gt;, CodeModeConfigValidator&gt;()</c>.
/// </summary>
public sealed class CodeModeConfigValidator : AbstractValidator<CodeModeConfig>
{
    private const string IdentifierFix = "rename it with letters, digits and _ only, not starting with a digit, e.g. \"my_server\"";

    private readonly RuntimeConfigValidator _runtimeValidator = new();
    private readonly McpServerConfigValidator _serverValidator = new();

    public CodeModeConfigValidator()
    {
        RuleFor(c => c.Server).AsJsonField().SetValidator(new HostSettingsValidator());
        RuleFor(c => c.Sandbox).AsJsonField().SetValidator(new SandboxSettingsValidator());
        RuleFor(c => c.Security).AsJsonField().SetValidator(new SecuritySettingsValidator());
        RuleFor(c => c).Custom(SecuritySettingsValidator.CheckApiKeyReferences);

        RuleFor(c => c.Runtimes).AsJsonField()
            .NotEmpty()
            .WithMessage("has no runtime, so no script could run")
            .WithFix("add one, e.g. \"runtimes\": { \"javascript\": { \"language\": \"javascript\", \"engine\": \"jint\" } }");

        RuleFor(c => c.Runtimes).AsJsonField().Custom((runtimes, context) =>
        {
            foreach (var (name, runtime) in runtimes)
            {
                var path = ConfigJsonPath.Key(context.PropertyPath, name);
                if (!ConfigNames.IsIdentifier(name))
                {
                    // Runtime names travel in requests, CLI flags and metric labels; keep them plain.
                    context.AddError(path, $"runtime name \"{name}\" is not an identifier", IdentifierFix.Replace("my_server", "my_runtime"));
                }

                ValidateEntry(_runtimeValidator, runtime, path, context);
                CheckServerReferences(runtime, path, context);
                if (runtime is not null)
                {
                    PermissionsReferenceRules.Check(runtime, path, context);
                }
            }
        });

        RuleFor(c => c.McpServers).AsJsonField().Custom((servers, context) =>
        {
            var seen = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var (name, server) in servers)
            {
                var path = ConfigJsonPath.Key(context.PropertyPath, name);
                CheckServerName(name, path, seen, context);
                ValidateEntry(_serverValidator, server, path, context);
            }
        });
    }

    private static void CheckServerName(string name, string path, Dictionary<string, string> seen, ValidationContext<CodeModeConfig> context)
    {
        // The name becomes the proxy's global in the sandbox: automem.store_memory(...). Names that are not identifiers
        // are sanitised (brave-search -> brave_search, McpServerNames), so what must hold is checked on the result.
        if (!McpServerNames.CanBecomeIdentifier(name))
        {
            context.AddError(path, $"server name \"{name}\" has no letter or digit to make the global scripts call it by", IdentifierFix);
            return;
        }

        var identifier = McpServerNames.ToIdentifier(name);
        var shown = identifier == name ? $"\"{name}\"" : $"\"{name}\" (\"{identifier}\" in scripts)";
        if (ConfigNames.Keywords.Contains(identifier))
        {
            context.AddError(path, $"server name {shown} is a JavaScript or C# keyword, so scripts could not call it", IdentifierFix);
        }
        else if (ConfigNames.SandboxGlobals.Contains(identifier))
        {
            context.AddError(path, $"server name {shown} would shadow the sandbox's own global of that name", "rename it, e.g. \"" + identifier + "_server\"");
        }
        else if (ConfigNames.IsSandboxInternal(identifier))
        {
            context.AddError(path, $"server name {shown} starts with \"__\", which the sandbox reserves for itself", "rename it without the leading \"__\"");
        }

        if (seen.TryGetValue(identifier, out var earlier))
        {
            var why = string.Equals(McpServerNames.ToIdentifier(earlier), identifier, StringComparison.Ordinal)
                ? $"both become the identifier \"{identifier}\" in scripts"
                : "they differ only in case";
            context.AddError(path, $"server name \"{name}\" collides with \"{earlier}\": {why}, so the generated proxies and declarations would collide",
                "rename one of them");
        }
        else
        {
            seen.Add(identifier, name);
        }
    }

    private static void CheckServerReferences(RuntimeConfig runtime, string runtimePath, ValidationContext<CodeModeConfig> context)
    {
        var servers = context.InstanceToValidate.McpServers;
        for (var i = 0; i < (runtime.Servers?.Count ?? 0); i++)
        {
            var name = runtime.Servers![i];
            // Either spelling names a sanitised server: "brave-search" or "brave_search".
            var identifier = McpServerNames.ToIdentifier(name);
            if (!servers.ContainsKey(name) && !servers.Keys.Any(key => McpServerNames.ToIdentifier(key) == identifier))
            {
                var known = servers.Count == 0 ? "mcpServers is empty" : "known: " + ConfigRuleExtensions.Quoted(servers.Keys);
                context.AddError(
                    ConfigJsonPath.Index(ConfigJsonPath.Property(runtimePath, "servers"), i),
                    $"\"{name}\" is not a server in mcpServers ({known})",
                    $"use the name of an mcpServers entry (names are case-sensitive), or add \"{name}\" to mcpServers");
            }
        }
    }

    // Dictionary entries are validated with their key in the path (runtimes.javascript.timeout), which
    // FluentValidation's collection rules cannot express (they index by position).
    private static void ValidateEntry<TEntry>(IValidator<TEntry> validator, TEntry entry, string path, ValidationContext<CodeModeConfig> context)
    {
        if (entry is null)
        {
            context.AddError(path, "is null", "write an object, or remove the entry");
            return;
        }

        var chain = new PropertyChain();
        chain.Add(path);
        var result = validator.Validate(new ValidationContext<TEntry>(entry, chain, new DefaultValidatorSelector()));
        foreach (var failure in result.Errors)
        {
            context.AddFailure(failure);
        }
    }
}
