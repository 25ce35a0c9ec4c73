using System.Text.Json;
using CodeMode.Abstractions.Execution;
using CodeMode.Abstractions.Sandbox;
using CodeMode.Abstractions.Tools;
using CodeMode.Core.Configuration;
using CodeMode.Core.Execution;
using Microsoft.Extensions.Logging.Abstractions;

namespace CodeMode.Core.Tests.Execution;

public sealed class RuntimeManagerTests
{
    private static readonly JsonElement EmptySchema = JsonDocument.Parse("{\"type\":\"object\"}").RootElement;

    private static CodeModeConfig Config(Func<RuntimeConfig, RuntimeConfig>? javascript = null) => new()
    {
        Server = new HostSettings { MaxCodeBytes = 1000 },
        Runtimes = new Dictionary<string, RuntimeConfig>
        {
            ["javascript"] = (javascript ?? (r => r))(new RuntimeConfig { Language = "javascript", Engine = "jint", Timeout = 2000, DeniedOperations = ["eval"] }),
            ["csharp"] = new RuntimeConfig { Language = "csharp", Engine = "roslyn" },
        },
        McpServers = new Dictionary<string, McpServerConfig>
        {
            ["automem"] = new() { Command = "npx", Mock = "automem" },
            ["helpscout"] = new() { Command = "npx", Mock = "helpscout" },
            ["off"] = new() { Command = "npx", Enabled = false },
        },
    };

    private static RuntimeManager Manager(CodeModeConfig config, FakeSandboxPool pool, IToolGateway? gateway = null) =>
        new(config, new Dictionary<string, ISandboxPool> { ["javascript"] = pool }, gateway ?? new RecordingGateway(), new StaticCatalog(), NullLogger<RuntimeManager>.Instance);

    private static FakeSandboxPool Answering(SandboxOutcome outcome) => new((_, _) => Task.FromResult(outcome));

    [Fact]
    public async Task Execute_MapsTheSandboxOutcomeIntoTheResult()
    {
        var value = JsonDocument.Parse("{\"a\":1}").RootElement;
        var pool = Answering(new SandboxOutcome { Status = ScriptStatus.Succeeded, Value = value, Logs = [new LogEntry("log", "hi")] });

        var result = await Manager(Config(), pool).ExecuteAsync(new ExecutionRequest("javascript", "x"));

        Assert.Equal(ScriptStatus.Succeeded, result.Status);
        Assert.Equal(1, result.Value!.Value.GetProperty("a").GetInt32());
        Assert.Equal("hi", Assert.Single(result.Logs).Message);
        Assert.True(result.DurationMs >= 0);
        Assert.Equal(2000, result.Limits!.TimeoutMs);
    }

    [Fact]
    public async Task Workers_GetTheCatalogWithTheServersAnExecutionWouldName()
    {
        var pool = Answering(new SandboxOutcome { Status = ScriptStatus.Succeeded });
        var manager = Manager(Config(), pool);

        await manager.ExecuteAsync(new ExecutionRequest("javascript", "1"));
        var first = pool.FirstConfigure!();

        Assert.Equal(Assert.Single(pool.Executions).Servers, first.Prepare);
        Assert.Equal(pool.Catalogs[0].CatalogVersion, first.CatalogVersion);
        Assert.Equal(pool.Catalogs[0].Servers, first.Servers);
    }

    [Fact]
    public async Task StartAsync_RunsOneTrivialWarmUpExecutionPerPool()
    {
        var pool = Answering(new SandboxOutcome { Status = ScriptStatus.Succeeded });

        await Manager(Config(), pool).StartAsync();

        Assert.True(pool.Started);
        var warmUp = Assert.Single(pool.Executions);
        Assert.Equal("0", warmUp.Code);
        Assert.Equal("javascript", warmUp.Language);
        Assert.StartsWith("warm-up-", warmUp.ExecutionId, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_AWarmUpThatFails_StillStarts()
    {
        var pool = new FakeSandboxPool((_, _) => throw new InvalidOperationException("the pool broke"));

        await Manager(Config(), pool).StartAsync();

        Assert.True(pool.Started);
        Assert.Single(pool.Executions);
    }

    [Fact]
    public async Task Execute_SendsLanguageLimitsDenialsAndEnabledServers()
    {
        var pool = Answering(new SandboxOutcome { Status = ScriptStatus.Succeeded });

        await Manager(Config(), pool).ExecuteAsync(new ExecutionRequest("javascript", "1", TimeoutMs: 700));

        var execute = Assert.Single(pool.Executions);
        Assert.Equal("javascript", execute.Language);
        Assert.Equal(700, execute.Limits.TimeoutMs);
        Assert.Equal(["eval"], execute.DeniedOperations);
        Assert.Equal(["automem", "helpscout"], execute.Servers.Order());
        Assert.Equal(7, Assert.Single(pool.Catalogs).CatalogVersion);
    }

    [Fact]
    public async Task Execute_RuntimeServerList_LimitsTheProxies()
    {
        var pool = Answering(new SandboxOutcome { Status = ScriptStatus.Succeeded });

        await Manager(Config(r => r with { Servers = ["helpscout"] }), pool).ExecuteAsync(new ExecutionRequest("javascript", "1"));

        Assert.Equal(["helpscout"], Assert.Single(pool.Executions).Servers);
    }

    [Fact]
    public async Task Execute_ToolCalls_GoThroughTheGatewayWithTheExecutionContext()
    {
        var gateway = new RecordingGateway();
        ToolBridgeResult? bridged = null;
        var pool = new FakeSandboxPool(async (execute, tools) =>
        {
            var arguments = JsonDocument.Parse("{\"query\":\"abc\"}").RootElement;
            bridged = await tools.HandleAsync(new ToolCallMessage(execute.ExecutionId, 1, "automem", "recall_memory", arguments), CancellationToken.None);
            return new SandboxOutcome { Status = ScriptStatus.Succeeded };
        });

        await Manager(Config(), pool, gateway).ExecuteAsync(new ExecutionRequest("javascript", "1", ClientId: "c1"));

        var request = Assert.Single(gateway.Requests);
        Assert.Equal("automem", request.Server);
        Assert.Equal("recall_memory", request.Tool);
        Assert.Equal("{\"query\":\"abc\"}".Length, request.ArgumentBytes);
        Assert.Equal("javascript", request.Context.Runtime);
        Assert.Equal("c1", request.Context.ClientId);
        Assert.Contains("automem", request.Context.AllowedServers);
        Assert.Equal(ToolBridgeResultKind.Value, bridged!.Kind);
        Assert.Equal("found", bridged.Value!.Value.GetProperty("answer").GetString());
    }

    [Fact]
    public async Task Execute_PoolFault_BecomesInternalErrorResult()
    {
        var pool = new FakeSandboxPool((_, _) => throw new InvalidOperationException("boom"));

        var result = await Manager(Config(), pool).ExecuteAsync(new ExecutionRequest("javascript", "1"));

        Assert.Equal(ScriptStatus.InternalError, result.Status);
        Assert.Equal(ErrorCodes.InternalError, result.Error!.Code);
        Assert.DoesNotContain("boom", result.Error.Message);
    }

    [Fact]
    public async Task Execute_CallerCancelsWhileQueued_ReturnsCancelled()
    {
        using var cancellation = new CancellationTokenSource();
        var pool = new FakeSandboxPool((_, _) =>
        {
            cancellation.Cancel();
            throw new OperationCanceledException(cancellation.Token);
        });

        var result = await Manager(Config(), pool).ExecuteAsync(new ExecutionRequest("javascript", "1"), cancellation.Token);

        Assert.Equal(ScriptStatus.Cancelled, result.Status);
        Assert.Equal(ErrorCodes.Cancelled, result.Error!.Code);
    }

    [Fact]
    public async Task Execute_QueueFull_PropagatesTheRejection()
    {
        var pool = new FakeSandboxPool((_, _) => throw new ExecutionRejectedException(ErrorCodes.QueueFull, "busy", TimeSpan.FromSeconds(1)));

        var ex = await Assert.ThrowsAsync<ExecutionRejectedException>(() => Manager(Config(), pool).ExecuteAsync(new ExecutionRequest("javascript", "1")));
        Assert.Equal(ErrorCodes.QueueFull, ex.Code);
    }

    public static TheoryData<string, string, int?, string, string> BadRequests() => new()
    {
        { "cobol", "1", null, ErrorCodes.UnknownRuntime, "runtime" },
        { "", "1", null, ErrorCodes.InvalidRequest, "runtime" },
        { "csharp", "1", null, ErrorCodes.RuntimeUnavailable, "runtime" },
        { "javascript", "", null, ErrorCodes.EmptyCode, "code" },
        { "javascript", " \n ", null, ErrorCodes.EmptyCode, "code" },
        { "javascript", new string('x', 1001), null, ErrorCodes.CodeTooLarge, "code" },
        { "javascript", new string('é', 501), null, ErrorCodes.CodeTooLarge, "code" },
        { "javascript", "1", 0, ErrorCodes.InvalidTimeout, "timeoutMs" },
        { "javascript", "1", 2001, ErrorCodes.InvalidTimeout, "timeoutMs" },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task Execute_BadRequest_ThrowsNamingTheField(string runtime, string code, int? timeoutMs, string errorCode, string field)
    {
        var pool = Answering(new SandboxOutcome { Status = ScriptStatus.Succeeded });

        var ex = await Assert.ThrowsAsync<ExecutionRequestException>(() => Manager(Config(), pool).ExecuteAsync(new ExecutionRequest(runtime, code, timeoutMs)));

        Assert.Equal(errorCode, ex.Code);
        Assert.Equal(field, ex.Field);
        Assert.Empty(pool.Executions);
    }

    [Fact]
    public async Task Execute_DisabledRuntime_IsUnavailable()
    {
        var pool = Answering(new SandboxOutcome { Status = ScriptStatus.Succeeded });

        var ex = await Assert.ThrowsAsync<ExecutionRequestException>(() => Manager(Config(r => r with { Enabled = false }), pool).ExecuteAsync(new ExecutionRequest("javascript", "1")));

        Assert.Equal(ErrorCodes.RuntimeUnavailable, ex.Code);
        Assert.Contains("disabled", ex.Message);
    }

    private sealed class RecordingGateway : IToolGateway
    {
        public List<ToolCallRequest> Requests { get; } = [];

        public ValueTask<ToolCallOutcome> CallAsync(ToolCallRequest request, CancellationToken cancellationToken = default)
        {
            Requests.Add(request);
            return ValueTask.FromResult(ToolCallOutcome.Answered(ToolResult.Text("{\"answer\":\"found\"}"), ToolCallSource.Mock));
        }
    }

    private sealed class StaticCatalog : IToolCatalog
    {
        public long Version => 7;

        public IReadOnlyList<string> Servers => ["automem", "helpscout"];

        public IReadOnlyList<ToolDescriptor> GetTools(string server) => [new ToolDescriptor(server, "recall_memory", null, EmptySchema)];

        public bool TryGetTool(string server, string tool, out ToolDescriptor descriptor)
        {
            descriptor = new ToolDescriptor(server, tool, null, EmptySchema);
            return tool == "recall_memory";
        }
    }
}
