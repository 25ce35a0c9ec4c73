using System.Text.Json;
using CodeMode.Abstractions.Execution;
using CodeMode.Abstractions.Tools;
using CodeMode.Core.Tools;

namespace CodeMode.Core.Tests.Tools;

public sealed class ToolPolicyGatewayTests
{
    private readonly FakeToolGateway _inner = FakeToolGateway.Answering("ok");
    private readonly ToolPolicyGateway _gateway;

    public ToolPolicyGatewayTests() => _gateway = new ToolPolicyGateway(_inner, new StaticCatalog());

    [Fact]
    public async Task Call_ServerNotAllowed_IsDeniedNamingTheRuntime()
    {
        var context = ToolRequests.Context(runtime: "csharp", allowed: ["serena"]);

        var outcome = await _gateway.CallAsync(ToolRequests.Create("automem", "recall_memory", context: context));

        Assert.Equal(ToolCallStatus.Denied, outcome.Status);
        Assert.Equal(ErrorCodes.ServerNotAllowed, outcome.ErrorCode);
        Assert.Equal("Runtime 'csharp' may not call server 'automem'. Allowed servers: serena.", outcome.ErrorMessage);
        Assert.Equal(0, _inner.Calls);
    }

    [Theory]
    [InlineData("store_memry", "Did you mean: store_memory?")]
    [InlineData("storeMemory", "Did you mean: store_memory?")]
    [InlineData("recall", "Did you mean: recall_memory?")]
    [InlineData("launch_rockets", "Its tools: recall_memory, store_memory, update_memory.")]
    public async Task Call_UnknownTool_IsDeniedWithTheClosestNames(string tool, string hint)
    {
        var outcome = await _gateway.CallAsync(ToolRequests.Create("automem", tool));

        Assert.Equal(ToolCallStatus.Denied, outcome.Status);
        Assert.Equal(ErrorCodes.UnknownTool, outcome.ErrorCode);
        Assert.Equal($"Server 'automem' has no tool '{tool}'. {hint}", outcome.ErrorMessage);
    }

    [Fact]
    public async Task Call_AllowedServerWithoutTools_IsDeniedAsUnknownTool()
    {
        var outcome = await _gateway.CallAsync(ToolRequests.Create("helpscout", "searchInboxes"));

        Assert.Equal(ErrorCodes.UnknownTool, outcome.ErrorCode);
        Assert.Contains("offers no tools", outcome.ErrorMessage);
    }

    [Fact]
    public async Task Call_KnownToolOfAnAllowedServer_PassesThrough()
    {
        var outcome = await _gateway.CallAsync(ToolRequests.Create("automem", "store_memory"));

        Assert.Equal(ToolCallStatus.Ok, outcome.Status);
        Assert.Equal(1, _inner.Calls);
    }

    private sealed class StaticCatalog : IToolCatalog
    {
        private static readonly JsonElement Schema = JsonElement.Parse("""{"type":"object"}""");

        private readonly List<ToolDescriptor> _automem =
        [
            new("automem", "store_memory", null, Schema),
            new("automem", "recall_memory", null, Schema),
            new("automem", "update_memory", null, Schema),
        ];

        public long Version => 1;

        public IReadOnlyList<string> Servers => ["automem"];

        public IReadOnlyList<ToolDescriptor> GetTools(string server) => server == "automem" ? _automem : [];

        public bool TryGetTool(string server, string tool, out ToolDescriptor descriptor)
        {
            descriptor = GetTools(server).FirstOrDefault(t => t.Name == tool)!;
            return descriptor is not null;
        }
    }
}
