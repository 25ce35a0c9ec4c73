using System.Threading.Channels;
using CodeMode.Abstractions.Sandbox;

namespace CodeMode.Core.Sandbox;

/// <summary>
/// Frames from one worker, read by a dedicated thread with plain blocking reads. Whoever awaits the next frame
/// continues on that thread (synchronous continuations), so a proxy call is answered — through the gateway and
/// back onto the worker's stdin — without a hop through the socket engine and the thread pool. Code that continues
/// here only ever awaits; it never blocks, or the worker's channel would stall.
/// </summary>
internal sealed class WorkerInbox
{
    private readonly FrameReader _reader;
    private readonly Channel<Inbound> _frames = Channel.CreateUnbounded<Inbound>(new UnboundedChannelOptions
    {
        SingleReader = true,
        SingleWriter = true,
        AllowSynchronousContinuations = true,
    });

    private WorkerInbox(FrameReader reader) => _reader = reader;

    /// <summary>Starts reading <paramref name="output"/> (the worker's stdout) until it ends.</summary>
    public static WorkerInbox Start(Stream output, int processId)
    {
        var inbox = new WorkerInbox(new FrameReader(output));
        new Thread(inbox.Pump) { IsBackground = true, Name = $"CodeMode worker {processId} reader" }.Start();
        return inbox;
    }

    /// <summary>
    /// The next frame; null once the channel has ended (the worker exited or was killed). Throws
    /// <see cref="InvalidDataException"/> for a malformed frame: the worker is then misbehaving.
    /// </summary>
    public async ValueTask<WorkerMessage?> ReadAsync(CancellationToken cancellationToken = default)
    {
        if (!await _frames.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        if (!_frames.Reader.TryRead(out var frame))
        {
            // Single reader: a frame that was announced is still there.
            throw new InvalidOperationException("The worker inbox lost a frame.");
        }

        return frame.Error is { } error ? throw new InvalidDataException(error.Message, error) : frame.Message;
    }

    private void Pump()
    {
        try
        {
            while (_reader.Read() is { } message)
            {
                _frames.Writer.TryWrite(new Inbound(message, null));
            }
        }
        catch (InvalidDataException ex)
        {
            _frames.Writer.TryWrite(new Inbound(null, ex));
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException)
        {
            // The process is gone: the end of the channel says so.
        }

        _frames.Writer.TryComplete();
    }

    private readonly record struct Inbound(WorkerMessage? Message, InvalidDataException? Error);
}
