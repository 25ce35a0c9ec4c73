using CodeMode.Core.Sandbox;
using static CodeMode.Core.Tests.Sandbox.SandboxTestData;

namespace CodeMode.Core.Tests.Sandbox;

public sealed class WorkerLaunchTests
{
    [Theory]
    [InlineData(32L * 1024 * 1024, "0x8000000")]
    [InlineData(64L * 1024 * 1024, "0xc000000")]
    [InlineData(256L * 1024 * 1024, "0x24000000")]
    public void CreateStartInfo_HeapCeilingIsTwiceTheLimitPlusHeadroomInHex(long memoryLimitBytes, string expected)
    {
        var startInfo = new WorkerLaunch(Options(memoryLimitBytes)).CreateStartInfo();

        Assert.Equal(expected, startInfo.Environment["DOTNET_GCHeapHardLimit"]);
    }

    [Fact]
    public void CreateStartInfo_UsesTheRunningMuxerAnEmptyEnvironmentAndANeutralDirectory()
    {
        var startInfo = new WorkerLaunch(Options(MemoryLimitBytes)).CreateStartInfo();

        Assert.True(Path.IsPathFullyQualified(startInfo.FileName));
        Assert.Equal(OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet", Path.GetFileName(startInfo.FileName));
        Assert.True(File.Exists(startInfo.FileName));
        Assert.Equal(["exec", Path.Combine(AppContext.BaseDirectory, WorkerLaunch.WorkerAssemblyName)], startInfo.ArgumentList);
        Assert.Equal(Path.GetTempPath(), startInfo.WorkingDirectory);
        Assert.False(startInfo.UseShellExecute);
        Assert.True(startInfo.RedirectStandardInput && startInfo.RedirectStandardOutput && startInfo.RedirectStandardError);
        Assert.Equal(
            [WorkerLaunch.WorkerLanguageVariable, "DOTNET_EnableDiagnostics", "DOTNET_GCHeapHardLimit", "DOTNET_TieredPGO", "DOTNET_gcConcurrent", "DOTNET_gcServer"],
            startInfo.Environment.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("0", startInfo.Environment["DOTNET_gcServer"]);
        Assert.Equal("0", startInfo.Environment["DOTNET_gcConcurrent"]);
    }

    [Fact]
    public void CreateStartInfo_MissingWorker_ThrowsFileNotFound()
    {
        var launch = new WorkerLaunch(Options(MemoryLimitBytes) with { WorkerPath = "/nonexistent/CodeMode.Sandbox.Worker.dll" });

        Assert.Throws<FileNotFoundException>(launch.CreateStartInfo);
    }

    private static SandboxPoolOptions Options(long memoryLimitBytes) => new() { Language = Language, MemoryLimitBytes = memoryLimitBytes };
}
