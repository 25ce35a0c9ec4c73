namespace CodeMode.Abstractions.Security;

/// <summary>
/// The reserved server names under which sandboxes reach the brokered capabilities, and their operations: one
/// definition for the host's brokers and both runtimes' script APIs. No MCP server can take these names (runtimes.json
/// rejects them), so a call to them always means the capability.
/// </summary>
public static class CapabilityNames
{
    public const string FileSystem = "fs";
    public const string Fetch = "fetch";

    public const string Read = "read";
    public const string Write = "write";
    public const string List = "list";
    public const string Exists = "exists";
    public const string Request = "request";

    public static IReadOnlyList<string> FileSystemOperations { get; } = [Read, Write, List, Exists];

    public static IReadOnlyList<string> FetchOperations { get; } = [Request];

    public static bool IsCapability(string server) => server is FileSystem or Fetch;
}
