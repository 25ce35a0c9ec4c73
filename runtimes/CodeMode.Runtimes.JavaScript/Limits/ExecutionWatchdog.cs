namespace CodeMode.Runtimes.JavaScript.Limits;

/// <summary>
/// One background thread per process that samples the running executions' <see cref="ExecutionMonitor"/>s every
/// few milliseconds. A thread per execution would cost more than a whole small script; a timer would depend on
/// the thread pool, which a blocked tool bridge may starve. When nothing runs, the thread sleeps on a monitor.
/// </summary>
internal sealed class ExecutionWatchdog
{
    private static readonly Lazy<ExecutionWatchdog> SharedInstance = new(() => new ExecutionWatchdog(TimeSpan.FromMilliseconds(2)));

    private readonly object _gate = new();
    private readonly List<ExecutionMonitor> _active = [];
    private readonly int _intervalMs;
    private ExecutionMonitor[] _snapshot = new ExecutionMonitor[4];

    private ExecutionWatchdog(TimeSpan interval)
    {
        _intervalMs = Math.Max(1, (int)interval.TotalMilliseconds);
        var thread = new Thread(Run)
        {
            IsBackground = true,
            Name = "CodeMode JavaScript watchdog",
            // A runaway script keeps a core busy; the watchdog must still get time on a 2-core machine.
            Priority = ThreadPriority.AboveNormal,
        };
        thread.Start();
    }

    public static ExecutionWatchdog Shared => SharedInstance.Value;

    public void Add(ExecutionMonitor monitor)
    {
        lock (_gate)
        {
            _active.Add(monitor);
            if (_active.Count == 1)
            {
                Monitor.Pulse(_gate);
            }
        }
    }

    public void Remove(ExecutionMonitor monitor)
    {
        lock (_gate)
        {
            _active.Remove(monitor);
        }
    }

    private void Run()
    {
        while (true)
        {
            int count;
            lock (_gate)
            {
                while (_active.Count == 0)
                {
                    Monitor.Wait(_gate);
                }

                count = _active.Count;
                if (_snapshot.Length < count)
                {
                    _snapshot = new ExecutionMonitor[count * 2];
                }

                _active.CopyTo(_snapshot);
            }

            for (var i = 0; i < count; i++)
            {
                try
                {
                    _snapshot[i].Sample();
                }
                catch (Exception)
                {
                    // Never let one bad sample (even an OutOfMemoryException near the heap ceiling) kill the
                    // thread that enforces every other limit; the next round tries again.
                }

                _snapshot[i] = null!;
            }

            Thread.Sleep(_intervalMs);
        }
    }
}
