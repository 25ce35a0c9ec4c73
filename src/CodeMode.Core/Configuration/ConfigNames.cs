using System.Text.RegularExpressions;

namespace CodeMode.Core.Configuration;

/// <summary>
/// Which names runtimes.json accepts. Server names become globals in the sandbox (<c>automem.store_memory(...)</c> in
/// JavaScript, a property of the globals object in C#), so they must be identifiers that shadow nothing a script
/// relies on.
/// </summary>
internal static partial class ConfigNames
{
    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex IdentifierPattern();

    /// <summary>A name usable as a JavaScript and C# identifier.</summary>
    public static bool IsIdentifier(string? name) => name is not null && IdentifierPattern().IsMatch(name);

    /// <summary>An environment variable name as <c>${NAME}</c> and <c>env</c> keys write it.</summary>
    public static bool IsEnvironmentVariableName(string? name) => IsIdentifier(name);

    /// <summary>
    /// Globals of the sandboxes (JavaScript built-ins, what CommonJS/Node code expects, and the C# types a script
    /// names most). Compared case-insensitively: <c>Json</c> next to <c>JSON</c> only confuses the reader.
    /// </summary>
    public static IReadOnlySet<string> SandboxGlobals { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        // JavaScript
        "console", "JSON", "Math", "Object", "Array", "String", "Number", "Boolean", "Date", "RegExp", "Error",
        "Function", "Symbol", "Promise", "Map", "Set", "Reflect", "Proxy", "Intl", "globalThis", "eval",
        "parseInt", "parseFloat", "isNaN", "isFinite", "undefined", "NaN", "Infinity", "arguments",
        "setTimeout", "setInterval", "require", "module", "exports", "process", "global", "fetch", "fs",
        // C#
        "System", "Console", "Task", "Enumerable", "Environment", "Type", "Activator", "GC", "Convert",
    };

    /// <summary>
    /// Reserved words of JavaScript and C# (<c>default.search()</c> does not parse). Compared exactly: keywords are
    /// lower case and <c>Default</c> is a fine name.
    /// </summary>
    public static IReadOnlySet<string> Keywords { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        // JavaScript (ES2023 reserved words, including strict mode)
        "await", "break", "case", "catch", "class", "const", "continue", "debugger", "default", "delete", "do",
        "else", "enum", "export", "extends", "false", "finally", "for", "function", "if", "implements", "import",
        "in", "instanceof", "interface", "let", "new", "null", "package", "private", "protected", "public",
        "return", "static", "super", "switch", "this", "throw", "true", "try", "typeof", "var", "void", "while",
        "with", "yield",
        // C# (those not already above)
        "abstract", "as", "base", "bool", "byte", "char", "checked", "decimal", "delegate", "double", "event",
        "explicit", "extern", "fixed", "float", "foreach", "goto", "implicit", "int", "internal", "is", "lock",
        "long", "namespace", "object", "operator", "out", "override", "params", "readonly", "ref", "sbyte",
        "sealed", "short", "sizeof", "stackalloc", "string", "struct", "uint", "ulong", "unchecked", "unsafe",
        "ushort", "using", "virtual", "volatile", "dynamic", "nameof",
    };

    /// <summary>Names starting with <c>__</c> belong to the sandbox itself (the C# budget hooks, for one).</summary>
    public static bool IsSandboxInternal(string name) => name.StartsWith("__", StringComparison.Ordinal);
}
