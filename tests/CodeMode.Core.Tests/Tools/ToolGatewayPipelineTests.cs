using System.Text;
using System.Text.Json;
using CodeMode.Abstractions.Execution;
using CodeMode.Abstractions.Sandbox;
using CodeMode.Abstractions.Tools;
using CodeMode.Core.Configuration;
using CodeMode.Core.Tools;
using CodeMode.Mocks;
using CodeMode.Testing;

namespace CodeMode.Core.Tests.Tools;

/// <summary>The composed tool path over the real in-process mocks.</summary>
public sealed class ToolGatewayPipelineTests
{
    private static readonly Dictionary<string, McpServerConfig> Servers = new()
    {
        ["memory"] = new() { Mock = "automem", RateLimitPerMinute = 50, TimeoutMs = 1000 },
        ["disabled"] = new() { Mock = "automem", Enabled = false },
    };

    private readonly ManualTimeProvider _time = new();
    private readonly MockServerRegistry _mocks;
    private readonly IReadOnlyDictionary<string, string> _mockNames = ToolGatewayPipeline.MockNamesByServer(Servers);

    public ToolGatewayPipelineTests() => _mocks = MockServerRegistry.CreateDefault(_time);

    [Fact]
    public void MockNamesByServer_KeepsEnabledServersWithAMock()
    {
        Assert.Equal(new Dictionary<string, string> { ["memory"] = "automem" }, _mockNames);
    }

    [Fact]
    public async Task Offline_StoreThenRecall_AnswersFromTheMockAndTracesEveryCall()
    {
        var gateway = Build(offline: true);
        var context = Context(maxToolCalls: 10);

        var stored = await Call(gateway, context, "store_memory", """{"content":"Chose Jint for the javascript sandbox.","tags":["codemode"]}""");
        var recalled = await Call(gateway, context, "recall_memory", """{"query":"javascript sandbox"}""");

        Assert.Equal(ToolBridgeResultKind.Value, stored.Kind);
        var id = stored.Value!.Value.GetProperty("memory_id").GetString();
        Assert.Equal(ToolBridgeResultKind.Value, recalled.Kind);
        Assert.Equal(id, recalled.Value!.Value.GetProperty("results")[0].GetProperty("memory_id").GetString());

        Assert.Collection(
            context.Trace,
            trace => Assert.Equal(("memory", "store_memory", ToolCallSource.Mock, ToolCallStatus.Ok), (trace.Server, trace.Tool, trace.Source, trace.Status)),
            trace => Assert.Equal(("memory", "recall_memory", ToolCallSource.Mock, ToolCallStatus.Ok), (trace.Server, trace.Tool, trace.Source, trace.Status)));
        Assert.All(context.Trace, trace => Assert.True(trace.BytesIn > 0 && trace.BytesOut > 0));
    }

    [Fact]
    public async Task Online_WithFallback_TheMockAnswersForTheMissingLiveServer()
    {
        var gateway = Build(offline: false, fallbackToMock: true);
        var context = Context();

        var health = await Call(gateway, context, "check_database_health", "{}");

        Assert.Equal(ToolBridgeResultKind.Value, health.Kind);
        Assert.Equal("healthy", health.Value!.Value.GetProperty("status").GetString());
        Assert.Equal(ToolCallSource.Mock, Assert.Single(context.Trace).Source);
    }

    [Fact]
    public async Task Online_WithoutFallback_IsACatchableUnavailableError()
    {
        var gateway = Build(offline: false, fallbackToMock: false);
        var context = Context();

        var result = await Call(gateway, context, "check_database_health", "{}");

        Assert.Equal(ToolBridgeResultKind.Error, result.Kind);
        Assert.Equal(ErrorCodes.ToolUnavailable, result.Code);
        Assert.Equal(NoLiveConnectionGateway.Message, result.Message);
        Assert.Equal(ToolCallStatus.Failed, Assert.Single(context.Trace).Status);
    }

    [Fact]
    public async Task ToolError_FromTheMock_IsCatchable()
    {
        var gateway = Build(offline: true);

        var result = await Call(gateway, Context(), "delete_memory", """{"memory_id":"3f2b8c1e-6a4d-4e7f-9b21-5c8d0e7a1f44"}""");

        Assert.Equal(ToolBridgeResultKind.Error, result.Kind);
        Assert.Equal(ErrorCodes.ToolFailed, result.Code);
        Assert.Equal("Error: Memory not found", result.Message);
    }

    [Theory]
    [InlineData("memory", "store_memry", ErrorCodes.UnknownTool)]
    [InlineData("disabled", "store_memory", ErrorCodes.UnknownTool)]
    [InlineData("helpdesk", "searchInboxes", ErrorCodes.ServerNotAllowed)]
    public async Task Refusals_AbortWithPolicyDeniedAndAreTraced(string server, string tool, string code)
    {
        var gateway = Build(offline: true);
        var context = Context();

        var result = await Call(gateway, context, tool, "{}", server);

        Assert.Equal(ToolBridgeResultKind.Abort, result.Kind);
        Assert.Equal(ScriptStatus.PolicyDenied, result.Status);
        Assert.Equal(code, result.Code);
        Assert.Equal(ToolCallStatus.Denied, Assert.Single(context.Trace).Status);
    }

    [Fact]
    public async Task Budget_IsCheckedBeforeEverythingElse()
    {
        var gateway = Build(offline: true);
        var context = Context(maxToolCalls: 1);

        await Call(gateway, context, "check_database_health", "{}");
        var second = await Call(gateway, context, "check_database_health", "{}");

        Assert.Equal(ScriptStatus.RateLimited, second.Status);
        Assert.Equal(ErrorCodes.ToolCallLimit, second.Code);
    }

    [Fact]
    public async Task PayloadLimit_ComesFromTheSecuritySettings()
    {
        var gateway = Build(offline: true, maxPayloadBytes: 32);

        var result = await Call(gateway, Context(), "store_memory", JsonSerializer.Serialize(new { content = new string('x', 64) }));

        Assert.Equal(ErrorCodes.PayloadTooLarge, result.Code);
    }

    [Fact]
    public async Task Build_FromTheWholeConfiguration_UsesItsServersAndSecurity()
    {
        var config = new CodeModeConfig { McpServers = Servers, Security = new SecuritySettings { FallbackToMock = false } };
        var gateway = ToolGatewayPipeline.Build(config, new MockToolCatalog(_mocks, _mockNames), new MockToolGateway(_mocks, _mockNames), offline: false, _time);

        var result = await Call(gateway, Context(), "check_database_health", "{}");

        Assert.Equal(ErrorCodes.ToolUnavailable, result.Code);
    }

    [Fact]
    public async Task RateLimit_ComesFromTheServerSettings()
    {
        var gateway = Build(offline: true);
        var context = Context(maxToolCalls: 100);

        for (var i = 0; i < 50; i++)
        {
            Assert.Equal(ToolBridgeResultKind.Value, (await Call(gateway, context, "check_database_health", "{}")).Kind);
        }

        var refused = await Call(gateway, context, "check_database_health", "{}");
        Assert.Equal(ErrorCodes.ServerRateLimited, refused.Code);
        Assert.Equal(ScriptStatus.RateLimited, refused.Status);
    }

    private IToolGateway Build(bool offline, bool fallbackToMock = true, int maxPayloadBytes = 1024 * 1024) =>
        ToolGatewayPipeline.Build(
            Servers,
            new SecuritySettings { MaxPayloadBytes = maxPayloadBytes, FallbackToMock = fallbackToMock },
            new MockToolCatalog(_mocks, _mockNames),
            new MockToolGateway(_mocks, _mockNames),
            offline,
            _time);

    private static ToolCallContext Context(int maxToolCalls = 100) => ToolRequests.Context(maxToolCalls, "javascript", "memory", "disabled");

    private static async Task<ToolBridgeResult> Call(IToolGateway gateway, ToolCallContext context, string tool, string arguments, string server = "memory")
    {
        var request = new ToolCallRequest(server, tool, JsonElement.Parse(arguments), Encoding.UTF8.GetByteCount(arguments), context);
        return ToolOutcomeMapper.ToBridgeResult(await gateway.CallAsync(request));
    }
}
