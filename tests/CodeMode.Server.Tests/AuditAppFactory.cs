using System.Text.Json.Nodes;
using CodeMode.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CodeMode.Server.Tests;

/// <summary>
/// The host on a runtimes.json variant written into its own directory, so its audit log (<c>.codemode/audit.db</c>
/// next to the file) is its own; log lines are captured in <see cref="Logs"/>.
/// </summary>
public sealed class AuditAppFactory : CodeModeAppFactory
{
    private readonly string _config;

    /// <param name="directory">Where runtimes.json (and so the audit log) goes; two factories on one directory share the log.</param>
    /// <param name="edit">Changes to the repository's runtimes.json.</param>
    public AuditAppFactory(TempDirectory directory, Action<JsonObject>? edit = null)
    {
        _config = ConfigFiles.Variant(directory, root =>
        {
            root["sandbox"] = new JsonObject { ["poolSize"] = 2, ["maxQueuedExecutions"] = 1000 };
            edit?.Invoke(root);
        });
        AuditPath = Path.Combine(directory.Path, ".codemode", "audit.db");
    }

    public string AuditPath { get; }

    public CapturedLogs Logs { get; } = new();

    protected override string ConfigPath => _config;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureLogging(logging =>
        {
            logging.AddProvider(Logs);
            logging.AddFilter<CapturedLogs>(null, LogLevel.Trace);
        });
    }

    /// <summary>The SHA-256 that runtimes.json stores for <paramref name="key"/>.</summary>
    public static string Sha256(string key) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(key)));
}
