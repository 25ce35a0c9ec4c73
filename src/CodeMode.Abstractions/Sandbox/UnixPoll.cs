using System.Runtime.InteropServices;

namespace CodeMode.Abstractions.Sandbox;

/// <summary>poll(2) on one descriptor, for the worker channel's pipes (Linux and macOS only).</summary>
public static class UnixPoll
{
    /// <summary>Data to read (POLLIN).</summary>
    public const short ReadableEvent = 0x1;

    private const int Interrupted = 4; // EINTR

    /// <summary>
    /// Polls <paramref name="fd"/> for <paramref name="events"/>: the returned events (POLLHUP and POLLERR are always
    /// reported), 0 when the timeout passed, or -1 when the call failed for any reason but an interrupt, which retries.
    /// </summary>
    /// <param name="timeoutMs">0 to only look; -1 to wait for as long as it takes.</param>
    public static int Wait(int fd, short events, int timeoutMs)
    {
        var entry = new PollFd { Fd = fd, Events = events };
        while (true)
        {
            var ready = Poll(ref entry, 1, timeoutMs);
            if (ready < 0 && Marshal.GetLastPInvokeError() == Interrupted)
            {
                continue;
            }

            return ready < 0 ? -1 : entry.Revents;
        }
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct PollFd
    {
        public int Fd;
        public short Events;
        public short Revents;
    }

    // DllImport rather than LibraryImport: the generated marshalling would need unsafe code.
    [DllImport("libc", EntryPoint = "poll", SetLastError = true)]
    private static extern int Poll(ref PollFd fds, nuint count, int timeoutMs);
}
