using System.Text;
using CodeMode.Abstractions.Tools;

namespace CodeMode.Mcp.Apis;

/// <summary>
/// The calling form for the ES5 javascript runtime: <c>server.tool(input: {...}): Result</c> with the same type
/// notation as TypeScript (the model reads it as documentation), under a note that calls are synchronous.
/// </summary>
internal static class JavaScriptDeclarationWriter
{
    public static void Write(StringBuilder output, string server, IReadOnlyList<ToolDescriptor> tools, ApiDetail detail)
    {
        output.Append("// ").Append(server).Append(": calls are synchronous (no Promise, no await) and take one object, e.g. var r = ")
            .Append(server).Append(Member(tools.Count > 0 ? tools[0].Name : "tool")).Append("({...}); a tool error throws.")
            .Append(detail == ApiDetail.Brief && tools.Any(tool => !ToolDoc.ShowsOutput(tool, detail)) ? " Untyped calls return JSON.\n" : "\n");
        foreach (var tool in tools)
        {
            ToolDoc.Write(output, ToolDoc.Lines(tool, detail), string.Empty, detail);
            output.Append(server).Append(Member(tool.Name)).Append('(').Append(ToolDoc.InputParameter(tool, detail)).Append(')');
            if (ToolDoc.ShowsOutput(tool, detail))
            {
                output.Append(": ").Append(ToolDoc.OutputType(tool, detail));
            }

            output.Append('\n');
        }
    }

    // A name that is not an identifier is reached with brackets, exactly as the proxy exposes it.
    private static string Member(string name) =>
        IdentifierNames.IsJavaScriptIdentifierName(name) ? "." + name : "[" + DocText.Literal(name) + "]";
}
