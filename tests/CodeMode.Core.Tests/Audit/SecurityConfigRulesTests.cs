using CodeMode.Core.Configuration;
using CodeMode.Core.Tests.Configuration;
using CodeMode.Testing;

namespace CodeMode.Core.Tests.Audit;

/// <summary><c>security.enabled</c>, <c>security.apiKeys</c>, <c>security.audit</c> and their environment overrides.</summary>
public sealed class SecurityConfigRulesTests
{
    private const string Hash = "4a44dc15364204a80fe80e9039455cc1608281820fe2b24f1e5233ade6af1dd5";

    private static string WithKey(string keyJson) => ConfigJson.With(("security.apiKeys", $"{{ \"ci\": {keyJson} }}"));

    [Fact]
    public void ApiKey_WithHashAndScopes_IsLoaded()
    {
        var config = ConfigJson.Load(WithKey($"{{ \"sha256\": \"{Hash}\", \"runtimes\": [\"javascript\"], \"servers\": [\"automem\"], \"rateLimitPerMinute\": 10, \"auditAll\": true }}"));

        var key = config.Security.ApiKeys["ci"];
        Assert.Equal((Hash, 10, true), (key.Sha256, key.RateLimitPerMinute, key.AuditAll));
        Assert.Equal(["javascript"], key.Runtimes!);
        Assert.Equal(["automem"], key.Servers!);
    }

    [Fact]
    public void ApiKey_WithToolScope_IsLoaded()
    {
        var config = ConfigJson.Load(WithKey($"{{ \"sha256\": \"{Hash}\", \"tools\": {{ \"automem\": [\"recall_memory\"] }} }}"));

        var tools = config.Security.ApiKeys["ci"].Tools!;
        Assert.Equal(["recall_memory"], Assert.Single(tools).Value);
    }

    [Theory]
    [InlineData("{ }", "security.apiKeys.ci", "neither")]
    [InlineData("{ \"sha256\": \"" + Hash + "\", \"key\": \"${K}\" }", "security.apiKeys.ci", "both")]
    [InlineData("{ \"sha256\": \"my-plain-key\" }", "security.apiKeys.ci.sha256", "64 hexadecimal digits")]
    [InlineData("{ \"key\": \"plain-text-key-in-file\" }", "security.apiKeys.ci.key", "single ${VAR}")]
    [InlineData("{ \"sha256\": \"" + Hash + "\", \"rateLimitPerMinute\": 0 }", "security.apiKeys.ci.rateLimitPerMinute", "from 1 to 100000")]
    [InlineData("{ \"sha256\": \"" + Hash + "\", \"runtimes\": [\"python\"] }", "security.apiKeys.ci.runtimes[0]", "not in runtimes")]
    [InlineData("{ \"sha256\": \"" + Hash + "\", \"servers\": [\"serena\"] }", "security.apiKeys.ci.servers[0]", "not in mcpServers")]
    [InlineData("{ \"sha256\": \"" + Hash + "\", \"tools\": { \"serena\": [\"find_symbol\"] } }", "security.apiKeys.ci.tools.serena", "not in mcpServers")]
    [InlineData("{ \"sha256\": \"" + Hash + "\", \"servers\": [], \"tools\": { \"automem\": [\"recall_memory\"] } }", "security.apiKeys.ci.tools.automem", "leaves that server out")]
    [InlineData("{ \"sha256\": \"" + Hash + "\", \"tools\": { \"automem\": [\"recall_memory\", \"recall_memory\"] } }", "security.apiKeys.ci.tools.automem[1]", "more than once")]
    [InlineData("{ \"sha256\": \"" + Hash + "\", \"tools\": { \"automem\": [\"\"] } }", "security.apiKeys.ci.tools.automem[0]", "is empty")]
    public void ApiKey_Invalid_IsRejectedAtItsPath(string keyJson, string path, string message)
    {
        var error = Assert.Single(ConfigJson.Errors(WithKey(keyJson)));

        Assert.Equal(path, error.Path);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("my-plain-key", error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("plain-text-key-in-file", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void ApiKey_BadClientIdAndSharedHash_AreRejected()
    {
        var errors = ConfigJson.Errors(ConfigJson.With(("security.apiKeys", $"{{ \"ci bot\": {{ \"sha256\": \"{Hash}\" }}, \"other\": {{ \"sha256\": \"{Hash.ToUpperInvariant()}\" }} }}")));

        Assert.Contains(errors, e => e.Path == "security.apiKeys[\"ci bot\"]" && e.Message.Contains("client id", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Path == "security.apiKeys.other.sha256" && e.Message.Contains("same hash", StringComparison.Ordinal));
    }

    [Fact]
    public void KeyPlaceholder_NeedsItsVariable_LongEnough()
    {
        var json = WithKey("{ \"key\": \"${CI_KEY}\" }");

        var missing = Assert.Single(ConfigJson.Errors(json));
        Assert.Equal("security.apiKeys.ci.key", missing.Path);
        Assert.Contains("CI_KEY, which is not set", missing.Message, StringComparison.Ordinal);

        var shortKey = Assert.Single(ConfigJson.Errors(json, new Dictionary<string, string> { ["CI_KEY"] = "short" }));
        Assert.Contains("shorter than 16", shortKey.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("short\"", shortKey.ToString(), StringComparison.Ordinal);

        ConfigJson.Load(json, new Dictionary<string, string> { ["CI_KEY"] = "a-long-enough-random-key" });
    }

    [Theory]
    [InlineData("security.audit.retentionDays", "0", "days from 1 to 3650")]
    [InlineData("security.audit.maxRows", "999", "rows from 1000 to 100000000")]
    [InlineData("security.audit.queueCapacity", "15", "records from 16 to 1000000")]
    [InlineData("security.audit.path", "\"\"", "\"enabled\": false")]
    public void Audit_OutOfRange_IsRejectedWithTheRange(string path, string value, string fix)
    {
        ConfigJson.SingleError(ConfigJson.With((path, value)), path, fix);
    }

    [Fact]
    public void Defaults_AreSecureAndAudited()
    {
        var security = ConfigJson.Load(ConfigJson.Minimal).Security;

        Assert.True(security.Enabled);
        Assert.Empty(security.ApiKeys);
        Assert.Equal((true, ".codemode/audit.db", 30, 1_000_000, false), (security.Audit.Enabled, security.Audit.Path, security.Audit.RetentionDays, security.Audit.MaxRows, security.Audit.AuditArguments));
    }

    [Theory]
    [InlineData("false", false)]
    [InlineData("TRUE", true)]
    public void EnvironmentSwitches_OverrideTheFile(string value, bool expected)
    {
        var config = ConfigJson.Load(ConfigJson.With(("security.enabled", (!expected).ToString().ToLowerInvariant()), ("security.audit", $"{{ \"enabled\": {(!expected).ToString().ToLowerInvariant()} }}")),
            new Dictionary<string, string> { [SecuritySettingsOverrides.SecurityEnabledVariable] = value, [SecuritySettingsOverrides.AuditLoggingVariable] = value });

        Assert.Equal(expected, config.Security.Enabled);
        Assert.Equal(expected, config.Security.Audit.Enabled);
    }

    [Fact]
    public void EnvironmentSwitch_NotABoolean_IsAnError()
    {
        var errors = ConfigJson.Errors(ConfigJson.Minimal, new Dictionary<string, string> { [SecuritySettingsOverrides.SecurityEnabledVariable] = "off", [SecuritySettingsOverrides.AuditLoggingVariable] = "0" });

        Assert.Equal(["env:MCP_SECURITY_ENABLED", "env:MCP_AUDIT_LOGGING"], errors.Select(e => e.Path).Order(StringComparer.Ordinal).Reverse());
    }

    [Fact]
    public void LoadFile_AnchorsARelativeAuditPathAtTheConfigDirectory()
    {
        using var directory = new TempDirectory();
        var file = directory.Write("runtimes.json", ConfigJson.With(("security.audit", "{ \"path\": \"data/audit.db\" }")));

        var config = RuntimesJsonLoader.LoadFile(file, _ => null);

        Assert.Equal(Path.Combine(directory.Path, "data", "audit.db"), config.Security.Audit.Path);
    }
}
