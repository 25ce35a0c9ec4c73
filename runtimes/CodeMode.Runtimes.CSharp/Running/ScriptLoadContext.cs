using System.Reflection;
using System.Runtime.Loader;

namespace CodeMode.Runtimes.CSharp.Running;

/// <summary>
/// A collectible context for one script's assembly, unloaded after the run so scripts do not pile up. The proxies'
/// assembly (long-lived, outside) is handed out by name; everything else resolves in the default context.
/// </summary>
internal sealed class ScriptLoadContext(Assembly proxies) : AssemblyLoadContext("CodeMode script", isCollectible: true)
{
    protected override Assembly? Load(AssemblyName assemblyName) =>
        AssemblyName.ReferenceMatchesDefinition(assemblyName, proxies.GetName()) ? proxies : null;
}
