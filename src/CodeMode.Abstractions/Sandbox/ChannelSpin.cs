using System.Diagnostics;
using System.IO.Pipes;
using System.Runtime.InteropServices;

namespace CodeMode.Abstractions.Sandbox;

/// <summary>
/// Waits a moment, awake, for a frame that is about to arrive: once a worker has sent a tool call (or the host has
/// answered one), the reply usually comes within tens of microseconds. A thread blocked in read(2) sleeps instead,
/// and on a virtual machine waking it (and the idle vCPU it slept on) costs the writer and the reader tens of
/// microseconds each — most of what a proxy call cost. The spin polls the pipe without blocking and yields the CPU
/// between polls, so a peer that needs this CPU still gets it, and it gives up after a bounded budget; the caller
/// then blocks in read as before. It never reads: the frame stays for the caller's reader.
/// </summary>
public sealed class ChannelSpin
{
    /// <summary>How long to stay awake for a reply: enough for a proxy call answered by the host at once.</summary>
    public static readonly TimeSpan DefaultBudget = TimeSpan.FromMicroseconds(200);

    private readonly SafeHandle? _handle;
    private readonly long _budgetTicks;

    private ChannelSpin(SafeHandle? handle, TimeSpan budget)
    {
        _handle = handle;
        _budgetTicks = (long)(budget.TotalSeconds * Stopwatch.Frequency);
    }

    /// <summary>
    /// A spin over <paramref name="input"/>'s descriptor: a pipe or a file opened on one, on Linux or macOS. For any
    /// other stream (in-memory pipes in tests, Windows) it does nothing.
    /// </summary>
    public static ChannelSpin For(Stream input, TimeSpan? budget = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        SafeHandle? handle = null;
        if (OperatingSystem.IsLinux() || OperatingSystem.IsMacOS())
        {
            handle = input switch
            {
                FileStream file => file.SafeFileHandle,
                PipeStream pipe => pipe.SafePipeHandle,
                _ => null,
            };
        }

        return new ChannelSpin(handle, budget ?? DefaultBudget);
    }

    /// <summary>
    /// True as soon as the pipe has something to read (or was hung up: the read then says so); false once the budget
    /// is spent, or at once when there is nothing to poll or the stream is closed.
    /// </summary>
    public bool WaitForData()
    {
        if (_handle is null || _budgetTicks <= 0)
        {
            return false;
        }

        // Held while polling, so a concurrent close cannot free the descriptor and hand its number to another file.
        var added = false;
        try
        {
            _handle.DangerousAddRef(ref added);
            var fd = (int)_handle.DangerousGetHandle();
            var deadline = Stopwatch.GetTimestamp() + _budgetTicks;
            while (true)
            {
                var events = UnixPoll.Wait(fd, UnixPoll.ReadableEvent, timeoutMs: 0);
                if (events != 0)
                {
                    return events > 0;
                }

                if (Stopwatch.GetTimestamp() >= deadline)
                {
                    return false;
                }

                Thread.Yield();
            }
        }
        catch (ObjectDisposedException)
        {
            return false;
        }
        finally
        {
            if (added)
            {
                _handle.DangerousRelease();
            }
        }
    }
}
