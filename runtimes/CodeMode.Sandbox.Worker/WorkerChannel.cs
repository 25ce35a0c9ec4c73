using CodeMode.Abstractions.Sandbox;

namespace CodeMode.Sandbox.Worker;

/// <summary>
/// The host → worker direction, read by the script thread only: between executions by the message loop, during one
/// by the tool bridge while the script waits for a result. It keeps the latest catalog, and turns the end of input,
/// a shutdown or a protocol error into a stop. Anything odd from the host ends the process: a worker never guesses.
/// </summary>
internal sealed class WorkerChannel(Stream input, TextWriter diagnostics, Action<int> stop)
{
    private readonly FrameReader _reader = new(input);
    private readonly ChannelSpin _replySpin = ChannelSpin.For(input);

    /// <summary>The tool catalog of the latest configure message.</summary>
    public ConfigureMessage? Catalog { get; private set; }

    /// <summary>Set once the worker must end; nothing more is read then.</summary>
    public bool Stopped { get; private set; }

    /// <summary>The next execute, or null when the worker must stop. Late tool results and cancels are dropped.</summary>
    public ExecuteMessage? ReadUntilExecute()
    {
        while (!Stopped)
        {
            switch (ReadOne())
            {
                case ExecuteMessage execute when IsComplete(execute):
                    return execute;
                case ExecuteMessage:
                    Fail("an execute message without its id, language, code or limits");
                    break;
                case CancelMessage or ToolResultMessage:
                    // It crossed the done message of the execution it was for: normal, and nobody waits for it.
                    break;
                case null:
                    break;
                case var other:
                    Fail($"unexpected message {other.GetType().Name}");
                    break;
            }
        }

        return null;
    }

    /// <summary>
    /// The configure a host sends first to a worker started with <c>CODEMODE_WORKER_CONFIGURE_FIRST</c>, read before
    /// warm-up; null when the worker must stop (the end of input, or anything else first is a protocol error).
    /// </summary>
    public ConfigureMessage? ReadFirstConfigure()
    {
        WorkerMessage? message;
        try
        {
            message = _reader.Read();
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException)
        {
            Fail(ex.Message);
            return null;
        }

        switch (message)
        {
            case ConfigureMessage { Servers: not null } configure:
                Catalog = configure;
                return configure;
            case null or ShutdownMessage:
                Stop(WorkerExitCodes.Normal);
                return null;
            default:
                Fail($"{message.GetType().Name} arrived before the first configure");
                return null;
        }
    }

    /// <summary>
    /// A tool result or a cancel for the bridge; null when the worker must stop (the script then ends). The host
    /// answers most calls within microseconds, so with <paramref name="spinFirst"/> the script thread stays awake a
    /// moment before it blocks.
    /// </summary>
    public WorkerMessage? ReadDuringExecution(bool spinFirst)
    {
        if (Stopped)
        {
            return null;
        }

        if (spinFirst)
        {
            _replySpin.WaitForData();
        }

        return ReadOne() switch
        {
            null => null,
            ToolResultMessage result => result,
            CancelMessage cancel => cancel,
            var other => Fail($"{other.GetType().Name} arrived while an execution was running"),
        };
    }

    // One frame; configure is applied here, the end of input and shutdown stop the worker. Null when stopped.
    private WorkerMessage? ReadOne()
    {
        while (true)
        {
            WorkerMessage? message;
            try
            {
                message = _reader.Read();
            }
            catch (Exception ex) when (ex is InvalidDataException or IOException)
            {
                return Fail(ex.Message);
            }
            catch (ObjectDisposedException)
            {
                // The input was closed under the loop: the process is ending anyway.
                return Stop(WorkerExitCodes.Normal);
            }

            switch (message)
            {
                case null:
                case ShutdownMessage:
                    // The end of stdin means the host is gone: a worker never outlives it.
                    return Stop(WorkerExitCodes.Normal);
                case ConfigureMessage { Servers: not null } configure:
                    Catalog = configure;
                    continue;
                default:
                    return message;
            }
        }
    }

    private static bool IsComplete(ExecuteMessage execute) =>
        execute.ExecutionId is not null && execute.Language is not null && execute.Code is not null && execute.Limits is not null;

    private WorkerMessage? Fail(string detail)
    {
        diagnostics.WriteLine($"CodeMode worker: protocol error: {detail}");
        return Stop(WorkerExitCodes.ProtocolError);
    }

    private WorkerMessage? Stop(int exitCode)
    {
        Stopped = true;
        stop(exitCode);
        return null;
    }
}
