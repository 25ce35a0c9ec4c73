using CodeMode.Core.Configuration;

namespace CodeMode.Core.Tests.Configuration;

public sealed class MemorySizeTests
{
    [Theory]
    [InlineData("64MB", 64L * 1024 * 1024)]
    [InlineData("64mb", 64L * 1024 * 1024)]
    [InlineData("64 MB", 64L * 1024 * 1024)]
    [InlineData(" 512KB ", 512L * 1024)]
    [InlineData("1GB", 1024L * 1024 * 1024)]
    [InlineData("1.5GB", 1536L * 1024 * 1024)]
    [InlineData("8GB", 8L * 1024 * 1024 * 1024)]
    [InlineData("100B", 100)]
    [InlineData("100b", 100)]
    [InlineData("1048576", 1048576)]
    [InlineData("0", 0)]
    [InlineData("1.1KB", 1126)]
    public void TryParse_ValidSize_ReturnsBytes(string text, long expected)
    {
        Assert.True(MemorySize.TryParse(text, out var bytes));
        Assert.Equal(expected, bytes);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("MB")]
    [InlineData("-64MB")]
    [InlineData("+64MB")]
    [InlineData("64 M")]
    [InlineData("64MiB")]
    [InlineData("64TB")]
    [InlineData("1e6")]
    [InlineData("1,024")]
    [InlineData(".5GB")]
    [InlineData("5.GB")]
    [InlineData("1.2.3MB")]
    [InlineData("10.5")]
    [InlineData("10.5B")]
    [InlineData("64 MB extra")]
    [InlineData("99999999999999999999GB")]
    [InlineData("123456789012345678901234567890123")]
    public void TryParse_NotASize_ReturnsFalse(string? text)
    {
        Assert.False(MemorySize.TryParse(text, out var bytes));
        Assert.Equal(0, bytes);
    }

    [Theory]
    [InlineData(64L * 1024 * 1024, "64MB")]
    [InlineData(1536L * 1024 * 1024, "1.5GB")]
    [InlineData(16L * 1024 * 1024, "16MB")]
    [InlineData(512L * 1024, "512KB")]
    [InlineData(1000, "1000B")]
    [InlineData(0, "0B")]
    public void Format_GivesTheShortestExactForm(long bytes, string expected)
    {
        Assert.Equal(expected, MemorySize.Format(bytes));
        Assert.True(MemorySize.TryParse(expected, out var roundTrip));
        Assert.Equal(bytes, roundTrip);
    }
}
