using System.Text.Json;
using CodeMode.Abstractions.Execution;
using CodeMode.Abstractions.Sandbox;
using CodeMode.Runtimes.CSharp.Tests.Support;

namespace CodeMode.Runtimes.CSharp.Tests;

public sealed class ProxyTests
{
    [Fact]
    public void TypedCall_SendsNamedArgumentsAndReadsTheOutputRecord()
    {
        var tools = new FakeToolBridge();
        var outcome = ScriptRunner.Run("var r = await automem.store_memory(content: \"c\", tags: new[] { \"a\", \"b\" }, importance: 0.5); return r.tool;", tools: tools);

        Assert.True(outcome.Status == ScriptStatus.Succeeded, outcome.Describe());
        Assert.Equal("\"store_memory\"", outcome.Json());
        var call = Assert.Single(tools.Calls);
        Assert.Equal(("automem", "store_memory"), (call.Server, call.Tool));
        Assert.Equal("""{"content":"c","tags":["a","b"],"importance":0.5}""", call.Arguments);
    }

    [Fact]
    public void OptionalArguments_LeftOut_AreNotSent()
    {
        var tools = new FakeToolBridge();
        ScriptRunner.Run("await serena.find_symbol(name_path_pattern: \"Foo\");", tools: tools);

        Assert.Equal("""{"name_path_pattern":"Foo"}""", Assert.Single(tools.Calls).Arguments);
    }

    [Fact]
    public void GenericCall_TakesAnAnonymousObjectAndGivesJsonNode()
    {
        var tools = new FakeToolBridge();
        var outcome = ScriptRunner.Run("var r = await automem.CallAsync(\"recall_memory\", new { query = \"q\", limit = 3 }); return r[\"args\"][\"limit\"].GetValue<int>();", tools: tools);

        Assert.True(outcome.Status == ScriptStatus.Succeeded, outcome.Describe());
        Assert.Equal("3", outcome.Json());
        Assert.Equal("""{"query":"q","limit":3}""", Assert.Single(tools.Calls).Arguments);
    }

    [Fact]
    public void ToolWithoutSchema_IsCalledWithAnObject()
    {
        var tools = new FakeToolBridge();
        var outcome = ScriptRunner.Run("var r = await automem.recall_memory(new { query = \"q\" }); return r[\"tool\"].ToString();", tools: tools);

        Assert.True(outcome.Status == ScriptStatus.Succeeded, outcome.Describe());
        Assert.Equal("\"recall_memory\"", outcome.Json());
    }

    [Fact]
    public void ToolError_IsCatchableWithTheServersMessage()
    {
        var outcome = ScriptRunner.Run(
            "try { await automem.CallAsync(\"recall_memory\"); return \"no\"; } catch (ToolException e) { return e.Message + \"|\" + e.Code + \"|\" + e.Tool; }",
            tools: FakeToolBridge.Failing("Error: the store is down"));

        Assert.Equal("\"Error: the store is down|CM5001|automem.recall_memory\"", outcome.Json());
    }

    [Fact]
    public void ToolError_Uncaught_IsToolErrorAtTheCallSite()
    {
        var outcome = ScriptRunner.Run("var a = 1;\nawait automem.store_memory(content: \"x\");", tools: FakeToolBridge.Failing("Error: nope"));

        Assert.Equal(ScriptStatus.ToolError, outcome.Status);
        Assert.Equal(ErrorCodes.ToolFailed, outcome.Error!.Code);
        Assert.Equal("Error: nope", outcome.Error.Message);
        Assert.Equal("automem.store_memory", outcome.Error.Tool);
        Assert.Equal(2, outcome.Error.Line);
    }

    [Fact]
    public void AbortedToolCall_EndsTheScriptEvenInsideACatchAll()
    {
        var tools = new FakeToolBridge((_, _, _) => ToolBridgeResult.FromAbort(ScriptStatus.PolicyDenied, ErrorCodes.ServerNotAllowed, "not allowed"));
        var outcome = ScriptRunner.Run("try { await automem.CallAsync(\"recall_memory\"); } catch (Exception) { } return 1;", tools: tools);

        Assert.Equal(ScriptStatus.PolicyDenied, outcome.Status);
        Assert.Equal((ErrorCodes.ServerNotAllowed, "automem.recall_memory"), (outcome.Error!.Code, outcome.Error.Tool));
    }

    [Fact]
    public void ToolCallLimit_EndsTheScriptNamingTheCallThatWentOver()
    {
        var outcome = ScriptRunner.Run(
            "for (var i = 0; i < 10; i++) { try { await automem.CallAsync(\"recall_memory\"); } catch (Exception) { } } return 1;",
            limits: ScriptRunner.DefaultLimits with { MaxToolCalls = 3 });

        Assert.Equal(ScriptStatus.RateLimited, outcome.Status);
        Assert.Equal((ErrorCodes.ToolCallLimit, "automem.recall_memory"), (outcome.Error!.Code, outcome.Error.Tool));
    }

    [Fact]
    public void ServerNamedLikeAGlobal_IsLeftOutInsteadOfBreakingTheRuntime()
    {
        var proxies = new[] { new ProxyServer("Console", ["x"]), new ProxyServer("ok", ["ping"]) };
        var outcome = ScriptRunner.Run("Console.WriteLine(\"still the console\"); return (await ok.ping())[\"tool\"].ToString();", proxies: proxies);

        Assert.True(outcome.Status == ScriptStatus.Succeeded, outcome.Describe());
        Assert.Equal("still the console", Assert.Single(outcome.Logs).Message);
    }

    [Fact]
    public void OutputRecordThatDoesNotMatch_IsACatchableToolError()
    {
        var tools = new FakeToolBridge((_, _, _) => ToolBridgeResult.FromValue(JsonDocument.Parse("""{"tool":{"not":"a string"}}""").RootElement.Clone()));
        var outcome = ScriptRunner.Run("try { await automem.store_memory(content: \"x\"); return \"no\"; } catch (ToolException e) { return e.Message.Contains(\"CallAsync\"); }", tools: tools);

        Assert.Equal("true", outcome.Json());
    }
}
