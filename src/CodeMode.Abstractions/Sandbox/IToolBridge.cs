namespace CodeMode.Abstractions.Sandbox;

/// <summary>
/// Inside the worker: sends a proxy call to the host and blocks until it answers. <paramref name="argumentsJson"/>
/// is the JSON text of the script's argument object.
/// </summary>
public interface IToolBridge
{
    ToolBridgeResult Call(string server, string tool, string argumentsJson);
}
