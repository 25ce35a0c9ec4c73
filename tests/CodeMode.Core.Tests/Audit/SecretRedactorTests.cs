using CodeMode.Core.Audit;
using CodeMode.Core.Configuration;
using CodeMode.Testing;

namespace CodeMode.Core.Tests.Audit;

public sealed class SecretRedactorTests
{
    private static CodeModeConfig Config(params (string Name, McpServerConfig Server)[] servers) =>
        new() { McpServers = servers.ToDictionary(s => s.Name, s => s.Server) };

    [Fact]
    public void FromConfig_RedactsResolvedEnvAndHeaderPlaceholders()
    {
        var config = Config(
            ("automem", new McpServerConfig { Command = "npx", Env = new Dictionary<string, string> { ["KEY"] = "${AUTOMEM_KEY}" } }),
            ("remote", new McpServerConfig { Type = "http", Url = "https://example.test/mcp", Headers = new Dictionary<string, string> { ["Authorization"] = "Bearer ${REMOTE_TOKEN}" } }));
        var environment = new Dictionary<string, string> { ["AUTOMEM_KEY"] = "automem-secret-1", ["REMOTE_TOKEN"] = "remote-token-22" };

        var redactor = SecretRedactor.FromConfig(config, environment.GetValueOrDefault);

        Assert.Equal("a=[REDACTED] b=[REDACTED]", redactor.Redact("a=automem-secret-1 b=remote-token-22"));
    }

    [Fact]
    public void FromConfig_ReadsTheSecretOfAVarFile()
    {
        using var directory = new TempDirectory();
        var file = directory.Write("token", "file-held-secret\n");
        var config = Config(("automem", new McpServerConfig { Command = "npx", Env = new Dictionary<string, string> { ["KEY"] = "${AUTOMEM_KEY}" } }));

        var redactor = SecretRedactor.FromConfig(config, name => name == "AUTOMEM_KEY_FILE" ? file : null);

        Assert.Equal("[REDACTED]", redactor.Redact("file-held-secret"));
    }

    [Fact]
    public void Redact_CoversJsonEscapedForms_AndTheLongestSecretFirst()
    {
        var redactor = new SecretRedactor(["quote\"secret", "abcdef", "abcdefgh"]);

        Assert.Equal("{\"v\":\"[REDACTED]\"}", redactor.Redact("{\"v\":\"quote\\\"secret\"}"));
        Assert.Equal("[REDACTED] [REDACTED]", redactor.Redact("abcdefgh abcdef"));
    }

    [Fact]
    public void ShortValues_AreNotTreatedAsSecrets()
    {
        var redactor = new SecretRedactor(["dev", "12345"]);

        Assert.False(redactor.HasSecrets);
        Assert.Equal("dev 12345", redactor.Redact("dev 12345"));
    }

    [Fact]
    public void UnsetVariables_AndLiteralValues_AreNotSecrets()
    {
        var config = Config(("automem", new McpServerConfig { Command = "npx", Env = new Dictionary<string, string> { ["MODE"] = "production", ["KEY"] = "${UNSET_VAR}" } }));

        Assert.False(SecretRedactor.FromConfig(config, _ => null).HasSecrets);
    }
}
