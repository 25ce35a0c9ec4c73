namespace CodeMode.McpBenchmarks;

/// <summary>Latency samples in milliseconds.</summary>
internal sealed class Samples
{
    private readonly List<double> _values = [];

    public void Add(double milliseconds) => _values.Add(milliseconds);

    public double Median => P(50);

    public double P(int percentile)
    {
        var sorted = _values.Order().ToArray();
        return sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(percentile / 100.0 * sorted.Length) - 1)];
    }
}
