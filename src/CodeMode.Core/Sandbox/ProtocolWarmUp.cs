using System.Text.Json;
using CodeMode.Abstractions.Execution;
using CodeMode.Abstractions.Sandbox;

namespace CodeMode.Core.Sandbox;

/// <summary>
/// Sends one of every worker message through a frame writer and reader in memory, once per host process, so the
/// JSON metadata is built at start-up rather than on the first execution (tens of milliseconds cold).
/// </summary>
internal static class ProtocolWarmUp
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
            writer.WriteAsync(message).AsTask().GetAwaiter().GetResult();
        }

        stream.Position = 0;
        var reader = new FrameReader(stream);
        while (reader.ReadAsync().AsTask().GetAwaiter().GetResult() is not null)
        {
        }

        return true;
    }
}
