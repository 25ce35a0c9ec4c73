namespace CodeMode.Runtimes.JavaScript.Interop;

/// <summary>
/// JavaScript strings may hold lone UTF-16 surrogates; System.Text.Json refuses to write them, which would break
/// the worker's reply to the host. Every string that leaves the engine (logs, messages, JSON) passes through here.
/// </summary>
internal static class TextSanitizer
{
    public static string ReplaceLoneSurrogates(string text)
    {
        var first = text.AsSpan().IndexOfAnyInRange('\ud800', '\udfff');
        if (first < 0)
        {
            return text;
        }

        char[]? copy = null;
        for (var i = first; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
                continue;
            }

            if (char.IsSurrogate(c))
            {
                copy ??= text.ToCharArray();
                copy[i] = '\ufffd';
            }
        }

        return copy is null ? text : new string(copy);
    }
}
