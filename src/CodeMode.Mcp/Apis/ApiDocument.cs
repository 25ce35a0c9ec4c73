namespace CodeMode.Mcp.Apis;

/// <summary>Generated declarations, and the problems met generating them (name collisions, unresolvable schemas).</summary>
/// <param name="Text">The declarations, ready to put in a model's context.</param>
/// <param name="Problems">One sentence per problem; empty when every tool was declared as it is.</param>
public sealed record ApiDocument(string Text, IReadOnlyList<string> Problems);
