using System.Text;
using CodeMode.Abstractions.Tools;

namespace CodeMode.Mcp.Apis;

/// <summary>
/// <c>declare const server: { /** doc */ tool(input: {...}): Promise&lt;...&gt;; };</c> for the node runtime. The brief
/// listing leaves out <c>Promise&lt;unknown&gt;</c> of tools without an output schema (the comment on the
/// <c>declare</c> line says what they return), and names the enums its tools repeat once, above it.
/// </summary>
internal static class TypeScriptDeclarationWriter
{
    public static void Write(StringBuilder output, string server, IReadOnlyList<ToolDescriptor> tools, ApiDetail detail, NoteLength notes = NoteLength.Whole)
    {
        var enums = detail == ApiDetail.Brief ? SharedEnums.Find(tools) : SharedEnums.None;
        foreach (var (name, members) in enums.Declarations)
        {
            output.Append("type ").Append(name).Append(" = ").Append(members).Append(";\n");
        }

        output.Append("declare const ").Append(server).Append(": {");
        if (detail == ApiDetail.Brief && tools.Any(tool => !ToolDoc.ShowsOutput(tool, detail)))
        {
            output.Append(" // every call returns a Promise; untyped ones resolve to JSON");
        }

        output.Append('\n');
        foreach (var tool in tools)
        {
            ToolDoc.Write(output, ToolDoc.Lines(tool, detail, notes), "  ", detail);
            output.Append("  ").Append(IdentifierNames.JavaScriptKey(tool.Name)).Append('(').Append(ToolDoc.InputParameter(tool, detail, notes, "  ", enums)).Append(')');
            if (ToolDoc.ShowsOutput(tool, detail))
            {
                output.Append(": Promise<").Append(ToolDoc.OutputType(tool, detail, notes, enums)).Append('>');
            }

            output.Append(";\n");
        }

        output.Append("};\n");
    }
}
