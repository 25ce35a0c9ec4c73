using System.Diagnostics;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using CodeMode.Abstractions.Execution;
using CodeMode.Abstractions.Sandbox;
using CodeMode.Runtimes.CSharp.Compilation;
using CodeMode.Runtimes.CSharp.Proxies;
using CodeMode.Runtimes.CSharp.ScriptApi;

namespace CodeMode.Runtimes.CSharp.Running;

/// <summary>
/// Runs one compiled script: takes its loaded copy from the cache (or loads it into a fresh collectible context),
/// calls its entry with the globals, waits for its task under the deadline, turns the value into JSON, and hands the
/// copy back (kept only for scripts without static state) or unloads it. The script runs on a thread of
/// its own (long-lived, reused run after run) so that work the instrumentation cannot interrupt (one long built-in call, a blocking wait) is still
/// bounded: if the thread does not come back in time, the outcome says so and asks for the worker to be replaced.
/// </summary>
internal static class ScriptRun
{
    /// <summary>The script thread's stack: deep enough for the recursion limit plus library code under it.</summary>
    public const int StackBytes = 64 * 1024 * 1024;

    // How long past the deadline a script thread may take to notice its tripped budget before it is abandoned.
    private static readonly TimeSpan Grace = TimeSpan.FromMilliseconds(250);

    public static SandboxOutcome Execute(
        CompiledScript script,
        ProxyAssembly proxies,
        LoadedScriptCache loadedScripts,
        DedicatedThread thread,
        SandboxExecution execution,
        IToolBridge tools,
        ExecutionBudget budget)
    {
        var host = new ScriptHost(tools, execution.Limits, budget);
        SandboxOutcome? outcome = null;
        thread.Start(() => outcome = RunOnThread(script, proxies, host, loadedScripts));
        if (thread.Wait(Clamp(budget.Remaining) + Grace))
        {
            return outcome!;
        }

        var stop = budget.Trip(ScriptStatus.Timeout, ErrorCodes.Timeout, $"The script ran longer than its timeout of {execution.Limits.TimeoutMs} ms.");
        if (thread.Wait(Grace))
        {
            return outcome!;
        }

        // Stuck in something no check reaches: the thread cannot be stopped, so the worker must go.
        thread.Abandon();
        return RuntimeOutcomes.Failed(stop.Status, new ScriptError(stop.Code, stop.Message + " It was stopped inside a call the runtime cannot interrupt."), host.Output.Logs, recycle: true);
    }

    private static SandboxOutcome RunOnThread(CompiledScript script, ProxyAssembly proxies, ScriptHost host, LoadedScriptCache loadedScripts)
    {
        var budget = host.Budget;
        LoadedScript? loaded = null;
        var keep = true;
        try
        {
            budget.MakeCurrent();
            RecordGuard.MarkEntry();
            loaded = loadedScripts.Take(script, proxies);
            var task = loaded.Entry([proxies.CreateGlobals(host), null]);
            if (!task.IsCompleted && !Wait(task, budget))
            {
                var stop = budget.Stop ?? budget.Trip(ScriptStatus.Timeout, ErrorCodes.Timeout, "The script ran longer than its timeout.");

                // The task still runs somewhere (a never-completing await): it holds the context, so the worker goes.
                keep = false;
                return RuntimeOutcomes.Failed(stop.Status, new ScriptError(stop.Code, stop.Message), host.Output.Logs, recycle: true);
            }

            if (budget.Stop is { } stopped)
            {
                return Terminated(stopped, host);
            }

            if (task.Exception is { } failure)
            {
                return Failed(failure.InnerExceptions.Count == 1 ? failure.InnerExceptions[0] : failure, host, loaded.Assembly);
            }

            return Complete(task.Result, host);
        }
        catch (Exception exception)
        {
            return Failed(exception is TargetInvocationException { InnerException: { } inner } ? inner : exception, host, loaded?.Assembly);
        }
        finally
        {
            if (loaded is not null)
            {
                if (keep)
                {
                    loadedScripts.Return(loaded);
                }
                else
                {
                    loaded.Unload();
                }
            }
        }
    }

    private static bool Wait(Task task, ExecutionBudget budget)
    {
        // Awaited timers and other continuations run elsewhere; the budget's deadline and cancellation still apply.
        while (!task.IsCompleted)
        {
            var remaining = budget.Remaining;
            if (remaining <= TimeSpan.Zero || budget.Stop is not null)
            {
                return false;
            }

            try
            {
                task.Wait(Clamp(remaining < TimeSpan.FromMilliseconds(50) ? remaining : TimeSpan.FromMilliseconds(50)));
            }
            catch (AggregateException)
            {
                return true;
            }

            try
            {
                budget.CheckClock();
            }
            catch (ScriptTerminatedException)
            {
                return task.IsCompleted;
            }
        }

        return true;
    }

    private static SandboxOutcome Complete(object? value, ScriptHost host)
    {
        var budget = host.Budget;
        string json;
        try
        {
            json = ScriptValues.ToNode(value, budget)?.ToJsonString() ?? "null";
        }
        catch (Exception exception)
        {
            return Failed(exception, host, null);
        }

        if (budget.Stop is { } stopped)
        {
            return Terminated(stopped, host);
        }

        var bytes = Encoding.UTF8.GetByteCount(json);
        if (!host.Output.TryReserve(bytes))
        {
            return RuntimeOutcomes.Failed(
                ScriptStatus.OutputLimit,
                new ScriptError(
                    ErrorCodes.OutputLimit,
                    $"The script's value is {bytes} bytes of JSON; with {host.Output.UsedBytes} bytes of console output that exceeds the output limit of {host.Output.MaxBytes} bytes. Return less data."),
                host.Output.Logs);
        }

        using var document = JsonDocument.Parse(json);
        return RuntimeOutcomes.Succeeded(value is null ? null : document.RootElement.Clone(), host.Output.Logs);
    }

    private static SandboxOutcome Failed(Exception exception, ScriptHost host, Assembly? assembly)
    {
        if (host.Budget.Stop is { } stopped)
        {
            return Terminated(stopped, host);
        }

        var (line, column) = Position(exception, assembly);
        var logs = host.Output.Logs;
        return exception switch
        {
            ToolException tool => RuntimeOutcomes.Failed(ScriptStatus.ToolError, new ScriptError(tool.Code, tool.Message, line, column, tool.Tool), logs),
            ValueNotSerializableException value => RuntimeOutcomes.Failed(ScriptStatus.RuntimeError, new ScriptError(value.Code, value.Message, line, column), logs),
            RegexMatchTimeoutException => RuntimeOutcomes.Failed(
                ScriptStatus.Timeout,
                new ScriptError(ErrorCodes.Timeout, "A regular expression ran past its match timeout (catastrophic backtracking); simplify the pattern.", line, column),
                logs),
            InsufficientExecutionStackException => RuntimeOutcomes.Failed(
                ScriptStatus.RecursionLimit,
                new ScriptError(ErrorCodes.RecursionLimit, "The script nested calls so deeply that the stack is nearly full.", line, column),
                logs),
            OutOfMemoryException => RuntimeOutcomes.OutOfMemory(logs),
            _ => RuntimeOutcomes.Failed(
                ScriptStatus.RuntimeError,
                new ScriptError(ErrorCodes.UncaughtException, $"{exception.GetType().Name}: {exception.Message}", line, column),
                logs),
        };
    }

    private static SandboxOutcome Terminated(ScriptTerminatedException stop, ScriptHost host) =>
        RuntimeOutcomes.Failed(stop.Status, new ScriptError(stop.Code, stop.Message, Tool: stop.Tool), host.Output.Logs, recycle: stop.Status == ScriptStatus.MemoryLimit);

    // The innermost frame of the script's own code, by its PDB; instrumentation keeps lines, so the line is the user's.
    private static (int? Line, int? Column) Position(Exception exception, Assembly? assembly)
    {
        if (assembly is null)
        {
            return (null, null);
        }

        foreach (var frame in new StackTrace(exception, fNeedFileInfo: true).GetFrames())
        {
            if (frame.GetMethod()?.Module.Assembly == assembly && frame.GetFileLineNumber() > 0)
            {
                return (frame.GetFileLineNumber(), null);
            }
        }

        return (null, null);
    }

    private static TimeSpan Clamp(TimeSpan value) => value < TimeSpan.Zero ? TimeSpan.Zero : value;
}
