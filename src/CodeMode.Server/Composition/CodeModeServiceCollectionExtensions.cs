using CodeMode.Abstractions.Audit;
using CodeMode.Abstractions.Execution;
using CodeMode.Abstractions.Security;
using CodeMode.Core.Audit;
using CodeMode.Abstractions.Tools;
using CodeMode.Core.Configuration;
using CodeMode.Core.Execution;
using CodeMode.Core.Sandbox;
using CodeMode.Core.Tools;
using CodeMode.Mcp.Apis;
using CodeMode.Mcp.Clients;
using CodeMode.Mocks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CodeMode.Server.Composition;

/// <summary>The one place where CodeMode's pieces are put together, for the HTTP host and the CLI alike.</summary>
public static class CodeModeServiceCollectionExtensions
{
    /// <summary>Languages the sandbox worker of this build can run.</summary>
    public static IReadOnlySet<string> WorkerLanguages { get; } = new HashSet<string>(StringComparer.Ordinal) { "javascript", "csharp" };

    public static IServiceCollection AddCodeMode(this IServiceCollection services, CodeModeConfig config, CodeModeHostOptions options)
    {
        services.AddSingleton(config);
        services.AddSingleton(options);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(provider => MockServerRegistry.CreateDefault(provider.GetRequiredService<TimeProvider>()));
        var mockByServer = ToolGatewayPipeline.MockNamesByServer(config.McpServers);

        // Live connections unless offline: the live catalog shows each server's tools/list, or its mock's while it is
        // down; LiveToolGateway is the live end the mock fallback wraps. Offline, only the mocks exist.
        services.AddSingleton(provider => new McpClientManager(
            options.Offline ? new Dictionary<string, McpServerConfig>() : config.McpServers,
            config.Security,
            provider.GetService<McpClientManagerOptions>(),
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<ILoggerFactory>()));
        services.AddSingleton<IToolCatalog>(provider =>
        {
            var mocks = new MockToolCatalog(provider.GetRequiredService<MockServerRegistry>(), mockByServer);
            return options.Offline ? mocks : new LiveToolCatalog(provider.GetRequiredService<McpClientManager>(), mocks);
        });

        // What agents read: declarations, search and describe, over whatever the catalog holds.
        services.AddSingleton(provider => new ApiDeclarationGenerator(provider.GetRequiredService<IToolCatalog>()));
        services.AddSingleton(provider => new ToolSearch(provider.GetRequiredService<IToolCatalog>()));

        services.AddCodeModeAudit(config);
        services.AddSingleton<IToolGateway>(provider => provider.GetRequiredService<AuditedToolGateway>().Wrap(ToolGatewayPipeline.Build(
            config,
            provider.GetRequiredService<IToolCatalog>(),
            new MockToolGateway(provider.GetRequiredService<MockServerRegistry>(), mockByServer),
            options.Offline,
            provider.GetRequiredService<TimeProvider>(),
            options.Offline ? null : new LiveToolGateway(provider.GetRequiredService<McpClientManager>(), provider.GetRequiredService<TimeProvider>()),
            provider.GetService<ICapabilityAuditSink>())));
        services.AddSingleton(provider => new RuntimeManager(
            config,
            CreatePools(config, options, provider.GetRequiredService<ILoggerFactory>()),
            provider.GetRequiredService<IToolGateway>(),
            provider.GetRequiredService<IToolCatalog>(),
            provider.GetRequiredService<ILogger<RuntimeManager>>()));
        services.AddSingleton<IScriptExecutor>(provider => new AuditingScriptExecutor(
            provider.GetRequiredService<RuntimeManager>(),
            provider.GetRequiredService<IAuditSink>(),
            provider.GetRequiredService<SecurityMetrics>(),
            provider.GetRequiredService<TimeProvider>()));
        services.AddHostedService<SandboxLifetimeService>();
        return services;
    }

    private static Dictionary<string, ISandboxPool> CreatePools(CodeModeConfig config, CodeModeHostOptions options, ILoggerFactory loggers)
    {
        var pools = new Dictionary<string, ISandboxPool>(StringComparer.Ordinal);
        foreach (var (name, runtime) in config.Runtimes)
        {
            if (!runtime.Enabled || !WorkerLanguages.Contains(runtime.Language) || (options.Runtimes is not null && !options.Runtimes.Contains(name)))
            {
                continue;
            }

            pools[name] = new SandboxWorkerPool(
                new SandboxPoolOptions
                {
                    Language = runtime.Language,
                    MemoryLimitBytes = runtime.ToExecutionLimits().MemoryLimitBytes,
                    PoolSize = options.PoolSize ?? config.Sandbox.PoolSize,
                    MaxQueuedExecutions = config.Sandbox.MaxQueuedExecutions,
                    WorkerStartTimeout = TimeSpan.FromMilliseconds(config.Sandbox.WorkerStartTimeoutMs),
                    KillGrace = TimeSpan.FromMilliseconds(config.Sandbox.KillGraceMs),
                    WorkerPath = options.WorkerPath,
                },
                loggers.CreateLogger<SandboxWorkerPool>());
        }

        return pools;
    }
}
