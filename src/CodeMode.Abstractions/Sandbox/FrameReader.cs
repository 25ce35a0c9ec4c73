using System.Buffers;
using System.Buffers.Binary;
using System.Text.Json;

namespace CodeMode.Abstractions.Sandbox;

/// <summary>
/// Reads the frames <see cref="FrameWriter"/> writes. Returns null at a clean end of stream; throws
/// <see cref="InvalidDataException"/> for a truncated, oversized or malformed frame — the peer is then misbehaving.
/// Not thread-safe: one reader per stream.
/// </summary>
public sealed class FrameReader(Stream stream)
{
    /// <summary>Upper bound on one frame. Payload limits are far lower; this only stops a runaway peer.</summary>
    public const int MaxFrameBytes = 64 * 1024 * 1024;

    private readonly byte[] _header = new byte[4];

    /// <summary>Size in bytes of the last frame read.</summary>
    public int LastFrameBytes { get; private set; }

    public WorkerMessage? Read()
    {
        if (!ReadExactly(_header))
        {
            return null;
        }

        var length = CheckedLength();
        var payload = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            if (!ReadExactly(payload.AsSpan(0, length)))
            {
                throw new InvalidDataException("The worker channel ended in the middle of a frame.");
            }

            return Deserialize(payload.AsSpan(0, length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(payload);
        }
    }

    public async ValueTask<WorkerMessage?> ReadAsync(CancellationToken cancellationToken = default)
    {
        if (!await ReadExactlyAsync(_header, cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        var length = CheckedLength();
        var payload = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            if (!await ReadExactlyAsync(payload.AsMemory(0, length), cancellationToken).ConfigureAwait(false))
            {
                throw new InvalidDataException("The worker channel ended in the middle of a frame.");
            }

            return Deserialize(payload.AsSpan(0, length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(payload);
        }
    }

    private int CheckedLength()
    {
        var length = BinaryPrimitives.ReadInt32LittleEndian(_header);
        if (length <= 0 || length > MaxFrameBytes)
        {
            throw new InvalidDataException($"Invalid frame length {length} on the worker channel.");
        }

        LastFrameBytes = length;
        return length;
    }

    private static WorkerMessage Deserialize(ReadOnlySpan<byte> payload)
    {
        try
        {
            return WorkerMessageCodec.Read(payload)
                ?? throw new InvalidDataException("A null message arrived on the worker channel.");
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"A malformed message arrived on the worker channel: {ex.Message}", ex);
        }
    }

    private bool ReadExactly(Span<byte> target)
    {
        var read = 0;
        while (read < target.Length)
        {
            var n = stream.Read(target[read..]);
            if (n == 0)
            {
                return read == 0 ? false : throw new InvalidDataException("The worker channel ended in the middle of a frame.");
            }

            read += n;
        }

        return true;
    }

    private async ValueTask<bool> ReadExactlyAsync(Memory<byte> target, CancellationToken cancellationToken)
    {
        var read = 0;
        while (read < target.Length)
        {
            var n = await stream.ReadAsync(target[read..], cancellationToken).ConfigureAwait(false);
            if (n == 0)
            {
                return read == 0 ? false : throw new InvalidDataException("The worker channel ended in the middle of a frame.");
            }

            read += n;
        }

        return true;
    }
}
