using System.Text.Json;
using CodeMode.Abstractions.Execution;

namespace CodeMode.Abstractions.Sandbox;

/// <summary>
/// Sends one of every worker message through a frame writer and reader in memory, once per process, so the JSON
/// metadata is built at start-up rather than on the first execution (tens of milliseconds cold). The host and the
/// worker both call it: each side serializes and reads every message kind.
/// </summary>
public static class WorkerProtocolWarmUp
{
    private static readonly Lazy<bool> Done = new(Run);

    public static void EnsureDone() => _ = Done.Value;

    private static bool Run()
    {
        using var value = JsonDocument.Parse("""{"a":[1,"b",true,null]}""");
        var limits = new ExecutionLimits
        {
            TimeoutMs = 1000,
            MemoryLimitBytes = 1 << 20,
            MaxStatements = 1,
            MaxRecursion = 1,
            MaxOutputBytes = 1,
            MaxToolCalls = 1,
        };
        WorkerMessage[] messages =
        [
            new ReadyMessage(1, ["javascript"]),
            new ConfigureMessage(1, [new ProxyServer("s", ["t"])]),
            new ExecuteMessage("w", "javascript", "1", limits, ["eval"], ["s"]),
            new ToolCallMessage("w", 1, "s", "t", value.RootElement),
            new ToolResultMessage("w", 1, ToolBridgeResult.FromValue(value.RootElement)),
            new ToolResultMessage("w", 2, ToolBridgeResult.FromAbort(ScriptStatus.Cancelled, ErrorCodes.Cancelled, "x")),
            new CancelMessage("w"),
            new DoneMessage("w", new SandboxOutcome
            {
                Status = ScriptStatus.RuntimeError,
                Value = value.RootElement,
                Error = new ScriptError(ErrorCodes.UncaughtException, "x", 1, 1),
                Logs = [new LogEntry("log", "x")],
            }),
            new ShutdownMessage(),
        ];

        using var stream = new MemoryStream();
        var writer = new FrameWriter(stream);
        foreach (var message in messages)
        {
            // Both paths: the worker writes and reads synchronously, the host asynchronously.
            writer.Write(message);
            writer.WriteAsync(message).AsTask().GetAwaiter().GetResult();
        }

        stream.Position = 0;
        var reader = new FrameReader(stream);
        while (reader.Read() is not null && reader.ReadAsync().AsTask().GetAwaiter().GetResult() is not null)
        {
        }

        return true;
    }
}
