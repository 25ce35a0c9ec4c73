using System.Text.Json;
using System.Text.Json.Nodes;
using CodeMode.Abstractions.Execution;
using CodeMode.Runtimes.CSharp.Running;

namespace CodeMode.Runtimes.CSharp.ScriptApi;

/// <summary>
/// The base of every server's proxy. Generated subclasses add one typed method per tool; <see cref="CallAsync"/>
/// reaches any tool by name. Calls complete synchronously (the host answers before the method returns), so
/// <c>await</c> costs nothing; results are <see cref="JsonNode"/>s or records of the tool's output schema.
/// </summary>
public abstract class ToolProxy
{
    // Output records are proxy types, never script types: reflection-based reading of them cannot pin a script's context.
    private static readonly JsonSerializerOptions OutputOptions = new()
    {
        PropertyNameCaseInsensitive = true,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowReadingFromString,
    };

    private readonly ScriptHost _host;
    private readonly string _server;

    protected ToolProxy(ScriptHost host, string server)
    {
        _host = host;
        _server = server;
    }

    /// <summary>Calls <paramref name="tool"/> with <paramref name="arguments"/> (an anonymous object, a dictionary or a JsonObject) as its input.</summary>
    public Task<JsonNode?> CallAsync(string tool, object? arguments = null)
    {
        var node = arguments is null ? new JsonObject() : ScriptValues.ToNode(arguments, _host.Budget);
        if (node is not JsonObject input)
        {
            return Task.FromException<JsonNode?>(new ArgumentException($"{_server}.{tool} expects an object as its input, e.g. new {{ query = \"...\" }}.", nameof(arguments)));
        }

        return Invoke(tool, input);
    }

    /// <summary>For generated methods: a parameter's value as JSON, or null to leave the property out.</summary>
    protected JsonNode? Argument(object? value) => value is null ? null : ScriptValues.ToNode(value, _host.Budget);

    protected Task<JsonNode?> Invoke(string tool, JsonObject input)
    {
        try
        {
            return Task.FromResult(_host.CallTool(_server, tool, input));
        }
        catch (ToolException exception)
        {
            return Task.FromException<JsonNode?>(exception);
        }
    }

    protected Task<T> Invoke<T>(string tool, JsonObject input)
    {
        JsonNode? node;
        try
        {
            node = _host.CallTool(_server, tool, input);
        }
        catch (ToolException exception)
        {
            return Task.FromException<T>(exception);
        }

        try
        {
            return Task.FromResult(node.Deserialize<T>(OutputOptions)!);
        }
        catch (JsonException exception)
        {
            var qualified = _server + "." + tool;
            return Task.FromException<T>(new ToolException(
                ErrorCodes.ToolFailed,
                $"{qualified} returned a result that does not match its output schema ({exception.Message}); use {_server}.CallAsync(\"{tool}\", ...) to read it as JSON.",
                qualified));
        }
    }
}
