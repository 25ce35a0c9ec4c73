using System.Text;
using CodeMode.Abstractions.Tools;

namespace CodeMode.Mcp.Apis;

/// <summary><c>declare const server: { /** doc */ tool(input: {...}): Promise&lt;...&gt;; };</c> for the node runtime.</summary>
internal static class TypeScriptDeclarationWriter
{
    public static void Write(StringBuilder output, string server, IReadOnlyList<ToolDescriptor> tools)
    {
        output.Append("declare const ").Append(server).Append(": {\n");
        foreach (var tool in tools)
        {
            ToolDoc.Write(output, ToolDoc.Lines(tool), "  ");
            output.Append("  ").Append(IdentifierNames.JavaScriptKey(tool.Name))
                .Append('(').Append(ToolDoc.InputParameter(tool)).Append("): Promise<").Append(ToolDoc.OutputType(tool)).Append(">;\n");
        }

        output.Append("};\n");
    }
}
