namespace CodeMode.Core.Tools;

/// <summary>
/// A sliding window of one minute kept as 60 one-second buckets: a call is admitted while fewer than <c>limit</c>
/// calls were admitted in the current second and the 59 before it. Exact to the second, constant memory whatever the
/// limit, O(1) per call under one small lock per server (nothing held across awaits, no allocation).
/// </summary>
public sealed class SlidingWindowLimiter
{
    private const int Buckets = 60;

    private readonly int[] _counts = new int[Buckets];
    private readonly long _bucketTicks;
    private readonly Lock _gate = new();
    private long _newest = long.MinValue;
    private int _total;

    /// <param name="limit">Admissions per minute; at least 1.</param>
    /// <param name="ticksPerSecond">The <see cref="TimeProvider.TimestampFrequency"/> of the timestamps passed in.</param>
    public SlidingWindowLimiter(int limit, long ticksPerSecond)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(ticksPerSecond);
        Limit = limit;
        _bucketTicks = ticksPerSecond;
    }

    public int Limit { get; }

    /// <summary>Admits a call at <paramref name="now"/>, or says in how many timestamp units one will be admitted.</summary>
    public bool TryAcquire(long now, out long waitTicks)
    {
        var bucket = now / _bucketTicks;
        lock (_gate)
        {
            Slide(bucket);
            if (_total < Limit)
            {
                _counts[bucket % Buckets]++;
                _total++;
                waitTicks = 0;
                return true;
            }

            // The oldest non-empty second leaves the window first; its calls free at least one place.
            for (var oldest = bucket - Buckets + 1; oldest <= bucket; oldest++)
            {
                if (_counts[oldest % Buckets] > 0)
                {
                    waitTicks = (oldest + Buckets) * _bucketTicks - now;
                    return false;
                }
            }

            waitTicks = _bucketTicks;
            return false;
        }
    }

    /// <summary>Empties the buckets that fell out of the window since the newest one seen.</summary>
    private void Slide(long bucket)
    {
        if (_newest == long.MinValue)
        {
            _newest = bucket;
            return;
        }

        if (bucket <= _newest)
        {
            return;
        }

        var stop = Math.Min(bucket, _newest + Buckets);
        for (var b = _newest + 1; b <= stop; b++)
        {
            _total -= _counts[b % Buckets];
            _counts[b % Buckets] = 0;
        }

        _newest = bucket;
    }
}
