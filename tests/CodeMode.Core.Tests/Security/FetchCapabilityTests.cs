using System.Text.Json;
using CodeMode.Abstractions.Execution;
using CodeMode.Abstractions.Tools;
using CodeMode.Core.Security;
using CodeMode.Core.Tests.Tools;
using CodeMode.Testing;

namespace CodeMode.Core.Tests.Security;

/// <summary>The brokered fetch against a real loopback HTTP server: granted hosts and ports only, redirects re-checked.</summary>
public sealed class FetchCapabilityTests : IAsyncLifetime
{
    private readonly LoopbackHttpServer _server = new();
    private readonly RecordingAuditSink _audit = new();
    private readonly FakeToolGateway _inner = FakeToolGateway.Answering("mcp");

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Get_GrantedHostAndPort_ReturnsStatusHeadersAndText()
    {
        var outcome = await FetchAsync(new { url = _server.Url("/text") });

        var value = Value(outcome);
        Assert.Equal(200, value.GetProperty("status").GetInt32());
        Assert.True(value.GetProperty("ok").GetBoolean());
        Assert.Equal("hello", value.GetProperty("text").GetString());
        Assert.StartsWith("text/plain", value.GetProperty("headers").GetProperty("content-type").GetString());
        Assert.Equal(0, _inner.Calls);
    }

    [Fact]
    public async Task Post_SendsMethodHeadersAndBody()
    {
        var outcome = await FetchAsync(new { url = _server.Url("/echo"), method = "post", headers = new Dictionary<string, string> { ["x-test"] = "yes" }, body = "{\"n\":1}" });

        var echo = JsonDocument.Parse(Value(outcome).GetProperty("text").GetString()!).RootElement;
        Assert.Equal("POST", echo.GetProperty("method").GetString());
        Assert.Equal("{\"n\":1}", echo.GetProperty("body").GetString());
        Assert.Equal("yes", echo.GetProperty("test").GetString());
    }

    [Fact]
    public async Task HostNotGranted_IsDeniedBeforeAnyConnection()
    {
        var outcome = await FetchAsync(new { url = $"http://localhost:{_server.Port}/text" });

        AssertDenied(outcome, "the host 'localhost' is not in permissions.network.allowedHosts");
        Assert.Equal(0, _server.Requests);
    }

    [Fact]
    public async Task PortNotGranted_IsDenied()
    {
        var outcome = await FetchAsync(new { url = "http://127.0.0.1:1/text" });

        AssertDenied(outcome, "port 1 of '127.0.0.1' is not in permissions.network.allowedPorts");
    }

    [Theory]
    [InlineData("file:///etc/passwd")]
    [InlineData("ftp://127.0.0.1/x")]
    public async Task OtherSchemes_AreDenied(string url)
    {
        var outcome = await FetchAsync(new { url });

        AssertDenied(outcome, "only http and https");
    }

    [Fact]
    public async Task Redirect_ToAGrantedUrl_IsFollowed()
    {
        var outcome = await FetchAsync(new { url = _server.Url("/redirect?to=" + Uri.EscapeDataString(_server.Url("/json"))) });

        Assert.Equal("{\"a\":1}", Value(outcome).GetProperty("text").GetString());
        Assert.Equal(_server.Url("/json"), Value(outcome).GetProperty("url").GetString());
    }

    [Theory]
    [InlineData("http://localhost:{port}/text", "fetch (redirect): the host 'localhost'")]
    [InlineData("http://127.0.0.1:1/text", "fetch (redirect): port 1")]
    public async Task Redirect_ToADeniedHostOrPort_IsRefused(string target, string expected)
    {
        var to = target.Replace("{port}", _server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);

        var outcome = await FetchAsync(new { url = _server.Url("/redirect?to=" + Uri.EscapeDataString(to)) });

        AssertDenied(outcome, expected);
        Assert.Equal(1, _server.Requests);
        Assert.Collection(_audit.Records, hop => Assert.True(hop.Allowed), refused => Assert.False(refused.Allowed));
    }

    [Fact]
    public async Task SlowServer_TimesOutCatchably()
    {
        var outcome = await FetchAsync(new { url = _server.Url("/slow") }, Grant(timeout: TimeSpan.FromMilliseconds(300)));

        Assert.Equal(ToolCallStatus.Failed, outcome.Status);
        Assert.Equal(ErrorCodes.FetchTimedOut, outcome.ErrorCode);
    }

    [Fact]
    public async Task ResponseOverTheLimit_FailsCatchably()
    {
        var outcome = await FetchAsync(new { url = _server.Url("/big?bytes=5000") }, Grant(maxBytes: 1000));

        Assert.Equal(ToolCallStatus.Failed, outcome.Status);
        Assert.Equal(ErrorCodes.CapabilitySizeLimit, outcome.ErrorCode);
    }

    [Fact]
    public async Task ReservedHeader_IsRefused()
    {
        var outcome = await FetchAsync(new { url = _server.Url("/text"), headers = new Dictionary<string, string> { ["Host"] = "evil.example" } });

        Assert.Equal(ErrorCodes.InvalidToolArguments, outcome.ErrorCode);
        Assert.Equal(0, _server.Requests);
    }

    [Fact]
    public async Task RuntimeWithoutNetworkGrant_IsDenied()
    {
        var gateway = new CapabilityGateway(_inner, new Dictionary<string, RuntimeGrants>(), _audit);

        var outcome = await gateway.CallAsync(ToolRequests.Create("fetch", "request", JsonSerializer.Serialize(new { url = _server.Url("/text") })));

        Assert.Equal(ErrorCodes.CapabilityNotGranted, outcome.ErrorCode);
        Assert.False(Assert.Single(_audit.Records).Allowed);
    }

    private NetworkGrant Grant(TimeSpan? timeout = null, int maxBytes = 1024 * 1024) =>
        new(new HashSet<string> { "127.0.0.1" }, new HashSet<int> { _server.Port }, timeout ?? TimeSpan.FromSeconds(30), maxBytes);

    private async Task<ToolCallOutcome> FetchAsync(object arguments, NetworkGrant? grant = null)
    {
        using var gateway = new CapabilityGateway(
            _inner,
            new Dictionary<string, RuntimeGrants> { ["javascript"] = new("javascript", null, true, null, grant ?? Grant()) },
            _audit);
        return await gateway.CallAsync(ToolRequests.Create("fetch", "request", JsonSerializer.Serialize(arguments)));
    }

    private static JsonElement Value(ToolCallOutcome outcome)
    {
        Assert.True(outcome.Status == ToolCallStatus.Ok, $"{outcome.Status} {outcome.ErrorCode} {outcome.ErrorMessage}");
        return outcome.Result!.StructuredContent!.Value;
    }

    private static void AssertDenied(ToolCallOutcome outcome, string expected)
    {
        Assert.Equal(ToolCallStatus.Denied, outcome.Status);
        Assert.Equal(ErrorCodes.HostNotAllowed, outcome.ErrorCode);
        Assert.Contains(expected, outcome.ErrorMessage);
    }
}
