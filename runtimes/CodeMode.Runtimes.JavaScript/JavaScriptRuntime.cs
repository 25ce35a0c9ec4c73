using System.Diagnostics;
using CodeMode.Abstractions.Execution;
using CodeMode.Abstractions.Sandbox;
using CodeMode.Runtimes.JavaScript.Compilation;
using CodeMode.Runtimes.JavaScript.Limits;
using Jint;

namespace CodeMode.Runtimes.JavaScript;

/// <summary>
/// The <c>javascript</c> runtime: ECMAScript 5.1 on Jint 2.10.4, for use inside a sandbox worker process.
/// <para>
/// Every execution gets a fresh engine with interop off. Tool proxies are plain JS objects whose members are host
/// functions; arguments leave as JSON text and results come back as JSON text, so the script never holds a CLR
/// object. Limits (time including tool calls, statements, recursion, heap growth, output, tool calls),
/// cancellation and denied operations end the script with their status; script <c>try/catch/finally</c> cannot
/// intercept them. Tool errors arrive as ordinary, catchable JS <c>Error</c>s.
/// </para>
/// <para>
/// Threading: <see cref="Execute"/> runs the script on the calling thread and blocks until it ends. Call it from a
/// dedicated thread with a large stack (the worker uses 256 MB), one execution at a time per worker. Overlapping
/// calls on separate threads are safe but share the process-wide heap measurement. A background watchdog thread
/// (one per process) enforces the deadline, heap growth and cancellation.
/// </para>
/// <para>
/// What only the host can stop: a single built-in call that runs long (e.g. <c>new Array(1e6).join('x')</c>, which is
/// quadratic in Jint 2) is not interrupted until it returns, and a value nested deep enough can overflow the stack.
/// The host's wall-clock kill timer and the worker's heap ceiling (<c>DOTNET_GCHeapHardLimit</c>) cover those.
/// </para>
/// </summary>
public sealed class JavaScriptRuntime : ISandboxRuntime
{
    public const string LanguageName = "javascript";

    private const string WarmUpScript = """
        var found = warmup.echo({ text: 'hello', tags: ['a', 'b'] });
        console.log('warm', found.ok, { n: found.items.length });
        var data = JSON.parse(JSON.stringify({ list: [1, 2, 3], nested: { ok: true } }));
        var total = 0;
        for (var i = 0; i < data.list.length; i++) { total += data.list[i]; }
        try { warmup.echo(42); } catch (e) { console.warn(String(e)); }
        var words = 'a,b,c'.split(',').map(function (w) { return w.toUpperCase(); });
        return { total: total, words: words, match: /b/.test('abc') };
        """;

    private readonly ProgramCache _programs = new(capacity: 64, maxCodeLength: 64 * 1024);
    private readonly EngineSupply _engines = new();

    public JavaScriptRuntime()
    {
        // Fail at start-up, not at the first runaway script, if this Jint build lacks the fields the limits need.
        JintInternals.Verify();
    }

    public string Language => LanguageName;

    /// <summary>Runs a representative script (proxy call, console, JSON, try/catch, regex) and the error paths once, so the JIT is warm.</summary>
    public void WarmUp()
    {
        var limits = new ExecutionLimits
        {
            TimeoutMs = 30_000,
            MemoryLimitBytes = 1024L * 1024 * 1024,
            MaxStatements = 1_000_000,
            MaxRecursion = 256,
            MaxOutputBytes = 1024 * 1024,
            MaxToolCalls = 16,
        };
        var proxies = new[] { new ProxyServer("warmup", ["echo"]) };
        var bridge = new WarmUpToolBridge();
        foreach (var code in new[] { WarmUpScript, "var broken = ;", "null.property" })
        {
            Execute(new SandboxExecution("warm-up", code, limits, DeniableOperations.JavaScript, proxies), bridge, CancellationToken.None);
            PrepareNextExecution();
        }
    }

    /// <summary>Builds the next execution's engine now, while the worker waits, instead of on the request's path.</summary>
    public void PrepareNextExecution() => _engines.Prepare();

    public SandboxOutcome Execute(SandboxExecution execution, IToolBridge tools, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(execution);
        ArgumentNullException.ThrowIfNull(tools);
        var started = Stopwatch.GetTimestamp();

        if (Validate(execution) is { } invalid)
        {
            return invalid;
        }

        if (cancellationToken.IsCancellationRequested)
        {
            return RuntimeOutcomes.Failed(ScriptStatus.Cancelled, new ScriptError(ErrorCodes.Cancelled, "The execution was cancelled before it started."), []);
        }

        // Jint tracks strict mode and eval nesting in thread-static counters that using-blocks restore; start from
        // zero in case an earlier run on this thread died half-way (an OutOfMemoryException, say).
        StrictModeScope.RefCount = 0;
        EvalCodeScope.RefCount = 0;

        var code = execution.Code ?? string.Empty;
        var monitor = new ExecutionMonitor(execution.Limits, started);
        var watchdog = ExecutionWatchdog.Shared;
        watchdog.Add(monitor);
        var registration = cancellationToken.CanBeCanceled
            ? cancellationToken.UnsafeRegister(static state => ((ExecutionMonitor)state!).RequestStop(StopReason.Cancelled), monitor)
            : default;
        CompiledScript? script = null;
        var reusable = false;
        try
        {
            script = _programs.Rent(code);
            if (script is null)
            {
                var compiled = ScriptCompiler.Compile(code);
                if (compiled.Error is { } compileError)
                {
                    return RuntimeOutcomes.Failed(ScriptStatus.CompileError, compileError, []);
                }

                script = compiled.Script!;
            }

            var outcome = new JavaScriptExecution(execution with { Code = code }, _engines, tools, monitor).Run(script);
            reusable = !outcome.Recycle;
            return outcome;
        }
        catch (OutOfMemoryException)
        {
            return RuntimeOutcomes.OutOfMemory([]);
        }
        catch (Exception exception)
        {
            // Outcomes are data: even a bug in this runtime must not escape into the worker's message loop.
            return RuntimeOutcomes.Failed(
                ScriptStatus.InternalError,
                new ScriptError(ErrorCodes.InternalError, $"The javascript runtime failed ({exception.GetType().Name})."),
                [],
                recycle: true);
        }
        finally
        {
            registration.Dispose();
            watchdog.Remove(monitor);
            if (reusable && script is not null)
            {
                script.Detach();
                _programs.Return(code, script);
            }
        }
    }

    private static SandboxOutcome? Validate(SandboxExecution execution)
    {
        var limits = execution.Limits;
        string? problem = limits switch
        {
            null => "no limits were given",
            { TimeoutMs: <= 0 } => "TimeoutMs must be positive",
            { MemoryLimitBytes: <= 0 } => "MemoryLimitBytes must be positive",
            { MaxStatements: <= 0 } => "MaxStatements must be positive",
            { MaxRecursion: <= 0 } => "MaxRecursion must be positive",
            { MaxOutputBytes: <= 0 } => "MaxOutputBytes must be positive",
            { MaxToolCalls: < 0 } => "MaxToolCalls must not be negative",
            _ => null,
        };

        foreach (var denied in execution.DeniedOperations ?? [])
        {
            if (!DeniableOperations.JavaScript.Contains(denied, StringComparer.Ordinal))
            {
                // A denial this runtime cannot enforce must not be ignored silently.
                problem ??= $"'{denied}' is not an operation the javascript runtime can deny (it can deny: {string.Join(", ", DeniableOperations.JavaScript)})";
            }
        }

        return problem is null
            ? null
            : RuntimeOutcomes.Failed(ScriptStatus.InternalError, new ScriptError(ErrorCodes.InvalidConfiguration, $"Invalid execution settings: {problem}."), []);
    }
}
