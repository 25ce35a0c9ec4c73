using System.Diagnostics;
using System.Text.Json;
using CodeMode.Abstractions.Execution;
using CodeMode.Abstractions.Sandbox;
using CodeMode.Runtimes.CSharp.Compilation;
using CodeMode.Runtimes.CSharp.Proxies;
using CodeMode.Runtimes.CSharp.Running;
using CodeMode.Runtimes.CSharp.ScriptApi;

namespace CodeMode.Runtimes.CSharp;

/// <summary>
/// The <c>csharp</c> runtime: C# scripts (latest language version) compiled with Roslyn, for use inside a sandbox
/// worker process only.
/// <para>
/// Defence in depth: scripts compile against a curated reference set; a syntax policy and a semantic allowlist reject
/// files, processes, network, reflection, interop, the environment, threads, <c>dynamic</c>, <c>unsafe</c> and
/// attributes before anything runs (<c>policyDenied</c>, naming the symbol and its position); loops, jumps, catch
/// blocks and every method or lambda body are instrumented with budget checks (time, statements, recursion, heap
/// growth, cancellation) that stay tripped once tripped; scripts load into collectible contexts. A script without
/// static state keeps its loaded, jitted copy for its next run (a bounded cache, unloaded on eviction); one with
/// static fields, static properties or a static constructor gets a fresh context every run.
/// Values become JSON through a reflection walk that caches nothing, so no script type stays pinned.
/// </para>
/// <para>
/// Proxies are typed from each tool's schemas (<c>await automem.store_memory(content: "...")</c>), plus
/// <c>CallAsync("tool", new { ... })</c>. Tool calls are synchronous underneath. Compiled scripts are cached by
/// code and proxy set. Threading: <see cref="Execute"/> blocks the caller, one execution at a time; compiles and
/// scripts run on two long-lived big-stack threads of the runtime's own.
/// </para>
/// </summary>
public sealed class CSharpRuntime : ISandboxRuntime
{
    public const string LanguageName = "csharp";

    private const string WarmUpScript = """
        var found = await warmup.echo(text: "hello", tags: new[] { "a", "b" });
        var raw = await warmup.CallAsync("echo", new { text = "x" });
        Console.WriteLine($"warm {found.ok} {raw?["items"]?.AsArray().Count}");
        var words = "a,b,c".Split(',').Select(w => w.ToUpperInvariant()).ToList();
        var total = 0;
        for (var i = 0; i < 3; i++) { total += i; }
        try { throw new InvalidOperationException("x"); } catch (Exception e) { log(e.Message); }
        record Point(int X, int Y);
        return new { total, words, point = new Point(1, 2), match = Regex.IsMatch("abc", "b"), found.items };
        """;

    private static readonly JsonElement WarmUpSchemas = JsonDocument.Parse("""
        {
          "input": { "type": "object", "properties": { "text": { "type": "string" }, "tags": { "type": "array", "items": { "type": "string" } } }, "required": ["text"] },
          "output": { "type": "object", "properties": { "ok": { "type": "boolean" }, "items": { "type": "array", "items": { "type": "object" } } } }
        }
        """).RootElement.Clone();

    private const int CompileStackBytes = 64 * 1024 * 1024;

    private static readonly TimeSpan CompileGrace = TimeSpan.FromMilliseconds(250);

    private readonly ProxyAssemblyCache _proxies = new();
    private readonly CompileCache _compiled = new(capacity: 256, maxCodeLength: 64 * 1024);
    private readonly LoadedScriptCache _loaded = new(capacity: LoadedScriptCapacity);
    private readonly DedicatedThread _compileThread = new("CodeMode csharp compile", CompileStackBytes);
    private readonly DedicatedThread _scriptThread = new("CodeMode csharp script", ScriptRun.StackBytes);

    /// <summary>How many loaded, already-jitted scripts are kept for compile-cache hits.</summary>
    internal const int LoadedScriptCapacity = 32;

    public string Language => LanguageName;

    /// <summary>How many loaded scripts are kept for their next run right now (for tests).</summary>
    internal int LoadedScriptCount => _loaded.Count;

    /// <summary>How many proxy sets this runtime has built (for tests).</summary>
    internal int ProxySetCount => _proxies.Count;

    // Compiled against the real proxies before ready: binding against a new proxy assembly and the first run with its
    // globals type cost tens of milliseconds the first request would otherwise pay. Not a code a request would send.
    private const string PrepareScript = """
        var prepared = new[] { 1, 2 }.Select(n => n * 2).Sum();
        return prepared;
        """;

    private static readonly ExecutionLimits WarmUpLimits = new()
    {
        TimeoutMs = 60_000,
        MemoryLimitBytes = 1024L * 1024 * 1024,
        MaxStatements = 1_000_000,
        MaxRecursion = 256,
        MaxOutputBytes = 1024 * 1024,
        MaxToolCalls = 16,
    };

    /// <summary>Compiles and runs a representative script and the error paths once, so Roslyn and the JIT are warm.</summary>
    public void WarmUp()
    {
        var limits = WarmUpLimits;
        var proxies = new[]
        {
            new ProxyServer("warmup", ["echo"], [new ProxyToolSchema("echo", WarmUpSchemas.GetProperty("input"), WarmUpSchemas.GetProperty("output"))]),
        };
        var bridge = new WarmUpToolBridge();
        foreach (var code in new[] { WarmUpScript, WarmUpScript, "var broken = ;", "return undefinedName;", "System.IO.File.ReadAllText(\"x\")", "throw new Exception(\"x\");" })
        {
            Execute(new SandboxExecution("warm-up", code, limits, [], proxies), bridge, CancellationToken.None);
        }
    }

    /// <summary>
    /// Builds the proxies for exactly this set (the compile cache's key is the same one a real execution computes) and
    /// compiles and runs a small script against them. A failure here is not fatal: the first execution retries it.
    /// </summary>
    public void Prepare(IReadOnlyList<ProxyServer> proxies)
    {
        ArgumentNullException.ThrowIfNull(proxies);
        Execute(new SandboxExecution("prepare", PrepareScript, WarmUpLimits, [], proxies), new WarmUpToolBridge(), CancellationToken.None);
    }

    public SandboxOutcome Execute(SandboxExecution execution, IToolBridge tools, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(execution);
        ArgumentNullException.ThrowIfNull(tools);
        if (Validate(execution) is { } invalid)
        {
            return invalid;
        }

        if (cancellationToken.IsCancellationRequested)
        {
            return RuntimeOutcomes.Failed(ScriptStatus.Cancelled, new ScriptError(ErrorCodes.Cancelled, "The execution was cancelled before it started."), []);
        }

        var limits = execution.Limits;
        var code = execution.Code ?? string.Empty;
        try
        {
            // Building the proxies is the worker's one-off cost when the catalog changes, not the script's: the clock starts after.
            var proxies = _proxies.Get(execution.Proxies ?? []);
            var deadline = Stopwatch.GetTimestamp() + (long)(limits.TimeoutMs * (Stopwatch.Frequency / 1000.0));
            var script = _compiled.Get(proxies.Key, code);
            if (script is null)
            {
                var (compiled, abandoned) = Compile(_compileThread, code, proxies, deadline, limits, cancellationToken);
                if (compiled.Script is null)
                {
                    return RuntimeOutcomes.Failed(compiled.Status, compiled.Error!, [], recycle: abandoned || compiled.Status == ScriptStatus.MemoryLimit);
                }

                script = compiled.Script;
                _compiled.Add(proxies.Key, code, script);
            }

            var budget = new ExecutionBudget(limits, deadline, cancellationToken);
            return ScriptRun.Execute(script, proxies, _loaded, _scriptThread, execution with { Code = code }, tools, budget);
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
                new ScriptError(ErrorCodes.InternalError, $"The csharp runtime failed ({exception.GetType().Name}: {exception.Message})."),
                [],
                recycle: true);
        }
    }

    // Roslyn checks the token only now and then; a compile-time bomb can bind for minutes between checks. The compile
    // runs on a thread of its own, and one that overruns the deadline is abandoned with the worker (recycle).
    private static (CompileResult Result, bool Abandoned) Compile(
        DedicatedThread thread, string code, ProxyAssembly proxies, long deadline, ExecutionLimits limits, CancellationToken cancellationToken)
    {
        var remaining = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), deadline);
        var deadlineSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadlineSource.CancelAfter(remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero);
        CompileResult? result = null;
        thread.Start(() =>
        {
            try
            {
                result = ScriptCompiler.Compile(code, proxies, deadlineSource.Token);
            }
            catch (OperationCanceledException)
            {
                result = null;
            }
            catch (OutOfMemoryException)
            {
                result = CompileResult.Failure(ScriptStatus.MemoryLimit, new ScriptError(ErrorCodes.MemoryLimit, "Compiling the script ran out of memory; simplify it."));
            }
        });
        var finished = thread.Wait((remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero) + CompileGrace);
        if (finished)
        {
            deadlineSource.Dispose();
        }
        else
        {
            thread.Abandon();
        }

        if (finished && result is not null)
        {
            return (result, false);
        }

        var failure = cancellationToken.IsCancellationRequested
            ? CompileResult.Failure(ScriptStatus.Cancelled, new ScriptError(ErrorCodes.Cancelled, "The execution was cancelled while the script was compiling."))
            : CompileResult.Failure(ScriptStatus.Timeout, new ScriptError(ErrorCodes.Timeout, $"Compiling the script took longer than its timeout of {limits.TimeoutMs} ms; simplify it."));
        return (failure, !finished);
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
            // The csharp runtime denies by allowlist; a denial it cannot enforce must not be ignored silently.
            problem ??= $"'{denied}' is not an operation the csharp runtime can deny (its API allowlist is fixed)";
        }

        return problem is null
            ? null
            : RuntimeOutcomes.Failed(ScriptStatus.InternalError, new ScriptError(ErrorCodes.InvalidConfiguration, $"Invalid execution settings: {problem}."), []);
    }
}
