namespace CodeMode.Core.Tests.Sandbox;

/// <summary>
/// The tests that start real worker processes and the worker-host tests that watch a real pipe for its writer to go
/// away do not run in parallel: a process started meanwhile can inherit the pipe's write end and keep it open.
/// </summary>
[CollectionDefinition(Name)]
public sealed class WorkerProcessCollection
{
    public const string Name = "Worker processes";
}
