using System.Text.Json;
using CodeMode.Abstractions.Execution;
using CodeMode.Abstractions.Sandbox;
using CodeMode.Runtimes.JavaScript.Tests.Support;

namespace CodeMode.Runtimes.JavaScript.Tests;

public sealed class ProxyTests
{
    [Fact]
    public void Execute_ProxyCall_SendsServerToolAndJsonArguments()
    {
        var bridge = new FakeToolBridge();

        var outcome = ScriptRunner.Run(
            "var r = automem.store_memory({ content: 'x', tags: ['a', 'b'], meta: { n: 1.5, ok: true, none: null } }); r.ok",
            tools: bridge);

        Assert.Equal("true", outcome.ValueJson());
        var call = Assert.Single(bridge.Calls);
        Assert.Equal("automem", call.Server);
        Assert.Equal("store_memory", call.Tool);
        Assert.Equal("""{"content":"x","tags":["a","b"],"meta":{"n":1.5,"ok":true,"none":null}}""", call.ArgumentsJson);
    }

    [Theory]
    [InlineData("automem.search()")]
    [InlineData("automem.search(undefined)")]
    public void Execute_ProxyCallWithoutArgument_SendsEmptyObject(string code)
    {
        var bridge = new FakeToolBridge();

        ScriptRunner.Run(code, tools: bridge).AssertSucceeded();

        Assert.Equal("{}", Assert.Single(bridge.Calls).ArgumentsJson);
    }

    [Theory]
    [InlineData("42", "a number")]
    [InlineData("'text'", "a string")]
    [InlineData("[1, 2]", "an array")]
    [InlineData("null", "null")]
    [InlineData("true", "a boolean")]
    [InlineData("function () {}", "a function")]
    [InlineData("new Date(0)", "a Date")]
    public void Execute_ProxyCallWithNonObjectArgument_ThrowsCatchableTypeError(string argument, string described)
    {
        var bridge = new FakeToolBridge();

        var outcome = ScriptRunner.Run(
            $"try {{ automem.search({argument}); 'not thrown' }} catch (e) {{ [e instanceof TypeError, e.name, e.message] }}",
            tools: bridge);

        using var result = JsonDocument.Parse(outcome.ValueJson());
        Assert.True(result.RootElement[0].GetBoolean());
        Assert.Equal("TypeError", result.RootElement[1].GetString());
        Assert.Equal($"automem.search expects one object argument, e.g. automem.search({{ ... }}), but got {described}.", result.RootElement[2].GetString());
        Assert.Empty(bridge.Calls);
    }

    [Theory]
    [InlineData("""{"items":[{"id":1},{"id":2}],"total":2}""", "r.items[1].id + r.total", "4")]
    [InlineData("\"plain text\"", "r.toUpperCase()", "\"PLAIN TEXT\"")]
    [InlineData("[1,2,3]", "r.length", "3")]
    [InlineData("null", "r === null", "true")]
    [InlineData("12345678901234567890", "typeof r", "\"number\"")]
    [InlineData("""{"s":"\u00e9\ud83d\ude00\n\"q\""}""", "r.s", "\"\u00e9\ud83d\ude00\\n\\\"q\\\"\"")]
    public void Execute_ProxyValue_ArrivesAsParsedJson(string resultJson, string expression, string expectedJson)
    {
        var bridge = new FakeToolBridge(_ => ToolBridgeResult.FromValue(FakeToolBridge.Json(resultJson)));

        var outcome = ScriptRunner.Run($"var r = automem.search({{}}); {expression}", tools: bridge);

        Assert.Equal(JsonSerializer.Serialize(JsonDocument.Parse(expectedJson).RootElement), JsonSerializer.Serialize(outcome.Value));
    }

    [Fact]
    public void Execute_ProxyValueWithoutJson_IsUndefined()
    {
        var bridge = new FakeToolBridge(_ => new ToolBridgeResult { Kind = ToolBridgeResultKind.Value });

        var outcome = ScriptRunner.Run("typeof automem.search({})", tools: bridge);

        Assert.Equal("\"undefined\"", outcome.ValueJson());
    }

    [Fact]
    public void Execute_ToolError_IsACatchableJsError()
    {
        var bridge = new FakeToolBridge(_ => ToolBridgeResult.FromError(ErrorCodes.ToolFailed, "no such memory"));

        var outcome = ScriptRunner.Run(
            """
            try {
              automem.recall({ id: 7 });
            } catch (e) {
              ({ isError: e instanceof Error, name: e.name, message: e.message, code: e.code, tool: e.tool, text: String(e) })
            }
            """,
            tools: bridge);

        Assert.Equal(
            """{"isError":true,"name":"Error","message":"no such memory","code":"CM5001","tool":"automem.recall","text":"Error: no such memory"}""",
            outcome.ValueJson());
    }

    [Fact]
    public void Execute_UncaughtToolError_ReturnsToolErrorAtTheCallSite()
    {
        var bridge = new FakeToolBridge(_ => ToolBridgeResult.FromError(ErrorCodes.ToolUnavailable, "server is down"));

        var outcome = ScriptRunner.Run("var a = 1;\nvar r =   automem.search({ q: 'x' });\n'unreached'", tools: bridge);

        var error = outcome.AssertFailed(ScriptStatus.ToolError, ErrorCodes.ToolUnavailable);
        Assert.Equal("server is down", error.Message);
        Assert.Equal("automem.search", error.Tool);
        Assert.Equal(2, error.Line);
        Assert.Equal(11, error.Column);
    }

    [Fact]
    public void Execute_ToolErrorRethrownFromAFunction_IsStillAToolError()
    {
        var bridge = new FakeToolBridge(_ => ToolBridgeResult.FromError(ErrorCodes.ToolFailed, "bad input"));

        var outcome = ScriptRunner.Run(
            "function load() {\n  try { return serena.find_symbol({ name: 'X' }); }\n  catch (e) { console.warn('failed: ' + e.message); throw e; }\n}\nload();",
            tools: bridge);

        var error = outcome.AssertFailed(ScriptStatus.ToolError, ErrorCodes.ToolFailed);
        Assert.Equal("serena.find_symbol", error.Tool);
        Assert.Equal(3, error.Line);
        Assert.Equal([new LogEntry("warn", "failed: bad input")], outcome.Logs);
    }

    [Fact]
    public void Execute_ScriptMadeErrorLookingLikeAToolError_IsARuntimeError()
    {
        var outcome = ScriptRunner.Run("var e = new Error('fake'); e.code = 'CM5001'; e.tool = 'automem.search'; throw e;");

        outcome.AssertFailed(ScriptStatus.RuntimeError, ErrorCodes.UncaughtException);
    }

    public static TheoryData<string> SwallowAttempts => new()
    {
        "automem.search({}); 'unreached'",
        "try { automem.search({}); } catch (e) {} 'swallowed'",
        "try { automem.search({}); } finally { console.log('finally ran'); }",
        "try { automem.search({}); } catch (e) { console.log('caught'); } finally { console.log('finally ran'); } 'swallowed'",
        "while (true) { try { automem.search({}); } catch (e) { continue; } }",
        "function attempt() { try { return automem.search({}); } catch (e) { return 'caught'; } } attempt()",
        "[1, 2].map(function () { try { return automem.search({}); } catch (e) { return null; } })",
        "try { [1].forEach(function () { automem.search({}); }); } catch (e) {} 'swallowed'",
    };

    [Theory]
    [MemberData(nameof(SwallowAttempts))]
    public void Execute_AbortedToolCall_CannotBeCaught(string code)
    {
        var bridge = new FakeToolBridge(_ => ToolBridgeResult.FromAbort(ScriptStatus.PolicyDenied, ErrorCodes.ServerNotAllowed, "automem is not allowed for this client"));

        var outcome = ScriptRunner.Run(code, tools: bridge);

        var error = outcome.AssertFailed(ScriptStatus.PolicyDenied, ErrorCodes.ServerNotAllowed);
        Assert.Equal("automem is not allowed for this client", error.Message);
        Assert.Equal("automem.search", error.Tool);
        Assert.Empty(outcome.Logs);
        Assert.Single(bridge.Calls);
    }

    [Fact]
    public void Execute_AbortWithRateLimit_EndsWithTheHostsStatus()
    {
        var bridge = new FakeToolBridge(_ => ToolBridgeResult.FromAbort(ScriptStatus.RateLimited, ErrorCodes.ServerRateLimited, "slow down"));

        var outcome = ScriptRunner.Run("try { automem.search({}); } catch (e) {}", tools: bridge);

        outcome.AssertFailed(ScriptStatus.RateLimited, ErrorCodes.ServerRateLimited);
    }

    [Fact]
    public void Execute_BridgeThatFails_EndsWithInternalErrorAndAsksForRecycling()
    {
        var bridge = new FakeToolBridge(_ => throw new IOException("pipe closed"));

        var outcome = ScriptRunner.Run("try { automem.search({}); } catch (e) {} 'swallowed'", tools: bridge);

        var error = outcome.AssertFailed(ScriptStatus.InternalError, ErrorCodes.InternalError);
        Assert.DoesNotContain("pipe closed", error.Message);
        Assert.True(outcome.Recycle);
    }

    [Theory]
    [InlineData("automem.search = function () { return 'fake'; }; automem.search({}) === 'fake'", "false")]
    [InlineData("automem.extra = 1; typeof automem.extra", "\"undefined\"")]
    [InlineData("delete automem.search; typeof automem.search", "\"function\"")]
    [InlineData("automem = { search: function () {} }; automem.search.length", "1")]
    [InlineData("Object.isFrozen(automem)", "true")]
    [InlineData("Object.keys(automem).join(',')", "\"store_memory,search,recall\"")]
    [InlineData("try { Object.defineProperty(automem, 'search', { value: 1 }); 'redefined' } catch (e) { e.name }", "\"TypeError\"")]
    [InlineData("'use strict'; try { automem.search = null; 'assigned' } catch (e) { e.name }", "\"TypeError\"")]
    [InlineData("automem.search.foo = 1; typeof automem.search.foo", "\"undefined\"")]
    public void Execute_Proxies_CannotBeReplaced(string code, string expectedJson)
    {
        var outcome = ScriptRunner.Run(code);

        Assert.Equal(expectedJson, outcome.ValueJson());
    }

    [Fact]
    public void Execute_ProxyReplacedInOneExecution_IsIntactInTheNext()
    {
        ScriptRunner.Run("Object.prototype.search = function () { return 'fake'; }; automem.search = null;").AssertSucceeded();
        var bridge = new FakeToolBridge();

        ScriptRunner.Run("automem.search({ q: 1 })", tools: bridge).AssertSucceeded();

        Assert.Single(bridge.Calls);
    }

    [Fact]
    public void Execute_OnlyTheGivenProxiesExist()
    {
        var outcome = ScriptRunner.Run(
            "[typeof automem, typeof serena, typeof helpscout]",
            proxies: [new ProxyServer("automem", ["search"])]);

        Assert.Equal("""["object","undefined","undefined"]""", outcome.ValueJson());
    }

    [Fact]
    public void Execute_ProxyNamedLikeABuiltIn_IsAConfigurationError()
    {
        var outcome = ScriptRunner.Run("1", proxies: [new ProxyServer("JSON", ["parse"])]);

        outcome.AssertFailed(ScriptStatus.InternalError, ErrorCodes.InvalidConfiguration);
    }

    [Fact]
    public void Execute_ProxyCallsFromCallbacksAndApply_Work()
    {
        var bridge = new FakeToolBridge(call => ToolBridgeResult.FromValue(FakeToolBridge.Json(call.ArgumentsJson)));

        var outcome = ScriptRunner.Run(
            "[1, 2].map(function (n) { return automem.search({ n: n }).n; }).concat([automem.search.call(null, { n: 3 }).n, automem.search.apply(null, [{ n: 4 }]).n])",
            tools: bridge);

        Assert.Equal("[1,2,3,4]", outcome.ValueJson());
        Assert.Equal(4, bridge.Calls.Count);
    }

    [Fact]
    public void Execute_ProxyIsNotAConstructor()
    {
        var outcome = ScriptRunner.Run("try { new automem.search({}); 'constructed' } catch (e) { e.name }");

        Assert.Equal("\"TypeError\"", outcome.ValueJson());
    }
}
