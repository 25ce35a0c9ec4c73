using CodeMode.Core.Configuration;
using CodeMode.Server.Composition;
using CodeMode.Server.Http;

namespace CodeMode.Server.Tests;

/// <summary>The pieces of API-key handling on their own: key lookup by hash, scopes, and where the host may listen.</summary>
public sealed class AuthUnitTests
{
    private const string Key = "unit-test-key-0123456789";

    [Fact]
    public void Keys_AreFoundByHash_FromTheFileOrAVariable()
    {
        var security = new SecuritySettings
        {
            ApiKeys = new Dictionary<string, ApiKeyConfig>
            {
                ["hashed"] = new() { Sha256 = AuthApiKeys.Hash(Key).ToUpperInvariant(), Runtimes = ["javascript"], Servers = ["automem"] },
                ["from-env"] = new() { Key = "${CI_KEY}" },
            },
        };

        var keys = new AuthApiKeys(security, name => name == "CI_KEY" ? "variable-held-key-0123" : null);

        Assert.True(keys.Enforced);
        var hashed = keys.Find(Key)!;
        Assert.Equal("hashed", hashed.Id);
        Assert.True(hashed.MayRun("javascript"));
        Assert.False(hashed.MayRun("csharp"));
        Assert.Equal(["automem"], hashed.Servers!);
        Assert.Equal("from-env", keys.Find("variable-held-key-0123")!.Id);
        Assert.Null(keys.Find("variable-held-key-0124"));
        Assert.Null(keys.Find(""));
        Assert.Null(keys.Find(null));
    }

    [Fact]
    public void Keys_AreNotEnforced_WithoutKeysOrWithSecurityOff()
    {
        var none = new AuthApiKeys(new SecuritySettings());
        var off = new AuthApiKeys(new SecuritySettings { Enabled = false, ApiKeys = new Dictionary<string, ApiKeyConfig> { ["ci"] = new() { Sha256 = AuthApiKeys.Hash(Key) } } });

        Assert.False(none.Enforced);
        Assert.False(off.Enforced);
    }

    [Theory]
    [InlineData("http://127.0.0.1:5199", true)]
    [InlineData("http://127.0.0.2:5199", true)]
    [InlineData("http://localhost:5199", true)]
    [InlineData("http://[::1]:5199", true)]
    [InlineData("http://0.0.0.0:5199", false)]
    [InlineData("http://[::]:5199", false)]
    [InlineData("http://*:5199", false)]
    [InlineData("http://+:5199", false)]
    [InlineData("http://192.168.1.10:5199", false)]
    [InlineData("http://codemode.example:5199", false)]
    public void IsLoopback_OnlyForLoopbackAddresses(string url, bool expected) => Assert.Equal(expected, ListenAddressPolicy.IsLoopback(url));

    [Fact]
    public void Check_RefusesAnExposedAddressWithoutKeys_AndAllowsItWithThem()
    {
        var exception = Assert.Throws<ConfigurationException>(() => ListenAddressPolicy.Check("http://127.0.0.1:5199;http://0.0.0.0:5200", new SecuritySettings(), "--urls"));
        Assert.Equal("server.urls", Assert.Single(exception.Errors).Path);
        Assert.Contains("http://0.0.0.0:5200", exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("127.0.0.1", exception.Errors[0].Message, StringComparison.Ordinal);

        ListenAddressPolicy.Check("http://127.0.0.1:5199", new SecuritySettings(), "--urls");
        ListenAddressPolicy.Check("http://0.0.0.0:5199", new SecuritySettings { ApiKeys = new Dictionary<string, ApiKeyConfig> { ["ci"] = new() { Sha256 = AuthApiKeys.Hash(Key) } } }, "--urls");
    }

    [Fact]
    public void UnusableAuditPath_IsAConfigurationError()
    {
        using var directory = new CodeMode.Testing.TempDirectory();
        var blocker = directory.Write("not-a-directory", "x");
        var config = new CodeModeConfig { Security = new SecuritySettings { Audit = new AuditSettings { Path = Path.Combine(blocker, "audit.db") } } };

        var exception = Assert.Throws<ConfigurationException>(() => new Microsoft.Extensions.DependencyInjection.ServiceCollection().AddCodeModeAudit(config));

        Assert.Equal("security.audit.path", Assert.Single(exception.Errors).Path);
    }
}
