namespace CodeMode.Core.Configuration;

/// <summary>The <c>security</c> section: defaults of the tool path.</summary>
public sealed record SecuritySettings
{
    /// <summary>Largest tool-call argument JSON, in bytes. Default 1 MB.</summary>
    public int MaxPayloadBytes { get; init; } = 1024 * 1024;

    /// <summary>When a live server cannot answer, let its mock answer (the trace then says <c>source: "mock"</c>).</summary>
    public bool FallbackToMock { get; init; } = true;
}
