using Microsoft.Extensions.Logging;

namespace CodeMode.Core.Sandbox;

/// <summary>The pool's log messages. The worker's stderr tail goes only to the host's log, never into outcomes.</summary>
internal static partial class SandboxLog
{
    [LoggerMessage(EventId = 2100, Level = LogLevel.Information, Message = "Sandbox worker {ProcessId} ({Language}) ready in {ElapsedMs} ms")]
    public static partial void WorkerReady(ILogger logger, int processId, string language, long elapsedMs);

    [LoggerMessage(EventId = 2101, Level = LogLevel.Error, Message = "A {Language} sandbox worker failed to start. Worker stderr: {Stderr}")]
    public static partial void WorkerStartFailed(ILogger logger, Exception exception, string language, string stderr);

    [LoggerMessage(EventId = 2102, Level = LogLevel.Warning, Message = "Sandbox worker {ProcessId} ({Language}) discarded: {Reason}. Worker stderr: {Stderr}")]
    public static partial void WorkerDiscarded(ILogger logger, int processId, string language, string reason, string stderr);

    [LoggerMessage(EventId = 2103, Level = LogLevel.Warning, Message = "Sandbox worker {ProcessId} broke the protocol: {Detail}")]
    public static partial void ProtocolViolation(ILogger logger, int processId, string detail);

    [LoggerMessage(EventId = 2104, Level = LogLevel.Error, Message = "The tool handler failed on {Server}.{Tool} for execution {ExecutionId}")]
    public static partial void ToolHandlerFailed(ILogger logger, Exception exception, string server, string tool, string executionId);

    [LoggerMessage(EventId = 2105, Level = LogLevel.Warning, Message = "Starting a {Language} sandbox worker again in {DelayMs} ms after {Failures} failed starts")]
    public static partial void StartRetryScheduled(ILogger logger, string language, long delayMs, int failures);

    [LoggerMessage(EventId = 2106, Level = LogLevel.Warning, Message = "The tool catalog for a new {Language} sandbox worker could not be read; it learns it from its first execution")]
    public static partial void FirstConfigureFailed(ILogger logger, Exception exception, string language);
}
