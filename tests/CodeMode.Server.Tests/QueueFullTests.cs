using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CodeMode.Testing;

namespace CodeMode.Server.Tests;

/// <summary>With one worker and no queue, a second concurrent request is refused with 429 and Retry-After.</summary>
public sealed class QueueFullTests(QueueFullTests.SingleWorkerAppFactory factory) : IClassFixture<QueueFullTests.SingleWorkerAppFactory>
{
    [Fact]
    public async Task Execute_AllWorkersBusyAndQueueFull_Returns429WithRetryAfter()
    {
        var client = factory.CreateClient();
        var busy = client.ExecuteAsync("while (true) {}", timeoutMs: 2000);
        await WaitForWorkersAsync(client, busy: 1);

        using var refused = await client.PostAsJsonAsync("/v1/execute", new { runtime = "javascript", code = "1+1" });
        var problem = await HttpJson.ReadAsync(refused);

        Assert.Equal(429, (int)refused.StatusCode);
        Assert.True(refused.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));
        Assert.Equal("CM6008", problem.Str("code"));

        var (busyStatus, busyBody) = await busy;
        Assert.Equal(200, busyStatus);
        Assert.Equal("timeout", busyBody.Str("status"));

        // With no waiting room, the next request must come once the worker is back in the pool.
        await WaitForWorkersAsync(client, ready: 1);
        var (nextStatus, next) = await client.ExecuteAsync("1+1");
        Assert.Equal(200, nextStatus);
        Assert.Equal("succeeded", next.Str("status"));
    }

    private static async Task WaitForWorkersAsync(HttpClient client, int? busy = null, int? ready = null)
    {
        for (var attempt = 0; attempt < 1000; attempt++)
        {
            using var health = await client.GetAsync("/health");
            var pool = (await HttpJson.ReadAsync(health)).GetProperty("runtimes").GetProperty("javascript");
            if ((busy is null || pool.GetProperty("busy").GetInt32() == busy) && (ready is null || pool.GetProperty("ready").GetInt32() == ready))
            {
                return;
            }

            await Task.Delay(10);
        }

        throw new TimeoutException($"The pool never reached busy={busy}, ready={ready}.");
    }

    /// <summary>One warm worker, no waiting room, and no statement budget to speak of.</summary>
    public sealed class SingleWorkerAppFactory : CodeModeAppFactory
    {
        private readonly TempDirectory _directory = new();

        protected override string ConfigPath => ConfigFiles.Variant(_directory, root =>
        {
            root["sandbox"] = new JsonObject { ["poolSize"] = 1, ["maxQueuedExecutions"] = 0 };
            // The busy script is a loop: only its timeout, not the statement budget, may end it.
            root["runtimes"]!["javascript"]!["maxStatements"] = 10_000_000_000;
        });

        protected override void Dispose(bool disposing)
        {
            base.Dispose(disposing);
            _directory.Dispose();
        }
    }
}
