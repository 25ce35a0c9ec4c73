using System.Globalization;

namespace CodeMode.Benchmarks;

/// <summary>
/// How busy the machine was while a scenario ran: the load average, and the share of CPU time the hypervisor gave to
/// other guests (steal) or that was left idle, from /proc/stat. A latency tail means little without these.
/// </summary>
internal sealed class MachineLoad
{
    private readonly long[] _before = ReadCpuTicks();
    private readonly string _loadBefore = LoadAverage();

    public string Describe()
    {
        var after = ReadCpuTicks();
        if (_before.Length < 8 || after.Length < 8)
        {
            return $"load {_loadBefore} → {LoadAverage()}";
        }

        var delta = after.Zip(_before, (a, b) => a - b).ToArray();
        var total = Math.Max(1, delta.Sum());
        // /proc/stat cpu columns: user nice system idle iowait irq softirq steal ...
        return string.Create(CultureInfo.InvariantCulture, $"load {_loadBefore} → {LoadAverage()}, CPU idle {100.0 * delta[3] / total:F0}%, steal {100.0 * delta[7] / total:F1}%");
    }

    private static long[] ReadCpuTicks()
    {
        try
        {
            var line = File.ReadLines("/proc/stat").First();
            return line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Take(8).Select(long.Parse).ToArray();
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or FormatException)
        {
            return [];
        }
    }

    private static string LoadAverage()
    {
        try
        {
            return File.ReadAllText("/proc/loadavg").Split(' ')[0];
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return "?";
        }
    }
}
