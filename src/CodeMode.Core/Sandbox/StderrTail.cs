using System.Text;

namespace CodeMode.Core.Sandbox;

/// <summary>
/// Drains a worker's stderr for as long as the process lives and keeps only its last few kilobytes, for crash
/// reasons and diagnostics. Reading never stops, so a worker flooding stderr never blocks on a full pipe, and
/// never costs the host more than the tail.
/// </summary>
internal sealed class StderrTail
{
    public const int Capacity = 8 * 1024;

    // Cut from the .NET runtime's own words: "System.OutOfMemoryException", "Out of memory.", and the worker's
    // "OutOfMemoryException" line. Matched as ASCII bytes so a split across reads is caught via the overlap.
    private static readonly byte[][] OutOfMemoryMarkers = [.. new[] { "OutOfMemory", "Out of memory" }.Select(Encoding.ASCII.GetBytes)];
    private const int MarkerOverlap = 16;

    private readonly Lock _lock = new();
    private readonly byte[] _buffer = new byte[Capacity * 2];
    private int _length;
    private bool _outOfMemory;

    public StderrTail(Stream stream)
    {
        Completion = DrainAsync(stream);
    }

    /// <summary>Completes when stderr ends (the process exited).</summary>
    public Task Completion { get; }

    /// <summary>True once the worker wrote anything that says it ran out of memory.</summary>
    public bool SawOutOfMemory
    {
        get
        {
            lock (_lock)
            {
                return _outOfMemory;
            }
        }
    }

    public override string ToString()
    {
        lock (_lock)
        {
            return Encoding.UTF8.GetString(_buffer, 0, _length);
        }
    }

    private async Task DrainAsync(Stream stream)
    {
        var chunk = new byte[4096];
        try
        {
            while (true)
            {
                var read = await stream.ReadAsync(chunk).ConfigureAwait(false);
                if (read == 0)
                {
                    return;
                }

                Append(chunk.AsSpan(0, read));
            }
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException)
        {
            // The process is gone or being disposed: the tail is what it is.
        }
    }

    private void Append(ReadOnlySpan<byte> data)
    {
        lock (_lock)
        {
            if (data.Length > Capacity)
            {
                data = data[^Capacity..];
            }

            if (_length + data.Length > _buffer.Length)
            {
                // Keep the newest Capacity bytes; shifting only when the double-size buffer fills keeps this cheap.
                var keep = Math.Min(_length, Capacity);
                Buffer.BlockCopy(_buffer, _length - keep, _buffer, 0, keep);
                _length = keep;
            }

            var start = Math.Max(0, _length - MarkerOverlap);
            data.CopyTo(_buffer.AsSpan(_length));
            _length += data.Length;
            if (!_outOfMemory)
            {
                var fresh = _buffer.AsSpan(start, _length - start);
                foreach (var marker in OutOfMemoryMarkers)
                {
                    _outOfMemory |= fresh.IndexOf(marker) >= 0;
                }
            }
        }
    }
}
