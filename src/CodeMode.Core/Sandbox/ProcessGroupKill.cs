using System.Runtime.InteropServices;

namespace CodeMode.Core.Sandbox;

/// <summary>
/// Kills a worker's process group (the worker makes itself its leader at start) with one system call. The caller
/// falls back to killing the process tree when this does not apply (another OS, or a worker that has not yet
/// become a group leader).
/// </summary>
internal static class ProcessGroupKill
{
    private const int SigKill = 9;

    public static bool TryKill(int processId)
    {
        if (!(OperatingSystem.IsLinux() || OperatingSystem.IsMacOS()) || processId <= 0)
        {
            return false;
        }

        // Only a group the worker leads: otherwise -pid could name some other group (or ours).
        return GetProcessGroup(processId) == processId && Kill(-processId, SigKill) == 0;
    }

    [DllImport("libc", EntryPoint = "getpgid", SetLastError = true)]
    private static extern int GetProcessGroup(int pid);

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
