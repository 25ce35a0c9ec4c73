namespace CodeMode.Core.Configuration;

/// <summary>The <c>server</c> section: how the HTTP host listens and what requests it accepts. Rules: <see cref="HostSettingsValidator"/>.</summary>
public sealed record HostSettings
{
    /// <summary>
    /// Where <c>codemode serve</c> listens: absolute http(s) URLs without a path, separated by <c>;</c>.
    /// Default <c>http://127.0.0.1:5199</c>.
    /// </summary>
    public string Urls { get; init; } = "http://127.0.0.1:5199";

    /// <summary>Largest accepted snippet, in UTF-8 bytes: 1 to 16MB. Default 256 KB.</summary>
    public int MaxCodeBytes { get; init; } = 256 * 1024;
}
