using Microsoft.CodeAnalysis;

namespace CodeMode.Runtimes.CSharp.Compilation;

/// <summary>
/// The assemblies scripts compile against, chosen by hand and built once per process. What is not here cannot even
/// be named: no System.Diagnostics.Process, System.Net.*, System.Console, System.Linq.Expressions or Microsoft.CSharp
/// (so no <c>dynamic</c>). CoreLib itself holds File, Environment and reflection, which the symbol policy rejects.
/// </summary>
internal static class ScriptReferences
{
    private static readonly string[] PlatformAssemblies =
    [
        "System.Private.CoreLib",
        "System.Runtime",
        "System.Collections",
        "System.Linq",
        "System.Memory",
        "System.Text.Json",
        "System.Text.RegularExpressions",
        "System.Runtime.Extensions",
        "System.Threading.Tasks",
        "System.Threading",
    ];

    private static readonly Lazy<IReadOnlyList<MetadataReference>> Platform = new(Load);

    /// <summary>The platform assemblies plus this runtime's own (the script API).</summary>
    public static IReadOnlyList<MetadataReference> All => Platform.Value;

    private static List<MetadataReference> Load()
    {
        // The list may name an assembly twice (an app-local copy and the framework's): the first one is what loads.
        var trusted = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var path in ((string?)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            trusted.TryAdd(Path.GetFileNameWithoutExtension(path), path);
        }

        var references = new List<MetadataReference>();
        foreach (var name in PlatformAssemblies)
        {
            if (!trusted.TryGetValue(name, out var path))
            {
                throw new InvalidOperationException($"The platform assembly '{name}' was not found; the csharp runtime cannot compile scripts.");
            }

            references.Add(MetadataReference.CreateFromFile(path));
        }

        references.Add(MetadataReference.CreateFromFile(typeof(ScriptApi.ToolProxy).Assembly.Location));
        return references;
    }
}
