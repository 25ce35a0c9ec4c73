using System.Runtime.InteropServices;

namespace CodeMode.Sandbox.Worker;

/// <summary>
/// Makes the worker the leader of its own process group, so the host can end it and anything it might have
/// started with one <c>kill(-pgid, SIGKILL)</c> — a single system call, where walking the process tree means
/// scanning every process on the machine (tens of milliseconds on a busy host).
/// </summary>
internal static class ProcessGroup
{
    public static void BecomeLeader()
    {
        if (OperatingSystem.IsLinux() || OperatingSystem.IsMacOS())
        {
            // Failure only costs speed: the host falls back to killing the process tree.
            _ = SetProcessGroup(0, 0);
        }
    }

    [DllImport("libc", EntryPoint = "setpgid", SetLastError = true)]
    private static extern int SetProcessGroup(int pid, int pgid);
}
