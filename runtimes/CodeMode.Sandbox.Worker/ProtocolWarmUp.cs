using System.Text.Json;
using CodeMode.Abstractions.Execution;
using CodeMode.Abstractions.Sandbox;

namespace CodeMode.Sandbox.Worker;

/// <summary>
/// Sends one of every message through a frame writer and reader in memory, so the JSON metadata is built
/// during warm-up rather than on the first real execution (tens of milliseconds cold).
/// </summary>
internal static class ProtocolWarmUp
{
    public static void Run()
    {
        using var arguments = JsonDocument.Parse("""{"a":[1,"b",true,null]}""");
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
            new ConfigureMessage(1, [new ProxyServer("s", ["t"])]),
            new ExecuteMessage("w", "javascript", "1", limits, ["eval"], ["s"]),
            new ToolCallMessage("w", 1, "s", "t", arguments.RootElement),
            new ToolResultMessage("w", 1, ToolBridgeResult.FromValue(arguments.RootElement)),
            new ToolResultMessage("w", 2, ToolBridgeResult.FromAbort(ScriptStatus.Cancelled, ErrorCodes.Cancelled, "x")),
            new CancelMessage("w"),
            new DoneMessage("w", new SandboxOutcome
            {
                Status = ScriptStatus.RuntimeError,
                Value = arguments.RootElement,
                Error = new ScriptError(ErrorCodes.UncaughtException, "x", 1, 1),
                Logs = [new LogEntry("log", "x")],
            }),
            new ShutdownMessage(),
        ];

        using var stream = new MemoryStream();
        var writer = new FrameWriter(stream);
        foreach (var message in messages)
        {
            writer.Write(message);
        }

        stream.Position = 0;
        var reader = new FrameReader(stream);
        while (reader.Read() is not null)
        {
        }
    }
}
