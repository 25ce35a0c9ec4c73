using CodeMode.Core.Configuration;
using CodeMode.Core.Security;
using CodeMode.Testing;

namespace CodeMode.Core.Tests.Configuration;

/// <summary>What <c>permissions</c>, <c>allowedModules</c> and <c>tools</c> accept, and that every refusal says why.</summary>
public sealed class PermissionRulesTests
{
    private const string Js = "runtimes.javascript";
    private const string Permissions = "runtimes.javascript.permissions";

    [Theory]
    [InlineData("fileSystem.read", "[\"/tmp\"]", "fs")]
    [InlineData("fileSystem.write", "[\"/tmp\"]", "fs")]
    [InlineData("network.allowedHosts", "[\"example.com\"]", "fetch")]
    [InlineData("network.allowedPorts", "[443]", "fetch")]
    public void Grant_WithoutItsModule_IsRejectedNotIgnored(string field, string value, string module)
    {
        var json = ConfigJson.With(($"{Permissions}.{field}", value));
        var error = Assert.Single(ConfigJson.Errors(json), e => e.Path == $"{Permissions}.{field}");

        Assert.Contains($"allowedModules does not list \"{module}\"", error.Message);
        Assert.Contains($"add \"{module}\" to allowedModules", error.Fix);
    }

    [Theory]
    [InlineData("fs", "permissions.fileSystem grants no directory")]
    [InlineData("fetch", "needs both allowedHosts and allowedPorts")]
    public void Module_WithoutItsGrant_IsRejected(string module, string reason)
    {
        var error = ConfigJson.SingleError(ConfigJson.With(($"{Js}.allowedModules", $"[\"{module}\"]")), $"{Js}.allowedModules", $"remove \"{module}\"");

        Assert.Contains(reason, error.Message);
    }

    [Fact]
    public void Fetch_WithHostsButNoPorts_IsRejected()
    {
        var json = ConfigJson.With(($"{Js}.allowedModules", "[\"fetch\"]"), ($"{Permissions}.network.allowedHosts", "[\"example.com\"]"));

        ConfigJson.SingleError(json, $"{Js}.allowedModules", "allowedPorts");
    }

    [Theory]
    [InlineData("https://example.com")]
    [InlineData("example.com:443")]
    [InlineData("*.example.com")]
    [InlineData("example.com/path")]
    [InlineData("")]
    public void AllowedHost_NotAHostName_IsRejected(string host)
    {
        var json = ConfigJson.With(($"{Js}.allowedModules", "[\"fetch\"]"), ($"{Permissions}.network.allowedHosts", $"[\"{host}\"]"), ($"{Permissions}.network.allowedPorts", "[443]"));

        var error = ConfigJson.SingleError(json, $"{Permissions}.network.allowedHosts[0]", "bare host");
        Assert.Contains("is not a host name", error.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(65536)]
    [InlineData(-1)]
    public void AllowedPort_OutOfRange_IsRejected(int port)
    {
        var json = ConfigJson.With(($"{Js}.allowedModules", "[\"fetch\"]"), ($"{Permissions}.network.allowedHosts", "[\"127.0.0.1\"]"), ($"{Permissions}.network.allowedPorts", $"[{port}]"));

        ConfigJson.SingleError(json, $"{Permissions}.network.allowedPorts[0]", "1 to 65535");
    }

    [Fact]
    public void FetchTimeout_Zero_IsRejected()
    {
        ConfigJson.SingleError(ConfigJson.With(($"{Permissions}.network.timeoutMs", "0")), $"{Permissions}.network.timeoutMs", "milliseconds");
    }

    [Fact]
    public void Directory_Missing_IsRejectedShowingWhereItResolved()
    {
        using var directory = new TempDirectory();
        var file = directory.Write("runtimes.json", ConfigJson.With(($"{Js}.allowedModules", "[\"fs\"]"), ($"{Permissions}.fileSystem.read", "[\"data\"]")));

        var error = Assert.Single(Assert.Throws<ConfigurationException>(() => RuntimesJsonLoader.LoadFile(file, _ => null)).Errors);

        Assert.Equal($"{Permissions}.fileSystem.read[0]", error.Path);
        Assert.Contains(Path.Combine(directory.Path, "data"), error.Message);
        Assert.Contains("create the directory", error.Fix);
    }

    [Fact]
    public void Directory_Relative_ResolvesAgainstTheFilesDirectory()
    {
        using var directory = new TempDirectory();
        Directory.CreateDirectory(Path.Combine(directory.Path, "data"));
        Directory.CreateDirectory(Path.Combine(directory.Path, "out"));
        var file = directory.Write("runtimes.json", ConfigJson.With(
            ($"{Js}.allowedModules", "[\"fs\", \"fetch\"]"),
            ($"{Permissions}.fileSystem.read", "[\"data\"]"),
            ($"{Permissions}.fileSystem.write", "[\"out\"]"),
            ($"{Permissions}.network.allowedHosts", "[\"127.0.0.1\", \"API.example.com\"]"),
            ($"{Permissions}.network.allowedPorts", "[443, 8080]")));

        var config = RuntimesJsonLoader.LoadFile(file, _ => null);
        var grants = RuntimeGrants.From(config)["javascript"];

        Assert.Equal(directory.Path, config.BaseDirectory);
        Assert.Equal([GrantedDirectory.RealPath(Path.Combine(directory.Path, "data"))], grants.FileSystem!.ReadDirectories);
        Assert.Equal([GrantedDirectory.RealPath(Path.Combine(directory.Path, "out"))], grants.FileSystem.WriteDirectories);
        Assert.Contains("api.example.com", grants.Network!.Hosts);
        Assert.Equal(["fs", "fetch"], grants.CapabilityServers);
    }

    [Fact]
    public void Module_NotProvided_IsRejectedNamingTheProvidedOnes()
    {
        var error = ConfigJson.SingleError(ConfigJson.With(($"{Js}.allowedModules", "[\"child_process\"]")), $"{Js}.allowedModules[0]", "\"fs\", \"fetch\"");

        Assert.Contains("not a module CodeMode provides", error.Message);
    }

    [Fact]
    public void Modules_OnANodeRuntime_AreRejected()
    {
        var json = ConfigJson.With(
            ("runtimes.node", """{ "language": "node", "engine": "v8", "allowedModules": ["fs"], "permissions": { "fileSystem": { "read": ["/tmp"] } } }"""));

        var error = ConfigJson.SingleError(json, "runtimes.node.allowedModules", "remove the entries");
        Assert.Contains("only the javascript and csharp runtimes", error.Message);
    }

    [Fact]
    public void Modules_OnACSharpRuntime_AreAccepted()
    {
        var json = ConfigJson.With(
            ("runtimes.csharp", """{ "language": "csharp", "engine": "roslyn", "allowedModules": ["fs", "fetch"], "permissions": { "fileSystem": { "read": ["/tmp"] }, "network": { "allowedHosts": ["127.0.0.1"], "allowedPorts": [8080] } } }"""));

        var runtime = ConfigJson.Load(json).Runtimes["csharp"];
        Assert.Equal(["fs", "fetch"], runtime.AllowedModules);
    }

    [Theory]
    [InlineData("fs")]
    [InlineData("fetch")]
    public void McpServer_NamedLikeACapability_IsRejected(string name)
    {
        var json = ConfigJson.With(($"mcpServers.{name}", """{ "command": "npx" }"""));

        var error = ConfigJson.SingleError(json, $"mcpServers.{name}", $"\"{name}_server\"");
        Assert.Contains("shadow", error.Message);
    }

    [Fact]
    public void Tools_ForAnUnknownServer_IsRejected()
    {
        ConfigJson.SingleError(ConfigJson.With(($"{Js}.tools", """{ "github": ["search"] }""")), $"{Js}.tools.github", "mcpServers entry");
    }

    [Fact]
    public void Tools_RepeatedName_IsRejected()
    {
        ConfigJson.SingleError(ConfigJson.With(($"{Js}.tools", """{ "automem": ["recall_memory", "recall_memory"] }""")), $"{Js}.tools.automem[1]", "remove the repeated entry");
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
