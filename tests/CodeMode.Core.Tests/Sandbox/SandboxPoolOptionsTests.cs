using CodeMode.Core.Sandbox;
using Microsoft.Extensions.Logging.Abstractions;
using static CodeMode.Core.Tests.Sandbox.SandboxTestData;

namespace CodeMode.Core.Tests.Sandbox;

public sealed class SandboxPoolOptionsTests
{
    public static TheoryData<string, SandboxPoolOptions> InvalidOptions => new()
    {
        { "options.MemoryLimitBytes", Valid with { MemoryLimitBytes = 0 } },
        { "options.PoolSize", Valid with { PoolSize = 0 } },
        { "options.MaxQueuedExecutions", Valid with { MaxQueuedExecutions = -1 } },
        { "options.WorkerStartTimeout", Valid with { WorkerStartTimeout = TimeSpan.Zero } },
        { "options.KillGrace", Valid with { KillGrace = TimeSpan.FromMilliseconds(-1) } },
    };

    private static SandboxPoolOptions Valid => new() { Language = Language, MemoryLimitBytes = MemoryLimitBytes };

    [Fact]
    public void Defaults_MatchTheSandboxSettings()
    {
        var settings = new CodeMode.Core.Configuration.SandboxSettings();

        Assert.Equal(settings.PoolSize, Valid.PoolSize);
        Assert.Equal(settings.MaxQueuedExecutions, Valid.MaxQueuedExecutions);
        Assert.Equal(TimeSpan.FromMilliseconds(settings.WorkerStartTimeoutMs), Valid.WorkerStartTimeout);
        Assert.Equal(TimeSpan.FromMilliseconds(settings.KillGraceMs), Valid.KillGrace);
        Assert.Null(Valid.WorkerPath);
    }

    [Theory]
    [MemberData(nameof(InvalidOptions))]
    public void Constructor_InvalidOption_ThrowsNamingIt(string parameter, SandboxPoolOptions options)
    {
        var error = Assert.ThrowsAny<ArgumentException>(() => new SandboxWorkerPool(options, NullLogger<SandboxWorkerPool>.Instance));

        Assert.Equal(parameter, error.ParamName);
    }
}
