using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using CodeMode.Testing;

namespace CodeMode.Server.Tests;

/// <summary><c>codemode serve</c> as a real process: where it may listen, and API keys over a real socket.</summary>
public sealed class ServeBindingTests : IDisposable
{
    private const string Key = "serve-binding-key-0123456789";

    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task AllInterfaces_WithoutKeysOrWithSecurityOff_ExitsWithUsageError(bool keysButSecurityOff)
    {
        var config = ConfigFiles.Variant(_directory, root =>
        {
            if (keysButSecurityOff)
            {
                root["security"] = new JsonObject { ["enabled"] = false, ["apiKeys"] = new JsonObject { ["ci"] = new JsonObject { ["sha256"] = AuditAppFactory.Sha256(Key) } } };
            }
        });

        using var serve = Start(config, $"http://0.0.0.0:{FreePort.Next()}");
        var stderr = serve.StandardError.ReadToEndAsync();
        _ = serve.StandardOutput.ReadToEndAsync();
        await serve.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(2, serve.ExitCode);
        var message = await stderr;
        Assert.Contains("CM7001", message, StringComparison.Ordinal);
        Assert.Contains("server.urls", message, StringComparison.Ordinal);
        Assert.Contains(keysButSecurityOff ? "security is off" : "no API key is configured", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AllInterfaces_WithAKey_ServesAndRequiresIt()
    {
        var config = ConfigFiles.Variant(_directory, root =>
            root["security"] = new JsonObject { ["apiKeys"] = new JsonObject { ["ci"] = new JsonObject { ["sha256"] = AuditAppFactory.Sha256(Key) } } });
        var port = FreePort.Next();
        using var serve = Start(config, $"http://0.0.0.0:{port}");
        _ = serve.StandardError.ReadToEndAsync();
        _ = serve.StandardOutput.ReadToEndAsync();
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(30) };
            await WaitUntilHealthyAsync(client, serve);

            var (anonymous, problem) = await client.ExecuteAsync("1 + 1");
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", Key);
            var (authorized, result) = await client.ExecuteAsync("1 + 1");

            Assert.Equal(401, anonymous);
            Assert.Equal("CM8001", problem.Str("code"));
            Assert.Equal(200, authorized);
            Assert.Equal(2, result.GetProperty("value").GetInt32());
        }
        finally
        {
            serve.Kill(entireProcessTree: true);
            await serve.WaitForExitAsync();
        }
    }

    private Process Start(string config, string urls)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = _directory.Path };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "codemode.dll"), "serve", "--offline", "--urls", urls, "--config", config })
        {
            info.ArgumentList.Add(arg);
        }

        return Process.Start(info)!;
    }

    private static async Task WaitUntilHealthyAsync(HttpClient client, Process serve)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline && !serve.HasExited)
        {
            try
            {
                using var health = await client.GetAsync("/health");
                if (health.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(100);
        }

        throw new InvalidOperationException($"codemode serve did not become healthy (exited: {serve.HasExited})");
    }
}
