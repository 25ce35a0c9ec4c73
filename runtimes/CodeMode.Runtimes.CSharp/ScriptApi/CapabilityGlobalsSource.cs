using System.Text;
using System.Text.Json;
using CodeMode.Abstractions.Security;

namespace CodeMode.Runtimes.CSharp.ScriptApi;

/// <summary>
/// The C# source of the capability members of the generated <c>Globals</c>: <c>Files</c> when the execution's server
/// list carries the reserved server <c>fs</c>, <c>Http</c> and <c>fetch(...)</c> when it carries <c>fetch</c> (the host
/// lists them only for runtimes it grants them to). A member that is not granted is still declared, as an error-level
/// <c>[Obsolete]</c>, so a script naming it fails to compile with a message that says which grant is missing, rather
/// than "the name does not exist".
/// </summary>
internal static class CapabilityGlobalsSource
{
    private const string Api = "global::CodeMode.Runtimes.CSharp.ScriptApi.";

    private const string FetchParameters =
        "string url, string method = \"GET\", global::System.Collections.Generic.IReadOnlyDictionary<string, string>? headers = null, string? body = null";

    private static readonly string FilesNotGranted =
        "Files is not granted to this runtime: in runtimes.json, add \"fs\" to its allowedModules and directories to its permissions.fileSystem.read or write.";

    private static readonly string FetchNotGranted =
        "Http and fetch are not granted to this runtime: in runtimes.json, add \"fetch\" to its allowedModules and hosts and ports to its permissions.network.allowedHosts and allowedPorts.";

    /// <summary>Global names the capability members take; no server's proxy may take them.</summary>
    public static IReadOnlySet<string> GlobalNames { get; } = new HashSet<string>(StringComparer.Ordinal) { "Files", "Http", "fetch" };

    /// <summary>The <c>Globals</c> constructor's lines for the granted capabilities.</summary>
    public static void WriteInitializers(StringBuilder source, IReadOnlyCollection<string> granted)
    {
        if (granted.Contains(CapabilityNames.FileSystem))
        {
            source.Append("            Files = new ").Append(Api).Append("Files(host);\n");
        }

        if (granted.Contains(CapabilityNames.Fetch))
        {
            source.Append("            Http = new ").Append(Api).Append("Http(host);\n");
        }
    }

    /// <summary>The <c>Globals</c> members: working ones for the granted capabilities, compile errors for the others.</summary>
    public static void WriteMembers(StringBuilder source, IReadOnlyCollection<string> granted)
    {
        if (granted.Contains(CapabilityNames.FileSystem))
        {
            source.Append("        public ").Append(Api).Append("Files Files { get; }\n");
        }
        else
        {
            source.Append("        ").Append(NotGranted(FilesNotGranted)).Append(" public ").Append(Api).Append("Files Files => throw null!;\n");
        }

        if (granted.Contains(CapabilityNames.Fetch))
        {
            source.Append("        public ").Append(Api).Append("Http Http { get; }\n")
                .Append("        public global::System.Threading.Tasks.Task<").Append(Api).Append("FetchResponse> fetch(").Append(FetchParameters)
                .Append(") => Http.FetchAsync(url, method, headers, body);\n");
        }
        else
        {
            source.Append("        ").Append(NotGranted(FetchNotGranted)).Append(" public ").Append(Api).Append("Http Http => throw null!;\n")
                .Append("        ").Append(NotGranted(FetchNotGranted)).Append(" public global::System.Threading.Tasks.Task<").Append(Api).Append("FetchResponse> fetch(")
                .Append(FetchParameters).Append(") => throw null!;\n");
        }
    }

    private static string NotGranted(string message) => "[global::System.Obsolete(" + JsonSerializer.Serialize(message) + ", true)]";
}
