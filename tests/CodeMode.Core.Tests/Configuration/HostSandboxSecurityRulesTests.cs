namespace CodeMode.Core.Tests.Configuration;

/// <summary>The <c>server</c>, <c>sandbox</c> and <c>security</c> sections.</summary>
public sealed class HostSandboxSecurityRulesTests
{
    [Theory]
    [InlineData("server.maxCodeBytes", "0", "bytes from 1 to 16777216 (16MB)")]
    [InlineData("server.maxCodeBytes", "16777217", "bytes from 1 to 16777216 (16MB)")]
    [InlineData("sandbox.poolSize", "0", "workers from 1 to 64, e.g. 2")]
    [InlineData("sandbox.poolSize", "65", "workers from 1 to 64")]
    [InlineData("sandbox.maxQueuedExecutions", "-1", "executions from 0 to 100000")]
    [InlineData("sandbox.maxQueuedExecutions", "100001", "executions from 0 to 100000")]
    [InlineData("sandbox.workerStartTimeoutMs", "99", "milliseconds from 100 to 120000")]
    [InlineData("sandbox.workerStartTimeoutMs", "120001", "milliseconds from 100 to 120000")]
    [InlineData("sandbox.killGraceMs", "0", "milliseconds from 1 to 5000")]
    [InlineData("sandbox.killGraceMs", "5001", "milliseconds from 1 to 5000")]
    [InlineData("security.maxPayloadBytes", "0", "bytes from 1 to 67108864 (64MB)")]
    [InlineData("security.maxPayloadBytes", "67108865", "bytes from 1 to 67108864 (64MB)")]
    public void Setting_OutOfRange_IsRejectedWithTheRange(string path, string value, string fix)
    {
        ConfigJson.SingleError(ConfigJson.With((path, value)), path, fix);
    }

    [Theory]
    [InlineData("sandbox.maxQueuedExecutions", "0")]
    [InlineData("sandbox.workerStartTimeoutMs", "100")]
    [InlineData("sandbox.killGraceMs", "5000")]
    [InlineData("sandbox.poolSize", "64")]
    [InlineData("server.maxCodeBytes", "16777216")]
    [InlineData("security.maxPayloadBytes", "67108864")]
    public void Setting_AtTheBoundOfItsRange_IsAccepted(string path, string value)
    {
        ConfigJson.Load(ConfigJson.With((path, value)));
    }

    [Theory]
    [InlineData("http://127.0.0.1:5199")]
    [InlineData("https://localhost:5443")]
    [InlineData("http://*:5199")]
    [InlineData("http://+:5199")]
    [InlineData("http://[::1]:5199")]
    [InlineData("http://127.0.0.1:5199/")]
    [InlineData("http://127.0.0.1:5199;https://127.0.0.1:5443")]
    public void Urls_Valid_AreAccepted(string urls)
    {
        ConfigJson.Load(ConfigJson.With(("server.urls", $"\"{urls}\"")));
    }

    [Theory]
    [InlineData("", "nowhere to listen")]
    [InlineData("127.0.0.1:5199", "not an absolute http")]
    [InlineData("ftp://127.0.0.1:21", "not an absolute http")]
    [InlineData("http://127.0.0.1:5199/api", "path")]
    [InlineData("http://127.0.0.1:5199;", "empty entry")]
    public void Urls_Invalid_AreRejected(string urls, string problem)
    {
        var error = ConfigJson.SingleError(ConfigJson.With(("server.urls", $"\"{urls}\"")), "server.urls", "e.g. \"http://127.0.0.1:5199\"");

        Assert.Contains(problem, error.Message);
    }

    [Fact]
    public void Urls_SeveralInvalid_AreEachReported()
    {
        var errors = ConfigJson.Errors(ConfigJson.With(("server.urls", "\"localhost;ftp://x\"")));

        Assert.Equal(2, errors.Count);
        Assert.All(errors, e => Assert.Equal("server.urls", e.Path));
    }
}
