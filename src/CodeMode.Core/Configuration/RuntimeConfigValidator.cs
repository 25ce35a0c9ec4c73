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

        RuleFor(r => r.AllowedModules).AsJsonField()
            .Empty()
            .WithMessage((_, modules) =>
                $"lists {ConfigRuleExtensions.Quoted(modules)}, but CodeMode provides no modules yet: the brokered fs and fetch modules arrive"
                + " with the security work, and until then a listed module would silently not exist")
            .WithFix("remove the entries (write \"allowedModules\": [])");

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

    private static bool IsKnownLanguage(string? language) => language is not null && EngineByLanguage.ContainsKey(language);
}
