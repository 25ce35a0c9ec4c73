using CodeMode.Abstractions.Execution;
using CodeMode.Abstractions.Tools;
using CodeMode.Core.Security;
using CodeMode.Core.Tests.Tools;
using CodeMode.Core.Tools;

namespace CodeMode.Core.Tests.Security;

/// <summary>Tool-level allow-lists and allowDestructive, enforced by <see cref="ToolPolicyGateway"/>.</summary>
public sealed class ToolGrantPolicyTests
{
    private readonly FakeToolGateway _inner = FakeToolGateway.Answering("ok");

    [Fact]
    public async Task ToolAllowList_NamedTool_PassesAndOthersAreDenied()
    {
        var gateway = Gateway(new RuntimeGrants("javascript", Tools(("notes", ["search"])), true, null, null));

        var allowed = await gateway.CallAsync(Call("search"));
        var denied = await gateway.CallAsync(Call("rename"));

        Assert.Equal(ToolCallStatus.Ok, allowed.Status);
        Assert.Equal(ToolCallStatus.Denied, denied.Status);
        Assert.Equal(ErrorCodes.ToolNotAllowed, denied.ErrorCode);
        Assert.Equal("Runtime 'javascript' may not call notes.rename. Its allowed tools of 'notes': search.", denied.ErrorMessage);
        Assert.Equal(1, _inner.Calls);
    }

    [Fact]
    public async Task ToolAllowList_EmptyListForAServer_DeniesAllItsTools()
    {
        var gateway = Gateway(new RuntimeGrants("javascript", Tools(("notes", [])), true, null, null));

        var outcome = await gateway.CallAsync(Call("search"));

        Assert.Equal(ErrorCodes.ToolNotAllowed, outcome.ErrorCode);
    }

    [Fact]
    public async Task ToolAllowList_OtherServerNotNamed_KeepsAllTools()
    {
        var gateway = Gateway(new RuntimeGrants("javascript", Tools(("automem", ["recall_memory"])), true, null, null));

        var outcome = await gateway.CallAsync(Call("rename"));

        Assert.Equal(ToolCallStatus.Ok, outcome.Status);
    }

    [Theory]
    [InlineData("purge")]
    [InlineData("rename")]
    public async Task AllowDestructiveFalse_DestructiveOrUnannotatedTool_IsDenied(string tool)
    {
        var gateway = Gateway(new RuntimeGrants("javascript", null, AllowDestructive: false, null, null));

        var outcome = await gateway.CallAsync(Call(tool));

        Assert.Equal(ToolCallStatus.Denied, outcome.Status);
        Assert.Equal(ErrorCodes.DestructiveToolDenied, outcome.ErrorCode);
        Assert.Contains("allowDestructive: false", outcome.ErrorMessage);
        Assert.Equal(0, _inner.Calls);
    }

    [Theory]
    [InlineData("search")]
    [InlineData("archive")]
    public async Task AllowDestructiveFalse_ReadOnlyOrNonDestructiveTool_Passes(string tool)
    {
        var gateway = Gateway(new RuntimeGrants("javascript", null, AllowDestructive: false, null, null));

        var outcome = await gateway.CallAsync(Call(tool));

        Assert.Equal(ToolCallStatus.Ok, outcome.Status);
    }

    [Fact]
    public async Task AllowDestructiveTrue_DestructiveTool_Passes()
    {
        var gateway = Gateway(new RuntimeGrants("javascript", null, AllowDestructive: true, null, null));

        var outcome = await gateway.CallAsync(Call("purge"));

        Assert.Equal(ToolCallStatus.Ok, outcome.Status);
    }

    [Fact]
    public async Task OtherRuntime_IsNotAffectedByThisRuntimesGrants()
    {
        var gateway = Gateway(new RuntimeGrants("javascript", Tools(("notes", [])), false, null, null));

        var outcome = await gateway.CallAsync(ToolRequests.Create("notes", "purge", context: ToolRequests.Context(runtime: "other", allowed: ["notes"])));

        Assert.Equal(ToolCallStatus.Ok, outcome.Status);
    }

    [Fact]
    public async Task ClientToolScope_NarrowsItsServer_AndLeavesOthersAlone()
    {
        var gateway = new ToolPolicyGateway(_inner, new FixedToolCatalog());
        var narrowed = ClientContext(("notes", ["search"]));
        var otherServerNarrowed = ClientContext(("automem", ["recall_memory"]));

        var allowed = await gateway.CallAsync(ToolRequests.Create("notes", "search", """{"query":"x"}""", narrowed));
        var denied = await gateway.CallAsync(ToolRequests.Create("notes", "rename", context: narrowed));
        var untouched = await gateway.CallAsync(ToolRequests.Create("notes", "rename", context: otherServerNarrowed));

        Assert.Equal(ToolCallStatus.Ok, allowed.Status);
        Assert.Equal(ToolCallStatus.Denied, denied.Status);
        Assert.Equal(ErrorCodes.ToolNotAllowed, denied.ErrorCode);
        Assert.Equal("API client 'ci' may not call notes.rename. Its key's allowed tools of 'notes': search.", denied.ErrorMessage);
        Assert.Equal(ToolCallStatus.Ok, untouched.Status);
        Assert.Equal(2, _inner.Calls);
    }

    private static ToolCallContext ClientContext(params (string Server, string[] Tools)[] scope) => new()
    {
        ExecutionId = "exec-1",
        Runtime = "javascript",
        ClientId = "ci",
        AllowedServers = new HashSet<string>(["notes"], StringComparer.Ordinal),
        ToolScope = scope.ToDictionary(s => s.Server, s => (IReadOnlySet<string>)s.Tools.ToHashSet(StringComparer.Ordinal), StringComparer.Ordinal),
        MaxToolCalls = 10,
    };

    private ToolPolicyGateway Gateway(RuntimeGrants grants) =>
        new(_inner, new FixedToolCatalog(), new Dictionary<string, RuntimeGrants> { [grants.Runtime] = grants });

    private static ToolCallRequest Call(string tool) =>
        ToolRequests.Create("notes", tool, """{"query":"x"}""", ToolRequests.Context(allowed: ["notes"]));

    private static Dictionary<string, IReadOnlySet<string>> Tools(params (string Server, string[] Tools)[] entries) =>
        entries.ToDictionary(e => e.Server, e => (IReadOnlySet<string>)e.Tools.ToHashSet(StringComparer.Ordinal), StringComparer.Ordinal);
}
