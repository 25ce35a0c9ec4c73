using CodeMode.Mcp.Clients;
using CodeMode.Testing;

namespace CodeMode.Mcp.Tests;

public sealed class McpPlaceholderResolverTests
{
    [Fact]
    public void TryResolve_VariableSet_ReplacesThePlaceholder()
    {
        var resolver = new McpPlaceholderResolver(name => name == "TOKEN" ? "s3cret" : null);

        Assert.True(resolver.TryResolve("automem", "Bearer ${TOKEN}!", out var resolved, out _));
        Assert.Equal("Bearer s3cret!", resolved);
    }

    [Fact]
    public void TryResolve_OnlyFileVariableSet_ReadsTheFileWithoutItsNewline()
    {
        using var directory = new TempDirectory();
        var file = directory.Write("token", "from-file\n");
        var resolver = new McpPlaceholderResolver(name => name == "TOKEN_FILE" ? file : null);

        Assert.True(resolver.TryResolve("automem", "${TOKEN}", out var resolved, out _));
        Assert.Equal("from-file", resolved);
    }

    [Fact]
    public void TryResolve_VariableMissing_NamesServerAndVariable()
    {
        var resolver = new McpPlaceholderResolver(_ => null);

        Assert.False(resolver.TryResolve("helpscout", "${HELPSCOUT_APP_SECRET}", out _, out var error));
        Assert.Contains("'helpscout'", error);
        Assert.Contains("HELPSCOUT_APP_SECRET", error);
    }

    [Fact]
    public void TryResolve_NoPlaceholder_KeepsTheText()
    {
        var resolver = new McpPlaceholderResolver(_ => throw new InvalidOperationException("not looked up"));

        Assert.True(resolver.TryResolve("s", "plain $ text {}", out var resolved, out _));
        Assert.Equal("plain $ text {}", resolved);
    }
}
