using System.Collections.Concurrent;
using System.IO.Pipelines;
using System.Text;
using System.Text.Json;
using CodeMode.Abstractions.Execution;
using CodeMode.Abstractions.Sandbox;
using CodeMode.Core.Sandbox;

namespace CodeMode.Core.Tests.Sandbox;

/// <summary>
/// A worker made of in-memory pipes, scripted by the test: it can speak the protocol well or break it in every
/// way a compromised or buggy worker could. Killing it ends its streams like a dead process.
/// </summary>
internal sealed class FakeWorkerProcess : IWorkerProcess
{
    private static int s_lastId = 4_000_000;

    private readonly Pipe _stdin = new();
    private readonly Pipe _stdout = new();
    private readonly Pipe _stderr = new();
    private readonly TaskCompletionSource _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly FrameReader _fromHost;
    private readonly FrameWriter _toHost;
    private readonly Lock _lock = new();

    public FakeWorkerProcess()
    {
        Id = Interlocked.Increment(ref s_lastId);
        Input = _stdin.Writer.AsStream();
        Output = _stdout.Reader.AsStream();
        Error = _stderr.Reader.AsStream();
        RawToHost = _stdout.Writer.AsStream();
        _fromHost = new FrameReader(_stdin.Reader.AsStream());
        _toHost = new FrameWriter(RawToHost);
    }

    public int Id { get; }

    public Stream Input { get; }

    public Stream Output { get; }

    public Stream Error { get; }

    public Task Exited => _exited.Task;

    public int ExitCode { get; private set; }

    public bool Killed { get; private set; }

    /// <summary>Every message the host sent, in order.</summary>
    public ConcurrentQueue<WorkerMessage> Received { get; } = new();

    /// <summary>The worker's stdout, for writing broken frames.</summary>
    public Stream RawToHost { get; }

    public static SandboxOutcome Succeeded(int value) => new() { Status = ScriptStatus.Succeeded, Value = JsonSerializer.SerializeToElement(value) };

    public ValueTask SendAsync(WorkerMessage message) => _toHost.WriteAsync(message);

    public async ValueTask<WorkerMessage?> ReceiveAsync()
    {
        var message = await _fromHost.ReadAsync();
        if (message is not null)
        {
            Received.Enqueue(message);
        }

        return message;
    }

    public ValueTask SendReadyAsync() => SendAsync(new ReadyMessage(Id, [SandboxTestData.Language]));

    /// <summary>Behaves like a healthy worker: ready, then every execute succeeds with 2, until shutdown.</summary>
    public async Task ServeAsync()
    {
        await SendReadyAsync();
        while (await ReceiveAsync() is { } message)
        {
            switch (message)
            {
                case ExecuteMessage execute:
                    await SendAsync(new DoneMessage(execute.ExecutionId, Succeeded(2)));
                    break;
                case ShutdownMessage:
                    Exit(0);
                    return;
            }
        }
    }

    /// <summary>Reads until the next execute and returns it.</summary>
    public async Task<ExecuteMessage> ReceiveExecuteAsync()
    {
        while (await ReceiveAsync() is { } message)
        {
            if (message is ExecuteMessage execute)
            {
                return execute;
            }
        }

        throw new EndOfStreamException("The host closed the channel.");
    }

    public void Kill()
    {
        Killed = true;
        Exit(137);
    }

    /// <summary>Ends the "process": its stdout and stderr close and <see cref="Exited"/> completes.</summary>
    public void Exit(int exitCode, string? stderr = null)
    {
        lock (_lock)
        {
            if (_exited.Task.IsCompleted)
            {
                return;
            }

            if (stderr is not null)
            {
                _stderr.Writer.WriteAsync(Encoding.UTF8.GetBytes(stderr)).AsTask().GetAwaiter().GetResult();
            }

            ExitCode = exitCode;
            _stdout.Writer.Complete();
            _stderr.Writer.Complete();
            _stdin.Reader.CancelPendingRead();
            _exited.TrySetResult();
        }
    }

    /// <summary>Closes stdout but stays "alive", like a worker that stopped talking.</summary>
    public void CloseStdout() => _stdout.Writer.Complete();

    public void Dispose()
    {
    }
}
