using System.Text.RegularExpressions;
using CodeMode.Abstractions.Sandbox;
using CodeMode.Mcp.Apis;
using CodeMode.Mocks;
using CodeMode.Runtimes.CSharp.Proxies;

namespace CodeMode.Runtimes.CSharp.Tests;

/// <summary>
/// The proxies a csharp script calls have exactly the signatures `codemode apis --lang cs` shows agents. The runtime
/// may not reference CodeMode.Mcp, so its naming and type rules are a copy; this test keeps the two in step.
/// </summary>
public sealed partial class ProxySignatureTests
{
    [Fact]
    public void EveryMockTool_HasTheDeclaredSignature()
    {
        var catalog = new MockToolCatalog(MockServerRegistry.CreateDefault());
        var declarations = new ApiDeclarationGenerator(catalog).Generate(ApiLanguage.CSharp).Text;
        var servers = catalog.Servers
            .Select(server => new ProxyServer(
                server,
                [.. catalog.GetTools(server).Select(t => t.Name)],
                [.. catalog.GetTools(server).Select(t => new ProxyToolSchema(t.Name, t.InputSchema, t.OutputSchema))]))
            .ToList();
        var source = ProxySourceWriter.Write(servers, typed: true, []);

        var declared = DeclaredMethod().Matches(declarations)
            .Select(m => Normalize($"Task<{(m.Groups[1].Success ? m.Groups[1].Value : "JsonNode?")}> {m.Groups[2].Value.TrimEnd(';')}"))
            .ToList();
        var generated = GeneratedMethod().Matches(source).Select(m => Normalize(m.Groups[1].Value)).ToHashSet();

        Assert.True(declared.Count > 40, $"only {declared.Count} declared methods were found");
        Assert.All(declared, signature => Assert.Contains(signature, generated));
    }

    // The declarations add an enum's members as a comment and leave out the "= null" of optional parameters (their
    // header says a ? parameter may be left out); the proxies need the default to be callable that way. The brief
    // listing also leaves out Task<JsonNode?> of untyped tools (its header says so), restored above.
    private static string Normalize(string signature) =>
        Regex.Replace(signature, @"\s*/\*.*?\*/| = null", string.Empty).Trim();

    [GeneratedRegex(@"^  (?:Task<(.*?)> )?(@?\w+\(.*?\);)(?: //.*)?$", RegexOptions.Multiline)]
    private static partial Regex DeclaredMethod();

    [GeneratedRegex(@"^        public (Task<.*?\))$", RegexOptions.Multiline)]
    private static partial Regex GeneratedMethod();
}
