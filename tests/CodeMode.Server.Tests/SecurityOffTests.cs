using System.Text.Json.Nodes;
using CodeMode.Testing;

namespace CodeMode.Server.Tests;

/// <summary><c>security.enabled: false</c>: keys are not checked, a warning says so, and the tool path's limits (here a server's rate limit) and the audit log stay on.</summary>
public sealed class SecurityOffTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task SecurityOff_SkipsKeys_WarnsAtStartUp_AndKeepsServerLimitsAndAudit()
    {
        using var factory = new AuditAppFactory(_directory, root =>
        {
            root["mcpServers"]!["automem"]!["rateLimitPerMinute"] = 1;
            root["security"] = new JsonObject
            {
                ["enabled"] = false,
                ["apiKeys"] = new JsonObject { ["ci"] = new JsonObject { ["sha256"] = AuditAppFactory.Sha256("security-off-key-0123456789") } },
            };
        });
        using var client = factory.CreateClient();

        var (status, limited) = await client.ExecuteAsync("automem.check_database_health({}); automem.check_database_health({})");
        var audit = await HttpJson.ReadAsync(await client.GetAsync("/v1/audit?kind=toolCall&outcome=rateLimited"));

        Assert.Equal(200, status);
        Assert.Equal("CM4005", limited.GetProperty("error").Str("code"));
        Assert.Equal(1, audit.GetProperty("records").GetArrayLength());
        Assert.Contains("Security is OFF", factory.Logs.Text, StringComparison.Ordinal);
    }
}
