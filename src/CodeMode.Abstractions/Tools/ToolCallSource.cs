namespace CodeMode.Abstractions.Tools;

/// <summary>Who answered a tool call: the live server, its mock, or the cache.</summary>
public enum ToolCallSource
{
    Live,
    Mock,
    Cache,
}
