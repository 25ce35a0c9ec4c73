using System.Collections.Frozen;
using System.Text.Json;
using CodeMode.Abstractions.Tools;
using CodeMode.Mocks.Infrastructure;

namespace CodeMode.Mocks;

/// <summary>One tool's handler: reads its arguments, computes the answer in the real server's shape.</summary>
internal delegate ToolResult MockToolHandler(ToolArguments arguments);

/// <summary>
/// The shared frame of the mocks: the tool list from the embedded definitions, one handler per tool, and the
/// turning of argument problems into the server's own kind of error result. Subclasses register every tool's
/// handler in their constructor and word errors the way their real server does.
/// </summary>
public abstract class MockServer : IMockServer
{
    private static readonly JsonElement EmptyObject = JsonElement.Parse("{}"u8);

    private readonly Dictionary<string, MockToolHandler> _handlers = new(StringComparer.Ordinal);
    private FrozenDictionary<string, MockToolHandler>? _frozen;

    private protected MockServer(string name)
    {
        Name = name;
        Tools = ToolDefinitions.Load(name);
        Descriptors = Tools.ToFrozenDictionary(tool => tool.Name, StringComparer.Ordinal);
    }

    public string Name { get; }

    public IReadOnlyList<ToolDescriptor> Tools { get; }

    private protected FrozenDictionary<string, ToolDescriptor> Descriptors { get; }

    public ValueTask<ToolResult> CallAsync(string tool, JsonElement arguments, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var handlers = _frozen ?? throw new InvalidOperationException($"The {Name} mock did not finish registering its tools.");
        if (!handlers.TryGetValue(tool, out var handler) || !Descriptors.TryGetValue(tool, out var descriptor))
        {
            return new(UnknownTool(tool));
        }

        if (arguments.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
        {
            arguments = EmptyObject;
        }

        try
        {
            if (CheckArguments(descriptor, arguments) is { } rejected)
            {
                return new(rejected);
            }

            return new(handler(new ToolArguments(tool, arguments)));
        }
        catch (MockArgumentException e)
        {
            return new(ArgumentError(tool, arguments, [e.Issue]));
        }
        catch (MockToolException e)
        {
            return new(e.Result);
        }
    }

    /// <summary>Registers the handler of one tool of the definitions.</summary>
    private protected void Handle(string tool, MockToolHandler handler)
    {
        if (!Descriptors.ContainsKey(tool))
        {
            throw new InvalidOperationException($"The {Name} mock has no tool '{tool}' in its definitions.");
        }

        _handlers.Add(tool, handler);
    }

    /// <summary>Ends registration; every tool of the definitions must have a handler.</summary>
    private protected void CompleteRegistration()
    {
        var missing = Tools.Where(tool => !_handlers.ContainsKey(tool.Name)).Select(tool => tool.Name).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidOperationException($"The {Name} mock has no handler for: {string.Join(", ", missing)}.");
        }

        _frozen = _handlers.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>Validation the real server runs before the tool (zod, pydantic); null when the arguments pass.</summary>
    private protected virtual ToolResult? CheckArguments(ToolDescriptor tool, JsonElement arguments) => null;

    /// <summary>The real server's answer to bad arguments.</summary>
    private protected abstract ToolResult ArgumentError(string tool, JsonElement arguments, IReadOnlyList<ArgumentIssue> issues);

    /// <summary>The real server's answer to a tool it does not have.</summary>
    private protected virtual ToolResult UnknownTool(string tool) => ToolResult.Text($"Unknown tool: {tool}", isError: true);
}
