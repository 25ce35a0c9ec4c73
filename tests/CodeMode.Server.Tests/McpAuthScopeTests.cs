using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using CodeMode.Testing;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace CodeMode.Server.Tests;

/// <summary>
/// <c>/mcp</c> with API keys: a session runs under the scopes of the key that opened it (its runtimes, its servers,
/// its client id in the audit log), and no other key can use the session.
/// </summary>
public sealed class McpAuthScopeTests : IClassFixture<McpAuthScopeTests.KeyedApp>
{
    private const string HelpscoutKey = "helpscout-only-key-0123456789";
    private const string CSharpKey = "csharp-only-key-0123456789ab";

    private readonly KeyedApp _app;

    public McpAuthScopeTests(KeyedApp app) => _app = app;

    [Fact]
    public async Task Execute_RunsWithTheKeysServerScopeAndClientId()
    {
        await using var client = await ConnectAsync(HelpscoutKey);

        var allowed = await client.CallToolAsync("execute", new Dictionary<string, object?> { ["runtime"] = "javascript", ["code"] = "helpscout.getServerTime({}) ? 1 : 0" });
        var narrowed = await client.CallToolAsync("execute", new Dictionary<string, object?> { ["runtime"] = "javascript", ["code"] = "automem.check_database_health({})" });

        Assert.NotEqual(true, allowed.IsError);
        Assert.Equal(1, allowed.StructuredContent!.Value.GetProperty("value").GetInt32());
        Assert.True(narrowed.IsError);
        Assert.Equal("policyDenied", narrowed.StructuredContent!.Value.GetProperty("status").GetString());
        var audit = await AuditAsync(HelpscoutKey);
        Assert.Contains(audit, r => r.GetProperty("kind").GetString() == "execution" && r.GetProperty("clientId").GetString() == "helpscout-only");
    }

    [Fact]
    public async Task Execute_ToolOutsideTheKeysToolScope_IsDeniedWithTheClientNamed()
    {
        await using var client = await ConnectAsync(HelpscoutKey);

        var denied = await client.CallToolAsync("execute", new Dictionary<string, object?> { ["runtime"] = "javascript", ["code"] = "helpscout.searchConversations({ query: 'x' })" });

        Assert.True(denied.IsError);
        var result = denied.StructuredContent!.Value;
        Assert.Equal("policyDenied", result.GetProperty("status").GetString());
        Assert.Equal("CM4007", result.GetProperty("error").GetProperty("code").GetString());
        Assert.StartsWith("API client 'helpscout-only' may not call helpscout.searchConversations.", result.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Execute_RuntimeOutsideTheKeysScope_IsARefusedToolCallAndAudited()
    {
        await using var client = await ConnectAsync(CSharpKey);

        var refused = await client.CallToolAsync("execute", new Dictionary<string, object?> { ["runtime"] = "javascript", ["code"] = "1" });

        Assert.True(refused.IsError);
        var text = Assert.IsType<TextContentBlock>(Assert.Single(refused.Content)).Text;
        Assert.Contains("CM8002", text, StringComparison.Ordinal);
        Assert.Contains("may not run the 'javascript' runtime", text, StringComparison.Ordinal);
        Assert.Contains(await AuditAsync(CSharpKey), r => r.GetProperty("kind").GetString() == "denial" && r.GetProperty("code").GetString() == "CM8002");
    }

    [Fact]
    public async Task Session_UsedWithAnotherKey_IsNotFound()
    {
        using var opener = KeyedClient(HelpscoutKey);
        using var initialize = await opener.SendAsync(McpPost("""{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"t","version":"1"}}}"""));
        var sessionId = initialize.Headers.GetValues("Mcp-Session-Id").Single();

        using var other = KeyedClient(CSharpKey);
        using var list = McpPost("""{"jsonrpc":"2.0","id":2,"method":"tools/list"}""");
        list.Headers.Add("Mcp-Session-Id", sessionId);
        using var response = await other.SendAsync(list);
        using var delete = new HttpRequestMessage(HttpMethod.Delete, "/mcp");
        delete.Headers.Add("Mcp-Session-Id", sessionId);
        using var deleted = await other.SendAsync(delete);

        Assert.Equal(HttpStatusCode.OK, initialize.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, deleted.StatusCode);
    }

    private async Task<McpClient> ConnectAsync(string key)
    {
        var transport = new HttpClientTransport(
            new HttpClientTransportOptions { Endpoint = new Uri(_app.Factory.Server.BaseAddress, "/mcp"), TransportMode = HttpTransportMode.StreamableHttp },
            KeyedClient(key),
            ownsHttpClient: true);
        return await McpClient.CreateAsync(transport, new McpClientOptions { ProtocolVersion = "2025-11-25" });
    }

    private async Task<JsonElement[]> AuditAsync(string key)
    {
        using var client = KeyedClient(key);
        // The audit writer batches in the background: give it a moment to flush.
        for (var attempt = 0; ; attempt++)
        {
            using var response = await client.GetAsync("/v1/audit?limit=500");
            var records = (await HttpJson.ReadAsync(response)).GetProperty("records").EnumerateArray().Select(r => r.Clone()).ToArray();
            if (records.Length > 0 || attempt >= 50)
            {
                return records;
            }

            await Task.Delay(100);
        }
    }

    private static HttpRequestMessage McpPost(string json)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/mcp") { Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        return request;
    }

    private HttpClient KeyedClient(string key)
    {
        var client = _app.Factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    /// <summary>One host with two keys: helpscout-only (javascript, helpscout) and csharp-only.</summary>
    public sealed class KeyedApp : IDisposable
    {
        private readonly TempDirectory _directory = new();

        public KeyedApp()
        {
            Factory = new AuditAppFactory(_directory, root => root["security"] = new JsonObject
            {
                ["apiKeys"] = new JsonObject
                {
                    ["helpscout-only"] = new JsonObject { ["sha256"] = AuditAppFactory.Sha256(HelpscoutKey), ["runtimes"] = new JsonArray("javascript"), ["servers"] = new JsonArray("helpscout"), ["tools"] = new JsonObject { ["helpscout"] = new JsonArray("getServerTime", "listAllInboxes") } },
                    ["csharp-only"] = new JsonObject { ["sha256"] = AuditAppFactory.Sha256(CSharpKey), ["runtimes"] = new JsonArray("csharp") },
                },
            });
        }

        public AuditAppFactory Factory { get; }

        public void Dispose()
        {
            Factory.Dispose();
            _directory.Dispose();
        }
    }
}
