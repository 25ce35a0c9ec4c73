using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CodeMode.Testing;

namespace CodeMode.Server.Tests;

/// <summary>API keys end to end through the HTTP host: 401, 403, 429, scopes, /health open, and what the audit log records.</summary>
public sealed class AuthTests : IClassFixture<AuthTests.KeyedApp>
{
    private const string CiKey = "ci-key-0123456789abcdef";
    private const string SlowKey = "slow-key-0123456789abcdef";
    private const string CSharpOnlyKey = "csharp-only-key-0123456789";
    private const string NarrowKey = "narrow-key-0123456789abcdef";

    private readonly KeyedApp _app;

    public AuthTests(KeyedApp app) => _app = app;

    [Theory]
    [InlineData("GET", "/v1/apis")]
    [InlineData("GET", "/v1/servers")]
    [InlineData("GET", "/v1/audit")]
    [InlineData("POST", "/v1/execute")]
    [InlineData("GET", "/mcp")]
    public async Task NoKey_Returns401Problem(string method, string path)
    {
        using var client = _app.Factory.CreateClient();
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method == "POST")
        {
            request.Content = JsonContent.Create(new { runtime = "javascript", code = "1" });
        }

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.ToString());
        Assert.Equal("CM8001", (await HttpJson.ReadAsync(response)).Str("code"));
    }

    [Fact]
    public async Task WrongKey_Returns401_AndHealthStaysOpen()
    {
        using var client = Client("not-a-configured-key-at-all");

        var (status, problem) = await client.ExecuteAsync("1");
        using var health = await _app.Factory.CreateClient().GetAsync("/health");

        Assert.Equal(401, status);
        Assert.Equal("CM8001", problem.Str("code"));
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task BearerAndXApiKey_AreBothAccepted()
    {
        using var bearer = Client(CiKey);
        using var header = _app.Factory.CreateClient();
        header.DefaultRequestHeaders.Add("X-Api-Key", CiKey);

        Assert.Equal(200, (await bearer.ExecuteAsync("1 + 1")).Status);
        Assert.Equal(200, (await header.ExecuteAsync("1 + 1")).Status);
    }

    [Fact]
    public async Task RuntimeOutsideTheKeysScope_Returns403()
    {
        using var client = Client(CSharpOnlyKey);

        var (status, problem) = await client.ExecuteAsync("1");

        Assert.Equal(403, status);
        Assert.Equal("CM8002", problem.Str("code"));
        Assert.Contains("csharp-only", problem.Str("detail"), StringComparison.Ordinal);
        Assert.DoesNotContain(CSharpOnlyKey, problem.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ServerOutsideTheKeysScope_IsDeniedPerCall_AndAuditedWithTheClientId()
    {
        using var client = Client(CiKey);

        var (_, allowed) = await client.ExecuteAsync("helpscout.listAllInboxes({}); 'ok'");
        var (_, denied) = await client.ExecuteAsync("automem.check_database_health({})");

        Assert.Equal("succeeded", allowed.Str("status"));
        Assert.Equal("policyDenied", denied.Str("status"));
        Assert.Equal("CM4002", denied.GetProperty("error").Str("code"));

        var audit = await HttpJson.ReadAsync(await client.GetAsync("/v1/audit?client=ci&kind=toolCall&limit=1000"));
        var calls = audit.GetProperty("records").EnumerateArray().ToArray();
        Assert.Contains(calls, r => r.Str("server") == "helpscout" && r.Str("outcome") == "ok" && r.Str("clientId") == "ci" && r.Str("source") == "mock");
        Assert.Contains(calls, r => r.Str("server") == "automem" && r.Str("outcome") == "denied" && r.Str("code") == "CM4002");
    }

    [Fact]
    public async Task ToolOutsideTheKeysScope_IsDeniedPerCall_AndOtherServersKeepTheirTools()
    {
        using var client = Client(NarrowKey);

        var (_, allowed) = await client.ExecuteAsync("helpscout.listAllInboxes({}); 'ok'");
        var (_, denied) = await client.ExecuteAsync("helpscout.getServerTime({})");
        var (_, otherServer) = await client.ExecuteAsync("automem.check_database_health({}); 'ok'");

        Assert.Equal("succeeded", allowed.Str("status"));
        Assert.Equal("policyDenied", denied.Str("status"));
        Assert.Equal("CM4007", denied.GetProperty("error").Str("code"));
        Assert.Equal("API client 'narrow' may not call helpscout.getServerTime. Its key's allowed tools of 'helpscout': listAllInboxes.", denied.GetProperty("error").Str("message"));
        Assert.Equal("succeeded", otherServer.Str("status"));
    }

    [Fact]
    public async Task KeyOverItsRate_Returns429WithRetryAfter_AndIsCountedAsADenial()
    {
        using var client = Client(SlowKey);

        Assert.Equal(200, (await client.ExecuteAsync("1")).Status);
        Assert.Equal(200, (await client.ExecuteAsync("2")).Status);
        using var refused = await client.PostAsJsonAsync("/v1/execute", new { runtime = "javascript", code = "3" });

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(refused.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));
        Assert.Equal("CM8003", (await HttpJson.ReadAsync(refused)).Str("code"));

        using var ci = Client(CiKey);
        var stats = await HttpJson.ReadAsync(await ci.GetAsync("/v1/audit/stats"));
        Assert.True(stats.GetProperty("denialsByReason").GetProperty("CM8003").GetInt64() >= 1);
        var denials = await HttpJson.ReadAsync(await ci.GetAsync("/v1/audit?kind=denial&client=slow"));
        Assert.Contains(denials.GetProperty("records").EnumerateArray(), r => r.Str("code") == "CM8003" && r.Str("outcome") == "rateLimited");
    }

    [Fact]
    public async Task KeyWithoutAuditAll_ReadsOnlyItsOwnRecords()
    {
        using var own = Client(CSharpOnlyKey);
        await own.ExecuteAsync("1");
        using var ci = Client(CiKey);
        await ci.ExecuteAsync("helpscout.listAllInboxes({}); 'ok'");

        var page = await HttpJson.ReadAsync(await own.GetAsync("/v1/audit?client=ci&limit=1000"));
        var everything = await HttpJson.ReadAsync(await ci.GetAsync("/v1/audit?limit=1000"));

        var records = page.GetProperty("records").EnumerateArray().ToArray();
        Assert.NotEmpty(records);
        Assert.All(records, r => Assert.Equal("csharp-only", r.Str("clientId")));
        Assert.Contains(records, r => r.Str("kind") == "denial" && r.Str("code") == "CM8002");
        Assert.Contains(everything.GetProperty("records").EnumerateArray(), r => r.Str("clientId") == "ci" && r.Str("kind") == "toolCall");
    }

    private HttpClient Client(string key)
    {
        var client = _app.Factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    /// <summary>One host for the class, with three keys: ci (javascript, helpscout only, reads all audit records), slow (2 per minute), csharp-only.</summary>
    public sealed class KeyedApp : IDisposable
    {
        private readonly TempDirectory _directory = new();

        public KeyedApp()
        {
            Factory = new AuditAppFactory(_directory, root => root["security"] = new JsonObject
            {
                ["apiKeys"] = new JsonObject
                {
                    ["ci"] = new JsonObject { ["sha256"] = AuditAppFactory.Sha256(CiKey), ["runtimes"] = new JsonArray("javascript"), ["servers"] = new JsonArray("helpscout"), ["rateLimitPerMinute"] = 10_000, ["auditAll"] = true },
                    ["slow"] = new JsonObject { ["sha256"] = AuditAppFactory.Sha256(SlowKey), ["rateLimitPerMinute"] = 2 },
                    ["csharp-only"] = new JsonObject { ["sha256"] = AuditAppFactory.Sha256(CSharpOnlyKey), ["runtimes"] = new JsonArray("csharp") },
                    ["narrow"] = new JsonObject { ["sha256"] = AuditAppFactory.Sha256(NarrowKey), ["tools"] = new JsonObject { ["helpscout"] = new JsonArray("listAllInboxes") } },
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
