using System.Threading.Channels;
using CodeMode.Abstractions.Sandbox;

namespace CodeMode.Core.Sandbox;

/// <summary>
/// Frames from one worker, read by a dedicated thread with plain blocking reads. Whoever awaits the next frame
/// continues on that thread (synchronous continuations), so a proxy call is answered — through the gateway and
/// back onto the worker's stdin — without a hop through the socket engine and the thread pool. Code that continues
/// here only ever awaits; it never blocks, or the worker's channel would stall. When the handler has answered a tool
/// call at once, the thread stays awake a moment for the script's next frame (<see cref="SpinForNextFrame"/>).
/// </summary>
internal sealed class WorkerInbox
{
    private readonly FrameReader _reader;
    private readonly ChannelSpin _spin;
    private readonly Channel<Inbound> _frames = Channel.CreateUnbounded<Inbound>(new UnboundedChannelOptions
    {
        SingleReader = true,
        SingleWriter = true,
        AllowSynchronousContinuations = true,
    });

    private int _spinForNextFrame;

    private WorkerInbox(Stream output)
    {
        _reader = new FrameReader(output);
        _spin = ChannelSpin.For(output);
    }

    /// <summary>Starts reading <paramref name="output"/> (the worker's stdout) until it ends.</summary>
    public static WorkerInbox Start(Stream output, int processId)
    {
        var inbox = new WorkerInbox(output);
        new Thread(inbox.Pump) { IsBackground = true, Name = $"CodeMode worker {processId} reader" }.Start();
        return inbox;
    }

    /// <summary>
    /// Asks the reading thread to poll a moment (<see cref="ChannelSpin"/>) before it blocks for the next frame: the
    /// worker's next call or its done usually follows an answer within microseconds.
    /// </summary>
    public void SpinForNextFrame() => Volatile.Write(ref _spinForNextFrame, 1);

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
                if (Interlocked.Exchange(ref _spinForNextFrame, 0) == 1)
                {
                    _spin.WaitForData();
                }
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
