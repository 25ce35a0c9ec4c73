using System.Reflection;
using CodeMode.Runtimes.CSharp.Compilation;
using CodeMode.Runtimes.CSharp.Proxies;

namespace CodeMode.Runtimes.CSharp.Running;

/// <summary>A compiled script loaded into a collectible context of its own, bound to the proxies it was loaded with.</summary>
internal sealed class LoadedScript
{
    private readonly ScriptLoadContext _context;

    private LoadedScript(CompiledScript script, ProxyAssembly proxies, ScriptLoadContext context, Assembly assembly, Func<object?[], Task<object?>> entry)
    {
        Script = script;
        Proxies = proxies;
        _context = context;
        Assembly = assembly;
        Entry = entry;
    }

    public CompiledScript Script { get; }

    public ProxyAssembly Proxies { get; }

    public Assembly Assembly { get; }

    /// <summary>The script's factory: each call creates a fresh submission object (its top-level variables) and runs it.</summary>
    public Func<object?[], Task<object?>> Entry { get; }

    public static LoadedScript Load(CompiledScript script, ProxyAssembly proxies)
    {
        var context = new ScriptLoadContext(proxies.Assembly);
        try
        {
            var assembly = context.LoadFromStream(new MemoryStream(script.Image), new MemoryStream(script.Symbols));
            var entry = assembly.GetType(script.EntryType, throwOnError: true)!
                .GetMethod(script.EntryMethod, BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic)!
                .CreateDelegate<Func<object?[], Task<object?>>>();
            return new LoadedScript(script, proxies, context, assembly, entry);
        }
        catch
        {
            context.Unload();
            throw;
        }
    }

    /// <summary>Lets the context go; it is collected once nothing of the script is referenced any more.</summary>
    public void Unload() => _context.Unload();
}
