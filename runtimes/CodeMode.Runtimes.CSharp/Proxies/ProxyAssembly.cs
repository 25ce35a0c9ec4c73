using System.Reflection;
using System.Runtime.Loader;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CodeMode.Abstractions.Sandbox;
using CodeMode.Runtimes.CSharp.Compilation;
using CodeMode.Runtimes.CSharp.ScriptApi;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace CodeMode.Runtimes.CSharp.Proxies;

/// <summary>
/// The compiled proxies for one set of servers and tool schemas: loaded once into a context of their own (never
/// unloaded: a catalog changes rarely, and output records are read by System.Text.Json, which caches their metadata),
/// referenced by every script compiled against them. <see cref="Key"/> identifies the set in the compile cache.
/// </summary>
internal sealed class ProxyAssembly
{
    private readonly Func<ScriptHost, ScriptGlobals> _createGlobals;

    private ProxyAssembly(string key, Assembly assembly, MetadataReference reference, IReadOnlyList<string> problems)
    {
        Key = key;
        Assembly = assembly;
        Reference = reference;
        Problems = problems;
        GlobalsType = assembly.GetType(ProxySourceWriter.GlobalsTypeName, throwOnError: true)!;
        var constructor = GlobalsType.GetConstructor([typeof(ScriptHost)])!;
        _createGlobals = host => (ScriptGlobals)constructor.Invoke([host]);
    }

    public string Key { get; }

    public Assembly Assembly { get; }

    public MetadataReference Reference { get; }

    public Type GlobalsType { get; }

    /// <summary>Names left out of the typed proxies (collisions), or why the typed proxies fell back to untyped ones.</summary>
    public IReadOnlyList<string> Problems { get; }

    public ScriptGlobals CreateGlobals(ScriptHost host) => _createGlobals(host);

    /// <summary>A stable key for a set of proxies: the same servers, tools and schemas give the same key.</summary>
    public static string KeyOf(IReadOnlyList<ProxyServer> servers)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(servers, ProxyJson.Default.IReadOnlyListProxyServer);
        return Convert.ToHexString(SHA256.HashData(json))[..24];
    }

    /// <summary>Compiles and loads the proxies; if the typed ones do not compile (an odd schema), untyped ones instead.</summary>
    public static ProxyAssembly Build(IReadOnlyList<ProxyServer> servers, string key)
    {
        var problems = new List<string>();
        var typed = ProxySourceWriter.Write(servers, typed: true, problems);
        if (TryCompile(typed, key, out var image, out var errors))
        {
            return Load(key, image, problems);
        }

        problems.Add("The typed proxies did not compile, so every tool returns JsonNode: " + errors);
        var untyped = ProxySourceWriter.Write(servers, typed: false, problems);
        return TryCompile(untyped, key, out image, out errors)
            ? Load(key, image, problems)
            : throw new InvalidOperationException("The csharp runtime could not compile its proxies: " + errors);
    }

    private static bool TryCompile(string source, string key, out byte[] image, out string errors)
    {
        var tree = CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest));
        var compilation = CSharpCompilation.Create(
            "CodeMode.Scripting.Proxies." + key,
            [tree],
            ScriptReferences.All,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, optimizationLevel: OptimizationLevel.Release, concurrentBuild: false));
        using var stream = new MemoryStream();
        var result = compilation.Emit(stream);
        image = stream.ToArray();
        errors = string.Join("; ", result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Take(3).Select(d => d.ToString()));
        return result.Success;
    }

    private static ProxyAssembly Load(string key, byte[] image, List<string> problems)
    {
        var context = new AssemblyLoadContext("CodeMode proxies " + key, isCollectible: false);
        var assembly = context.LoadFromStream(new MemoryStream(image));
        return new ProxyAssembly(key, assembly, MetadataReference.CreateFromImage(image), problems);
    }
}
