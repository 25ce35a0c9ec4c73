using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;

namespace CodeMode.Benchmarks;

/// <summary>A `codemode serve --offline` child process on a free loopback port.</summary>
internal sealed class ServeProcess : IAsyncDisposable
{
    private readonly Process _process;

    private ServeProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public int ProcessId => _process.Id;

    public static async Task<ServeProcess> StartAsync(string configPath)
    {
        int port;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }

        var baseAddress = new Uri($"http://127.0.0.1:{port}");
        var info = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "codemode.dll"), "serve", "--offline", "--urls", $"http://127.0.0.1:{port}", "--config", configPath })
        {
            info.ArgumentList.Add(arg);
        }

        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine("[serve] " + e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var client = new HttpClient { BaseAddress = baseAddress };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                if ((await client.GetAsync("/health")).IsSuccessStatusCode)
                {
                    return new ServeProcess(process, baseAddress);
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(100);
        }

        process.Kill(entireProcessTree: true);
        throw new TimeoutException("codemode serve did not become healthy in 60 s");
    }

    /// <summary>
    /// Waits until no pool has a worker still starting. `serve` is healthy once each pool has one worker; the rest warm
    /// up afterwards (a csharp worker for seconds), and measuring meanwhile would time the neighbour, not the path.
    /// </summary>
    public async Task WaitForAllWorkersAsync()
    {
        using var client = new HttpClient { BaseAddress = BaseAddress };
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (DateTime.UtcNow < deadline)
        {
            var health = await client.GetFromJsonAsync<JsonElement>("/health");
            if (health.GetProperty("runtimes").EnumerateObject().All(pool => pool.Value.GetProperty("starting").GetInt32() == 0))
            {
                return;
            }

            await Task.Delay(200);
        }

        throw new TimeoutException("codemode serve still had workers starting after 120 s");
    }

    /// <summary>
    /// Waits until the worker processes have stopped using the CPU (under a tenth of a core over half a second), at most
    /// a minute, and returns how long that took. A csharp worker reports ready and then its JIT goes on recompiling
    /// Roslyn's hot code for seconds: measuring the javascript path meanwhile would time that neighbour.
    /// </summary>
    public async Task<TimeSpan> WaitForWorkersQuietAsync()
    {
        const long QuietTicks = 5; // of 10 ms each (USER_HZ), per 500 ms
        var started = Stopwatch.GetTimestamp();
        var last = WorkerCpuTicks();
        while (Stopwatch.GetElapsedTime(started) < TimeSpan.FromMinutes(1))
        {
            await Task.Delay(500);
            var now = WorkerCpuTicks();
            if (now - last <= QuietTicks)
            {
                break;
            }

            last = now;
        }

        return Stopwatch.GetElapsedTime(started);
    }

    // User and system CPU time of the serve process's children, from /proc/PID/stat.
    private long WorkerCpuTicks()
    {
        long total = 0;
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            string stat;
            try
            {
                stat = File.ReadAllText(Path.Combine(directory, "stat"));
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                continue; // not a process, or it just exited
            }

            // After the command name in parentheses: state ppid ... utime (12th) stime (13th).
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            if (fields.Length > 12 && int.TryParse(fields[1], out var parent) && parent == _process.Id)
            {
                total += long.Parse(fields[11]) + long.Parse(fields[12]);
            }
        }

        return total;
    }

    /// <summary>Resident memory of the serve process (the host, not its workers), from /proc.</summary>
    public long HostRssBytes()
    {
        foreach (var line in File.ReadLines($"/proc/{_process.Id}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) * 1024;
            }
        }

        return -1;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
