using System.Text.Json;
using System.Text.Json.Nodes;
using CodeMode.Testing;

namespace CodeMode.Server.Tests;

/// <summary><c>GET /v1/audit</c> and <c>/v1/audit/stats</c> on a host without keys (loopback): filters, paging, restarts.</summary>
public sealed class AuditEndpointTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Theory]
    [InlineData("from=yesterday", "from")]
    [InlineData("to=2026-13-45", "to")]
    [InlineData("from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z", "from")]
    [InlineData("kind=calls", "kind")]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=1001", "limit")]
    [InlineData("cursor=abc", "cursor")]
    [InlineData("clients=ci", "clients")]
    public async Task BadFilter_Returns400NamingIt(string query, string field)
    {
        using var factory = new AuditAppFactory(_directory);
        using var client = factory.CreateClient();

        using var response = await client.GetAsync("/v1/audit?" + query);
        var problem = await HttpJson.ReadAsync(response);

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Equal("CM8004", problem.Str("code"));
        Assert.Equal(field, problem.Str("field"));
    }

    [Fact]
    public async Task Executions_AreAudited_AndPagedWithTheCursor()
    {
        using var factory = new AuditAppFactory(_directory);
        using var client = factory.CreateClient();
        var since = DateTimeOffset.UtcNow.AddSeconds(-1).ToString("O");
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(200, (await client.ExecuteAsync($"helpscout.listAllInboxes({{}}); {i}")).Status);
        }

        var ids = new List<string>();
        string? cursor = null;
        do
        {
            var page = await HttpJson.ReadAsync(await client.GetAsync($"/v1/audit?kind=execution&limit=2&from={Uri.EscapeDataString(since)}" + (cursor is null ? "" : "&cursor=" + cursor)));
            ids.AddRange(page.GetProperty("records").EnumerateArray().Select(r => r.Str("executionId")));
            cursor = page.TryGetProperty("nextCursor", out var next) && next.ValueKind == JsonValueKind.String ? next.GetString() : null;
        }
        while (cursor is not null);

        Assert.Equal(5, ids.Distinct().Count());
        var calls = await HttpJson.ReadAsync(await client.GetAsync("/v1/audit?kind=toolCall&server=helpscout&outcome=ok"));
        var callExecutions = calls.GetProperty("records").EnumerateArray().Select(r => r.Str("executionId")).ToHashSet();
        Assert.Subset(callExecutions, ids.ToHashSet());
        var record = calls.GetProperty("records")[0];
        Assert.Equal(64, record.Str("argumentHash").Length);
        Assert.Equal(2, record.GetProperty("argumentBytes").GetInt32());
        Assert.False(record.TryGetProperty("arguments", out _));
    }

    [Fact]
    public async Task Restart_KeepsTheAuditLog()
    {
        string firstExecution;
        using (var first = new AuditAppFactory(_directory))
        using (var client = first.CreateClient())
        {
            await client.ExecuteAsync("'before restart'");
            var page = await HttpJson.ReadAsync(await client.GetAsync("/v1/audit?kind=execution"));
            firstExecution = page.GetProperty("records")[0].Str("executionId");
        }

        using var second = new AuditAppFactory(_directory);
        using var secondClient = second.CreateClient();
        await secondClient.ExecuteAsync("'after restart'");

        var records = (await HttpJson.ReadAsync(await secondClient.GetAsync("/v1/audit?kind=execution"))).GetProperty("records").EnumerateArray().ToArray();
        Assert.Equal(2, records.Length);
        Assert.Equal(firstExecution, records[1].Str("executionId"));
        Assert.True(File.Exists(second.AuditPath));
    }

    [Fact]
    public async Task AuditOff_WritesNothing_AndSaysSo()
    {
        using var factory = new AuditAppFactory(_directory, root => root["security"] = new JsonObject { ["audit"] = new JsonObject { ["enabled"] = false } });
        using var client = factory.CreateClient();

        await client.ExecuteAsync("1");
        var page = await HttpJson.ReadAsync(await client.GetAsync("/v1/audit"));

        Assert.False(page.GetProperty("enabled").GetBoolean());
        Assert.Equal(0, page.GetProperty("records").GetArrayLength());
        Assert.False(File.Exists(factory.AuditPath));
    }

    [Fact]
    public async Task ParallelExecutions_NeverExceedTheServersRateLimit()
    {
        using var factory = new AuditAppFactory(_directory, root => root["mcpServers"]!["automem"]!["rateLimitPerMinute"] = 10);
        using var client = factory.CreateClient();

        var results = await Task.WhenAll(Enumerable.Range(0, 64).Select(_ => client.ExecuteAsync("automem.check_database_health({}); 'ok'")));

        Assert.All(results, r => Assert.Equal(200, r.Status));
        var statuses = results.Select(r => r.Body.GetProperty("toolCalls")[0].Str("status")).ToArray();
        Assert.Equal(10, statuses.Count(s => s == "ok"));
        Assert.Equal(54, statuses.Count(s => s == "rateLimited"));
        Assert.Equal(54, results.Count(r => r.Body.Str("status") == "rateLimited" && r.Body.GetProperty("error").Str("code") == "CM4005"));

        var stats = await HttpJson.ReadAsync(await client.GetAsync("/v1/audit/stats"));
        Assert.Equal(54, stats.GetProperty("denialsByReason").GetProperty("CM4005").GetInt64());
        var ok = await HttpJson.ReadAsync(await client.GetAsync("/v1/audit?kind=toolCall&server=automem&outcome=ok&limit=1000"));
        Assert.Equal(10, ok.GetProperty("records").GetArrayLength());
    }
}
