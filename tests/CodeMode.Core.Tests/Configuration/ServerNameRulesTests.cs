namespace CodeMode.Core.Tests.Configuration;

/// <summary>Server names become globals in the sandbox: sanitised to identifiers, which must be usable, unshadowing and unique.</summary>
public sealed class ServerNameRulesTests
{
    private static string WithServerNamed(string name) =>
        ConfigJson.With(($"mcpServers.{name}", """{ "command": "npx" }"""));

    [Theory]
    [InlineData("help-scout", "help_scout")]
    [InlineData("9lives", "_9lives")]
    [InlineData("my server", "my_server")]
    public void NotAnIdentifier_IsSanitisedIntoTheNameScriptsUse(string name, string identifier)
    {
        var json = ConfigJson.With(($"mcpServers.{name}", """{ "command": "npx" }"""), ("runtimes.javascript.servers", $"[\"automem\", \"{name}\"]"));

        var config = ConfigJson.Load(json);

        Assert.Equal(["automem", identifier], config.McpServers.Keys);
        Assert.Equal(["automem", identifier], config.Runtimes["javascript"].Servers);
    }

    [Fact]
    public void RuntimeServers_MayNameASanitisedServerByItsIdentifier()
    {
        var json = ConfigJson.With(("mcpServers.brave-search", """{ "command": "npx" }"""), ("runtimes.javascript.servers", """["brave_search"]"""));

        Assert.Equal(["brave_search"], ConfigJson.Load(json).Runtimes["javascript"].Servers);
    }

    [Fact]
    public void RuntimeServers_ListingOneServerInBothSpellings_ListItOnce()
    {
        var json = ConfigJson.With(("mcpServers.brave-search", """{ "command": "npx" }"""), ("runtimes.javascript.servers", """["brave-search", "brave_search"]"""));

        Assert.Equal(["brave_search"], ConfigJson.Load(json).Runtimes["javascript"].Servers);
    }

    [Fact]
    public void TwoNamesBecomingTheSameIdentifier_AreRejectedAtTheSecond()
    {
        var json = ConfigJson.With(("mcpServers.my_server", """{ "command": "npx" }"""), ("mcpServers.my-server", """{ "command": "node" }"""));

        var error = ConfigJson.SingleError(json, "mcpServers[\"my-server\"]", "rename one of them");

        Assert.Contains("both become the identifier \"my_server\"", error.Message);
    }

    [Fact]
    public void NameWithoutLetterOrDigit_IsRejected()
    {
        var error = ConfigJson.SingleError(WithServerNamed("--"), "mcpServers[\"--\"]", "letters, digits and _");

        Assert.Contains("global", error.Message);
    }

    [Fact]
    public void SanitisedNameThatIsReserved_IsRejectedShowingWhatItBecomes()
    {
        var error = ConfigJson.SingleError(WithServerNamed("-_budget"), "mcpServers[\"-_budget\"]", "without the leading \"__\"");

        Assert.Contains("(\"__budget\" in scripts)", error.Message);
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
