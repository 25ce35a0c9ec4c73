using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Nodes;
using CodeMode.Server;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Client;

namespace CodeMode.McpBenchmarks;

/// <summary>
/// server-everything's <c>echo</c> over stdio, called (a) directly with the SDK client and (b) from a javascript snippet
/// through the real host. The host's per-call cost is (snippet with 10 calls − snippet with none) / 10, so the HTTP
/// request and the sandbox run are not charged to the tool call.
/// Usage: CodeMode.McpBenchmarks [--iterations N] (needs `npm ci --prefix tests/mcp-servers` first).
/// </summary>
internal static class LiveCallBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var iterations = args.Length == 2 && args[0] == "--iterations" ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 1000;
        var root = FindRoot();
        var script = Path.Combine(root, "tests", "mcp-servers", "node_modules", "@modelcontextprotocol", "server-everything", "dist", "index.js");
        if (!File.Exists(script))
        {
            Console.Error.WriteLine("Run `npm ci --prefix tests/mcp-servers` first.");
            return 2;
        }

        var direct = await MeasureDirectAsync(script, iterations);
        var (none, ten) = await MeasureHostAsync(root, script, iterations / 5);
        var perCall = (ten.Median - none.Median) / 10;
        Console.WriteLine($"direct SDK echo: p50 {direct.Median:F3} ms, p90 {direct.P(90):F3} ms ({iterations} calls)");
        Console.WriteLine($"snippet, no call: p50 {none.Median:F3} ms; snippet, 10 echo calls: p50 {ten.Median:F3} ms ({iterations / 5} runs each)");
        Console.WriteLine($"per call through the host: {perCall:F3} ms; overhead over direct: {perCall - direct.Median:F3} ms");
        return 0;
    }

    private static async Task<Samples> MeasureDirectAsync(string script, int iterations)
    {
        await using var client = await McpClient.CreateAsync(new StdioClientTransport(new StdioClientTransportOptions
        {
            Name = "everything",
            Command = "node",
            Arguments = [script, "stdio"],
        }));
        var arguments = new Dictionary<string, object?> { ["message"] = "hi" };
        for (var i = 0; i < 200; i++)
        {
            await client.CallToolAsync("echo", arguments);
        }

        var samples = new Samples();
        for (var i = 0; i < iterations; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await client.CallToolAsync("echo", arguments);
            samples.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        return samples;
    }

    private static async Task<(Samples None, Samples Ten)> MeasureHostAsync(string root, string script, int runs)
    {
        var port = FreePort();
        var config = JsonNode.Parse(File.ReadAllText(Path.Combine(root, "runtimes.json")), documentOptions: new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true })!;
        config["mcpServers"] = new JsonObject
        {
            ["everything"] = new JsonObject { ["command"] = "node", ["args"] = new JsonArray(script, "stdio"), ["rateLimitPerMinute"] = 100_000 },
        };
        foreach (var (_, runtime) in config["runtimes"]!.AsObject())
        {
            runtime!["servers"] = new JsonArray("everything");
        }

        var path = Path.Combine(Path.GetTempPath(), $"codemode-mcp-benchmark-{port}.json");
        await File.WriteAllTextAsync(path, config.ToJsonString());
        await using var app = CodeModeServer.CreateApp([], new CodeModeServerOptions { ConfigPath = path, Urls = $"http://127.0.0.1:{port}" });
        await app.StartAsync();
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            const string Ten = "var s = ''; for (var i = 0; i < 10; i++) { s = everything.echo({ message: 'hi' }); } return s;";
            const string None = "var s = ''; for (var i = 0; i < 10; i++) { s = 'hi'; } return s;";
            await MeasureSnippetAsync(http, Ten, 50);
            await MeasureSnippetAsync(http, None, 50);
            return (await MeasureSnippetAsync(http, None, runs), await MeasureSnippetAsync(http, Ten, runs));
        }
        finally
        {
            await app.StopAsync();
            File.Delete(path);
        }
    }

    private static async Task<Samples> MeasureSnippetAsync(HttpClient http, string code, int runs)
    {
        var samples = new Samples();
        for (var i = 0; i < runs; i++)
        {
            var started = Stopwatch.GetTimestamp();
            using var response = await http.PostAsJsonAsync("/v1/execute", new { runtime = "javascript", code });
            var body = await response.Content.ReadFromJsonAsync<JsonElement>();
            samples.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            if (body.GetProperty("status").GetString() != "succeeded")
            {
                throw new InvalidOperationException($"the snippet did not succeed: {body}");
            }
        }

        return samples;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "CodeMode.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("run from a checkout");
    }
}
