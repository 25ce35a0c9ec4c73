using CodeMode.Core.Configuration;
using CodeMode.Mcp.Clients;
using CodeMode.Mcp.Tests.Apis;
using CodeMode.Testing;
using ModelContextProtocol.Server;

namespace CodeMode.Mcp.Tests;

/// <summary>Required and optional servers whose <c>${VAR}</c>s are missing, and variables read from <c>VAR_FILE</c>.</summary>
public sealed class McpServerCredentialsTests
{
    private static McpServerConfig NeedsKey(bool optional = false, string? mock = null, bool enabled = true) => new()
    {
        Command = "unused",
        Env = new Dictionary<string, string> { ["API_URL"] = "${DEMO_URL}", ["API_KEY"] = "Bearer ${DEMO_KEY}" },
        Optional = optional,
        Mock = mock,
        Enabled = enabled,
    };

    private static McpClientManager Manager(
        McpServerConfig config, Func<string, string?> environment, Func<McpServerEndpoint, ModelContextProtocol.Client.IClientTransport>? transports = null) => new(
        new Dictionary<string, McpServerConfig> { ["demo"] = config },
        new SecuritySettings { FallbackToMock = true },
        new McpClientManagerOptions
        {
            Environment = environment,
            HealthCheckInterval = TimeSpan.Zero,
            TransportFactory = transports ?? (_ => throw new InvalidOperationException("never connects")),
        });

    [Fact]
    public void Create_RequiredServerMissingVariables_IsAStartUpErrorNamingServerAndEveryVariable()
    {
        var exception = Assert.Throws<ConfigurationException>(() => Manager(NeedsKey(), name => name == "UNRELATED" ? "s3cret" : null));

        var error = Assert.Single(exception.Errors);
        Assert.Equal("mcpServers.demo", error.Path);
        Assert.Contains("'demo'", error.Message);
        Assert.Contains("DEMO_URL", error.Message);
        Assert.Contains("DEMO_KEY", error.Message);
        Assert.Contains("\"optional\": true", error.Fix);
        Assert.StartsWith("CM7001 environment: mcpServers.demo:", exception.Message);
    }

    [Fact]
    public void Create_RequiredServerOneVariableSetOneMissing_NamesOnlyTheMissingOneAndNeverAValue()
    {
        var exception = Assert.Throws<ConfigurationException>(() => Manager(NeedsKey(), name => name == "DEMO_URL" ? "https://user:hunter2@example.com" : null));

        var error = Assert.Single(exception.Errors);
        Assert.Contains("DEMO_KEY", error.Message);
        Assert.DoesNotContain("DEMO_URL", error.Message);
        Assert.DoesNotContain("hunter2", exception.Message);
    }

    [Fact]
    public async Task Create_OptionalServerWithMockMissingVariable_StartsAndTheMockStandsInWithTheReason()
    {
        await using var manager = Manager(NeedsKey(optional: true, mock: "automem"), _ => null);
        var mockTools = new FakeToolCatalog(FakeToolCatalog.Tool("store_memory", """{"type":"object"}"""));
        var catalog = new LiveToolCatalog(manager, mockTools);

        var status = Assert.Single(await manager.GetStatusAsync());

        Assert.Equal(McpServerState.Mock, status.State);
        Assert.Contains("DEMO_KEY", status.LastError);
        Assert.Equal(["store_memory"], catalog.GetTools("demo").Select(tool => tool.Name));
    }

    [Fact]
    public async Task Create_OptionalServerWithoutMockMissingVariable_IsDownWithTheReason()
    {
        await using var manager = Manager(NeedsKey(optional: true), _ => null);

        var status = Assert.Single(await manager.GetStatusAsync());

        Assert.Equal(McpServerState.Down, status.State);
        Assert.Contains("DEMO_URL", status.LastError);
    }

    [Fact]
    public async Task Create_DisabledServerMissingVariable_IsNoError()
    {
        await using var manager = Manager(NeedsKey(enabled: false), _ => null);

        Assert.Empty(manager.ServerNames);
    }

    [Fact]
    public async Task Connect_VariablesFromFileAndEnvironment_ReachTheServerResolvedAndNeverItsStatus()
    {
        using var directory = new TempDirectory();
        var keyFile = directory.Write("demo-key", "file-secret-42\n");
        var environment = new Dictionary<string, string> { ["DEMO_URL"] = "http://127.0.0.1:1/api", ["DEMO_KEY_FILE"] = keyFile };
        await using var server = new InMemoryServer(() => [McpServerTool.Create(() => "ok", new McpServerToolCreateOptions { Name = "ping_me" })]);
        McpServerEndpoint? seen = null;
        await using var manager = Manager(NeedsKey(), name => environment.GetValueOrDefault(name), endpoint =>
        {
            seen = endpoint;
            return server.CreateTransport(endpoint);
        });

        var status = Assert.Single(await manager.GetStatusAsync());

        Assert.Equal(McpServerState.Connected, status.State);
        Assert.Equal("Bearer file-secret-42", seen!.Env["API_KEY"]);
        Assert.Equal("http://127.0.0.1:1/api", seen.Env["API_URL"]);
        Assert.DoesNotContain("file-secret-42", seen.ToString());
        Assert.Null(status.LastError);
    }

    [Fact]
    public void Create_RequiredServerFileVariableUnreadable_IsAStartUpErrorNamingTheFileVariable()
    {
        var environment = new Dictionary<string, string> { ["DEMO_URL"] = "x", ["DEMO_KEY_FILE"] = "/nonexistent/codemode/secret" };

        var exception = Assert.Throws<ConfigurationException>(() => Manager(NeedsKey(), name => environment.GetValueOrDefault(name)));

        Assert.Contains("DEMO_KEY_FILE", Assert.Single(exception.Errors).Message);
    }

    [Fact]
    public async Task RepositoryRuntimesJson_WithoutAnyCredentials_StartsWithEveryServerServedByItsMock()
    {
        var config = RuntimesJsonLoader.LoadFile(RepositoryPaths.RuntimesJson, _ => null);
        await using var manager = new McpClientManager(
            config.McpServers,
            config.Security,
            new McpClientManagerOptions
            {
                Environment = _ => null,
                HealthCheckInterval = TimeSpan.Zero,
                TransportFactory = _ => throw new InvalidOperationException("never connects"),
            });

        var statuses = await manager.GetStatusAsync();

        Assert.Equal(["automem", "serena", "helpscout"], statuses.Select(status => status.Name));
        Assert.All(statuses, status =>
        {
            Assert.Equal(McpServerState.Mock, status.State);
            Assert.Contains("needs the environment variable", status.LastError);
        });
    }
}
