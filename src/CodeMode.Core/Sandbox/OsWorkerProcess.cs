using System.ComponentModel;
using System.Diagnostics;

namespace CodeMode.Core.Sandbox;

/// <summary>A real worker process started from <see cref="WorkerLaunch"/>.</summary>
internal sealed class OsWorkerProcess : IWorkerProcess
{
    private readonly Process _process;

    private OsWorkerProcess(Process process)
    {
        _process = process;
        Id = process.Id;
        Exited = process.WaitForExitAsync();
    }

    public int Id { get; }

    public Stream Input => _process.StandardInput.BaseStream;

    public Stream Output => _process.StandardOutput.BaseStream;

    public Stream Error => _process.StandardError.BaseStream;

    public Task Exited { get; }

    public int ExitCode => _process.ExitCode;

    public static OsWorkerProcess Start(WorkerLaunch launch, bool configureFirst = false) =>
        new(Process.Start(launch.CreateStartInfo(configureFirst)) ?? throw new InvalidOperationException("The sandbox worker process did not start."));

    public void Kill()
    {
        if (ProcessGroupKill.TryKill(Id))
        {
            return;
        }

        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (Exception ex) when (ex is InvalidOperationException or Win32Exception or NotSupportedException)
        {
            // Exited (or disposed) already.
        }
    }

    public void Dispose() => _process.Dispose();
}
