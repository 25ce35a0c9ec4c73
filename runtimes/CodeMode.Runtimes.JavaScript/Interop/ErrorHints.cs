using System.Text.RegularExpressions;

namespace CodeMode.Runtimes.JavaScript.Interop;

/// <summary>
/// Extra words for runtime errors that usually mean "this is modern JavaScript" or "this is not a browser/Node",
/// so an agent switches runtimes or rewrites the line instead of retrying the same code.
/// </summary>
internal static partial class ErrorHints
{
    private const string Es5Advice = "this runtime is ECMAScript 5.1 (Jint); use the `node` runtime for modern JavaScript";

    private static readonly HashSet<string> ModernGlobals = new(StringComparer.Ordinal)
    {
        "Promise", "Map", "Set", "WeakMap", "WeakSet", "WeakRef", "Symbol", "Proxy", "Reflect", "BigInt", "globalThis",
        "Intl", "ArrayBuffer", "SharedArrayBuffer", "DataView", "Atomics", "Int8Array", "Uint8Array", "Uint8ClampedArray",
        "Int16Array", "Uint16Array", "Int32Array", "Uint32Array", "Float32Array", "Float64Array", "TextEncoder",
        "TextDecoder", "URL", "URLSearchParams", "structuredClone", "queueMicrotask", "AbortController",
        "FinalizationRegistry", "AggregateError",
    };

    private static readonly HashSet<string> HostApis = new(StringComparer.Ordinal)
    {
        "require", "process", "Buffer", "fetch", "setTimeout", "setInterval", "setImmediate", "clearTimeout",
        "clearInterval", "module", "exports", "window", "document", "global", "XMLHttpRequest", "__dirname", "__filename",
    };

    private static readonly HashSet<string> ModernMethods = new(StringComparer.Ordinal)
    {
        "includes", "startsWith", "endsWith", "find", "findIndex", "findLast", "findLastIndex", "assign", "entries",
        "values", "fromEntries", "from", "of", "padStart", "padEnd", "repeat", "flat", "flatMap", "fill", "copyWithin",
        "trimStart", "trimEnd", "at", "replaceAll", "matchAll", "codePointAt", "normalize", "is", "setPrototypeOf",
        "getOwnPropertySymbols", "getOwnPropertyDescriptors", "then", "isInteger", "isSafeInteger", "trunc", "sign",
        "log2", "log10", "hypot", "cbrt",
    };

    public static string Append(string message)
    {
        var notDefined = NotDefinedPattern().Match(message);
        if (notDefined.Success)
        {
            var name = notDefined.Groups[1].Value;
            if (ModernGlobals.Contains(name))
            {
                return $"{message} ({name} is ES2015 or later: {Es5Advice})";
            }

            if (HostApis.Contains(name))
            {
                return $"{message} ({name} does not exist in this sandbox: it has the tool proxies, console and the ECMAScript 5.1 built-ins; tool calls are synchronous)";
            }
        }

        var noMethod = NoMethodPattern().Match(message);
        if (noMethod.Success && ModernMethods.Contains(noMethod.Groups[1].Value))
        {
            return $"{message} ({noMethod.Groups[1].Value} is ES2015 or later: {Es5Advice}, or use indexOf, loops and Math.floor)";
        }

        return message;
    }

    [GeneratedRegex(@"^ReferenceError: ([\w$]+) is not defined$", RegexOptions.CultureInvariant)]
    private static partial Regex NotDefinedPattern();

    [GeneratedRegex(@"has no method '([\w$]+)'", RegexOptions.CultureInvariant)]
    private static partial Regex NoMethodPattern();
}
