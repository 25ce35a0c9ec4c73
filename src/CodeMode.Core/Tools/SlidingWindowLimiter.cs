namespace CodeMode.Core.Tools;

/// <summary>
/// An exact sliding-window log: at most <c>limit</c> admissions in any window. A ring holds the times of the last
/// <c>limit</c> admissions; a call is admitted when the oldest of them has left the window. O(1) per call, one small
/// lock per server (no allocation, nothing held across awaits).
/// </summary>
internal sealed class SlidingWindowLimiter
{
    private readonly long[] _admitted;
    private readonly long _window;
    private readonly Lock _gate = new();
    private int _next;
    private int _count;

    /// <param name="limit">Admissions per window; at least 1.</param>
    /// <param name="window">The window in <see cref="TimeProvider"/> timestamp units.</param>
    public SlidingWindowLimiter(int limit, long window)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        _admitted = new long[limit];
        _window = window;
    }

    public int Limit => _admitted.Length;

    /// <summary>Admits a call at <paramref name="now"/>, or says in how many timestamp units one will be admitted.</summary>
    public bool TryAcquire(long now, out long waitTicks)
    {
        lock (_gate)
        {
            if (_count < _admitted.Length)
            {
                _count++;
            }
            else
            {
                // _next is the oldest admission once the ring is full.
                var elapsed = now - _admitted[_next];
                if (elapsed < _window)
                {
                    waitTicks = _window - elapsed;
                    return false;
                }
            }

            _admitted[_next] = now;
            _next = (_next + 1) % _admitted.Length;
            waitTicks = 0;
            return true;
        }
    }
}
