using System.Diagnostics;
using System.Text.Json;
using CodeMode.Cli.Commands;
using CodeMode.Testing;

namespace CodeMode.Cli.Tests;

public sealed class RunCommandTests
{
    private static async Task<(int Exit, string Out, string Err)> InvokeAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = await CodeModeCli.InvokeAsync(args, stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public async Task Run_ExampleOffline_PrintsSucceededResultAndExits0()
    {
        var (exit, stdout, stderr) = await InvokeAsync("run", Path.Combine(RepositoryPaths.Examples, "hello.js"), "--offline", "--config", RepositoryPaths.RuntimesJson);

        Assert.True(exit == 0, stderr + stdout);
        var result = JsonDocument.Parse(stdout).RootElement;
        Assert.Equal("succeeded", result.GetProperty("status").GetString());
        Assert.True(result.GetProperty("toolCalls").GetArrayLength() >= 2);
        Assert.All(result.GetProperty("toolCalls").EnumerateArray(), call => Assert.Equal("mock", call.GetProperty("source").GetString()));
    }

    [Fact]
    public async Task Run_FailingScript_PrintsResultAndExits1()
    {
        using var temp = new TempDirectory();
        var file = temp.Write("fail.js", "var x = 1;\nthrow new Error('nope');");

        var (exit, stdout, _) = await InvokeAsync("run", file, "--offline", "--config", RepositoryPaths.RuntimesJson);

        Assert.Equal(ExitCodes.ScriptFailed, exit);
        var result = JsonDocument.Parse(stdout).RootElement;
        Assert.Equal("runtimeError", result.GetProperty("status").GetString());
        Assert.Equal("CM2001", result.GetProperty("error").GetProperty("code").GetString());
        Assert.Equal(2, result.GetProperty("error").GetProperty("line").GetInt32());
    }

    [Fact]
    public async Task Run_MissingFile_Exits2()
    {
        var (exit, stdout, stderr) = await InvokeAsync("run", "/no/such/file.js", "--offline");

        Assert.Equal(ExitCodes.UsageError, exit);
        Assert.Empty(stdout);
        Assert.Contains("not found", stderr);
    }

    [Fact]
    public async Task Run_UnknownExtension_Exits2AndAsksForRuntime()
    {
        using var temp = new TempDirectory();
        var file = temp.Write("snippet.txt", "1+1");

        var (exit, _, stderr) = await InvokeAsync("run", file, "--offline", "--config", RepositoryPaths.RuntimesJson);

        Assert.Equal(ExitCodes.UsageError, exit);
        Assert.Contains("--runtime", stderr);
    }

    [Fact]
    public async Task Run_ExplicitRuntime_OverridesExtension()
    {
        using var temp = new TempDirectory();
        var file = temp.Write("snippet.txt", "6 * 7");

        var (exit, stdout, stderr) = await InvokeAsync("run", file, "--runtime", "javascript", "--offline", "--config", RepositoryPaths.RuntimesJson);

        Assert.True(exit == 0, stderr);
        Assert.Equal(42, JsonDocument.Parse(stdout).RootElement.GetProperty("value").GetInt32());
    }

    [Fact]
    public async Task Run_InvalidConfig_Exits2WithEveryError()
    {
        using var temp = new TempDirectory();
        var config = ConfigFiles.Variant(temp, root =>
        {
            root["runtimes"]!["javascript"]!["timeout"] = 0;
            root["runtimes"]!["javascript"]!["maxToolCalls"] = -1;
        });
        var file = temp.Write("ok.js", "1");

        var (exit, stdout, stderr) = await InvokeAsync("run", file, "--offline", "--config", config);

        Assert.Equal(ExitCodes.UsageError, exit);
        Assert.Empty(stdout);
        Assert.Contains("CM7001", stderr);
        Assert.Contains("runtimes.javascript.timeout", stderr);
        Assert.Contains("runtimes.javascript.maxToolCalls", stderr);
    }

    [Fact]
    public async Task Run_CsxFile_RunsInTheCSharpRuntime()
    {
        using var temp = new TempDirectory();
        var file = temp.Write("script.csx", "return 1 + 2;");

        var (exit, stdout, stderr) = await InvokeAsync("run", file, "--offline", "--config", RepositoryPaths.RuntimesJson);

        Assert.True(exit == ExitCodes.Succeeded, stderr + stdout);
        Assert.Equal(3, JsonDocument.Parse(stdout).RootElement.GetProperty("value").GetInt32());
    }

    [Fact]
    public async Task UnknownOption_Exits2()
    {
        var (exit, _, stderr) = await InvokeAsync("run", "x.js", "--bogus");

        Assert.Equal(ExitCodes.UsageError, exit);
        Assert.Contains("--bogus", stderr);
    }

    [Theory]
    [InlineData("a.js", "javascript")]
    [InlineData("a.JS", "javascript")]
    [InlineData("a.csx", "csharp")]
    [InlineData("a.mjs", "node")]
    [InlineData("a.ts", "node")]
    [InlineData("a.py", null)]
    [InlineData("a", null)]
    public void RuntimeInference_FromExtension(string path, string? runtime) =>
        Assert.Equal(runtime, RuntimeInference.FromPath(path));

    [Fact]
    public async Task Run_AsRealProcess_PrintsJsonOnStdoutOnly()
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepositoryPaths.Root,
        };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "codemode.dll"), "run", "examples/hello.js", "--offline" })
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(90));

        Assert.True(process.ExitCode == 0, await stderr);
        Assert.Equal("succeeded", JsonDocument.Parse(await stdout).RootElement.GetProperty("status").GetString());
    }
}
