using System.Text;

namespace CodeMode.Abstractions.Text;

/// <summary>UTF-8 on .NET strings as the runtimes need it: byte budgets (<c>maxOutputBytes</c>) and text that can be encoded.</summary>
public static class Utf8Text
{
    /// <summary>
    /// <paramref name="text"/> with each lone UTF-16 surrogate replaced by U+FFFD. Script strings may hold them, and
    /// System.Text.Json refuses to write them, which would break the worker's reply to the host.
    /// </summary>
    public static string ReplaceLoneSurrogates(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
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

    /// <summary>The longest prefix of <paramref name="text"/> that fits in <paramref name="maxBytes"/> UTF-8 bytes, never splitting a surrogate pair.</summary>
    public static string Truncate(string text, int maxBytes)
    {
        ArgumentNullException.ThrowIfNull(text);
        var length = 0;
        var bytes = 0;
        while (length < text.Length)
        {
            var width = char.IsHighSurrogate(text[length]) && length + 1 < text.Length ? 2 : 1;
            var size = Encoding.UTF8.GetByteCount(text.AsSpan(length, width));
            if (bytes + size > maxBytes)
            {
                break;
            }

            bytes += size;
            length += width;
        }

        return text[..length];
    }
}
