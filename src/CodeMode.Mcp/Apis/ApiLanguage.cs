namespace CodeMode.Mcp.Apis;

/// <summary>The form of a generated API: one per runtime family, because each calls the proxies differently.</summary>
public enum ApiLanguage
{
    /// <summary>TypeScript declarations (<c>declare const server: {...}</c>, async calls) for the <c>node</c> runtime.</summary>
    TypeScript,

    /// <summary>The ES5 calling form (synchronous calls, one object argument) for the <c>javascript</c> runtime.</summary>
    JavaScript,

    /// <summary>C# signatures (a static class per server, records for inputs and outputs) for the <c>csharp</c> runtime.</summary>
    CSharp,
}
