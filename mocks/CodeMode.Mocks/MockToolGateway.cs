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
    private readonly FrozenDictionary<string, IMockServer> _mockByServer;

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
        _mockByServer = mockByServer.ToFrozenDictionary(pair => pair.Key, pair => registry.Get(pair.Value), StringComparer.Ordinal);
    }

    public async ValueTask<ToolCallOutcome> CallAsync(ToolCallRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!_mockByServer.TryGetValue(request.Server, out var mock))
        {
            return ToolCallOutcome.Denied(ErrorCodes.UnknownTool, $"No mock answers for server '{request.Server}'.");
        }

        if (!HasTool(mock, request.Tool))
        {
            return ToolCallOutcome.Denied(ErrorCodes.UnknownTool, $"The {mock.Name} mock has no tool '{request.Tool}'.");
        }

        var result = await mock.CallAsync(request.Tool, request.Arguments, cancellationToken).ConfigureAwait(false);
        return ToolCallOutcome.Answered(result, ToolCallSource.Mock);
    }

    private static bool HasTool(IMockServer mock, string tool)
    {
        foreach (var descriptor in mock.Tools)
        {
            if (descriptor.Name == tool)
            {
                return true;
            }
        }

        return false;
    }
}
