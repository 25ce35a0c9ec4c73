using CodeMode.Abstractions.Tools;
using CodeMode.Core.Configuration;

namespace CodeMode.Mcp.Clients;

/// <summary>
/// Tool names as scripts see them: a live server's tool named <c>get.item</c> or <c>list-files</c> is exposed as
/// <c>get_item</c> / <c>list_files</c> (the rule of <see cref="McpServerNames.ToIdentifier"/>), so every proxy member is
/// callable with a dot in JavaScript and is an identifier in C#; calls are sent under the server's own name. Tools whose
/// names become the same identifier are all left out — exposing one would hide the other behind a name it does not
/// have — and the collision is reported in the server's status.
/// </summary>
internal static class McpToolNames
{
    /// <param name="Tools">The exposed tools, renamed, in the server's order.</param>
    /// <param name="RemoteNames">Exposed name → the server's name, for the tools that were renamed.</param>
    /// <param name="Problem">What collided, or null.</param>
    public sealed record Exposure(IReadOnlyList<ToolDescriptor> Tools, IReadOnlyDictionary<string, string> RemoteNames, string? Problem);

    public static Exposure Expose(string server, IReadOnlyList<ToolDescriptor> listed)
    {
        var byIdentifier = listed.GroupBy(tool => McpServerNames.ToIdentifier(tool.Name), StringComparer.Ordinal).ToArray();
        var tools = new List<ToolDescriptor>(listed.Count);
        var remoteNames = new Dictionary<string, string>(StringComparer.Ordinal);
        var collisions = new List<string>();
        foreach (var group in byIdentifier)
        {
            var members = group.ToArray();
            if (members.Length > 1)
            {
                collisions.Add($"tools {string.Join(" and ", members.Select(tool => $"\"{tool.Name}\""))} all become \"{group.Key}\" in scripts, so none of them is exposed");
                continue;
            }

            var tool = members[0];
            if (tool.Name != group.Key)
            {
                remoteNames[group.Key] = tool.Name;
                tool = tool with { Name = group.Key };
            }

            tools.Add(tool);
        }

        var problem = collisions.Count == 0
            ? null
            : $"server '{server}' has tool names that collide: {string.Join("; ", collisions)} (rename them on the server)";
        return new Exposure(tools, remoteNames, problem);
    }
}
