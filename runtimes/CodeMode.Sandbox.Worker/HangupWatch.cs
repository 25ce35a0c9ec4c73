using System.Runtime.InteropServices;

namespace CodeMode.Sandbox.Worker;

/// <summary>
/// Notices the host closing the worker's stdin while a script is running, when nobody reads the channel. It waits
/// in poll(2) for POLLHUP only (no events requested), so arriving frames never wake it: it costs nothing per call.
/// </summary>
internal static class HangupWatch
{
    /// <summary>Starts a small background thread that calls <paramref name="onHangup"/> once the writer of <paramref name="fd"/> is gone.</summary>
    public static void Start(int fd, Action onHangup)
    {
        var thread = new Thread(() => Watch(fd, onHangup), maxStackSize: 128 * 1024)
        {
            IsBackground = true,
            Name = "CodeMode worker hang-up watch",
        };
        thread.Start();
    }

    private static void Watch(int fd, Action onHangup)
    {
        var entry = new PollFd { Fd = fd, Events = 0 };
        while (true)
        {
            var ready = Poll(ref entry, 1, -1);
            if (ready < 0 && Marshal.GetLastPInvokeError() == 4)
            {
                continue; // EINTR
            }

            // A hang-up, an error or an invalid descriptor all mean the channel is unusable.
            if (ready < 0 || entry.Revents != 0)
            {
                onHangup();
                return;
            }
        }
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct PollFd
    {
        public int Fd;
        public short Events;
        public short Revents;
    }

    [DllImport("libc", EntryPoint = "poll", SetLastError = true)]
    private static extern int Poll(ref PollFd fds, nuint count, int timeoutMs);
}
