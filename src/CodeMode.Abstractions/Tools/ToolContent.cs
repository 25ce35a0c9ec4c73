namespace CodeMode.Abstractions.Tools;

/// <summary>
/// One content block of a tool result, flattened: <c>text</c> has <see cref="Text"/>; <c>image</c>/<c>audio</c> have
/// <see cref="MimeType"/> and base64 <see cref="Data"/>; <c>resource</c>/<c>resource_link</c> have <see cref="Uri"/>
/// and <see cref="Text"/> or <see cref="Data"/>.
/// </summary>
public sealed record ToolContent(string Type, string? Text = null, string? MimeType = null, string? Data = null, string? Uri = null)
{
    public static ToolContent FromText(string text) => new("text", Text: text);
}
