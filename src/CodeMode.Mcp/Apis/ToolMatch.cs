using System.Text.Json.Serialization;

namespace CodeMode.Mcp.Apis;

/// <summary>One search hit: enough to decide whether to <c>describe</c> the tool, and no more.</summary>
/// <param name="Server">The server (the proxy's global name).</param>
/// <param name="Name">The tool's name as the proxy exposes it.</param>
/// <param name="Description">The first sentence of the tool's description.</param>
/// <param name="Score">
/// Relevance; higher is better. Only the order is meaningful, and matches come in that order, so it is not sent
/// (an agent would only spend tokens reading it).
/// </param>
public sealed record ToolMatch(string Server, string Name, string Description, [property: JsonIgnore] double Score);
