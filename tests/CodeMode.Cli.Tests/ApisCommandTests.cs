using CodeMode.Testing;

namespace CodeMode.Cli.Tests;

public sealed class ApisCommandTests
{
    private static async Task<(int Exit, string Out, string Err)> InvokeAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = await CodeModeCli.InvokeAsync([.. args, "--config", RepositoryPaths.RuntimesJson], stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public async Task Apis_Default_PrintsTypeScriptForEveryServerAndExits0()
    {
        var (exit, stdout, stderr) = await InvokeAsync("apis");

        Assert.True(exit == 0, stderr);
        Assert.Contains("declare const automem: {", stdout);
        Assert.Contains("declare const serena: {", stdout);
        Assert.Contains("declare const helpscout: {", stdout);
    }

    [Fact]
    public async Task Apis_LangCsOneServerFull_PrintsThatServersCSharpWithDocs()
    {
        var (exit, stdout, stderr) = await InvokeAsync("apis", "--lang", "cs", "--server", "helpscout", "--full");

        Assert.True(exit == 0, stderr);
        Assert.Contains("public static class helpscout", stdout);
        Assert.Contains("string? tag, // Tag name.", stdout);
        Assert.DoesNotContain("automem", stdout);
    }

    [Theory]
    [InlineData("--lang", "cobol", "CM6009")]
    [InlineData("--server", "nope", "CM6010")]
    public async Task Apis_BadOption_ExitsWithUsageErrorAndCode(string option, string value, string code)
    {
        var (exit, stdout, stderr) = await InvokeAsync("apis", option, value);

        Assert.Equal(ExitCodes.UsageError, exit);
        Assert.Empty(stdout);
        Assert.Contains(code, stderr);
    }
}
