namespace CodeMode.Core.Configuration;

/// <summary>
/// The <c>${NAME}</c> placeholders of <c>mcpServers</c> values. The host resolves them from its environment when it
/// starts a server; here we only make sure each one is well-formed, so a typo fails at start-up rather than reaching
/// the server as literal text. Problems never quote the value: it may hold a secret next to the placeholder.
/// </summary>
internal static class ConfigPlaceholders
{
    public const string Fix =
        "write each placeholder as ${NAME}, with NAME made of letters, digits and _ and not starting with a digit, e.g. ${AUTOMEM_API_KEY}";

    /// <summary>Null when every placeholder in <paramref name="value"/> is well-formed; otherwise what is wrong.</summary>
    public static string? FindProblem(string? value)
    {
        if (value is null)
        {
            return null;
        }

        var start = 0;
        while ((start = value.IndexOf("${", start, StringComparison.Ordinal)) >= 0)
        {
            var end = value.IndexOf('}', start + 2);
            if (end < 0)
            {
                return $"has an unclosed \"${{\" at character {start + 1}";
            }

            var name = value[(start + 2)..end];
            if (name.Contains(":-", StringComparison.Ordinal) || name.Contains(":=", StringComparison.Ordinal))
            {
                return $"has a placeholder with a default value at character {start + 1}; defaults (${{NAME:-default}}) are not supported";
            }

            if (!ConfigNames.IsEnvironmentVariableName(name))
            {
                return $"has a malformed placeholder at character {start + 1}; the text between \"${{\" and \"}}\" must be an environment variable name";
            }

            start = end + 1;
        }

        return null;
    }
}
