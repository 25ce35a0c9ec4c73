namespace CodeMode.Runtimes.CSharp.Running;

/// <summary>
/// A long-lived background thread with a big stack that runs the runtime's work one item at a time. Starting a fresh
/// 64 MB-stack thread for every compile and every run cost a noticeable part of a compile-cache hit. Work that does
/// not come back in time is abandoned together with its thread (the caller then asks for the worker to be replaced);
/// the next item gets a new thread. Used by one caller at a time (the worker's loop).
/// </summary>
internal sealed class DedicatedThread(string name, int stackBytes)
{
    private Runner? _runner;

    /// <summary>Starts <paramref name="work"/> on the thread; wait for it with <see cref="Wait"/>.</summary>
    public void Start(Action work)
    {
        _runner ??= new Runner(name, stackBytes);
        _runner.Start(work);
    }

    /// <summary>True when the work started last has finished within <paramref name="timeout"/>.</summary>
    public bool Wait(TimeSpan timeout) => _runner?.Wait(timeout) ?? true;

    /// <summary>Gives up the thread whose work did not come back: it may finish some day, but nothing waits for it.</summary>
    public void Abandon()
    {
        _runner?.Abandon();
        _runner = null;
    }

    private sealed class Runner
    {
        private readonly SemaphoreSlim _ready = new(0);
        private readonly ManualResetEventSlim _done = new(initialState: true);
        private Action? _work;
        private volatile bool _abandoned;

        public Runner(string name, int stackBytes)
        {
            // UnsafeStart: the thread inherits no execution context (no AsyncLocal of whoever created it).
            new Thread(Loop, stackBytes) { IsBackground = true, Name = name }.UnsafeStart();
        }

        public void Start(Action work)
        {
            _done.Reset();
            _work = work;
            _ready.Release();
        }

        public bool Wait(TimeSpan timeout) => _done.Wait(timeout < TimeSpan.Zero ? TimeSpan.Zero : timeout);

        public void Abandon() => _abandoned = true;

        private void Loop()
        {
            var clean = ExecutionContext.Capture();
            while (true)
            {
                _ready.Wait();
                if (_abandoned)
                {
                    return;
                }

                var work = _work!;
                _work = null;
                try
                {
                    work();
                }
                finally
                {
                    // What one item put in the execution context (the script's budget) must not reach the next one.
                    if (clean is not null)
                    {
                        ExecutionContext.Restore(clean);
                    }

                    _done.Set();
                }

                if (_abandoned)
                {
                    return;
                }
            }
        }
    }
}
