using System.Text;

namespace CodeMode.Abstractions.Text;

/// <summary>UTF-8 byte budgets on .NET strings, as the runtimes count <c>maxOutputBytes</c>.</summary>
public static class Utf8Text
{
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
