using CodeMode.Abstractions.Execution;
using CodeMode.Abstractions.Sandbox;
using CodeMode.Runtimes.JavaScript.Tests.Support;

namespace CodeMode.Runtimes.JavaScript.Tests;

/// <summary>
/// The fs and fetch globals: familiar call shapes in the script, plain proxy calls (JSON) to the host. What is allowed
/// is the host's decision; here the bridge stands in for it.
/// </summary>
public sealed class CapabilityGlobalsTests
{
    private static readonly IReadOnlyList<ProxyServer> WithCapabilities =
    [
        .. ScriptRunner.DefaultProxies,
        new ProxyServer("fs", ["read", "write", "list", "exists"]),
        new ProxyServer("fetch", ["request"]),
    ];

    [Fact]
    public void FsRead_SendsThePathAndReturnsTheText()
    {
        var bridge = new FakeToolBridge(_ => ToolBridgeResult.FromValue(FakeToolBridge.Json("""{"path":"/d/a.txt","text":"hello","bytes":5}""")));

        var outcome = ScriptRunner.Run("fs.read('data/a.txt')", tools: bridge, proxies: WithCapabilities);

        Assert.Equal("\"hello\"", outcome.ValueJson());
        Assert.Equal(new ToolCall("fs", "read", """{"path":"data/a.txt"}"""), Assert.Single(bridge.Calls));
    }

    [Fact]
    public void FsWriteListExists_SendTheirArgumentsAndUnwrapTheAnswer()
    {
        var bridge = new FakeToolBridge(call => ToolBridgeResult.FromValue(FakeToolBridge.Json(call.Tool switch
        {
            "write" => """{"bytes":3}""",
            "list" => """{"entries":[{"name":"a.txt","type":"file","size":3}]}""",
            _ => """{"exists":true,"type":"file"}""",
        })));

        var outcome = ScriptRunner.Run(
            "[fs.write('out/a.txt', 'abc'), fs.list('out')[0].name, fs.exists('out/a.txt')]",
            tools: bridge,
            proxies: WithCapabilities);

        Assert.Equal("""[3,"a.txt",true]""", outcome.ValueJson());
        Assert.Equal(
            [new ToolCall("fs", "write", """{"path":"out/a.txt","text":"abc"}"""), new ToolCall("fs", "list", """{"path":"out"}"""), new ToolCall("fs", "exists", """{"path":"out/a.txt"}""")],
            bridge.Calls);
    }

    [Theory]
    [InlineData("fs.read(42)", "fs.read needs a path string")]
    [InlineData("fs.write('a.txt', { a: 1 })", "needs the text as a string")]
    [InlineData("fetch(42)", "fetch needs a URL")]
    [InlineData("fetch('http://h/', { body: { a: 1 } })", "option 'body' must be a string")]
    [InlineData("fetch('http://h/', { headers: [1] })", "headers must be an object")]
    public void WrongArguments_ThrowCatchableTypeErrorsWithoutCallingTheHost(string call, string expected)
    {
        var bridge = new FakeToolBridge();

        var outcome = ScriptRunner.Run($"try {{ {call}; 'no error' }} catch (e) {{ e.name + ': ' + e.message }}", tools: bridge, proxies: WithCapabilities);

        Assert.Contains("TypeError: ", outcome.ValueJson());
        Assert.Contains(expected, outcome.ValueJson());
        Assert.Empty(bridge.Calls);
    }

    [Fact]
    public void Fetch_UrlAndOptions_SendsOneRequestObjectAndReturnsTheResponse()
    {
        var bridge = new FakeToolBridge(_ => ToolBridgeResult.FromValue(FakeToolBridge.Json("""{"url":"http://h/x","status":200,"ok":true,"headers":{},"text":"{\"n\":7}"}""")));

        var outcome = ScriptRunner.Run(
            "var r = fetch('http://h/x', { method: 'POST', headers: { 'x-a': 'b' }, body: JSON.stringify({ q: 1 }) }); [r.status, r.ok, r.json().n, Object.keys(r).indexOf('json')]",
            tools: bridge,
            proxies: WithCapabilities);

        Assert.Equal("[200,true,7,-1]", outcome.ValueJson());
        Assert.Equal(new ToolCall("fetch", "request", """{"url":"http://h/x","method":"POST","body":"{\"q\":1}","headers":{"x-a":"b"}}"""), Assert.Single(bridge.Calls));
    }

    [Fact]
    public void Fetch_SingleObjectForm_IsAccepted()
    {
        var bridge = new FakeToolBridge(_ => ToolBridgeResult.FromValue(FakeToolBridge.Json("""{"status":204,"ok":true,"headers":{},"text":""}""")));

        var outcome = ScriptRunner.Run("fetch({ url: 'http://h/y', method: 'DELETE' }).status", tools: bridge, proxies: WithCapabilities);

        Assert.Equal("204", outcome.ValueJson());
        Assert.Equal("""{"url":"http://h/y","method":"DELETE"}""", Assert.Single(bridge.Calls).ArgumentsJson);
    }

    [Fact]
    public void HostRefusal_EndsTheScriptUncatchably()
    {
        var bridge = new FakeToolBridge(_ => ToolBridgeResult.FromAbort(ScriptStatus.PolicyDenied, ErrorCodes.PathNotAllowed, "fs.read: outside"));

        var outcome = ScriptRunner.Run("try { fs.read('../x') } catch (e) { 'caught' }", tools: bridge, proxies: WithCapabilities);

        var error = outcome.AssertFailed(ScriptStatus.PolicyDenied, ErrorCodes.PathNotAllowed);
        Assert.Equal("fs.read", error.Tool);
    }

    [Fact]
    public void HostFailure_IsCatchableWithItsCode()
    {
        var bridge = new FakeToolBridge(_ => ToolBridgeResult.FromError(ErrorCodes.FetchTimedOut, "too slow"));

        var outcome = ScriptRunner.Run("try { fetch('http://h/'); 'no' } catch (e) { e.code + ' ' + e.tool }", tools: bridge, proxies: WithCapabilities);

        Assert.Equal($"\"{ErrorCodes.FetchTimedOut} fetch\"", outcome.ValueJson());
    }

    [Fact]
    public void Globals_AbsentUnlessTheHostListsThem()
    {
        var outcome = ScriptRunner.Run("[typeof fs, typeof fetch]");

        Assert.Equal("""["undefined","undefined"]""", outcome.ValueJson());
    }

    [Fact]
    public void Globals_AreFrozenAndExposeNoClrObject()
    {
        var outcome = ScriptRunner.Run(
            "fs.read = function () { return 'fake'; }; fetch = 1; [typeof fs.read, typeof fetch, typeof fs.GetType, typeof fetch.GetType, Object.isExtensible(fs)]",
            proxies: WithCapabilities);

        Assert.Equal("""["function","function","undefined","undefined",false]""", outcome.ValueJson());
    }

    [Fact]
    public void CapabilityCalls_CountAgainstMaxToolCalls()
    {
        var bridge = new FakeToolBridge(_ => ToolBridgeResult.FromValue(FakeToolBridge.Json("""{"exists":false}""")));

        var outcome = ScriptRunner.Run("fs.exists('a'); fs.exists('b')", limits: ScriptRunner.With(maxToolCalls: 1), tools: bridge, proxies: WithCapabilities);

        outcome.AssertFailed(ScriptStatus.RateLimited, ErrorCodes.ToolCallLimit);
    }
}
