using CodeMode.Abstractions.Execution;
using CodeMode.Abstractions.Tools;
using CodeMode.Core.Configuration;
using CodeMode.Core.Tools;
using CodeMode.Testing;

namespace CodeMode.Core.Tests.Tools;

public sealed class ServerRateLimitGatewayTests
{
    private readonly ManualTimeProvider _time = new();
    private readonly FakeToolGateway _inner = FakeToolGateway.Answering("ok");
    private readonly ServerRateLimitGateway _gateway;

    public ServerRateLimitGatewayTests()
    {
        var servers = new Dictionary<string, McpServerConfig>
        {
            ["automem"] = new() { RateLimitPerMinute = 3 },
            ["serena"] = new() { RateLimitPerMinute = 1 },
        };
        _gateway = new ServerRateLimitGateway(_inner, servers, _time);
    }

    [Fact]
    public async Task Call_OverTheLimit_IsLimitedWithRetryAfter()
    {
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(ToolCallStatus.Ok, (await Call("automem")).Status);
            _time.Advance(TimeSpan.FromSeconds(10));
        }

        var refused = await Call("automem");

        Assert.Equal(ToolCallStatus.RateLimited, refused.Status);
        Assert.Equal(ErrorCodes.ServerRateLimited, refused.ErrorCode);
        Assert.Equal("Server 'automem' allows 3 calls per minute (mcpServers.automem.rateLimitPerMinute).", refused.ErrorMessage);
        Assert.Equal(TimeSpan.FromSeconds(30), refused.RetryAfter);
        Assert.Equal(3, _inner.Calls);
    }

    [Fact]
    public async Task Window_Slides_TheOldestCallLeavesAfterAMinute()
    {
        await Call("automem");
        _time.Advance(TimeSpan.FromSeconds(20));
        await Call("automem");
        await Call("automem");

        _time.Advance(TimeSpan.FromSeconds(39));
        Assert.Equal(TimeSpan.FromSeconds(1), (await Call("automem")).RetryAfter);

        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(ToolCallStatus.Ok, (await Call("automem")).Status);
        Assert.Equal(ToolCallStatus.RateLimited, (await Call("automem")).Status);
    }

    [Fact]
    public async Task Window_AfterALongSilence_IsEmptyAgain()
    {
        for (var i = 0; i < 3; i++)
        {
            await Call("automem");
        }

        _time.Advance(TimeSpan.FromHours(5));

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(ToolCallStatus.Ok, (await Call("automem")).Status);
        }

        Assert.Equal(ToolCallStatus.RateLimited, (await Call("automem")).Status);
    }

    [Fact]
    public async Task Servers_HaveTheirOwnWindows()
    {
        Assert.Equal(ToolCallStatus.Ok, (await Call("serena")).Status);
        Assert.Equal(ToolCallStatus.RateLimited, (await Call("serena")).Status);

        Assert.Equal(ToolCallStatus.Ok, (await Call("automem")).Status);
    }

    [Fact]
    public async Task UnconfiguredServer_GetsTheDefaultLimitNotNone()
    {
        for (var i = 0; i < 100; i++)
        {
            Assert.Equal(ToolCallStatus.Ok, (await Call("other")).Status);
        }

        Assert.Equal(ToolCallStatus.RateLimited, (await Call("other")).Status);
    }

    [Fact]
    public async Task ConcurrentCalls_AdmitExactlyTheLimit()
    {
        var servers = new Dictionary<string, McpServerConfig> { ["automem"] = new() { RateLimitPerMinute = 25 } };
        var gateway = new ServerRateLimitGateway(_inner, servers, _time);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => Task.Run(() => gateway.CallAsync(ToolRequests.Create("automem")).AsTask())));

        Assert.Equal(25, outcomes.Count(o => o.Status == ToolCallStatus.Ok));
    }

    [Fact]
    public void Constructor_ZeroLimit_IsRejectedNotUnlimited()
    {
        var servers = new Dictionary<string, McpServerConfig> { ["automem"] = new() { RateLimitPerMinute = 0 } };

        var error = Assert.Throws<ArgumentException>(() => new ServerRateLimitGateway(_inner, servers, _time));
        Assert.Contains("mcpServers.automem.rateLimitPerMinute", error.Message);
    }

    private Task<ToolCallOutcome> Call(string server) => _gateway.CallAsync(ToolRequests.Create(server)).AsTask();
}
