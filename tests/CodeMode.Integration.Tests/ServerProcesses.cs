namespace CodeMode.Integration.Tests;

/// <summary>Finds the stdio servers the host started, by their working directory (a per-test temp dir), to kill them.</summary>
internal static class ServerProcesses
{
    public static void KillAllIn(string workingDirectory)
    {
        var killed = 0;
        foreach (var entry in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(entry), out var pid))
            {
                continue;
            }

            try
            {
                var cwd = new DirectoryInfo(Path.Combine(entry, "cwd")).ResolveLinkTarget(returnFinalTarget: false)?.FullName;
                if (string.Equals(cwd?.TrimEnd('/'), workingDirectory.TrimEnd('/'), StringComparison.Ordinal))
                {
                    using var process = System.Diagnostics.Process.GetProcessById(pid);
                    process.Kill();
                    process.WaitForExit(5000);
                    killed++;
                }
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or ArgumentException or InvalidOperationException)
            {
                // Gone already, or not ours to read.
            }
        }

        Assert.True(killed > 0, $"no server process runs in {workingDirectory}");
    }
}
