using CodeMode.Abstractions.Execution;
using FluentValidation;
using static CodeMode.Core.Configuration.ConfigurationLimits;

namespace CodeMode.Core.Configuration;

/// <summary>
/// Validates one entry of <c>runtimes</c>: a known language on its engine, finite limits, denials the runtime can
/// enforce, and no grant this build cannot honour. Whether its <c>servers</c> exist is checked by
/// <see cref="CodeModeConfigValidator"/>, which sees <c>mcpServers</c>.
/// </summary>
public sealed class RuntimeConfigValidator : AbstractValidator<RuntimeConfig>
{
    /// <summary>Each language CodeMode runs, with the only engine that runs it.</summary>
    public static IReadOnlyDictionary<string, string> EngineByLanguage { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["javascript"] = "jint",
        ["csharp"] = "roslyn",
        ["node"] = "v8",
    };

    /// <summary>The only isolation that exists: a pooled worker process per execution.</summary>
    public const string ProcessSandbox = "process";

    /// <summary>The modules CodeMode brokers: <c>fs</c> (files in granted directories) and <c>fetch</c> (HTTP to granted hosts).</summary>
    public static IReadOnlyList<string> ProvidedModules { get; } = ["fs", "fetch"];

    /// <summary>The languages whose runtimes offer the brokered modules (<c>fs</c>/<c>fetch</c> in javascript, <c>Files</c>/<c>Http</c> in C#).</summary>
    public static IReadOnlyList<string> LanguagesWithModules { get; } = ["javascript", "csharp"];

    public RuntimeConfigValidator()
    {
        RuleFor(r => r.Language).AsJsonField()
            .Must(IsKnownLanguage)
            .WithMessage((_, language) => string.IsNullOrEmpty(language)
                ? "is missing"
                : $"\"{language}\" is not a language CodeMode runs")
            .WithFix($"set \"language\" to one of: {ConfigRuleExtensions.Quoted(EngineByLanguage.Keys)}");

        RuleFor(r => r.Engine).AsJsonField()
            .Must((r, engine) => engine == EngineByLanguage[r.Language])
            .When(r => IsKnownLanguage(r.Language))
            .WithMessage((r, engine) => string.IsNullOrEmpty(engine)
                ? "is missing"
                : $"\"{engine}\" does not run {r.Language}")
            .WithFix((r, _) => $"set \"engine\" to \"{EngineByLanguage[r.Language]}\": {r.Language} runs on {EngineByLanguage[r.Language]} only");

        RuleFor(r => r.Timeout).AsJsonField().Within(MinTimeoutMs, MaxTimeoutMs, "milliseconds", 5_000);

        RuleFor(r => r.MemoryLimit).AsJsonField()
            .Must(limit => MemorySize.TryParse(limit, out _))
            .WithMessage((_, limit) => $"\"{limit}\" is not a size")
            .WithFix("write a size such as \"64MB\", \"512KB\", \"1.5GB\" or a plain number of bytes (units B, KB, MB, GB; 1024-based)")
            .Must(limit => !MemorySize.TryParse(limit, out var bytes) || bytes is >= MinMemoryLimitBytes and <= MaxMemoryLimitBytes)
            .WithMessage((_, limit) =>
                $"must be from {MemorySize.Format(MinMemoryLimitBytes)} to {MemorySize.Format(MaxMemoryLimitBytes)}, but is \"{limit}\""
                + " (a worker needs some heap to start, and every limit a script can reach is finite)")
            .WithFix($"choose a size from {MemorySize.Format(MinMemoryLimitBytes)} to {MemorySize.Format(MaxMemoryLimitBytes)}, e.g. \"64MB\"");

        RuleFor(r => r.MaxStatements).AsJsonField().Within(MinStatements, ConfigurationLimits.MaxStatements, "statements", 10_000_000);
        RuleFor(r => r.MaxRecursion).AsJsonField().Within(MinRecursion, ConfigurationLimits.MaxRecursion, "nested calls", 256);
        RuleFor(r => r.MaxOutputBytes).AsJsonField().Within(MinOutputBytes, ConfigurationLimits.MaxOutputBytes, "bytes", 1024 * 1024);
        RuleFor(r => r.MaxToolCalls).AsJsonField().Within(MinToolCalls, ConfigurationLimits.MaxToolCalls, "tool calls", 100);

        RuleForEach(r => r.AllowedModules).AsJsonField()
            .Must(module => ProvidedModules.Contains(module, StringComparer.Ordinal))
            .WithMessage((_, module) => $"\"{module}\" is not a module CodeMode provides (it provides: {ConfigRuleExtensions.Quoted(ProvidedModules)})")
            .WithFix($"use one of {ConfigRuleExtensions.Quoted(ProvidedModules)}, or remove the entry");
        RuleFor(r => r.AllowedModules).AsJsonField().NoDuplicates();
        RuleFor(r => r.AllowedModules).AsJsonField()
            .Empty()
            .When(r => IsKnownLanguage(r.Language) && !LanguagesWithModules.Contains(r.Language, StringComparer.Ordinal))
            .WithMessage((r, _) => $"lists modules, but only the javascript and csharp runtimes offer fs and fetch; {r.Language} scripts would not see them")
            .WithFix("remove the entries (write \"allowedModules\": [])");

        // A module without a grant, or a grant without its module, would silently give scripts nothing.
        RuleFor(r => r.AllowedModules).AsJsonField()
            .Must(modules => !modules.Contains("fs", StringComparer.Ordinal))
            .When(r => r.Permissions.FileSystem.Read.Count == 0 && r.Permissions.FileSystem.Write.Count == 0)
            .WithMessage("lists \"fs\", but permissions.fileSystem grants no directory, so fs would have nothing to reach")
            .WithFix("list directories in permissions.fileSystem.read or write, or remove \"fs\"");
        RuleFor(r => r.AllowedModules).AsJsonField()
            .Must(modules => !modules.Contains("fetch", StringComparer.Ordinal))
            .When(r => r.Permissions.Network.AllowedHosts.Count == 0 || r.Permissions.Network.AllowedPorts.Count == 0)
            .WithMessage("lists \"fetch\", but permissions.network needs both allowedHosts and allowedPorts, or no URL could be fetched")
            .WithFix("list the hosts and their ports (e.g. \"allowedHosts\": [\"api.example.com\"], \"allowedPorts\": [443]), or remove \"fetch\"");
        GrantNeedsModule(r => r.Permissions.FileSystem.Read, "fs", "directories");
        GrantNeedsModule(r => r.Permissions.FileSystem.Write, "fs", "directories");
        GrantNeedsModule(r => r.Permissions.Network.AllowedHosts, "fetch", "hosts");
        RuleFor(r => r.Permissions.Network.AllowedPorts).AsJsonField()
            .Empty()
            .When(r => !r.AllowedModules.Contains("fetch", StringComparer.Ordinal))
            .WithMessage((_, ports) => $"lists {string.Join(", ", ports)}, but allowedModules does not list \"fetch\", so scripts could not use them")
            .WithFix("add \"fetch\" to allowedModules, or remove the entries");

        RuleFor(r => r.Tools).AsJsonField().ToolNamesByServer();

        RuleForEach(r => r.DeniedOperations).AsJsonField()
            .Must((r, operation) => DeniableOperations.For(r.Language).Contains(operation, StringComparer.Ordinal))
            .When(r => IsKnownLanguage(r.Language))
            .WithMessage((r, operation) => DeniableOperations.For(r.Language).Count == 0
                ? $"\"{operation}\" cannot be denied: {r.Language} has no deniable operations yet, so the denial would be ignored"
                : $"\"{operation}\" is not an operation {r.Language} can deny (known: {ConfigRuleExtensions.Quoted(DeniableOperations.For(r.Language))})")
            .WithFix((r, _) => DeniableOperations.For(r.Language).Count == 0
                ? "remove the entry"
                : $"use one of {ConfigRuleExtensions.Quoted(DeniableOperations.For(r.Language))} (names are case-sensitive), or remove the entry");
        RuleFor(r => r.DeniedOperations).AsJsonField().NoDuplicates();

        RuleFor(r => r.SandboxType).AsJsonField()
            .Equal(ProcessSandbox)
            .WithMessage((_, type) => $"\"{type}\" is not a sandbox CodeMode has: scripts run only in pooled worker processes")
            .WithFix($"set \"sandboxType\" to \"{ProcessSandbox}\"");

        RuleFor(r => r.Permissions).AsJsonField().SetValidator(new PermissionsConfigValidator());

        RuleFor(r => r.Servers).AsJsonField().NoDuplicates();
    }

    private void GrantNeedsModule(System.Linq.Expressions.Expression<Func<RuntimeConfig, IReadOnlyList<string>>> grant, string module, string what) =>
        RuleFor(grant).AsJsonField()
            .Empty()
            .When(r => !r.AllowedModules.Contains(module, StringComparer.Ordinal))
            .WithMessage((_, entries) => $"lists {ConfigRuleExtensions.Quoted(entries)}, but allowedModules does not list \"{module}\", so scripts could not use these {what}")
            .WithFix($"add \"{module}\" to allowedModules, or remove the entries");

    private static bool IsKnownLanguage(string? language) => language is not null && EngineByLanguage.ContainsKey(language);
}
