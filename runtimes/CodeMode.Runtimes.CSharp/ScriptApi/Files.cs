using System.Text.Json.Nodes;
using CodeMode.Abstractions.Security;

namespace CodeMode.Runtimes.CSharp.ScriptApi;

/// <summary>
/// A script's <c>Files</c>: UTF-8 text files in the directories the runtime's <c>permissions.fileSystem</c> grants,
/// carried out by the host (the sandbox itself has no file access). Paths are relative to the configuration's directory;
/// <c>..</c>, absolute paths and symbolic links are resolved by the host before it checks them. A path outside the
/// grant ends the script (<c>policyDenied</c>); a missing file or one over the size limit is a catchable
/// <see cref="ToolException"/> with its <c>CM####</c> code. Like the proxies, every call completes before it returns:
/// the <c>Async</c> forms are for code that prefers <c>await</c>.
/// </summary>
public sealed class Files
{
    private readonly ScriptHost _host;

    /// <summary>Made by the runtime for scripts whose runtime grants <c>fs</c>.</summary>
    public Files(ScriptHost host)
    {
        ArgumentNullException.ThrowIfNull(host);
        _host = host;
    }

    /// <summary>The whole file as text.</summary>
    public string ReadText(string path) => Call(CapabilityNames.Read, path)?["text"]?.GetValue<string>() ?? string.Empty;

    /// <summary>Writes (or replaces) the file with <paramref name="text"/>, creating its directories; returns the bytes written.</summary>
    public int WriteText(string path, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Call(CapabilityNames.Write, path, text)?["bytes"]?.GetValue<int>() ?? 0;
    }

    /// <summary>The directory's entries by name (at most 1000).</summary>
    public IReadOnlyList<FileEntry> List(string directory) =>
        Call(CapabilityNames.List, directory)?["entries"] is JsonArray entries
            ? [.. entries.OfType<JsonObject>().Select(entry => new FileEntry(
                entry["name"]?.GetValue<string>() ?? string.Empty,
                entry["type"]?.GetValue<string>() ?? "file",
                entry["size"]?.GetValue<long>()))]
            : [];

    /// <summary>Whether a file or directory exists at <paramref name="path"/>.</summary>
    public bool Exists(string path) => Call(CapabilityNames.Exists, path)?["exists"]?.GetValue<bool>() ?? false;

    public Task<string> ReadTextAsync(string path) => CapabilityCalls.AsTask(() => ReadText(path));

    public Task<int> WriteTextAsync(string path, string text) => CapabilityCalls.AsTask(() => WriteText(path, text));

    public Task<IReadOnlyList<FileEntry>> ListAsync(string directory) => CapabilityCalls.AsTask(() => List(directory));

    public Task<bool> ExistsAsync(string path) => CapabilityCalls.AsTask(() => Exists(path));

    private JsonNode? Call(string operation, string path, string? text = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        var input = new JsonObject { ["path"] = path };
        if (text is not null)
        {
            input["text"] = text;
        }

        return _host.CallTool(CapabilityNames.FileSystem, operation, input);
    }
}
