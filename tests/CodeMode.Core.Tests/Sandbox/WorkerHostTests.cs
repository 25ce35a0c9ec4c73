using System.IO.Pipelines;
using System.IO.Pipes;
using System.Text.Json;
using CodeMode.Abstractions.Execution;
using CodeMode.Abstractions.Sandbox;
using CodeMode.Sandbox.Worker;
using static CodeMode.Core.Tests.Sandbox.SandboxTestData;

namespace CodeMode.Core.Tests.Sandbox;

/// <summary>
/// The worker's message loop in-process, over pipes, with stand-in runtimes: what the worker does when a runtime
/// misbehaves, how its tool bridge blocks and unblocks, and how it ends.
/// </summary>
[Collection(WorkerProcessCollection.Name)]
public sealed class WorkerHostTests : IDisposable
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(30);

    private readonly Pipe _toWorker = new();
    private readonly Pipe _fromWorker = new();
    private readonly FrameWriter _host;
    private readonly FrameReader _worker;
    private readonly StringWriter _diagnosticText = new();
    private readonly TextWriter _diagnostics;

    public WorkerHostTests()
    {
        _host = new FrameWriter(_toWorker.Writer.AsStream());
        _worker = new FrameReader(_fromWorker.Reader.AsStream());
        _diagnostics = TextWriter.Synchronized(_diagnosticText);
    }

    public void Dispose()
    {
        // Unblocks a reader still waiting for the host.
        _toWorker.Writer.Complete();
    }

    [Fact]
    public async Task Run_ReportsReadyWithItsLanguagesAfterWarmUp()
    {
        var runtime = new StandInRuntime((_, _, _) => Succeeded());
        var exit = Start(runtime);

        var ready = Assert.IsType<ReadyMessage>(await ReceiveAsync());

        Assert.True(runtime.WarmedUp);
        Assert.Equal(Environment.ProcessId, ready.ProcessId);
        Assert.Equal([Language], ready.Languages);
        await _host.WriteAsync(new ShutdownMessage());
        Assert.Equal(WorkerExitCodes.Normal, await exit.WaitAsync(Generous));
    }

    [Fact]
    public async Task Run_ConfigureFirst_PreparesTheGrantedProxiesBeforeReadyAndKeepsTheCatalog()
    {
        SandboxExecution? seen = null;
        var runtime = new StandInRuntime((execution, _, _) =>
        {
            seen = execution;
            return Succeeded();
        });
        var exit = Start(runtime, configureFirst: true);
        var catalog = new ConfigureMessage(
            3, [new ProxyServer("tools", ["echo"]), new ProxyServer("fs", ["read"]), new ProxyServer("extra", ["ping"])], Prepare: ["extra", "tools"]);

        await _host.WriteAsync(catalog);
        Assert.IsType<ReadyMessage>(await ReceiveAsync());

        // Filtered like an execute's servers, in the catalog's order, after the runtime's own warm-up.
        var (prepared, afterWarmUp) = Assert.Single(runtime.Prepared);
        Assert.True(afterWarmUp);
        Assert.Equal(["tools", "extra"], prepared.Select(p => p.Name));

        // The first execute needs no configure of its own: the worker kept the first one.
        await _host.WriteAsync(Execute("1", servers: ["tools", "extra"]));
        Assert.IsType<DoneMessage>(await ReceiveAsync());
        Assert.Equal(prepared, seen!.Proxies);
        await _host.WriteAsync(new ShutdownMessage());
        Assert.Equal(WorkerExitCodes.Normal, await exit.WaitAsync(Generous));
    }

    [Fact]
    public async Task Run_ConfigureFirst_AnythingElseFirstIsAProtocolError()
    {
        var runtime = new StandInRuntime((_, _, _) => Succeeded());
        var exit = Start(runtime, configureFirst: true);

        await _host.WriteAsync(Execute("1"));

        Assert.Equal(WorkerExitCodes.ProtocolError, await exit.WaitAsync(Generous));
        Assert.False(runtime.WarmedUp);
        Assert.Contains("before the first configure", Diagnostics);
    }

    [Fact]
    public async Task Run_WithoutConfigureFirst_DoesNotPrepare()
    {
        var runtime = new StandInRuntime((_, _, _) => Succeeded());
        var exit = Start(runtime);

        Assert.IsType<ReadyMessage>(await ReceiveAsync());

        Assert.Empty(runtime.Prepared);
        await _host.WriteAsync(new ShutdownMessage());
        Assert.Equal(WorkerExitCodes.Normal, await exit.WaitAsync(Generous));
    }

    [Fact]
    public async Task Run_EndOfInput_EndsTheWorkerEvenWithAScriptRunning()
    {
        // A computing script does not read the channel: the hang-up watch on a real pipe notices the host is gone.
        using var release = new ManualResetEventSlim();
        using var toWorker = new AnonymousPipeServerStream(PipeDirection.Out);
        using var workerInput = new AnonymousPipeClientStream(PipeDirection.In, toWorker.ClientSafePipeHandle);
        var host = new WorkerHost(workerInput, _fromWorker.Writer.AsStream(), [new StandInRuntime((_, _, _) =>
        {
            release.Wait();
            return Succeeded();
        })], _diagnostics);
        HangupWatch.Start((int)workerInput.SafePipeHandle.DangerousGetHandle(), host.HostHungUp);
        var exit = Task.Factory.StartNew(host.Run, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        await ReceiveAsync();

        var toHost = new FrameWriter(toWorker);
        await toHost.WriteAsync(Execute("while (true) {}"));
        toWorker.DisposeLocalCopyOfClientHandle();
        toWorker.Dispose();

        Assert.Equal(WorkerExitCodes.Normal, await exit.WaitAsync(Generous));
        release.Set();
    }

    [Fact]
    public async Task Execute_RuntimeThrows_ReportsInternalErrorWithRecycleAndExits()
    {
        var exit = Start(new StandInRuntime((_, _, _) => throw new NullReferenceException("runtime bug")));
        await ReceiveAsync();

        await _host.WriteAsync(Execute("1+1"));
        var done = Assert.IsType<DoneMessage>(await ReceiveAsync());

        Assert.Equal(ScriptStatus.InternalError, done.Outcome.Status);
        Assert.Equal(ErrorCodes.InternalError, done.Outcome.Error?.Code);
        Assert.DoesNotContain("runtime bug", done.Outcome.Error!.Message);
        Assert.True(done.Outcome.Recycle);
        Assert.Equal(WorkerExitCodes.Recycled, await exit.WaitAsync(Generous));
        Assert.Contains("runtime bug", Diagnostics);
    }

    [Fact]
    public async Task Execute_OutOfMemory_ReportsMemoryLimitWithRecycleAndExits()
    {
        var exit = Start(new StandInRuntime((_, _, _) => throw new OutOfMemoryException()));
        await ReceiveAsync();

        await _host.WriteAsync(Execute("1+1", memoryLimitBytes: 32L * 1024 * 1024));
        var done = Assert.IsType<DoneMessage>(await ReceiveAsync());

        Assert.Equal(ScriptStatus.MemoryLimit, done.Outcome.Status);
        Assert.Equal(ErrorCodes.MemoryLimit, done.Outcome.Error?.Code);
        Assert.Contains("32 MB", done.Outcome.Error!.Message);
        Assert.True(done.Outcome.Recycle);
        Assert.Equal(WorkerExitCodes.Recycled, await exit.WaitAsync(Generous));
    }

    [Fact]
    public async Task Execute_SeesOnlyTheConfiguredServersTheExecuteGrants()
    {
        IReadOnlyList<ProxyServer>? seen = null;
        _ = Start(new StandInRuntime((execution, _, _) =>
        {
            seen = execution.Proxies;
            return Succeeded();
        }));
        await ReceiveAsync();

        await _host.WriteAsync(new ConfigureMessage(3, [new ProxyServer("a", ["x"]), new ProxyServer("b", ["y"]), new ProxyServer("c", ["z"])]));
        await _host.WriteAsync(Execute("1", servers: ["c", "a", "unknown"]));
        await ReceiveAsync();

        Assert.Equal(["a", "c"], seen!.Select(p => p.Name));
    }

    [Fact]
    public async Task ToolBridge_CallRoundTripsThroughTheHost()
    {
        _ = Start(new StandInRuntime((_, tools, _) =>
        {
            var result = tools.Call("tools", "echo", """{"q":1}""");
            return Succeeded(result.Value!.Value.GetProperty("answer").GetInt32());
        }));
        await ReceiveAsync();

        await _host.WriteAsync(Execute("1"));
        var call = Assert.IsType<ToolCallMessage>(await ReceiveAsync());
        await _host.WriteAsync(new ToolResultMessage(call.ExecutionId, call.CallId, ToolBridgeResult.FromValue(JsonSerializer.SerializeToElement(new { answer = 42 }))));
        var done = Assert.IsType<DoneMessage>(await ReceiveAsync());

        Assert.Equal(("tools", "echo", 1), (call.Server, call.Tool, call.Arguments.GetProperty("q").GetInt32()));
        Assert.Equal(42, done.Outcome.Value!.Value.GetInt32());
    }

    [Fact]
    public async Task ToolBridge_SpinningForRepliesOverAnOsPipe_GetsAnswersThatComeAtOnceOrAfterTheSpinGivesUp()
    {
        // A real pipe, so the spin polls a descriptor: one answer is written at once, one long after the spin's budget.
        using var toWorker = new AnonymousPipeServerStream(PipeDirection.Out);
        using var workerInput = new AnonymousPipeClientStream(PipeDirection.In, toWorker.ClientSafePipeHandle);
        var host = new FrameWriter(toWorker);
        var runtime = new StandInRuntime((_, tools, _) =>
        {
            var first = tools.Call("tools", "echo", "{}").Value!.Value.GetInt32();
            var second = tools.Call("tools", "echo", "{}").Value!.Value.GetInt32();
            return Succeeded(first * 10 + second);
        });
        var worker = new WorkerHost(workerInput, _fromWorker.Writer.AsStream(), [runtime], _diagnostics);
        var exit = Task.Factory.StartNew(worker.Run, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        Assert.IsType<ReadyMessage>(await ReceiveAsync());

        host.Write(Execute("1") with { ReplySpin = true });
        var first = Assert.IsType<ToolCallMessage>(await ReceiveAsync());
        host.Write(new ToolResultMessage(first.ExecutionId, first.CallId, ToolBridgeResult.FromValue(JsonSerializer.SerializeToElement(4))));
        var second = Assert.IsType<ToolCallMessage>(await ReceiveAsync());
        await Task.Delay(TimeSpan.FromMilliseconds(100));
        host.Write(new ToolResultMessage(second.ExecutionId, second.CallId, ToolBridgeResult.FromValue(JsonSerializer.SerializeToElement(2))));
        var done = Assert.IsType<DoneMessage>(await ReceiveAsync());

        Assert.Equal(42, done.Outcome.Value!.Value.GetInt32());
        host.Write(new ShutdownMessage());
        Assert.Equal(WorkerExitCodes.Normal, await exit.WaitAsync(Generous));
    }

    [Fact]
    public async Task ToolBridge_CallsFromTwoThreads_TakeTurnsAndEachGetsItsOwnResult()
    {
        _ = Start(new StandInRuntime((_, tools, _) =>
        {
            var calls = Enumerable.Range(1, 2)
                .Select(n => Task.Run(() => tools.Call("tools", "echo", $$"""{"n":{{n}}}""").Value!.Value.GetProperty("n").GetInt32()))
                .ToArray();
            Task.WaitAll(calls);
            return Succeeded(calls[0].Result * 10 + calls[1].Result);
        }));
        await ReceiveAsync();

        await _host.WriteAsync(Execute("1"));
        for (var i = 0; i < 2; i++)
        {
            var call = Assert.IsType<ToolCallMessage>(await ReceiveAsync());
            await _host.WriteAsync(new ToolResultMessage(call.ExecutionId, call.CallId, ToolBridgeResult.FromValue(call.Arguments.Clone())));
        }

        var done = Assert.IsType<DoneMessage>(await ReceiveAsync());
        Assert.Equal(12, done.Outcome.Value!.Value.GetInt32());
    }

    [Fact]
    public async Task ToolBridge_CancelWhileBlocked_ReturnsAnUncatchableCancelledAbort()
    {
        _ = Start(new StandInRuntime((_, tools, _) => FromAbort(tools.Call("tools", "wait", "{}"))));
        await ReceiveAsync();

        var execute = Execute("1");
        await _host.WriteAsync(execute);
        Assert.IsType<ToolCallMessage>(await ReceiveAsync());
        await _host.WriteAsync(new CancelMessage(execute.ExecutionId));
        var done = Assert.IsType<DoneMessage>(await ReceiveAsync());

        Assert.Equal(ScriptStatus.Cancelled, done.Outcome.Status);
        Assert.Equal(ErrorCodes.Cancelled, done.Outcome.Error?.Code);
    }

    [Fact]
    public async Task ToolBridge_HostsDeadlineWhileBlocked_ReturnsATimeoutAbort()
    {
        _ = Start(new StandInRuntime((_, tools, _) => FromAbort(tools.Call("tools", "wait", "{}"))));
        await ReceiveAsync();

        var execute = Execute("1", timeoutMs: 200);
        await _host.WriteAsync(execute);
        Assert.IsType<ToolCallMessage>(await ReceiveAsync());
        await _host.WriteAsync(new CancelMessage(execute.ExecutionId, TimedOut: true));
        var done = Assert.IsType<DoneMessage>(await ReceiveAsync());

        Assert.Equal(ScriptStatus.Timeout, done.Outcome.Status);
        Assert.Equal(ErrorCodes.Timeout, done.Outcome.Error?.Code);
        Assert.Contains("200 ms", done.Outcome.Error!.Message);
    }

    [Fact]
    public async Task ToolBridge_CallAfterTheScriptsDeadline_ReturnsATimeoutAbortWithoutAsking()
    {
        _ = Start(new StandInRuntime((_, tools, _) =>
        {
            Thread.Sleep(300);
            return FromAbort(tools.Call("tools", "echo", "{}"));
        }));
        await ReceiveAsync();

        await _host.WriteAsync(Execute("1", timeoutMs: 100));
        var done = Assert.IsType<DoneMessage>(await ReceiveAsync());

        Assert.Equal(ScriptStatus.Timeout, done.Outcome.Status);
        Assert.Contains("100 ms", done.Outcome.Error!.Message);
    }

    [Fact]
    public async Task ToolBridge_LateResultsAndNewCatalogsWhileBlocked_AreHandledAndTheRightResultReturns()
    {
        IReadOnlyList<ProxyServer>? seenSecond = null;
        var runs = 0;
        _ = Start(new StandInRuntime((execution, tools, _) =>
        {
            if (++runs == 2)
            {
                seenSecond = execution.Proxies;
                return Succeeded();
            }

            var result = tools.Call("tools", "echo", "{}");
            return Succeeded(result.Value!.Value.GetInt32());
        }));
        await ReceiveAsync();

        var execute = Execute("1", servers: ["a", "b"]);
        await _host.WriteAsync(execute);
        var call = Assert.IsType<ToolCallMessage>(await ReceiveAsync());
        await _host.WriteAsync(new ToolResultMessage(execute.ExecutionId, call.CallId - 1, ToolBridgeResult.FromValue(JsonSerializer.SerializeToElement(1))));
        await _host.WriteAsync(new CancelMessage("an-earlier-execution"));
        await _host.WriteAsync(new ConfigureMessage(4, [new ProxyServer("a", ["x"]), new ProxyServer("b", ["y"])]));
        await _host.WriteAsync(new ToolResultMessage(execute.ExecutionId, call.CallId, ToolBridgeResult.FromValue(JsonSerializer.SerializeToElement(7))));
        var done = Assert.IsType<DoneMessage>(await ReceiveAsync());
        await _host.WriteAsync(Execute("2", servers: ["a", "b"]));
        await ReceiveAsync();

        Assert.Equal(7, done.Outcome.Value!.Value.GetInt32());
        Assert.Equal(["a", "b"], seenSecond!.Select(p => p.Name));
    }

    [Fact]
    public async Task Run_ExecuteWhileWaitingForAToolResult_IsAProtocolErrorThatEndsTheWorker()
    {
        var exit = Start(new StandInRuntime((_, tools, _) => FromAbort(tools.Call("tools", "wait", "{}"))));
        await ReceiveAsync();

        await _host.WriteAsync(Execute("1"));
        Assert.IsType<ToolCallMessage>(await ReceiveAsync());
        await _host.WriteAsync(Execute("2"));

        Assert.Equal(WorkerExitCodes.ProtocolError, await exit.WaitAsync(Generous));
        Assert.Contains("protocol error", Diagnostics);
    }

    [Fact]
    public async Task Run_ExecuteAfterAnother_RunsBothInOrder()
    {
        var seen = new List<string>();
        _ = Start(new StandInRuntime((execution, _, _) =>
        {
            seen.Add(execution.Code);
            return Succeeded();
        }));
        await ReceiveAsync();

        await _host.WriteAsync(Execute("1"));
        await _host.WriteAsync(Execute("2"));

        Assert.IsType<DoneMessage>(await ReceiveAsync());
        Assert.IsType<DoneMessage>(await ReceiveAsync());
        Assert.Equal(["1", "2"], seen);
    }

    [Fact]
    public async Task Run_AfterEachReportedExecution_AsksTheRuntimeToPrepareTheNext()
    {
        var events = new List<string>();
        var runtime = new StandInRuntime((execution, _, _) =>
        {
            lock (events)
            {
                events.Add("execute " + execution.Code);
            }

            return Succeeded();
        })
        {
            OnPrepareNext = () =>
            {
                lock (events)
                {
                    events.Add("prepare");
                }
            },
        };
        _ = Start(runtime);
        await ReceiveAsync();

        await _host.WriteAsync(Execute("1"));
        Assert.IsType<DoneMessage>(await ReceiveAsync());
        await _host.WriteAsync(Execute("2"));
        Assert.IsType<DoneMessage>(await ReceiveAsync());
        await _host.WriteAsync(Execute("3"));
        Assert.IsType<DoneMessage>(await ReceiveAsync());

        lock (events)
        {
            // Prepared only after the done was written; the third prepare may still be running.
            Assert.Equal(["execute 1", "prepare", "execute 2", "prepare", "execute 3"], events.Take(5));
        }
    }

    [Theory]
    [InlineData(false, "prepare broke")]
    [InlineData(true, null)] // out of memory: nothing to log with, the next execution meets the ceiling itself
    public async Task Run_PrepareNextExecutionThrows_TheWorkerGoesOnAndLogsWhatItCan(bool outOfMemory, string? logged)
    {
        var runtime = new StandInRuntime((_, _, _) => Succeeded())
        {
            OnPrepareNext = () => throw (outOfMemory ? new OutOfMemoryException() : new InvalidOperationException("prepare broke")),
        };
        _ = Start(runtime);
        await ReceiveAsync();

        await _host.WriteAsync(Execute("1"));
        Assert.IsType<DoneMessage>(await ReceiveAsync());
        await _host.WriteAsync(Execute("2"));
        var done = Assert.IsType<DoneMessage>(await ReceiveAsync());

        Assert.Equal(ScriptStatus.Succeeded, done.Outcome.Status);
        if (logged is not null)
        {
            Assert.Contains(logged, Diagnostics);
        }
        else
        {
            Assert.DoesNotContain("preparing the next", Diagnostics);
        }
    }

    [Fact]
    public async Task Run_UnexpectedMessage_IsAProtocolErrorThatEndsTheWorker()
    {
        var exit = Start(new StandInRuntime((_, _, _) => Succeeded()));
        await ReceiveAsync();

        await _host.WriteAsync(new ReadyMessage(1, [Language]));

        Assert.Equal(WorkerExitCodes.ProtocolError, await exit.WaitAsync(Generous));
    }

    [Fact]
    public async Task Execute_UnknownLanguage_ReportsInternalErrorWithoutRecycle()
    {
        _ = Start(new StandInRuntime((_, _, _) => Succeeded()));
        await ReceiveAsync();

        await _host.WriteAsync(Execute("1") with { Language = "cobol" });
        var done = Assert.IsType<DoneMessage>(await ReceiveAsync());

        Assert.Equal(ScriptStatus.InternalError, done.Outcome.Status);
        Assert.False(done.Outcome.Recycle);
    }

    private string Diagnostics
    {
        get
        {
            lock (_diagnostics)
            {
                return _diagnosticText.ToString();
            }
        }
    }

    private static SandboxOutcome Succeeded(int value = 2) => new() { Status = ScriptStatus.Succeeded, Value = JsonSerializer.SerializeToElement(value) };

    private static SandboxOutcome FromAbort(ToolBridgeResult result) => new()
    {
        Status = result.Status!.Value,
        Error = new ScriptError(result.Code!, result.Message!),
    };

    private async Task<WorkerMessage?> ReceiveAsync() => await _worker.ReadAsync().AsTask().WaitAsync(Generous);

    private Task<int> Start(ISandboxRuntime runtime, bool configureFirst = false)
    {
        var host = new WorkerHost(_toWorker.Reader.AsStream(), _fromWorker.Writer.AsStream(), [runtime], _diagnostics, configureFirst);
        return Task.Factory.StartNew(host.Run, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    private sealed class StandInRuntime(Func<SandboxExecution, IToolBridge, CancellationToken, SandboxOutcome> execute) : ISandboxRuntime
    {
        public bool WarmedUp { get; private set; }

        public string Language => SandboxTestData.Language;

        public void WarmUp() => WarmedUp = true;

        /// <summary>The proxies of each Prepare call, and whether warm-up had already run then.</summary>
        public List<(IReadOnlyList<ProxyServer> Proxies, bool AfterWarmUp)> Prepared { get; } = [];

        public void Prepare(IReadOnlyList<ProxyServer> proxies) => Prepared.Add((proxies, WarmedUp));

        public Action? OnPrepareNext { get; init; }

        public void PrepareNextExecution() => OnPrepareNext?.Invoke();

        public SandboxOutcome Execute(SandboxExecution execution, IToolBridge tools, CancellationToken cancellationToken) =>
            execute(execution, tools, cancellationToken);
    }
}
