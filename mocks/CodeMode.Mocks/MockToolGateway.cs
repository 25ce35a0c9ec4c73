using System.Collections.Frozen;
using CodeMode.Abstractions.Execution;
using CodeMode.Abstractions.Tools;

namespace CodeMode.Mocks;

/// <summary>
/// The terminal gateway that answers from the in-process mocks: routes a call to the mock standing in for its
/// server and returns the mock's result with source <see cref="ToolCallSource.Mock"/>. A server without a mock, or a
/// tool the mock does not have, is denied with <see cref="ErrorCodes.UnknownTool"/>.
/// </summary>
public sealed class MockToolGateway : IToolGateway
{
    private readonly FrozenDictionary<string, (IMockServer Mock, FrozenSet<string> Tools)> _mockByServer;

    /// <summary>Every mock under its own name.</summary>
    public MockToolGateway(MockServerRegistry registry)
        : this(registry, (registry ?? throw new ArgumentNullException(nameof(registry))).Names.ToDictionary(name => name, name => name))
    {
    }

    /// <param name="registry">The mocks.</param>
    /// <param name="mockByServer">Server name → the mock that answers for it (<c>mcpServers.*.mock</c>).</param>
    public MockToolGateway(MockServerRegistry registry, IReadOnlyDictionary<string, string> mockByServer)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(mockByServer);
        _mockByServer = mockByServer.ToFrozenDictionary(
            pair => pair.Key,
            pair =>
            {
                var mock = registry.Get(pair.Value);
                return (mock, mock.Tools.Select(tool => tool.Name).ToFrozenSet(StringComparer.Ordinal));
            },
            StringComparer.Ordinal);
    }

    public async ValueTask<ToolCallOutcome> CallAsync(ToolCallRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!_mockByServer.TryGetValue(request.Server, out var route))
        {
            return ToolCallOutcome.Denied(ErrorCodes.UnknownTool, $"No mock answers for server '{request.Server}'.");
        }

        if (!route.Tools.Contains(request.Tool))
        {
            return ToolCallOutcome.Denied(ErrorCodes.UnknownTool, $"The {route.Mock.Name} mock has no tool '{request.Tool}'.");
        }

        var result = await route.Mock.CallAsync(request.Tool, request.Arguments, cancellationToken).ConfigureAwait(false);
        return ToolCallOutcome.Answered(result, ToolCallSource.Mock);
    }
}
