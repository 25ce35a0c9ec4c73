using System.Threading.Channels;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace CodeMode.Mcp.Tests;

/// <summary>
/// A client transport whose server can be made unreachable without closing the session: while
/// <see cref="Unreachable"/> is set, every request the client sends fails at once (as a dropped network would), so a
/// health check notices it and nothing waits for a timeout. <see cref="Close"/> ends the session, as a server process
/// exiting would.
/// </summary>
internal sealed class SwitchableTransport(IClientTransport inner) : IClientTransport
{
    public volatile bool Unreachable;

    public string Name => inner.Name;

    private readonly Channel<JsonRpcMessage> _incoming = Channel.CreateUnbounded<JsonRpcMessage>();

    public async Task<ITransport> ConnectAsync(CancellationToken cancellationToken = default)
    {
        var session = await inner.ConnectAsync(cancellationToken);
        _ = PumpAsync(session.MessageReader);
        return new Session(this, session);
    }

    /// <summary>Ends the session: the client sees its transport close.</summary>
    public void Close() => _incoming.Writer.TryComplete();

    private async Task PumpAsync(ChannelReader<JsonRpcMessage> reader)
    {
        await foreach (var message in reader.ReadAllAsync())
        {
            if (!_incoming.Writer.TryWrite(message))
            {
                return;
            }
        }

        _incoming.Writer.TryComplete();
    }

    private sealed class Session(SwitchableTransport owner, ITransport inner) : ITransport
    {
        public string? SessionId => inner.SessionId;

        public ChannelReader<JsonRpcMessage> MessageReader => owner._incoming.Reader;

        public Task SendMessageAsync(JsonRpcMessage message, CancellationToken cancellationToken = default) =>
            owner.Unreachable && message is JsonRpcRequest
                ? Task.FromException(new IOException("network unreachable"))
                : inner.SendMessageAsync(message, cancellationToken);

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
