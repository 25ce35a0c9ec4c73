using System.Text;
using CodeMode.Abstractions.Tools;

namespace CodeMode.Mcp.Apis;

/// <summary>
/// The calling form for the ES5 javascript runtime: <c>server.tool(input: {...}): Result</c> with the same type
/// notation as TypeScript (the model reads it as documentation), under a note that calls are synchronous. The brief
/// listing writes each call's object as the call passes it, and names the enums its tools repeat once, under that note.
/// </summary>
internal static class JavaScriptDeclarationWriter
{
    public static void Write(StringBuilder output, string server, IReadOnlyList<ToolDescriptor> tools, ApiDetail detail, NoteLength notes = NoteLength.Whole)
    {
        // Each line below is a call as the script writes it, so the header needs no example.
        output.Append("// ").Append(server).Append(": synchronous calls (no await); a tool error throws")
            .Append(detail == ApiDetail.Brief && tools.Any(tool => !ToolDoc.ShowsOutput(tool, detail)) ? "; untyped ones return JSON.\n" : ".\n");

        // ES5 has no type declarations: a shared enum is a comment, as in the C# listing.
        var enums = detail == ApiDetail.Brief ? SharedEnums.Find(tools) : SharedEnums.None;
        foreach (var (name, members) in enums.Declarations)
        {
            output.Append("// ").Append(name).Append(": ").Append(members).Append('\n');
        }

        foreach (var tool in tools)
        {
            ToolDoc.Write(output, ToolDoc.Lines(tool, detail, notes), string.Empty, detail);
            output.Append(server).Append(Member(tool.Name)).Append('(').Append(ToolDoc.InputParameter(tool, detail, notes, string.Empty, enums)).Append(')');
            if (ToolDoc.ShowsOutput(tool, detail))
            {
                output.Append(": ").Append(ToolDoc.OutputType(tool, detail, notes, enums));
            }

            output.Append('\n');
        }
    }

    // A name that is not an identifier is reached with brackets, exactly as the proxy exposes it.
    private static string Member(string name) =>
        IdentifierNames.IsJavaScriptIdentifierName(name) ? "." + name : "[" + DocText.Literal(name) + "]";
}
