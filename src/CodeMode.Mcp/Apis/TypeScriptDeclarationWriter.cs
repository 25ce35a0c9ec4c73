using System.Text;
using CodeMode.Abstractions.Tools;

namespace CodeMode.Mcp.Apis;

/// <summary>
/// <c>declare const server: { /** doc */ tool(input: {...}): Promise&lt;...&gt;; };</c> for the node runtime. The brief
/// listing leaves out <c>Promise&lt;unknown&gt;</c> of tools without an output schema; its header says what they return.
/// </summary>
internal static class TypeScriptDeclarationWriter
{
    public static void Write(StringBuilder output, string server, IReadOnlyList<ToolDescriptor> tools, ApiDetail detail)
    {
        if (detail == ApiDetail.Brief && tools.Any(tool => !ToolDoc.ShowsOutput(tool, detail)))
        {
            output.Append("// ").Append(server).Append(": every call returns a Promise (await it); untyped ones resolve to JSON.\n");
        }

        output.Append("declare const ").Append(server).Append(": {\n");
        foreach (var tool in tools)
        {
            ToolDoc.Write(output, ToolDoc.Lines(tool, detail), "  ", detail);
            output.Append("  ").Append(IdentifierNames.JavaScriptKey(tool.Name)).Append('(').Append(ToolDoc.InputParameter(tool, detail)).Append(')');
            if (ToolDoc.ShowsOutput(tool, detail))
            {
                output.Append(": Promise<").Append(ToolDoc.OutputType(tool, detail)).Append('>');
            }

            output.Append(";\n");
        }

        output.Append("};\n");
    }
}
