using CodeMode.Abstractions.Audit;
using CodeMode.Abstractions.Security;
using CodeMode.Core.Audit;
using CodeMode.Core.Configuration;
using CodeMode.Server.Http;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CodeMode.Server.Composition;

/// <summary>The audit log, secret redaction, denial metrics and API keys, as <see cref="CodeModeServiceCollectionExtensions.AddCodeMode"/> composes them.</summary>
public static class AuditServiceCollectionExtensions
{
    public static IServiceCollection AddCodeModeAudit(this IServiceCollection services, CodeModeConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var audit = config.Security.Audit;
        services.AddSingleton<SecurityMetrics>();
        services.AddSingleton(_ => SecretRedactor.FromConfig(config));
        services.AddSingleton(provider => new AuthApiKeys(config.Security, timeProvider: provider.GetRequiredService<TimeProvider>()));
        if (audit.Enabled)
        {
            services.AddSingleton(OpenStore(audit.Path));
            services.AddSingleton<IAuditStore>(provider => provider.GetRequiredService<SqliteAuditStore>());
            services.AddSingleton(provider => new AuditWriter(
                provider.GetRequiredService<SqliteAuditStore>(),
                audit,
                provider.GetRequiredService<SecretRedactor>(),
                provider.GetRequiredService<SecurityMetrics>(),
                provider.GetRequiredService<TimeProvider>(),
                provider.GetRequiredService<ILogger<AuditWriter>>()));
            services.AddSingleton<IAuditSink>(provider => provider.GetRequiredService<AuditWriter>());
        }
        else
        {
            services.AddSingleton<IAuditSink>(NullAuditSink.Instance);
        }

        services.AddSingleton<ICapabilityAuditSink>(provider => new CapabilityAuditRecorder(provider.GetRequiredService<IAuditSink>()));
        services.AddSingleton(provider => new AuditedToolGateway(
            provider.GetRequiredService<IAuditSink>(),
            provider.GetRequiredService<SecurityMetrics>(),
            provider.GetRequiredService<SecretRedactor>(),
            audit.Enabled && audit.AuditArguments,
            provider.GetRequiredService<TimeProvider>()));
        return services;
    }

    // Opened while composing, so an unusable path stops start-up with a configuration error (exit code 2) instead of
    // failing on the first execution.
    private static SqliteAuditStore OpenStore(string path)
    {
        try
        {
            return new SqliteAuditStore(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or SqliteException or ArgumentException or NotSupportedException)
        {
            throw new ConfigurationException("runtimes.json",
            [
                new ConfigurationError("security.audit.path", $"the audit log {path} cannot be opened: {exception.Message}",
                    "point security.audit.path at a writable file, or set security.audit.enabled false (or MCP_AUDIT_LOGGING=false) to keep no audit log"),
            ]);
        }
    }
}
