namespace CodeMode.Runtimes.CSharp.ScriptApi;

/// <summary>One entry of <see cref="Files.List"/>: its name, <c>"file"</c>, <c>"directory"</c> or <c>"link"</c>, and a file's size in bytes.</summary>
public sealed record FileEntry(string Name, string Type, long? Size);
