using System.Text;
using CodeMode.Abstractions.Tools;

namespace CodeMode.Mcp.Apis;

/// <summary><c>declare const server: { /** doc */ tool(input: {...}): Promise&lt;...&gt;; };</c> for the node runtime.</summary>
internal static class TypeScriptDeclarationWriter
{
    public static void Write(StringBuilder output, string server, IReadOnlyList<ToolDescriptor> tools, ApiDetail detail)
    {
        output.Append("declare const ").Append(server).Append(": {\n");
        foreach (var tool in tools)
        {
            ToolDoc.Write(output, ToolDoc.Lines(tool, detail), "  ");
            output.Append("  ").Append(IdentifierNames.JavaScriptKey(tool.Name))
                .Append('(').Append(ToolDoc.InputParameter(tool, detail)).Append("): Promise<").Append(ToolDoc.OutputType(tool, detail)).Append(">;\n");
        }

        output.Append("};\n");
    }
}
