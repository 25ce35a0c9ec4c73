namespace CodeMode.Core.Configuration;

/// <summary>The <c>security</c> section: defaults of the tool path. Rules: <see cref="SecuritySettingsValidator"/>.</summary>
public sealed record SecuritySettings
{
    /// <summary>Largest tool-call argument JSON, in bytes: 1 to 64MB. Default 1 MB.</summary>
    public int MaxPayloadBytes { get; init; } = 1024 * 1024;

    /// <summary>
    /// When a live server cannot answer, let its mock answer (the trace then says <c>source: "mock"</c>). Default true.
    /// </summary>
    public bool FallbackToMock { get; init; } = true;
}
