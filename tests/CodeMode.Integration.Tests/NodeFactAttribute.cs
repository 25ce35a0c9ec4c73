namespace CodeMode.Integration.Tests;

/// <summary>A fact that needs node and npm; skipped with the reason when they are absent.</summary>
public sealed class NodeFactAttribute : FactAttribute
{
    public NodeFactAttribute()
    {
        if (McpServersInstall.MissingTools is { } reason)
        {
            Skip = reason;
        }
    }
}
