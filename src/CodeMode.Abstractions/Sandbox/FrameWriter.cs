using System.Buffers;
using System.Buffers.Binary;
using System.Text.Json;

namespace CodeMode.Abstractions.Sandbox;

/// <summary>
/// Writes <see cref="WorkerMessage"/>s as frames: a 4-byte little-endian length, then that many bytes of UTF-8 JSON.
/// Safe to call from several threads; each frame is written whole and flushed.
/// </summary>
public sealed class FrameWriter(Stream stream)
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    public void Write(WorkerMessage message)
    {
        var buffer = Serialize(message);
        _gate.Wait();
        try
        {
            stream.Write(buffer.WrittenSpan);
            stream.Flush();
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask WriteAsync(WorkerMessage message, CancellationToken cancellationToken = default)
    {
        var buffer = Serialize(message);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await stream.WriteAsync(buffer.WrittenMemory, cancellationToken).ConfigureAwait(false);
            await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    private static ArrayBufferWriter<byte> Serialize(WorkerMessage message)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        buffer.Advance(4); // room for the length prefix
        using (var json = new Utf8JsonWriter(buffer))
        {
            WorkerMessageCodec.Write(json, message);
        }

        var length = buffer.WrittenCount - 4;
        if (length > FrameReader.MaxFrameBytes)
        {
            throw new InvalidOperationException($"A worker message of {length} bytes exceeds the frame limit of {FrameReader.MaxFrameBytes} bytes.");
        }

        // ArrayBufferWriter exposes its written bytes read-only; the prefix slot is ours to fill.
        var span = System.Runtime.InteropServices.MemoryMarshal.AsMemory(buffer.WrittenMemory).Span;
        BinaryPrimitives.WriteInt32LittleEndian(span, length);
        return buffer;
    }
}
