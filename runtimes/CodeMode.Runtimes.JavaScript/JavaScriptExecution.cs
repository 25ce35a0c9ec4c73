using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using CodeMode.Abstractions.Execution;
using CodeMode.Abstractions.Sandbox;
using CodeMode.Abstractions.Security;
using CodeMode.Abstractions.Text;
using CodeMode.Runtimes.JavaScript.Compilation;
using CodeMode.Runtimes.JavaScript.Interop;
using CodeMode.Runtimes.JavaScript.Limits;
using Jint;
using Jint.Native;
using Jint.Native.Object;
using Jint.Parser;
using Jint.Runtime;
using Jint.Runtime.Interop;

namespace CodeMode.Runtimes.JavaScript;

/// <summary>
/// One run of one script in a fresh engine: builds the global environment (console, tool proxies, denials),
/// executes, and turns whatever happened into a <see cref="SandboxOutcome"/>. Only JSON and JS primitives cross
/// between the engine and the host: no CLR object is ever handed to the script.
/// </summary>
internal sealed class JavaScriptExecution
{
    // System.Text.Json's default depth; values nested deeper than this could not be written back to the host either.
    private const int MaxValueDepth = 64;

    private static readonly JsonDocumentOptions ValueDocumentOptions = new() { MaxDepth = MaxValueDepth };

    private readonly SandboxExecution _execution;
    private readonly EngineSupply _engines;
    private readonly IToolBridge _tools;
    private readonly ExecutionMonitor _monitor;
    private readonly OutputCollector _output;
    private Engine? _engine;
    private ValueFormatter? _formatter;
    private int _toolCalls;
    private List<ToolErrorRecord>? _toolErrors;

    public JavaScriptExecution(SandboxExecution execution, EngineSupply engines, IToolBridge tools, ExecutionMonitor monitor)
    {
        _execution = execution;
        _engines = engines;
        _tools = tools;
        _monitor = monitor;
        _output = new OutputCollector(execution.Limits.MaxOutputBytes);
    }

    private Engine Engine => _engine ?? throw new InvalidOperationException("The engine is not created yet.");

    public SandboxOutcome Run(CompiledScript script)
    {
        try
        {
            return RunCore(script);
        }
        catch (OutOfMemoryException)
        {
            // Let the engine's garbage go before building the outcome; the host replaces this worker anyway.
            _engine = null;
            _formatter = null;
            return RuntimeOutcomes.OutOfMemory(_output.Logs);
        }
    }

    private SandboxOutcome RunCore(CompiledScript script)
    {
        var limits = _execution.Limits;
        var remaining = _monitor.Remaining;
        if (remaining <= TimeSpan.Zero || _monitor.StopReason != StopReason.None)
        {
            return Outcomes.Terminated(_monitor.CreateTermination(_monitor.StopReason == StopReason.None ? StopReason.Timeout : _monitor.StopReason), _output.Logs);
        }

        var engine = _engine = _engines.Take(
            remaining,
            (int)Math.Min(limits.MaxStatements, int.MaxValue - 1),
            // Jint counts the frames of one function already on the stack: depth N fails at N + 1 nested calls.
            limits.MaxRecursion - 1);
        _monitor.Attach(engine);
        _formatter = new ValueFormatter(engine);

        if (ConfigureGlobals() is { } configurationError)
        {
            return configurationError;
        }

        var depthGuard = script.HasFunctions ? new FunctionDepthGuard(engine, script.FunctionNames, limits.MaxRecursion) : null;
        var repair = script.HasTryCatch ? new CallStackRepair(engine, script.EnclosingTriesBySite) : null;
        var throwGuard = script.HasThrow ? new ThrownValueGuard(engine) : null;
        script.PrepareForRun(new ScriptHooks(depthGuard?.EnterFunction, repair?.EnterTry, repair?.EnterCatch, throwGuard?.PrepareThrow));

        try
        {
            engine.Execute(script.Program);
            // Still inside the guarded region: serializing may run the script's toJSON methods and getters.
            return Complete(engine.GetCompletionValue());
        }
        catch (ScriptTerminatedException termination)
        {
            return Outcomes.Terminated(termination, _output.Logs);
        }
        catch (JavaScriptException exception)
        {
            return Uncaught(exception);
        }
        catch (RegexMatchTimeoutException)
        {
            // Only when the worker sets REGEX_DEFAULT_MATCH_TIMEOUT: Jint creates its Regex objects without a timeout.
            return LimitReached(ScriptStatus.Timeout, ErrorCodes.Timeout, "A regular expression ran too long (catastrophic backtracking); simplify the pattern.");
        }
        catch (TimeoutException)
        {
            // Jint's own deadline, or an interruption from the watchdog or the cancellation token.
            var reason = _monitor.StopReason == StopReason.None ? StopReason.Timeout : _monitor.StopReason;
            var (line, column) = ScriptLocation.LastEvaluated(engine);
            return Outcomes.Terminated(_monitor.CreateTermination(reason, line, column), _output.Logs);
        }
        catch (StatementsCountOverflowException)
        {
            return LimitReached(ScriptStatus.StatementLimit, ErrorCodes.StatementLimit, $"The script executed more than its limit of {limits.MaxStatements} statements.");
        }
        catch (RecursionDepthOverflowException overflow)
        {
            return LimitReached(
                ScriptStatus.RecursionLimit,
                ErrorCodes.RecursionLimit,
                $"The script nested calls to '{overflow.CallExpressionReference}' too deeply: its recursion limit is {limits.MaxRecursion}.");
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // A CLR exception from inside a Jint built-in (for example JSON.parse() without arguments). The script
            // caused it, so it is reported as the script's runtime error; the script could not catch it.
            var (line, column) = ScriptLocation.LastEvaluated(engine);
            return RuntimeOutcomes.Failed(
                ScriptStatus.RuntimeError,
                new ScriptError(ErrorCodes.UncaughtException, $"Error: the engine failed while running the script ({exception.GetType().Name}: {exception.Message})", line, column),
                _output.Logs);
        }
    }

    private SandboxOutcome? ConfigureGlobals()
    {
        var engine = Engine;
        foreach (var denied in _execution.DeniedOperations ?? [])
        {
            if (denied == EngineLockdown.Eval)
            {
                EngineLockdown.DenyEval(engine);
            }
            else if (denied == EngineLockdown.Function)
            {
                EngineLockdown.DenyFunctionConstructor(engine);
            }
        }

        InstallConsole(engine);
        var capabilities = new CapabilityGlobals(engine, CallTool, message => new JavaScriptException(Engine.TypeError, message) { Location = CallSiteLocation() });
        foreach (var server in _execution.Proxies ?? [])
        {
            if (engine.Global.HasOwnProperty(server.Name))
            {
                return RuntimeOutcomes.Failed(
                    ScriptStatus.InternalError,
                    new ScriptError(ErrorCodes.InvalidConfiguration, $"The proxy name '{server.Name}' is already a global of the javascript runtime; rename the server."),
                    _output.Logs);
            }

            if (CapabilityNames.IsCapability(server.Name))
            {
                // The host lists fs/fetch only for runtimes it grants them to; no MCP server may take these names.
                capabilities.Install(server.Name);
            }
            else
            {
                InstallProxy(engine, server);
            }
        }

        return null;
    }

    private void InstallConsole(Engine engine)
    {
        var console = engine.Object.Construct(Arguments.Empty);
        AddConsoleMethod(engine, console, "log", "log");
        AddConsoleMethod(engine, console, "info", "info");
        AddConsoleMethod(engine, console, "warn", "warn");
        AddConsoleMethod(engine, console, "error", "error");
        AddConsoleMethod(engine, console, "debug", "log");
        engine.Global.FastAddProperty("console", console, writable: true, enumerable: false, configurable: true);
    }

    private void AddConsoleMethod(Engine engine, ObjectInstance console, string name, string level)
    {
        var formatter = _formatter!;
        var output = _output;
        console.FastAddProperty(
            name,
            new ClrFunctionInstance(engine, (_, arguments) =>
            {
                output.Append(level, formatter.FormatArguments(arguments));
                return JsValue.Undefined;
            }),
            writable: true,
            enumerable: true,
            configurable: true);
    }

    /// <summary>
    /// A proxy is a plain JS object whose members are host functions. Object and members are frozen so a script
    /// cannot swap a tool for its own function and mislead code that runs later.
    /// </summary>
    private void InstallProxy(Engine engine, ProxyServer server)
    {
        var proxy = engine.Object.Construct(Arguments.Empty);
        foreach (var tool in server.Tools)
        {
            var serverName = server.Name;
            var qualifiedName = server.Name + "." + tool;
            var member = new ClrFunctionInstance(engine, (_, arguments) => CallTool(serverName, tool, qualifiedName, arguments), 1)
            {
                Extensible = false,
            };
            proxy.FastAddProperty(tool, member, writable: false, enumerable: true, configurable: false);
        }

        proxy.Extensible = false;
        engine.Global.FastAddProperty(server.Name, proxy, writable: false, enumerable: true, configurable: false);
    }

    private JsValue CallTool(string server, string tool, string qualifiedName, JsValue[] arguments)
    {
        _monitor.ThrowIfStopped();
        var maxToolCalls = _execution.Limits.MaxToolCalls;
        if (_toolCalls >= maxToolCalls)
        {
            throw Terminate(
                ScriptStatus.RateLimited,
                ErrorCodes.ToolCallLimit,
                $"The script tried to start tool call number {_toolCalls + 1}; its limit is {maxToolCalls} tool calls per execution.",
                qualifiedName);
        }

        var argumentsJson = SerializeArguments(qualifiedName, arguments);
        _toolCalls++;

        ToolBridgeResult result;
        try
        {
            result = _tools.Call(server, tool, argumentsJson);
        }
        catch (OperationCanceledException) when (_monitor.StopReason != StopReason.None)
        {
            throw _monitor.CreateTermination(_monitor.StopReason);
        }
        catch (Exception exception) when (exception is not (OutOfMemoryException or ScriptTerminatedException))
        {
            // The worker's channel to the host failed: nothing the script can do, and the worker may be unusable.
            throw new ScriptTerminatedException(
                ScriptStatus.InternalError,
                ErrorCodes.InternalError,
                $"The call to {qualifiedName} could not reach the host ({exception.GetType().Name}).")
            { Tool = qualifiedName, Recycle = true };
        }

        // The bridge blocks; the deadline or a cancellation may have passed meanwhile.
        _monitor.ThrowIfStopped();
        if (result is null)
        {
            throw new ScriptTerminatedException(ScriptStatus.InternalError, ErrorCodes.InternalError, $"The host gave no answer to the call to {qualifiedName}.")
            {
                Tool = qualifiedName,
            };
        }

        return result.Kind switch
        {
            ToolBridgeResultKind.Value => ToScriptValue(qualifiedName, result.Value),
            ToolBridgeResultKind.Error => throw ToolError(qualifiedName, result),
            _ => throw Terminate(
                result.Status is { } status && status != ScriptStatus.Succeeded ? status : ScriptStatus.InternalError,
                result.Code ?? ErrorCodes.InternalError,
                result.Message ?? $"The host stopped the script at {qualifiedName}.",
                qualifiedName),
        };
    }

    /// <summary>The argument goes out as JSON text made by the engine's own JSON.stringify; a missing argument is {}.</summary>
    private string SerializeArguments(string qualifiedName, JsValue[] arguments)
    {
        var argument = arguments.Length > 0 ? arguments[0] : JsValue.Undefined;
        if (argument.IsUndefined())
        {
            return "{}";
        }

        if (argument.IsObject() && argument.AsObject() is not ICallable && argument.AsObject().Class != "Array")
        {
            var json = Engine.Json.Stringify(JsValue.Undefined, [argument]);
            if (json.IsString() && json.AsString() is { Length: > 0 } text && text[0] == '{')
            {
                return Utf8Text.ReplaceLoneSurrogates(text);
            }
        }

        throw new JavaScriptException(
            Engine.TypeError,
            $"{qualifiedName} expects one object argument, e.g. {qualifiedName}({{ ... }}), but got {DescribeType(argument)}.")
        {
            Location = CallSiteLocation(),
        };
    }

    private JsValue ToScriptValue(string qualifiedName, JsonElement? value)
    {
        if (value is not { ValueKind: not JsonValueKind.Undefined } element)
        {
            return JsValue.Undefined;
        }

        if (JsonToScript.TryConvert(Engine, element) is { } converted)
        {
            return converted;
        }

        try
        {
            return Engine.Json.Parse(JsValue.Undefined, [element.GetRawText()]);
        }
        catch (JavaScriptException)
        {
            throw ToolError(qualifiedName, ToolBridgeResult.FromError(ErrorCodes.ToolFailed, $"{qualifiedName} returned a value this runtime cannot read as JSON."));
        }
    }

    /// <summary>A real JS Error built by the engine, so the script can catch it and everything on it is a JS primitive.</summary>
    private JavaScriptException ToolError(string qualifiedName, ToolBridgeResult result)
    {
        var code = result.Code ?? ErrorCodes.ToolFailed;
        var message = Utf8Text.ReplaceLoneSurrogates(result.Message ?? $"{qualifiedName} failed.");
        var error = Engine.Error.Construct([message]);
        error.FastAddProperty("code", code, writable: true, enumerable: true, configurable: true);
        error.FastAddProperty("tool", qualifiedName, writable: true, enumerable: true, configurable: true);
        (_toolErrors ??= []).Add(new ToolErrorRecord(error, code, message, qualifiedName));
        return new JavaScriptException(error) { Location = CallSiteLocation() };
    }

    private ScriptTerminatedException Terminate(ScriptStatus status, string code, string message, string? tool)
    {
        var (line, column) = ScriptLocation.CurrentCallSite(Engine);
        return new ScriptTerminatedException(status, code, message) { Tool = tool, Line = line, Column = column };
    }

    private Location? CallSiteLocation()
    {
        var frames = JintInternals.FramesOf(JintInternals.CallStackOf(Engine));
        return frames.Count > 0 ? frames.Peek().CallExpression?.Location : Engine.GetLastSyntaxNode()?.Location;
    }

    private SandboxOutcome Complete(JsValue value)
    {
        if (value.IsUndefined())
        {
            return RuntimeOutcomes.Succeeded(null, _output.Logs);
        }

        JsValue json;
        try
        {
            json = Engine.Json.Stringify(JsValue.Undefined, [value]);
        }
        catch (JavaScriptException exception)
        {
            var reason = ValueFormatter.DescribeInert(exception.Error);
            return NotSerializable($"The script's value cannot be turned into JSON ({reason}). Return plain data: objects, arrays, strings, numbers, booleans and null, without cycles.");
        }

        if (!json.IsString())
        {
            // Functions and undefined have no JSON form, as with JSON.stringify: no value.
            return RuntimeOutcomes.Succeeded(null, _output.Logs);
        }

        var text = Utf8Text.ReplaceLoneSurrogates(json.AsString());
        var bytes = Encoding.UTF8.GetByteCount(text);
        if (!_output.TryReserve(bytes))
        {
            return RuntimeOutcomes.Failed(
                ScriptStatus.OutputLimit,
                new ScriptError(
                    ErrorCodes.OutputLimit,
                    $"The script's value is {bytes} bytes of JSON; with {_output.UsedBytes} bytes of console output that exceeds the output limit of {_output.MaxBytes} bytes. Return less data."),
                _output.Logs);
        }

        try
        {
            using var document = JsonDocument.Parse(text, ValueDocumentOptions);
            return RuntimeOutcomes.Succeeded(document.RootElement.Clone(), _output.Logs);
        }
        catch (JsonException)
        {
            return NotSerializable($"The script's value is nested deeper than {MaxValueDepth} levels; return flatter data.");
        }
    }

    private SandboxOutcome NotSerializable(string message) =>
        RuntimeOutcomes.Failed(ScriptStatus.RuntimeError, new ScriptError(ErrorCodes.ValueNotSerializable, message), _output.Logs);

    private SandboxOutcome Uncaught(JavaScriptException exception)
    {
        var (line, column) = ScriptLocation.From(exception.Location);
        var thrown = exception.Error;
        if (thrown.IsObject() && _toolErrors?.Find(e => ReferenceEquals(e.Error, thrown.AsObject())) is { } toolError)
        {
            return RuntimeOutcomes.Failed(
                ScriptStatus.ToolError,
                new ScriptError(toolError.Code, toolError.Message, line, column, toolError.Tool),
                _output.Logs);
        }

        var message = DescribeThrown(thrown, line, column);
        return RuntimeOutcomes.Failed(
            ScriptStatus.RuntimeError,
            new ScriptError(ErrorCodes.UncaughtException, ErrorHints.Append(message), line, column),
            _output.Logs);
    }

    private string DescribeThrown(JsValue thrown, int? line, int? column)
    {
        if (thrown.IsObject() && thrown.AsObject().Class == "Error")
        {
            var error = thrown.AsObject();
            var description = ValueFormatter.DescribeError(error);
            if (string.IsNullOrEmpty(ValueFormatter.ReadString(error, "message")) && Snippet(line, column) is { } snippet)
            {
                // Jint 2 throws many built-in errors without a message (e.g. reading a property of null).
                return $"{description}: the engine gave no message; the failing statement is `{snippet}`";
            }

            return description;
        }

        // The script has ended: describe what it threw without running any of its code (getters, toJSON).
        return "Uncaught " + (thrown.IsString() ? "'" + thrown.AsString() + "'" : ValueFormatter.DescribeInert(thrown));
    }

    private string? Snippet(int? line, int? column)
    {
        if (line is not { } lineNumber || SourceText.LineAt(_execution.Code, lineNumber) is not { } text)
        {
            return null;
        }

        var start = Math.Clamp((column ?? 1) - 1, 0, text.Length);
        var snippet = text[start..].Trim();
        return snippet.Length switch
        {
            0 => null,
            > 80 => snippet[..80] + "…",
            _ => snippet,
        };
    }

    private SandboxOutcome LimitReached(ScriptStatus status, string code, string message)
    {
        var (line, column) = ScriptLocation.LastEvaluated(Engine);
        return RuntimeOutcomes.Failed(status, new ScriptError(code, message, line, column), _output.Logs);
    }

    private static string DescribeType(JsValue value)
    {
        if (value.IsNull())
        {
            return "null";
        }

        if (!value.IsObject())
        {
            return "a " + value.Type.ToString().ToLowerInvariant();
        }

        var obj = value.AsObject();
        return obj switch
        {
            ICallable => "a function",
            _ when obj.Class == "Array" => "an array",
            _ => "a " + obj.Class,
        };
    }

    private sealed record ToolErrorRecord(ObjectInstance Error, string Code, string Message, string Tool);
}
