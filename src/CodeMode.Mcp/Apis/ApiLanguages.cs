namespace CodeMode.Mcp.Apis;

/// <summary>The names callers use for an <see cref="ApiLanguage"/> (CLI <c>--lang</c>, HTTP <c>?lang=</c>).</summary>
public static class ApiLanguages
{
    /// <summary>The accepted spellings, for error messages.</summary>
    public const string Accepted = "ts (typescript, node), js (javascript), cs (csharp)";

    public static bool TryParse(string? name, out ApiLanguage language)
    {
        switch (name?.Trim().ToLowerInvariant())
        {
            case "ts" or "typescript" or "node":
                language = ApiLanguage.TypeScript;
                return true;
            case "js" or "javascript" or "es5":
                language = ApiLanguage.JavaScript;
                return true;
            case "cs" or "csharp" or "c#":
                language = ApiLanguage.CSharp;
                return true;
            default:
                language = default;
                return false;
        }
    }

    /// <summary>The short name: <c>ts</c>, <c>js</c> or <c>cs</c>.</summary>
    public static string ToShortName(this ApiLanguage language) => language switch
    {
        ApiLanguage.TypeScript => "ts",
        ApiLanguage.JavaScript => "js",
        _ => "cs",
    };
}
