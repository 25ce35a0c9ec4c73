using System.Net;
using CodeMode.Testing;

namespace CodeMode.Server.Tests;

/// <summary>End to end against a real <c>codemode serve</c> process over loopback with a keep-alive client.</summary>
public sealed class ServeProcessTests
{
    [Fact]
    public async Task Serve_RealProcess_ExecutesRejectsAndSurvivesAttacks()
    {
        await using var server = await CodeModeProcess.StartServeAsync();
        using var client = new HttpClient { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };

        var (status, body) = await client.ExecuteAsync("console.log('hi'); 40 + 2");
        Assert.Equal(200, status);
        Assert.Equal("succeeded", body.Str("status"));
        Assert.Equal(42, body.GetProperty("value").GetInt32());
        Assert.Equal("hi", body.GetProperty("logs")[0].Str("message"));

        var (badStatus, problem, _) = await client.PostRawAsync("{not json", "application/json");
        Assert.Equal(400, badStatus);
        Assert.Equal("CM6001", problem.Str("code"));

        var (loopStatus, loop) = await client.ExecuteAsync("while(true){}", timeoutMs: 300);
        Assert.Equal(200, loopStatus);
        Assert.Equal("timeout", loop.Str("status"));

        var (builtInStatus, builtIn) = await client.ExecuteAsync("new Array(1e6).join('x')", timeoutMs: 500);
        Assert.Equal(200, builtInStatus);
        Assert.Equal("timeout", builtIn.Str("status"));

        var (toolStatus, tool) = await client.ExecuteAsync("helpscout.listAllInboxes({}); 'ok'");
        Assert.Equal(200, toolStatus);
        Assert.Equal("succeeded", tool.Str("status"));
        Assert.Equal("mock", tool.GetProperty("toolCalls")[0].Str("source"));

        var (afterStatus, after) = await client.ExecuteAsync("1+1");
        Assert.Equal(200, afterStatus);
        Assert.Equal(2, after.GetProperty("value").GetInt32());

        using var health = await client.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task Serve_BodyOverKestrelLimit_Returns400CodeTooLarge()
    {
        // Only a real Kestrel enforces MaxRequestBodySize (the in-memory test server does not): 256 KB × 6 + 64 KB.
        await using var server = await CodeModeProcess.StartServeAsync();
        using var client = new HttpClient { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };

        var (status, problem, _) = await client.PostRawAsync("{\"runtime\":\"javascript\",\"code\":\"" + new string('x', 2 * 1024 * 1024) + "\"}", "application/json");

        Assert.Equal(400, status);
        Assert.Equal("CM6003", problem.Str("code"));
        Assert.Equal("code", problem.Str("field"));
        var (nextStatus, next) = await client.ExecuteAsync("1+1");
        Assert.Equal(200, nextStatus);
        Assert.Equal("succeeded", next.Str("status"));
    }

    [Fact]
    public async Task Serve_PortInUse_ExitsWithUsageError()
    {
        await using var server = await CodeModeProcess.StartServeAsync();
        var info = new System.Diagnostics.ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "codemode.dll"), "serve", "--offline", "--urls", server.BaseAddress.ToString().TrimEnd('/'), "--config", CodeMode.Testing.RepositoryPaths.RuntimesJson })
        {
            info.ArgumentList.Add(arg);
        }

        using var second = System.Diagnostics.Process.Start(info)!;
        var stderr = second.StandardError.ReadToEndAsync();
        _ = second.StandardOutput.ReadToEndAsync();
        await second.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(2, second.ExitCode);
        Assert.Contains("cannot listen", await stderr);
    }

    [Fact]
    public async Task Serve_ParallelRequests_AllAnswered()
    {
        await using var server = await CodeModeProcess.StartServeAsync();
        using var client = new HttpClient { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };

        var results = await Task.WhenAll(Enumerable.Range(0, 24).Select(i => client.ExecuteAsync($"var s = 0; for (var j = 0; j <= {i}; j++) s += j; s")));

        for (var i = 0; i < results.Length; i++)
        {
            Assert.Equal(200, results[i].Status);
            Assert.Equal(i * (i + 1) / 2, results[i].Body.GetProperty("value").GetInt32());
        }
    }
}
