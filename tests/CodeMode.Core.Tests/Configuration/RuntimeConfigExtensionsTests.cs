using CodeMode.Core.Configuration;

namespace CodeMode.Core.Tests.Configuration;

public sealed class RuntimeConfigExtensionsTests
{
    [Fact]
    public void ToExecutionLimits_MapsEveryLimit()
    {
        var runtime = new RuntimeConfig
        {
            Language = "javascript",
            Engine = "jint",
            Timeout = 7_000,
            MemoryLimit = "1.5GB",
            MaxStatements = 20_000_000_000,
            MaxRecursion = 300,
            MaxOutputBytes = 4096,
            MaxToolCalls = 12,
        };

        var limits = runtime.ToExecutionLimits();

        Assert.Equal(7_000, limits.TimeoutMs);
        Assert.Equal(1536L * 1024 * 1024, limits.MemoryLimitBytes);
        Assert.Equal(20_000_000_000, limits.MaxStatements);
        Assert.Equal(300, limits.MaxRecursion);
        Assert.Equal(4096, limits.MaxOutputBytes);
        Assert.Equal(12, limits.MaxToolCalls);
    }

    [Fact]
    public void ToExecutionLimits_UnparsableMemoryLimit_Throws()
    {
        var runtime = new RuntimeConfig { MemoryLimit = "lots" };

        var exception = Assert.Throws<InvalidOperationException>(() => runtime.ToExecutionLimits());

        Assert.Contains("RuntimesJsonLoader", exception.Message);
    }
}
