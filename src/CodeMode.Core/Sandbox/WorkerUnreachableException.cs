namespace CodeMode.Core.Sandbox;

/// <summary>The execute message never reached the worker (it died while idle): safe to run it on another worker.</summary>
internal sealed class WorkerUnreachableException(Exception inner) : Exception("The sandbox worker could not be reached.", inner);
