using System.Text.Json;

namespace CodeMode.Server.Tests;

public sealed class ExecuteEndpointTests(CodeModeAppFactory factory) : IClassFixture<CodeModeAppFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task Execute_OnePlusOne_Returns200WithValue()
    {
        var (status, body) = await _client.ExecuteAsync("1+1");

        Assert.Equal(200, status);
        Assert.Equal("succeeded", body.Str("status"));
        Assert.Equal(2, body.GetProperty("value").GetInt32());
        Assert.True(body.GetProperty("durationMs").GetDouble() > 0);
        Assert.Equal(5000, body.GetProperty("limits").GetProperty("timeoutMs").GetInt32());
    }

    [Fact]
    public async Task Execute_ReturnStatement_GivesObjectValue()
    {
        var (_, body) = await _client.ExecuteAsync("var xs = [1, 2, 3]; return { sum: xs.reduce(function (a, b) { return a + b; }, 0), name: 'n' };");

        Assert.Equal("succeeded", body.Str("status"));
        Assert.Equal(6, body.GetProperty("value").GetProperty("sum").GetInt32());
        Assert.Equal("n", body.GetProperty("value").Str("name"));
    }

    [Fact]
    public async Task Execute_ConsoleOutput_IsCapturedWithLevels()
    {
        var (_, body) = await _client.ExecuteAsync("console.log('hello', 42); console.warn('careful'); console.error({ a: 1 }); 'done'");

        var logs = body.GetProperty("logs").EnumerateArray().ToArray();
        Assert.Equal(3, logs.Length);
        Assert.Equal("log", logs[0].Str("level"));
        Assert.Equal("hello 42", logs[0].Str("message"));
        Assert.Equal("warn", logs[1].Str("level"));
        Assert.Equal("error", logs[2].Str("level"));
        Assert.Contains("\"a\"", logs[2].Str("message"));
    }

    [Fact]
    public async Task Execute_ProxyCall_ReturnsMockDataAndTracesTheCall()
    {
        var (status, body) = await _client.ExecuteAsync("""
            var r = automem.store_memory({ content: 'remember the sandbox', tags: ['t1'] });
            return typeof r;
            """);

        Assert.Equal(200, status);
        Assert.Equal("succeeded", body.Str("status"));
        Assert.Equal("object", body.GetProperty("value").GetString());
        var call = Assert.Single(body.GetProperty("toolCalls").EnumerateArray());
        Assert.Equal("automem", call.Str("server"));
        Assert.Equal("store_memory", call.Str("tool"));
        Assert.Equal("mock", call.Str("source"));
        Assert.Equal("ok", call.Str("status"));
        Assert.True(call.GetProperty("bytesIn").GetInt64() > 0);
        Assert.True(call.GetProperty("bytesOut").GetInt64() > 0);
    }

    [Fact]
    public async Task Execute_UncaughtError_Returns200RuntimeErrorWithPosition()
    {
        var (status, body) = await _client.ExecuteAsync("var a = 1;\nvar b = 2;\nnull.boom;");

        Assert.Equal(200, status);
        Assert.Equal("runtimeError", body.Str("status"));
        var error = body.GetProperty("error");
        Assert.Equal("CM2001", error.Str("code"));
        Assert.Equal(3, error.GetProperty("line").GetInt32());
        Assert.Contains("TypeError", error.Str("message"));
    }

    [Fact]
    public async Task Execute_ModernSyntax_ReturnsCompileErrorPointingToOtherRuntimes()
    {
        var (status, body) = await _client.ExecuteAsync("const f = (x) => x * 2;\nf(2)");

        Assert.Equal(200, status);
        Assert.Equal("compileError", body.Str("status"));
        var error = body.GetProperty("error");
        Assert.Equal("CM1002", error.Str("code"));
        Assert.Contains("5.1", error.Str("message"));
        Assert.Contains("node", error.Str("message"));
        Assert.Equal(1, error.GetProperty("line").GetInt32());
    }

    [Fact]
    public async Task Execute_ToolErrorCaughtByScript_Succeeds()
    {
        var (_, body) = await _client.ExecuteAsync("""
            try { automem.delete_memory({ memory_id: 'no-such-id' }); return 'not thrown'; }
            catch (e) { return e.message.length > 0 ? 'caught' : 'empty'; }
            """);

        Assert.Equal("succeeded", body.Str("status"));
        Assert.Equal("caught", body.GetProperty("value").GetString());
    }

    [Fact]
    public async Task Execute_TimeoutOverride_StopsLoopAtRequestedTimeout()
    {
        var (status, body) = await _client.ExecuteAsync("while (true) {}", timeoutMs: 300);

        Assert.Equal(200, status);
        Assert.Equal("timeout", body.Str("status"));
        Assert.Equal("CM3001", body.GetProperty("error").Str("code"));
        Assert.Equal(300, body.GetProperty("limits").GetProperty("timeoutMs").GetInt32());
    }

    [Fact]
    public async Task Execute_CSharpRuntime_Returns200WithValue()
    {
        var (status, body) = await _client.ExecuteAsync("return 1+2;", runtime: "csharp");

        Assert.Equal(200, status);
        Assert.Equal("succeeded", body.Str("status"));
        Assert.Equal(3, body.GetProperty("value").GetInt32());
    }

    [Fact]
    public async Task Health_WithWarmPool_ReportsHealthy()
    {
        // Another test in this class may just have had a worker killed at its timeout: wait for its replacement.
        var response = await _client.GetAsync("/health");
        for (var attempt = 0; attempt < 300 && (int)response.StatusCode == 503; attempt++)
        {
            response.Dispose();
            await Task.Delay(100);
            response = await _client.GetAsync("/health");
        }

        using var _ = response;
        var body = await HttpJson.ReadAsync(response);

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("healthy", body.Str("status"));
        Assert.Equal(JsonValueKind.Object, body.GetProperty("runtimes").GetProperty("javascript").ValueKind);
    }
}
