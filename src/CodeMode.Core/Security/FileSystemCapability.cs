using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CodeMode.Abstractions.Execution;
using CodeMode.Abstractions.Security;
using CodeMode.Abstractions.Tools;

namespace CodeMode.Core.Security;

/// <summary>
/// The host side of the sandbox's <c>fs</c>: <c>read</c>, <c>write</c>, <c>list</c> and <c>exists</c>, confined to
/// the runtime's granted directories. A script path is resolved against the base directory, <c>..</c> is collapsed,
/// and every symbolic link on the way is followed before the path is checked, so neither <c>..</c>, an absolute path
/// nor a link can reach outside. Text is UTF-8; files are at most <see cref="FileSystemGrant.MaxFileBytes"/>.
/// </summary>
/// <remarks>
/// The check and the opening of the file are two steps. On Linux the opened file's real path is checked again
/// (<c>/proc/self/fd</c>) before anything is read or written, so a process outside the sandbox that swaps a directory
/// for a link in between gains nothing but an empty file created outside; elsewhere only the first check applies.
/// Scripts themselves cannot create links.
/// </remarks>
internal static class FileSystemCapability
{
    private const int MaxListEntries = 1000;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Carries out one operation; <paramref name="audit"/> receives the checked target and the verdict.</summary>
    public static ToolCallOutcome Handle(string operation, JsonElement arguments, FileSystemGrant grant, Action<string, ToolCallOutcome> audit)
    {
        var path = CapabilityResults.String(arguments, "path");
        if (string.IsNullOrEmpty(path) || path.Contains('\0', StringComparison.Ordinal))
        {
            var refused = ToolCallOutcome.Denied(ErrorCodes.InvalidToolArguments, $"fs.{operation} needs a path: a non-empty string.");
            audit(path ?? "", refused);
            return refused;
        }

        var (roots, need) = operation switch
        {
            CapabilityNames.Read or CapabilityNames.List => (grant.ReadDirectories, "read"),
            CapabilityNames.Write => (grant.WriteDirectories, "write"),
            _ => (grant.ReadDirectories.Concat(grant.WriteDirectories).ToArray(), "read or write"),
        };

        if (roots.Count == 0)
        {
            var refused = ToolCallOutcome.Denied(
                ErrorCodes.CapabilityNotGranted,
                $"fs.{operation} is not granted to this runtime: permissions.fileSystem.{(operation == CapabilityNames.Write ? "write" : "read")} lists no directory.");
            audit(path, refused);
            return refused;
        }

        string real;
        try
        {
            real = GrantedDirectory.RealPath(GrantedDirectory.Resolve(grant.BaseDirectory, path));
        }
        catch (Exception exception) when (exception is IOException or ArgumentException or NotSupportedException or UnauthorizedAccessException)
        {
            var refused = ToolCallOutcome.Denied(ErrorCodes.PathNotAllowed, $"fs.{operation}: the path '{path}' cannot be resolved ({exception.Message}).");
            audit(path, refused);
            return refused;
        }

        if (!roots.Any(root => GrantedDirectory.IsWithin(real, root)))
        {
            var refused = ToolCallOutcome.Denied(
                ErrorCodes.PathNotAllowed,
                $"fs.{operation}: '{path}' is outside the directories granted to {need} ({string.Join(", ", roots)}); '..', absolute paths and symbolic links are resolved before this check.");
            audit(real, refused);
            return refused;
        }

        ToolCallOutcome outcome;
        try
        {
            outcome = operation switch
            {
                CapabilityNames.Read => Read(real, roots, grant.MaxFileBytes),
                CapabilityNames.Write => Write(real, roots, arguments, grant.MaxFileBytes),
                CapabilityNames.List => List(real),
                _ => Exists(real),
            };
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            outcome = ToolCallOutcome.Failed(ErrorCodes.CapabilityFailed, $"fs.{operation} '{path}' failed: {exception.GetType().Name}.");
        }

        audit(real, outcome);
        return outcome;
    }

    private static ToolCallOutcome Read(string path, IReadOnlyList<string> roots, int maxBytes)
    {
        if (Directory.Exists(path))
        {
            return ToolCallOutcome.Failed(ErrorCodes.CapabilityFailed, $"fs.read: '{path}' is a directory; use fs.list.");
        }

        if (!File.Exists(path))
        {
            return ToolCallOutcome.Failed(ErrorCodes.CapabilityFailed, $"fs.read: '{path}' does not exist.");
        }

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        if (MovedOutside(stream, roots) is { } moved)
        {
            return moved;
        }

        if (stream.Length > maxBytes)
        {
            return ToolCallOutcome.Failed(ErrorCodes.CapabilitySizeLimit, $"fs.read: '{path}' is {stream.Length} bytes; the limit is {maxBytes} bytes (security.maxPayloadBytes).");
        }

        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        string text;
        try
        {
            text = StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return ToolCallOutcome.Failed(ErrorCodes.CapabilityFailed, $"fs.read: '{path}' is not UTF-8 text.");
        }

        return CapabilityResults.Answer(new JsonObject { ["path"] = path, ["text"] = text, ["bytes"] = bytes.Length });
    }

    private static ToolCallOutcome Write(string path, IReadOnlyList<string> roots, JsonElement arguments, int maxBytes)
    {
        var text = CapabilityResults.String(arguments, "text");
        if (text is null)
        {
            return ToolCallOutcome.Denied(ErrorCodes.InvalidToolArguments, "fs.write needs text: a string.");
        }

        var bytes = Encoding.UTF8.GetByteCount(text);
        if (bytes > maxBytes)
        {
            return ToolCallOutcome.Failed(ErrorCodes.CapabilitySizeLimit, $"fs.write: the text is {bytes} bytes; the limit is {maxBytes} bytes (security.maxPayloadBytes).");
        }

        if (Directory.Exists(path))
        {
            return ToolCallOutcome.Failed(ErrorCodes.CapabilityFailed, $"fs.write: '{path}' is a directory.");
        }

        // Parents are inside the granted directory (the whole path was checked), so creating them stays inside too.
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using (var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.Write, FileShare.None))
        {
            // Truncate only once the opened file is known to be inside.
            if (MovedOutside(stream, roots) is { } moved)
            {
                return moved;
            }

            stream.SetLength(0);
            stream.Write(StrictUtf8.GetBytes(text));
        }

        return CapabilityResults.Answer(new JsonObject { ["path"] = path, ["bytes"] = bytes });
    }

    /// <summary>A refusal when the file actually opened lies outside every root (a link swapped in after the check).</summary>
    private static ToolCallOutcome? MovedOutside(FileStream stream, IReadOnlyList<string> roots)
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        var opened = new FileInfo($"/proc/self/fd/{stream.SafeFileHandle.DangerousGetHandle()}").LinkTarget;
        return opened is null || roots.Any(root => GrantedDirectory.IsWithin(opened, root))
            ? null
            : ToolCallOutcome.Denied(ErrorCodes.PathNotAllowed, "fs: the file changed into a link outside the granted directories while it was being opened.");
    }

    private static ToolCallOutcome List(string path)
    {
        if (!Directory.Exists(path))
        {
            return ToolCallOutcome.Failed(ErrorCodes.CapabilityFailed, $"fs.list: '{path}' is not a directory.");
        }

        var entries = new JsonArray();
        foreach (var entry in new DirectoryInfo(path).EnumerateFileSystemInfos().OrderBy(e => e.Name, StringComparer.Ordinal).Take(MaxListEntries))
        {
            entries.Add(new JsonObject
            {
                ["name"] = entry.Name,
                ["type"] = entry.LinkTarget is not null ? "link" : entry is DirectoryInfo ? "directory" : "file",
                ["size"] = entry is FileInfo file && entry.LinkTarget is null ? file.Length : null,
            });
        }

        return CapabilityResults.Answer(new JsonObject { ["path"] = path, ["entries"] = entries });
    }

    private static ToolCallOutcome Exists(string path)
    {
        var type = Directory.Exists(path) ? "directory" : File.Exists(path) ? "file" : null;
        return CapabilityResults.Answer(new JsonObject { ["path"] = path, ["exists"] = type is not null, ["type"] = type });
    }
}
