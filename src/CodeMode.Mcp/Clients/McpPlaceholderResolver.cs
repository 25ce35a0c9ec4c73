using System.Text;

namespace CodeMode.Mcp.Clients;

/// <summary>
/// Resolves <c>${NAME}</c> in <c>mcpServers</c> values, in the host only: from the variable <c>NAME</c>, else from the
/// file named by <c>NAME_FILE</c> (Docker/Kubernetes secrets). Errors name the server and the variable, never a value.
/// </summary>
internal sealed class McpPlaceholderResolver(Func<string, string?> environment)
{
    /// <summary>Resolves every placeholder in <paramref name="value"/>, or says which variable is missing.</summary>
    public bool TryResolve(string server, string value, out string resolved, out string? error)
    {
        var text = new StringBuilder(value.Length);
        var position = 0;
        while (true)
        {
            var start = value.IndexOf("${", position, StringComparison.Ordinal);
            var end = start < 0 ? -1 : value.IndexOf('}', start + 2);
            if (start < 0 || end < 0)
            {
                // The loader already rejected malformed placeholders; anything left is literal text.
                text.Append(value, position, value.Length - position);
                resolved = text.ToString();
                error = null;
                return true;
            }

            text.Append(value, position, start - position);
            var name = value[(start + 2)..end];
            if (!TryLookUp(server, name, out var variable, out error))
            {
                resolved = string.Empty;
                return false;
            }

            text.Append(variable);
            position = end + 1;
        }
    }

    private bool TryLookUp(string server, string name, out string value, out string? error)
    {
        var direct = environment(name);
        if (direct is not null)
        {
            value = direct;
            error = null;
            return true;
        }

        var file = environment(name + "_FILE");
        if (string.IsNullOrEmpty(file))
        {
            value = string.Empty;
            error = $"server '{server}' needs the environment variable {name} (or {name}_FILE naming a file that holds it), which is not set";
            return false;
        }

        try
        {
            // Secret files usually end with a newline that is not part of the secret.
            value = File.ReadAllText(file).TrimEnd('\r', '\n');
            error = null;
            return true;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            value = string.Empty;
            error = $"server '{server}' could not read the file named by {name}_FILE ({exception.GetType().Name})";
            return false;
        }
    }
}
