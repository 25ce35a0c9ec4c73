using System.Diagnostics.Metrics;
using System.Text;
using System.Text.Json.Nodes;
using CodeMode.Testing;

namespace CodeMode.Server.Tests;

/// <summary>
/// A secret planted in a server's environment (<c>env FOO = ${VAR}</c>, the variable set in this process) that comes
/// back through a tool result never appears in the result, the logs, the audit log or the metrics.
/// </summary>
public sealed class SecretLeakTests : IDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly string _variable = "CODEMODE_TEST_SECRET_" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
    private readonly string _secret = "planted-" + Guid.NewGuid().ToString("N");

    public SecretLeakTests() => Environment.SetEnvironmentVariable(_variable, _secret);

    public void Dispose()
    {
        Environment.SetEnvironmentVariable(_variable, null);
        _directory.Dispose();
    }

    [Fact]
    public async Task PlantedSecret_NeverLeaves_ThroughResultsLogsAuditOrMetrics()
    {
        var tags = new StringBuilder();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name.StartsWith("CodeMode", StringComparison.Ordinal))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, _, measured, _) =>
        {
            lock (tags)
            {
                foreach (var tag in measured)
                {
                    tags.Append(instrument.Name).Append(' ').Append(tag.Key).Append('=').Append(tag.Value).AppendLine();
                }
            }
        });
        listener.Start();

        using var factory = new AuditAppFactory(_directory, root =>
        {
            root["mcpServers"]!["automem"]!["env"] = new JsonObject { ["FOO"] = "${" + _variable + "}" };
            root["security"] = new JsonObject { ["audit"] = new JsonObject { ["auditArguments"] = true } };
        });
        using var client = factory.CreateClient();

        // The mock plays a server that echoes what it holds: what it answers carries the secret back.
        var (status, body) = await client.ExecuteAsync(
            $"automem.store_memory({{ content: 'token is {_secret}' }}); var r = automem.recall_memory({{ query: 'token' }}); "
            + $"automem.update_memory({{ memory_id: 'not-a-uuid-{_secret}' }});");
        var (_, value) = await client.ExecuteAsync(
            $"automem.store_memory({{ content: 'token is {_secret}' }}); JSON.stringify(automem.recall_memory({{ query: 'token' }}))");
        var audit = await (await client.GetAsync("/v1/audit?limit=1000")).Content.ReadAsStringAsync();
        var stats = await (await client.GetAsync("/v1/audit/stats")).Content.ReadAsStringAsync();
        factory.Dispose();
        listener.Dispose();

        Assert.Equal(200, status);
        Assert.Contains("[REDACTED]", value.Str("value"), StringComparison.Ordinal);
        Assert.Contains("[REDACTED]", audit, StringComparison.Ordinal);
        foreach (var (where, text) in new[]
                 {
                     ("result", body.ToString()), ("value", value.ToString()), ("audit API", audit), ("stats", stats),
                     ("logs", factory.Logs.Text), ("metric tags", tags.ToString()), ("audit file", ReadShared(factory.AuditPath)),
                 })
        {
            Assert.False(text.Contains(_secret, StringComparison.Ordinal), $"the secret leaked into the {where}");
        }
    }

    // The file may still be open in WAL mode: read the database and its log as they are on disk.
    private static string ReadShared(string path) =>
        string.Concat(new[] { path, path + "-wal" }.Where(File.Exists).Select(file =>
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream, Encoding.Latin1);
            return reader.ReadToEnd();
        }));
}
