using System.Diagnostics;
using CodeMode.Abstractions.Execution;
using Jint;

namespace CodeMode.Runtimes.JavaScript.Limits;

/// <summary>
/// The limits of one execution that are enforced from outside the script's thread: the wall-clock deadline
/// (which includes time blocked in tool calls), heap growth and cancellation. The <see cref="ExecutionWatchdog"/>
/// samples it every few milliseconds; the script's thread checks it around tool calls. A stop is sticky: the
/// first reason wins and the engine keeps being interrupted until the execution ends.
/// </summary>
internal sealed class ExecutionMonitor
{
    private readonly long _deadline;
    private readonly long _memoryBaseline;
    private readonly long _memoryLimitBytes;
    private readonly long _rawTotalLimitBytes;
    private long _nextCollectionAt;
    private int _collectionsSeen;
    private long _heapAfterLastCollection;
    private Engine? _engine;
    private int _stopReason;

    public ExecutionMonitor(ExecutionLimits limits, long startTimestamp)
    {
        Limits = limits;
        StartTimestamp = startTimestamp;
        _deadline = startTimestamp + (long)(limits.TimeoutMs * (Stopwatch.Frequency / 1000.0));
        _memoryLimitBytes = limits.MemoryLimitBytes;
        _rawTotalLimitBytes = limits.MemoryLimitBytes > long.MaxValue / 2 ? long.MaxValue : 2 * limits.MemoryLimitBytes;
        _memoryBaseline = MeasureBaseline();
        _collectionsSeen = GC.CollectionCount(0);
        _heapAfterLastCollection = _memoryBaseline;
    }

    public ExecutionLimits Limits { get; }

    public long StartTimestamp { get; }

    public StopReason StopReason => (StopReason)Volatile.Read(ref _stopReason);

    public TimeSpan Remaining => Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), _deadline);

    /// <summary>From now on a stop interrupts <paramref name="engine"/>; a stop requested earlier interrupts it at once.</summary>
    public void Attach(Engine engine)
    {
        Volatile.Write(ref _engine, engine);
        if (StopReason != StopReason.None)
        {
            JintInternals.Interrupt(engine);
        }
    }

    public void RequestStop(StopReason reason)
    {
        Interlocked.CompareExchange(ref _stopReason, (int)reason, (int)StopReason.None);
        var engine = Volatile.Read(ref _engine);
        if (engine is not null)
        {
            JintInternals.Interrupt(engine);
        }
    }

    /// <summary>Called by the watchdog thread.</summary>
    public void Sample()
    {
        if (StopReason != StopReason.None)
        {
            // Engine.Execute resets the deadline field when it starts; re-arm in case that raced with the stop.
            var engine = Volatile.Read(ref _engine);
            if (engine is not null)
            {
                JintInternals.Interrupt(engine);
            }

            return;
        }

        if (Stopwatch.GetTimestamp() >= _deadline)
        {
            RequestStop(StopReason.Timeout);
            return;
        }

        SampleMemory();
    }

    /// <summary>
    /// Heap growth is judged on what the garbage collector's latest collection left, so the garbage a script churns
    /// through between collections does not count. Only when that (or, between collections, the raw total at twice
    /// the limit) is over the limit does the watchdog force a full collection to confirm; garbage promoted to the
    /// old generation is only found that way.
    /// </summary>
    private void SampleMemory()
    {
        var collections = GC.CollectionCount(0);
        if (collections != _collectionsSeen)
        {
            _collectionsSeen = collections;
            var last = GC.GetGCMemoryInfo();
            _heapAfterLastCollection = last.HeapSizeBytes - last.FragmentedBytes;
        }

        var total = GC.GetTotalMemory(forceFullCollection: false);
        var settled = _heapAfterLastCollection - _memoryBaseline;
        if ((settled <= _memoryLimitBytes && total - _memoryBaseline <= _rawTotalLimitBytes) || total < _nextCollectionAt)
        {
            return;
        }

        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: false);
        var live = GC.GetTotalMemory(forceFullCollection: false);
        _collectionsSeen = GC.CollectionCount(0);
        _heapAfterLastCollection = live;
        if (live - _memoryBaseline > _memoryLimitBytes)
        {
            RequestStop(StopReason.MemoryLimit);
            return;
        }

        // Live data just under the limit must not force a full collection every sample: wait for another quarter of
        // the limit to be allocated first (so the limit may be overshot by up to that much before it is noticed).
        _nextCollectionAt = live + (_memoryLimitBytes / 4);
    }

    /// <summary>
    /// Called on the script's thread where the engine cannot notice a stop by itself: before and after a tool call
    /// (which may block past the deadline). Throws the matching termination.
    /// </summary>
    public void ThrowIfStopped()
    {
        if (StopReason == StopReason.None && Stopwatch.GetTimestamp() >= _deadline)
        {
            RequestStop(StopReason.Timeout);
        }

        if (StopReason != StopReason.None)
        {
            throw CreateTermination(StopReason);
        }
    }

    public ScriptTerminatedException CreateTermination(StopReason reason, int? line = null, int? column = null) => reason switch
    {
        StopReason.MemoryLimit => new ScriptTerminatedException(
            ScriptStatus.MemoryLimit,
            ErrorCodes.MemoryLimit,
            $"The script grew the heap by more than its memory limit of {FormatBytes(Limits.MemoryLimitBytes)}.")
        { Line = line, Column = column },
        StopReason.Cancelled => new ScriptTerminatedException(
            ScriptStatus.Cancelled,
            ErrorCodes.Cancelled,
            "The execution was cancelled.")
        { Line = line, Column = column },
        _ => new ScriptTerminatedException(
            ScriptStatus.Timeout,
            ErrorCodes.Timeout,
            $"The script ran longer than its time limit of {Limits.TimeoutMs} ms (time spent in tool calls included).")
        { Line = line, Column = column },
    };

    /// <summary>
    /// The heap the script starts with, process-wide (the worker runs one execution at a time). The current total
    /// includes garbage left by earlier executions; once collected, that garbage would become room for this script.
    /// So take the smaller of the current total and what the last collection found live: growth is then over-counted
    /// rather than under-counted, and <see cref="Sample"/> collects before it concludes anything.
    /// </summary>
    private static long MeasureBaseline()
    {
        var total = GC.GetTotalMemory(forceFullCollection: false);
        var lastCollection = GC.GetGCMemoryInfo();
        if (lastCollection.Index == 0)
        {
            return total;
        }

        return Math.Min(total, Math.Max(0, lastCollection.HeapSizeBytes - lastCollection.FragmentedBytes));
    }

    internal static string FormatBytes(long bytes) => bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0
        ? $"{bytes / (1024 * 1024)} MB"
        : $"{bytes} bytes";
}
