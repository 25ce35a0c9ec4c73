namespace CodeMode.Core.Tests.Configuration;

/// <summary>Nothing in <c>permissions</c> can be granted by this build, and each refusal says why.</summary>
public sealed class PermissionRulesTests
{
    private const string Permissions = "runtimes.javascript.permissions";

    [Theory]
    [InlineData("fileSystem.read", "[\"/data\"]", "fs")]
    [InlineData("fileSystem.write", "[\"/tmp\"]", "fs")]
    [InlineData("network.allowedHosts", "[\"example.com\"]", "fetch")]
    [InlineData("network.allowedPorts", "[443]", "fetch")]
    public void NotYetBrokered_Grant_IsRejectedNotIgnored(string field, string value, string module)
    {
        var error = ConfigJson.SingleError(ConfigJson.With(($"{Permissions}.{field}", value)), $"{Permissions}.{field}", "remove the entries");

        Assert.Contains($"the host's {module} module arrives with the security work", error.Message);
        Assert.Contains("silently ignored", error.Message);
    }

    [Fact]
    public void Execute_Grant_IsRejectedAsNeverOffered()
    {
        var error = ConfigJson.SingleError(ConfigJson.With(($"{Permissions}.fileSystem.execute", "[\"/bin/sh\"]")),
            $"{Permissions}.fileSystem.execute", "remove the entries");

        Assert.Contains("executing files is never offered", error.Message);
    }

    [Fact]
    public void AllowedCommands_Grant_IsRejectedAsNeverOffered()
    {
        var error = ConfigJson.SingleError(ConfigJson.With(($"{Permissions}.system.allowedCommands", "[\"git\"]")),
            $"{Permissions}.system.allowedCommands", "remove the entries");

        Assert.Contains("command execution is never offered", error.Message);
    }

    [Fact]
    public void MaxProcesses_AboveZero_IsRejected()
    {
        var error = ConfigJson.SingleError(ConfigJson.With(($"{Permissions}.system.maxProcesses", "2")),
            $"{Permissions}.system.maxProcesses", "set \"maxProcesses\" to 0");

        Assert.Contains("never start processes", error.Message);
    }

    [Fact]
    public void EmptyPermissions_AreAccepted()
    {
        const string empty = """
            {
              "fileSystem": { "read": [], "write": [], "execute": [] },
              "network": { "allowedHosts": [], "allowedPorts": [] },
              "system": { "allowedCommands": [], "maxProcesses": 0 }
            }
            """;

        ConfigJson.Load(ConfigJson.With((Permissions, empty)));
    }
}
