using CodeMode.Abstractions.Execution;

namespace CodeMode.Core.Configuration;

/// <summary>
/// runtimes.json is missing, malformed or invalid. <see cref="Errors"/> holds every problem found, not just the
/// first; <see cref="Exception.Message"/> renders them one per line as
/// <c>CM7001 runtimes.json: runtimes.javascript.timeout: ... Fix: ...</c>.
/// The message holds file contents such as command names, never environment or header values, but it is meant for
/// the operator's console and logs, not for remote clients.
/// </summary>
public sealed class ConfigurationException : Exception
{
    public ConfigurationException(string sourceName, IReadOnlyList<ConfigurationError> errors)
        : base(Render(sourceName, errors))
    {
        ArgumentException.ThrowIfNullOrEmpty(sourceName);
        if (errors.Count == 0)
        {
            throw new ArgumentException("A configuration exception needs at least one error.", nameof(errors));
        }

        SourceName = sourceName;
        Errors = errors;
    }

    /// <summary>Always <see cref="ErrorCodes.InvalidConfiguration"/> (CM7001).</summary>
    public string Code => ErrorCodes.InvalidConfiguration;

    /// <summary>
    /// The file (or other source) the configuration came from, as the caller named it. An error found in another file
    /// (an <c>--mcp-config</c> file) names that one in <see cref="ConfigurationError.Source"/>.
    /// </summary>
    public string SourceName { get; }

    public IReadOnlyList<ConfigurationError> Errors { get; }

    private static string Render(string sourceName, IReadOnlyList<ConfigurationError> errors) =>
        string.Join('\n', errors.Select(error => $"{ErrorCodes.InvalidConfiguration} {error.Source ?? sourceName}: {error}"));
}
