using System.Diagnostics.Metrics;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CodeMode.Server.Tests;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace CodeMode.Integration.Tests;

/// <summary>
/// A secret planted in a live server's environment (<c>env PLANTED_TOKEN = ${VAR}</c>, the variable set in this
/// process) that the server really hands back — server-everything's <c>get-env</c> returns its whole environment, its
/// <c>echo</c> returns the argument the script sends — never appears in the ScriptResult, the host's logs, the audit
/// log (API and file, arguments audited) or the metrics, while the calls themselves are answered live.
/// </summary>
public sealed class LiveSecretLeakTests : IDisposable
{
    private readonly string _variable = "CODEMODE_LIVE_SECRET_" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
    private readonly string _secret = "live-planted-" + Guid.NewGuid().ToString("N");

    public LiveSecretLeakTests() => Environment.SetEnvironmentVariable(_variable, _secret);

    public void Dispose() => Environment.SetEnvironmentVariable(_variable, null);

    [NodeFact]
    public async Task PlantedSecret_ReturnedByALiveServer_NeverLeaves()
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
        listener.SetMeasurementEventCallback<long>((instrument, _, measured, _) => Record(tags, instrument, measured));
        listener.SetMeasurementEventCallback<double>((instrument, _, measured, _) => Record(tags, instrument, measured));
        listener.Start();

        using var directory = new CodeMode.Testing.TempDirectory();
        var everything = new JsonObject
        {
            ["command"] = "node",
            ["args"] = new JsonArray(McpServersInstall.Everything, "stdio"),
            ["cwd"] = directory.Path,
            ["timeoutMs"] = 20_000,
            ["env"] = new JsonObject { ["PLANTED_TOKEN"] = "${" + _variable + "}" },
        };
        var logs = new CapturedLogs();
        using var live = new LiveAppFactory(
            new JsonObject { ["everything"] = everything },
            fallbackToMock: false,
            edit: root => root["security"] = new JsonObject { ["fallbackToMock"] = false, ["audit"] = new JsonObject { ["auditArguments"] = true } });
        using var app = live.WithWebHostBuilder(builder => builder.ConfigureLogging(logging =>
        {
            logging.AddProvider(logs);
            logging.AddFilter<CapturedLogs>(null, LogLevel.Trace);
        }));
        using var client = app.CreateClient();

        // The script holds the secret only as an argument it sends; everything it gets back passes the host.
        var result = await client.RunAsync($$"""
            var env = everything.get_env({});
            var text = typeof env === 'string' ? env : JSON.stringify(env);
            var echoed = everything.echo({ message: 'the token is {{_secret}}' });
            console.log(text);
            console.log(JSON.stringify(echoed));
            return { env: text, echoed: echoed, planted: text.indexOf('PLANTED_TOKEN') >= 0 };
            """);
        var csharp = await RunCSharpAsync(client, $$"""
            var env = await everything.get_env();
            var echoed = await everything.echo(message: "the token is {{_secret}}");
            log(env?.ToJsonString());
            return new { env = env?.ToJsonString(), echoed = echoed?.ToJsonString() };
            """);
        var audit = await (await client.GetAsync("/v1/audit?limit=1000")).Content.ReadAsStringAsync();
        var stats = await (await client.GetAsync("/v1/audit/stats")).Content.ReadAsStringAsync();
        var metrics = await (await client.GetAsync("/metrics")).Content.ReadAsStringAsync();
        var auditPath = Path.Combine(live.Directory, ".codemode", "audit.db");
        await app.DisposeAsync();
        listener.Dispose();

        Assert.True(result.Status() == "succeeded", result.ToString());
        Assert.Equal(["live", "live"], result.GetProperty("toolCalls").EnumerateArray().Select(c => c.GetProperty("source").GetString()));
        Assert.True(result.GetProperty("value").GetProperty("planted").GetBoolean(), "get-env did not return the planted variable: not the live server's environment");
        Assert.Contains("\"PLANTED_TOKEN\":\"[REDACTED]\"", result.GetProperty("value").GetProperty("env").GetString(), StringComparison.Ordinal);
        Assert.Contains("[REDACTED]", result.GetProperty("value").GetProperty("echoed").ToString(), StringComparison.Ordinal);
        Assert.True(csharp.Status() == "succeeded", csharp.ToString());
        Assert.Contains("[REDACTED]", csharp.GetProperty("value").GetProperty("env").GetString(), StringComparison.Ordinal);
        Assert.Contains("[REDACTED]", audit, StringComparison.Ordinal);
        Assert.Contains("\"tool\":\"get_env\"", audit, StringComparison.Ordinal);

        // The captured logs really hold this run (the live connection), so "not found" below means something.
        Assert.Contains("everything", logs.Text, StringComparison.Ordinal);
        foreach (var (where, text) in new[]
                 {
                     ("javascript result", result.ToString()), ("csharp result", csharp.ToString()), ("audit API", audit), ("audit stats", stats),
                     ("metrics endpoint", metrics), ("metric tags", tags.ToString()), ("logs", logs.Text), ("audit file", ReadShared(auditPath)),
                 })
        {
            Assert.False(text.Contains(_secret, StringComparison.Ordinal), $"the secret leaked into the {where}");
        }
    }

    private static async Task<JsonElement> RunCSharpAsync(HttpClient client, string code)
    {
        using var response = await client.PostAsJsonAsync("/v1/execute", new { runtime = "csharp", code, timeoutMs = 30_000 });
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"HTTP {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static void Record(StringBuilder tags, Instrument instrument, ReadOnlySpan<KeyValuePair<string, object?>> measured)
    {
        lock (tags)
        {
            foreach (var tag in measured)
            {
                tags.Append(instrument.Name).Append(' ').Append(tag.Key).Append('=').Append(tag.Value).AppendLine();
            }
        }
    }

    // The database may still be open in WAL mode: read it and its log as they are on disk.
    private static string ReadShared(string path) =>
        string.Concat(new[] { path, path + "-wal" }.Where(File.Exists).Select(file =>
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream, Encoding.Latin1);
            return reader.ReadToEnd();
        }));
}
