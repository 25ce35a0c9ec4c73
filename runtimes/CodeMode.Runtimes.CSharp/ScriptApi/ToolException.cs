namespace CodeMode.Runtimes.CSharp.ScriptApi;

/// <summary>A tool call failed: the server's message, the <c>CM####</c> code and the tool. Scripts may catch it.</summary>
public sealed class ToolException : Exception
{
    internal ToolException(string code, string message, string tool)
        : base(message)
    {
        Code = code;
        Tool = tool;
    }

    /// <summary>The stable error code, e.g. <c>CM5001</c>.</summary>
    public string Code { get; }

    /// <summary>The tool as <c>server.tool</c>.</summary>
    public string Tool { get; }
}
