using System.Text.Json;
using CodeMode.Abstractions.Execution;
using CodeMode.Abstractions.Tools;
using CodeMode.Core.Security;
using CodeMode.Core.Tests.Tools;
using CodeMode.Core.Tools;
using CodeMode.Testing;

namespace CodeMode.Core.Tests.Security;

/// <summary>The brokered fs: confined to granted directories however the path is written, size-limited, audited.</summary>
public sealed class FileSystemCapabilityTests : IDisposable
{
    private readonly TempDirectory _root = new();
    private readonly string _data;
    private readonly string _output;
    private readonly string _outside;
    private readonly FakeToolGateway _inner = FakeToolGateway.Answering("mcp");
    private readonly RecordingAuditSink _audit = new();

    public FileSystemCapabilityTests()
    {
        _data = Directory.CreateDirectory(Path.Combine(_root.Path, "data")).FullName;
        _output = Directory.CreateDirectory(Path.Combine(_root.Path, "out")).FullName;
        _outside = Directory.CreateDirectory(Path.Combine(_root.Path, "secret")).FullName;
        File.WriteAllText(Path.Combine(_data, "notes.txt"), "hello fs");
        File.WriteAllText(Path.Combine(_outside, "key.txt"), "top secret");
    }

    public void Dispose() => _root.Dispose();

    [Fact]
    public async Task Read_InsideGrant_ReturnsTheText()
    {
        var outcome = await CallAsync("read", new { path = "data/notes.txt" });

        Assert.Equal(ToolCallStatus.Ok, outcome.Status);
        Assert.Equal("hello fs", Value(outcome).GetProperty("text").GetString());
        Assert.Equal(0, _inner.Calls);
    }

    [Theory]
    [InlineData("data/../secret/key.txt")]
    [InlineData("../../etc/passwd")]
    [InlineData("data/../../")]
    public async Task Read_DotDotEscape_IsDenied(string path)
    {
        var outcome = await CallAsync("read", new { path });

        AssertDenied(outcome, ErrorCodes.PathNotAllowed);
    }

    [Fact]
    public async Task Read_AbsolutePathOutside_IsDenied()
    {
        var outcome = await CallAsync("read", new { path = Path.Combine(_outside, "key.txt") });

        AssertDenied(outcome, ErrorCodes.PathNotAllowed);
        Assert.DoesNotContain("top secret", outcome.ErrorMessage);
    }

    [Fact]
    public async Task Read_AbsolutePathInside_IsAllowed()
    {
        var outcome = await CallAsync("read", new { path = Path.Combine(_data, "notes.txt") });

        Assert.Equal(ToolCallStatus.Ok, outcome.Status);
    }

    [Fact]
    public async Task Read_ThroughAFileSymlinkPointingOutside_IsDenied()
    {
        File.CreateSymbolicLink(Path.Combine(_data, "innocent.txt"), Path.Combine(_outside, "key.txt"));

        var outcome = await CallAsync("read", new { path = "data/innocent.txt" });

        AssertDenied(outcome, ErrorCodes.PathNotAllowed);
    }

    [Fact]
    public async Task Read_ThroughADirectorySymlinkPointingOutside_IsDenied()
    {
        Directory.CreateSymbolicLink(Path.Combine(_data, "link"), _outside);

        var outcome = await CallAsync("read", new { path = "data/link/key.txt" });

        AssertDenied(outcome, ErrorCodes.PathNotAllowed);
    }

    [Fact]
    public async Task Write_ThroughADanglingSymlinkPointingOutside_IsDeniedAndWritesNothing()
    {
        var target = Path.Combine(_outside, "planted.txt");
        File.CreateSymbolicLink(Path.Combine(_output, "log.txt"), target);

        var outcome = await CallAsync("write", new { path = "out/log.txt", text = "x" });

        AssertDenied(outcome, ErrorCodes.PathNotAllowed);
        Assert.False(File.Exists(target));
    }

    [Fact]
    public async Task Read_SymlinkStayingInside_IsAllowed()
    {
        File.CreateSymbolicLink(Path.Combine(_data, "alias.txt"), Path.Combine(_data, "notes.txt"));

        var outcome = await CallAsync("read", new { path = "data/alias.txt" });

        Assert.Equal("hello fs", Value(outcome).GetProperty("text").GetString());
    }

    [Fact]
    public async Task Write_WhenOnlyReadIsGranted_IsDenied()
    {
        var outcome = await CallAsync("write", new { path = "data/new.txt", text = "x" }, Grants(write: false));

        AssertDenied(outcome, ErrorCodes.CapabilityNotGranted);
        Assert.False(File.Exists(Path.Combine(_data, "new.txt")));
    }

    [Fact]
    public async Task Write_IntoTheReadOnlyDirectory_IsDenied()
    {
        var outcome = await CallAsync("write", new { path = "data/new.txt", text = "x" });

        AssertDenied(outcome, ErrorCodes.PathNotAllowed);
    }

    [Fact]
    public async Task Write_InsideGrant_CreatesTheFileAndParents()
    {
        var outcome = await CallAsync("write", new { path = "out/reports/today.txt", text = "grüße" });

        Assert.Equal(ToolCallStatus.Ok, outcome.Status);
        Assert.Equal(7, Value(outcome).GetProperty("bytes").GetInt32());
        Assert.Equal("grüße", File.ReadAllText(Path.Combine(_output, "reports", "today.txt")));
    }

    [Fact]
    public async Task Read_FileOverTheLimit_FailsCatchablyWithoutReading()
    {
        File.WriteAllText(Path.Combine(_data, "big.txt"), new string('x', 200));

        var outcome = await CallAsync("read", new { path = "data/big.txt" }, Grants(maxBytes: 100));

        Assert.Equal(ToolCallStatus.Failed, outcome.Status);
        Assert.Equal(ErrorCodes.CapabilitySizeLimit, outcome.ErrorCode);
    }

    [Fact]
    public async Task Write_TextOverTheLimit_FailsAndWritesNothing()
    {
        var outcome = await CallAsync("write", new { path = "out/big.txt", text = new string('x', 200) }, Grants(maxBytes: 100));

        Assert.Equal(ErrorCodes.CapabilitySizeLimit, outcome.ErrorCode);
        Assert.False(File.Exists(Path.Combine(_output, "big.txt")));
    }

    [Fact]
    public async Task Read_MissingFile_FailsCatchably()
    {
        var outcome = await CallAsync("read", new { path = "data/missing.txt" });

        Assert.Equal(ToolCallStatus.Failed, outcome.Status);
        Assert.Equal(ErrorCodes.CapabilityFailed, outcome.ErrorCode);
    }

    [Fact]
    public async Task ListAndExists_DescribeTheDirectory()
    {
        Directory.CreateDirectory(Path.Combine(_data, "sub"));

        var list = Value(await CallAsync("list", new { path = "data" })).GetProperty("entries").EnumerateArray()
            .Select(e => e.GetProperty("name").GetString() + ":" + e.GetProperty("type").GetString()).ToArray();
        var exists = Value(await CallAsync("exists", new { path = "data/notes.txt" })).GetProperty("exists").GetBoolean();
        var missing = Value(await CallAsync("exists", new { path = "data/nope" })).GetProperty("exists").GetBoolean();

        Assert.Equal(["notes.txt:file", "sub:directory"], list);
        Assert.True(exists);
        Assert.False(missing);
    }

    [Fact]
    public async Task AnyOperation_RuntimeWithoutTheGrant_IsDenied()
    {
        var outcome = await CallAsync("read", new { path = "data/notes.txt" }, grants: new RuntimeGrants("javascript", null, true, null, null));

        AssertDenied(outcome, ErrorCodes.CapabilityNotGranted);
    }

    [Fact]
    public async Task UnknownOperation_IsDenied()
    {
        var outcome = await CallAsync("delete", new { path = "data/notes.txt" });

        AssertDenied(outcome, ErrorCodes.UnknownTool);
    }

    [Fact]
    public async Task EveryUse_IsAudited_GrantedAndRefused()
    {
        await CallAsync("read", new { path = "data/notes.txt" });
        await CallAsync("read", new { path = "secret/key.txt" });

        var records = _audit.Records;
        Assert.Equal(2, records.Count);
        Assert.True(records[0].Allowed);
        Assert.Equal("fs", records[0].Capability);
        Assert.Equal("read", records[0].Operation);
        Assert.Equal(Path.Combine(_data, "notes.txt"), records[0].Target);
        Assert.Equal("exec-1", records[0].ExecutionId);
        Assert.False(records[1].Allowed);
        Assert.Equal(ErrorCodes.PathNotAllowed, records[1].ErrorCode);
    }

    [Fact]
    public async Task OtherServers_PassThroughToTheInnerGateway()
    {
        var gateway = new CapabilityGateway(_inner, new Dictionary<string, RuntimeGrants> { ["javascript"] = Grants() }, _audit);

        var outcome = await gateway.CallAsync(ToolRequests.Create("automem", "recall_memory"));

        Assert.Equal(ToolCallStatus.Ok, outcome.Status);
        Assert.Equal(1, _inner.Calls);
        Assert.Empty(_audit.Records);
    }

    [Fact]
    public async Task ThroughThePipeline_ACapabilityCall_IsTracedAndCountsAgainstTheBudget()
    {
        var catalog = new FixedToolCatalog();
        var gateway = ToolGatewayPipeline.Build(
            new Dictionary<string, Core.Configuration.McpServerConfig>(),
            new Core.Configuration.SecuritySettings(),
            catalog,
            _inner,
            offline: true,
            grants: new Dictionary<string, RuntimeGrants> { ["javascript"] = Grants() },
            audit: _audit);
        var context = ToolRequests.Context(maxToolCalls: 1);

        var first = await gateway.CallAsync(ToolRequests.Create("fs", "read", """{"path":"data/notes.txt"}""", context));
        var second = await gateway.CallAsync(ToolRequests.Create("fs", "read", """{"path":"data/notes.txt"}""", context));

        Assert.Equal(ToolCallStatus.Ok, first.Status);
        Assert.Equal(ErrorCodes.ToolCallLimit, second.ErrorCode);
        Assert.Equal(["fs.read", "fs.read"], context.Trace.Select(t => t.Server + "." + t.Tool));
    }

    private RuntimeGrants Grants(bool write = true, int maxBytes = 1024 * 1024) =>
        new("javascript", null, true, new FileSystemGrant(_root.Path, [GrantedDirectory.RealPath(_data)], write ? [GrantedDirectory.RealPath(_output)] : [], maxBytes), null);

    private async Task<ToolCallOutcome> CallAsync(string operation, object arguments, RuntimeGrants? grants = null)
    {
        var gateway = new CapabilityGateway(_inner, new Dictionary<string, RuntimeGrants> { ["javascript"] = grants ?? Grants() }, _audit);
        return await gateway.CallAsync(ToolRequests.Create("fs", operation, JsonSerializer.Serialize(arguments)));
    }

    private static JsonElement Value(ToolCallOutcome outcome)
    {
        Assert.Equal(ToolCallStatus.Ok, outcome.Status);
        return outcome.Result!.StructuredContent!.Value;
    }

    private static void AssertDenied(ToolCallOutcome outcome, string code)
    {
        Assert.Equal(ToolCallStatus.Denied, outcome.Status);
        Assert.Equal(code, outcome.ErrorCode);
    }
}
