namespace CodeMode.Runtimes.CSharp.Compilation;

/// <summary>
/// A script compiled and instrumented: its assembly image and portable PDB (for line numbers in runtime errors), and
/// the entry point. Bytes only, so caching it pins nothing: each run loads it into a fresh collectible context.
/// </summary>
internal sealed record CompiledScript(byte[] Image, byte[] Symbols, string EntryType, string EntryMethod);
