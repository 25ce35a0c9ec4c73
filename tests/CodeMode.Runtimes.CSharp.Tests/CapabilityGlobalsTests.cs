using System.Text.Json;
using CodeMode.Abstractions.Execution;
using CodeMode.Abstractions.Sandbox;
using CodeMode.Runtimes.CSharp.Tests.Support;

namespace CodeMode.Runtimes.CSharp.Tests;

/// <summary>
/// <c>Files</c>, <c>Http</c> and <c>fetch(...)</c>: present when the execution lists the reserved servers <c>fs</c> and
/// <c>fetch</c>, a compile error naming the missing grant when not; calls reach the bridge as the javascript runtime's
/// do; the host's tool errors are catchable <c>ToolException</c>s and its denials end the script.
/// </summary>
public sealed class CapabilityGlobalsTests
{
    private static readonly IReadOnlyList<ProxyServer> Granted =
    [
        .. ScriptRunner.DefaultProxies,
        new ProxyServer("fs", ["read", "write", "list", "exists"]),
        new ProxyServer("fetch", ["request"]),
    ];

    [Fact]
    public void Files_ReadWriteListExists_SendTheBrokersArgumentsAndReadItsAnswers()
    {
        var tools = new FakeToolBridge((_, tool, _) => Answer(tool switch
        {
            "read" => """{"path":"/d/a.txt","text":"hello","bytes":5}""",
            "write" => """{"path":"/d/b.txt","bytes":7}""",
            "list" => """{"path":"/d","entries":[{"name":"a.txt","type":"file","size":5},{"name":"sub","type":"directory","size":null}]}""",
            _ => """{"path":"/d/a.txt","exists":true,"type":"file"}""",
        }));

        var outcome = Run("""
            var text = Files.ReadText("data/a.txt");
            var n = await Files.WriteTextAsync("out/b.txt", "written");
            var entries = Files.List("data");
            return new { text, n, names = entries.Select(e => e.Name + ":" + e.Type + ":" + (e.Size?.ToString() ?? "-")).ToArray(), there = await Files.ExistsAsync("data/a.txt") };
            """, tools);

        Assert.True(outcome.Status == ScriptStatus.Succeeded, outcome.Describe());
        Assert.Equal("""{"text":"hello","n":7,"names":["a.txt:file:5","sub:directory:-"],"there":true}""", outcome.Json());
        Assert.Equal(
            [
                ("fs", "read", """{"path":"data/a.txt"}"""),
                ("fs", "write", """{"path":"out/b.txt","text":"written"}"""),
                ("fs", "list", """{"path":"data"}"""),
                ("fs", "exists", """{"path":"data/a.txt"}"""),
            ],
            tools.Calls);
    }

    [Fact]
    public void Fetch_SendsMethodHeadersAndBody_AndReadsTheResponse()
    {
        var tools = new FakeToolBridge((_, _, _) => Answer(
            """{"url":"http://127.0.0.1:9/x","status":201,"ok":true,"headers":{"content-type":"application/json"},"text":"[1,2]"}"""));

        var outcome = Run("""
            var r = await fetch("http://127.0.0.1:9/x", "POST", new Dictionary<string, string> { ["Accept"] = "application/json" }, "{}");
            var s = Http.Fetch("http://127.0.0.1:9/x");
            return new { r.Status, r.Ok, type = r.Headers["Content-Type"], a = r.Json()![1]!.GetValue<int>(), r.Url, s.Text };
            """, tools);

        Assert.True(outcome.Status == ScriptStatus.Succeeded, outcome.Describe());
        Assert.Equal("""{"Status":201,"Ok":true,"type":"application/json","a":2,"Url":"http://127.0.0.1:9/x","Text":"[1,2]"}""", outcome.Json());
        Assert.Equal(("fetch", "request", """{"url":"http://127.0.0.1:9/x","method":"POST","headers":{"Accept":"application/json"},"body":"{}"}"""), tools.Calls[0]);
        Assert.Equal("""{"url":"http://127.0.0.1:9/x","method":"GET"}""", tools.Calls[1].Arguments);
    }

    [Theory]
    [InlineData("Files.ReadText(\"big.txt\")")]
    [InlineData("await Files.ReadTextAsync(\"big.txt\")")]
    [InlineData("await fetch(\"http://127.0.0.1:9/big\")")]
    [InlineData("Http.Fetch(\"http://127.0.0.1:9/big\")")]
    public void BrokerErrors_AreCatchableToolExceptionsWithTheirCode(string call)
    {
        var tools = new FakeToolBridge((_, _, _) => ToolBridgeResult.FromError(ErrorCodes.CapabilitySizeLimit, "too large"));

        var outcome = Run($"try {{ {call}; return \"answered\"; }} catch (ToolException e) {{ return e.Code + \" \" + e.Message; }}", tools);

        Assert.True(outcome.Status == ScriptStatus.Succeeded, outcome.Describe());
        Assert.Equal("\"CM4016 too large\"", outcome.Json());
    }

    [Fact]
    public void BrokerError_Uncaught_IsAToolErrorNamingTheOperation()
    {
        var tools = new FakeToolBridge((_, _, _) => ToolBridgeResult.FromError(ErrorCodes.CapabilityFailed, "fs.read: 'x' does not exist."));

        var outcome = Run("return Files.ReadText(\"x\");", tools);

        Assert.Equal(ScriptStatus.ToolError, outcome.Status);
        Assert.Equal(ErrorCodes.CapabilityFailed, outcome.Error!.Code);
        Assert.Equal("fs.read", outcome.Error.Tool);
    }

    [Fact]
    public void FetchError_Uncaught_NamesFetchAsTheTool()
    {
        var tools = new FakeToolBridge((_, _, _) => ToolBridgeResult.FromError(ErrorCodes.FetchTimedOut, "fetch did not complete."));

        var outcome = Run("return (await fetch(\"http://127.0.0.1:9/slow\")).Status;", tools);

        Assert.Equal(ScriptStatus.ToolError, outcome.Status);
        Assert.Equal((ErrorCodes.FetchTimedOut, "fetch"), (outcome.Error!.Code, outcome.Error.Tool));
    }

    [Theory]
    [InlineData("Files.ReadText(\"../secret\")", "fs.read")]
    [InlineData("await Files.WriteTextAsync(\"/etc/x\", \"x\")", "fs.write")]
    [InlineData("await fetch(\"http://example.com/\")", "fetch")]
    public void BrokerDenials_EndTheScriptEvenInsideACatchAll(string call, string tool)
    {
        var tools = new FakeToolBridge((_, _, _) => ToolBridgeResult.FromAbort(ScriptStatus.PolicyDenied, ErrorCodes.PathNotAllowed, "outside"));

        var outcome = Run($"try {{ {call}; }} catch (Exception) {{ }} return \"escaped\";", tools);

        Assert.Equal(ScriptStatus.PolicyDenied, outcome.Status);
        Assert.Equal((ErrorCodes.PathNotAllowed, tool), (outcome.Error!.Code, outcome.Error.Tool));
    }

    [Theory]
    [InlineData("return Files.Exists(\"x\");", "\"fs\" to its allowedModules")]
    [InlineData("return Http.Fetch(\"http://127.0.0.1/\").Status;", "\"fetch\" to its allowedModules")]
    [InlineData("return (await fetch(\"http://127.0.0.1/\")).Status;", "\"fetch\" to its allowedModules")]
    public void Capabilities_NotGranted_AreACompileErrorNamingTheGrant(string code, string fix)
    {
        var tools = new FakeToolBridge();

        var outcome = ScriptRunner.Run(code, tools: tools);

        Assert.Equal(ScriptStatus.CompileError, outcome.Status);
        Assert.Equal(ErrorCodes.CompileError, outcome.Error!.Code);
        Assert.Contains("not granted to this runtime", outcome.Error.Message, StringComparison.Ordinal);
        Assert.Contains(fix, outcome.Error.Message, StringComparison.Ordinal);
        Assert.Empty(tools.Calls);
    }

    [Theory]
    [InlineData("var Files = 2; var fetch = 3; return Files + fetch;", "5")]
    [InlineData("record Http(int Port); return new Http(8).Port;", "8")]
    [InlineData("int fetch(int x) => x * 2; return fetch(21);", "42")]
    public void ScriptsOwnNames_ShadowTheUngrantedCapabilities(string code, string expected)
    {
        var outcome = ScriptRunner.Run(code);

        Assert.True(outcome.Status == ScriptStatus.Succeeded, outcome.Describe());
        Assert.Equal(expected, outcome.Json());
    }

    [Fact]
    public void OnlyFsGranted_FilesWorks_AndFetchIsACompileError()
    {
        var proxies = new[] { new ProxyServer("fs", ["read", "write", "list", "exists"]) };
        var tools = new FakeToolBridge((_, _, _) => Answer("""{"exists":false}"""));

        Assert.Equal("false", ScriptRunner.Run("return Files.Exists(\"x\");", tools: tools, proxies: proxies).Json());
        Assert.Equal(ScriptStatus.CompileError, ScriptRunner.Run("await fetch(\"http://127.0.0.1/\");", tools: tools, proxies: proxies).Status);
    }

    [Fact]
    public void Files_CannotBeBuiltByTheScriptToReachTheHost()
    {
        var outcome = Run("var f = new Files(null!); return f.Exists(\"x\");", new FakeToolBridge());

        Assert.NotEqual(ScriptStatus.Succeeded, outcome.Status);
    }

    private static SandboxOutcome Run(string code, FakeToolBridge tools) => ScriptRunner.Run(code, tools: tools, proxies: Granted);

    private static ToolBridgeResult Answer(string json) => ToolBridgeResult.FromValue(JsonDocument.Parse(json).RootElement.Clone());
}
