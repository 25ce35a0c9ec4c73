namespace CodeMode.Core.Tests.Configuration;

/// <summary>Server names become globals in the sandbox, so they must be usable, unshadowing identifiers.</summary>
public sealed class ServerNameRulesTests
{
    private static string WithServerNamed(string name) =>
        ConfigJson.With(($"mcpServers.{name}", """{ "command": "npx" }"""));

    [Theory]
    [InlineData("help-scout", "mcpServers[\"help-scout\"]")]
    [InlineData("9lives", "mcpServers[\"9lives\"]")]
    [InlineData("my server", "mcpServers[\"my server\"]")]
    public void NotAnIdentifier_IsRejected(string name, string path)
    {
        var error = ConfigJson.SingleError(WithServerNamed(name), path, "letters, digits and _");

        Assert.Contains("global", error.Message);
    }

    [Theory]
    [InlineData("console")]
    [InlineData("JSON")]
    [InlineData("json")]
    [InlineData("Math")]
    [InlineData("Object")]
    [InlineData("Console")]
    public void SandboxGlobal_IsRejected(string name)
    {
        var error = ConfigJson.SingleError(WithServerNamed(name), $"mcpServers.{name}", $"\"{name}_server\"");

        Assert.Contains("shadow", error.Message);
    }

    [Theory]
    [InlineData("default")]
    [InlineData("class")]
    [InlineData("string")]
    public void Keyword_IsRejected(string name)
    {
        ConfigJson.SingleError(WithServerNamed(name), $"mcpServers.{name}", "rename it");
    }

    [Fact]
    public void DoubleUnderscorePrefix_IsRejected()
    {
        ConfigJson.SingleError(WithServerNamed("__budget"), "mcpServers.__budget", "without the leading \"__\"");
    }

    [Fact]
    public void NamesDifferingOnlyInCase_AreRejected()
    {
        var error = ConfigJson.SingleError(WithServerNamed("AutoMem"), "mcpServers.AutoMem", "rename one of them");

        Assert.Contains("\"automem\"", error.Message);
    }

    [Fact]
    public void OrdinaryNames_AreAccepted()
    {
        ConfigJson.Load(ConfigJson.With(("mcpServers.github_2", """{ "command": "npx" }"""), ("mcpServers._local", """{ "command": "node" }""")));
    }
}
