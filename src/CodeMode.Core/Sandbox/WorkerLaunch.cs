using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace CodeMode.Core.Sandbox;

/// <summary>How a worker process is started: the dotnet muxer of the running runtime, a neutral directory, and an
/// environment that holds nothing but the GC settings — no secrets, no PATH.</summary>
internal sealed class WorkerLaunch
{
    public const string WorkerAssemblyName = "CodeMode.Sandbox.Worker.dll";

    /// <summary>Tells the worker which runtime to build (the sandbox worker's Program reads it).</summary>
    public const string WorkerLanguageVariable = "CODEMODE_WORKER_LANGUAGE";

    /// <summary>Room for the .NET runtime and the script engine on top of what scripts may use.</summary>
    public const long RuntimeHeadroomBytes = 64L * 1024 * 1024;

    private readonly string _muxer;
    private readonly string _workerPath;
    private readonly string _heapHardLimit;
    private readonly string _language;

    public WorkerLaunch(SandboxPoolOptions options)
    {
        _workerPath = Path.GetFullPath(options.WorkerPath ?? Path.Combine(AppContext.BaseDirectory, WorkerAssemblyName));
        _muxer = FindDotnetMuxer();
        _heapHardLimit = "0x" + HeapHardLimit(options.MemoryLimitBytes).ToString("x", CultureInfo.InvariantCulture);
        _language = options.Language;
    }

    public string WorkerPath => _workerPath;

    /// <summary>Twice the script limit (one allocation step may overshoot the runtime's check by as much again) plus headroom.</summary>
    public static long HeapHardLimit(long memoryLimitBytes) => checked((2 * memoryLimitBytes) + RuntimeHeadroomBytes);

    /// <summary>Tells the worker that the host sends its catalog as the first frame (the worker's WorkerHost reads it).</summary>
    public const string ConfigureFirstVariable = "CODEMODE_WORKER_CONFIGURE_FIRST";

    public ProcessStartInfo CreateStartInfo() => CreateStartInfo(configureFirst: false);

    /// <param name="configureFirst">The host sends a configure before anything else; the worker prepares its proxies before ready.</param>
    public ProcessStartInfo CreateStartInfo(bool configureFirst)
    {
        if (!File.Exists(_workerPath))
        {
            throw new FileNotFoundException($"The sandbox worker was not found at '{_workerPath}'.", _workerPath);
        }

        var startInfo = new ProcessStartInfo(_muxer)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            CreateNoWindow = true,
            WorkingDirectory = Path.GetTempPath(),
        };
        startInfo.ArgumentList.Add("exec");
        startInfo.ArgumentList.Add(_workerPath);

        // Nothing of the host's environment: secrets resolved from it must never reach untrusted code.
        startInfo.Environment.Clear();
        startInfo.Environment["DOTNET_GCHeapHardLimit"] = _heapHardLimit;
        startInfo.Environment["DOTNET_gcServer"] = "0";
        startInfo.Environment["DOTNET_gcConcurrent"] = "0";

        // The worker builds and warms only this pool's runtime: Roslyn's warm-up has no place in a javascript worker.
        startInfo.Environment[WorkerLanguageVariable] = _language;
        if (configureFirst)
        {
            startInfo.Environment[ConfigureFirstVariable] = "1";
        }

        // No diagnostics IPC endpoint (debugger, EventPipe, dumps) for another process to attach to; starts faster too.
        startInfo.Environment["DOTNET_EnableDiagnostics"] = "0";
        startInfo.Environment["DOTNET_TieredPGO"] = "0";
        return startInfo;
    }

    // The muxer that runs this host, never one found through PATH.
    private static string FindDotnetMuxer()
    {
        var name = OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet";
        if (Environment.ProcessPath is { } current && string.Equals(Path.GetFileName(current), name, StringComparison.OrdinalIgnoreCase))
        {
            return current;
        }

        // <root>/shared/Microsoft.NETCore.App/<version>/ → <root>/dotnet
        var runtimeDirectory = RuntimeEnvironment.GetRuntimeDirectory();
        var root = Path.GetFullPath(Path.Combine(runtimeDirectory, "..", "..", ".."));
        var muxer = Path.Combine(root, name);
        return File.Exists(muxer)
            ? muxer
            : throw new InvalidOperationException(
                $"No dotnet muxer at '{muxer}' (runtime directory '{runtimeDirectory}'); a self-contained host cannot start sandbox workers.");
    }
}
