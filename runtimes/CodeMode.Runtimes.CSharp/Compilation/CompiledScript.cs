namespace CodeMode.Runtimes.CSharp.Compilation;

/// <summary>
/// A script compiled and instrumented: its assembly image and portable PDB (for line numbers in runtime errors), and
/// the entry point. Bytes only, so caching it pins nothing. <paramref name="Reusable"/> when it declares no static
/// state (<see cref="StaticState"/>): then one loaded, already-jitted copy may serve several runs.
/// </summary>
internal sealed record CompiledScript(byte[] Image, byte[] Symbols, string EntryType, string EntryMethod, bool Reusable);
