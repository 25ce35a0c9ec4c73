namespace CodeMode.Core.Configuration;

/// <summary>The <c>server</c> section: how the HTTP host listens and what requests it accepts.</summary>
public sealed record HostSettings
{
    /// <summary>Where <c>codemode serve</c> listens. Default <c>http://127.0.0.1:5199</c>.</summary>
    public string Urls { get; init; } = "http://127.0.0.1:5199";

    /// <summary>Largest accepted snippet, in UTF-8 bytes. Default 256 KB.</summary>
    public int MaxCodeBytes { get; init; } = 256 * 1024;
}
