namespace CodeMode.Core.Sandbox;

/// <summary>No worker is running and none could be started: queued executions end with <c>CM9002</c>.</summary>
internal sealed class WorkerUnavailableException() : Exception("No sandbox worker could be started.");
