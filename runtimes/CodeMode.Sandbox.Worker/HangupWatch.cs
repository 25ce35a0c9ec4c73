using CodeMode.Abstractions.Sandbox;

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
        // A hang-up, an error or an invalid descriptor all mean the channel is unusable; 0 cannot come without a timeout.
        while (UnixPoll.Wait(fd, events: 0, timeoutMs: -1) == 0)
        {
        }

        onHangup();
    }
}
