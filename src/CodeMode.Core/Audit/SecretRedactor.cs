using System.Text.Encodings.Web;
using System.Text.RegularExpressions;
using CodeMode.Core.Configuration;

namespace CodeMode.Core.Audit;

/// <summary>
/// Replaces configured secret values — what the <c>${VAR}</c> placeholders of <c>mcpServers</c> env and headers
/// resolve to — with <see cref="Marker"/>, in plain text and as they appear escaped inside JSON strings. Values shorter
/// than <see cref="MinSecretLength"/> characters are not treated as secrets: redacting "1" or "dev" everywhere would
/// destroy data and hide nothing worth hiding.
/// </summary>
public sealed partial class SecretRedactor
{
    public const string Marker = "[REDACTED]";

    public const int MinSecretLength = 6;

    private readonly string[] _forms;

    public SecretRedactor(IEnumerable<string> secrets)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        // Longest first, so a secret containing another is replaced whole.
        _forms = secrets
            .Where(secret => secret.Length >= MinSecretLength)
            .SelectMany(secret => new[] { secret, JavaScriptEncoder.UnsafeRelaxedJsonEscaping.Encode(secret), JavaScriptEncoder.Default.Encode(secret) })
            .Distinct(StringComparer.Ordinal)
            .OrderByDescending(form => form.Length)
            .ToArray();
    }

    public static SecretRedactor None { get; } = new([]);

    public bool HasSecrets => _forms.Length > 0;

    /// <summary>Collects the resolved placeholder values of every server's <c>env</c> and <c>headers</c> from <paramref name="getEnvironmentVariable"/>.</summary>
    public static SecretRedactor FromConfig(CodeModeConfig config, Func<string, string?>? getEnvironmentVariable = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        getEnvironmentVariable ??= Environment.GetEnvironmentVariable;
        var secrets = new List<string>();
        foreach (var server in config.McpServers.Values)
        {
            foreach (var value in server.Env.Values.Concat(server.Headers.Values))
            {
                foreach (Match match in Placeholder().Matches(value))
                {
                    if (getEnvironmentVariable(match.Groups["name"].Value) is { Length: > 0 } resolved)
                    {
                        secrets.Add(resolved);
                    }

                    // A VAR_FILE indirection holds the secret in a file; its content is just as secret.
                    if (getEnvironmentVariable(match.Groups["name"].Value + "_FILE") is { Length: > 0 } file && TryReadSmallFile(file) is { } content)
                    {
                        secrets.Add(content.Trim());
                    }
                }
            }
        }

        return new SecretRedactor(secrets);
    }

    /// <summary>Whether <paramref name="text"/> holds any secret.</summary>
    public bool Contains(string? text) => text is not null && _forms.Any(form => text.Contains(form, StringComparison.Ordinal));

    /// <summary><paramref name="text"/> with every secret replaced by <see cref="Marker"/>.</summary>
    public string? Redact(string? text)
    {
        if (text is null || _forms.Length == 0)
        {
            return text;
        }

        foreach (var form in _forms)
        {
            if (text.Contains(form, StringComparison.Ordinal))
            {
                text = text.Replace(form, Marker, StringComparison.Ordinal);
            }
        }

        return text;
    }

    private static string? TryReadSmallFile(string path)
    {
        try
        {
            var info = new FileInfo(path);
            return info.Exists && info.Length <= 64 * 1024 ? File.ReadAllText(path) : null;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return null;
        }
    }

    [GeneratedRegex(@"\$\{(?<name>[A-Za-z_][A-Za-z0-9_]*)\}")]
    private static partial Regex Placeholder();
}
