namespace CodeMode.Runtimes.JavaScript.Tests.Support;

/// <summary>
/// Heap growth is measured process-wide (as in the worker, which runs one execution at a time), so tests that
/// allocate hundreds of megabytes run alone, after the parallel ones.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MemoryCollection
{
    public const string Name = "Memory";
}
