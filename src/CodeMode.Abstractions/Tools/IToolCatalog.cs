namespace CodeMode.Abstractions.Tools;

/// <summary>The tools each server offers right now.</summary>
public interface IToolCatalog
{
    /// <summary>Changes whenever any server's tool list changes, so sandboxes know when to rebuild proxies.</summary>
    long Version { get; }

    IReadOnlyList<string> Servers { get; }

    IReadOnlyList<ToolDescriptor> GetTools(string server);

    bool TryGetTool(string server, string tool, out ToolDescriptor descriptor);
}
