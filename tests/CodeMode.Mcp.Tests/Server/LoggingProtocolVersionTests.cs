using System.IO.Pipelines;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using CodeMode.Abstractions.Execution;
using CodeMode.Mcp.Apis;
using CodeMode.Mcp.Server;
using CodeMode.Mocks;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

// logging/setLevel is deprecated from protocol 2026-07-28 but is what the earlier revisions negotiate; it is tested as served.
#pragma warning disable MCP9005

namespace CodeMode.Mcp.Tests.Server;

/// <summary>
/// The log level a client asks for is honoured in every protocol revision the SDK (2.3.1) speaks, over the stdio
/// framing (the SDK client and server joined by in-memory pipes, each test pinning its revision): with
/// <c>logging/setLevel</c> in 2024-11-05 to 2025-11-25, and with the request's <c>_meta</c> log level in 2026-07-28,
/// which has no setLevel. Each execute sends its message before its result, so the order the messages arrive in
/// (or, in raw JSON-RPC, what came before the response) shows which were never sent.
/// </summary>
public sealed class LoggingProtocolVersionTests
{
    private static readonly ScriptResult Succeeded = new() { Status = ScriptStatus.Succeeded };

    private static readonly ScriptResult Failed = new() { Status = ScriptStatus.RuntimeError, Error = new ScriptError(ErrorCodes.UncaughtException, "Error: x", 1, 1) };

    private static readonly ScriptResult HostFailed = new() { Status = ScriptStatus.InternalError, Error = new ScriptError(ErrorCodes.InternalError, "boom", null, null) };

    public static TheoryData<string> InitializeRevisions => ["2024-11-05", "2025-03-26", "2025-06-18", "2025-11-25"];

    [Theory]
    [MemberData(nameof(InitializeRevisions))]
    public async Task SetLevel_Warning_SendsWarningsAndErrors_NotInfo(string revision)
    {
        await using var session = await PipeSession.StartAsync(revision);
        Assert.Equal(revision, session.Client.NegotiatedProtocolVersion);
        var messages = session.ReceiveLogMessages();

        await session.Client.SetLoggingLevelAsync(LoggingLevel.Warning, cancellationToken: session.Timeout);
        await session.ExecuteAsync(Succeeded);
        await session.ExecuteAsync(Failed);
        await session.ExecuteAsync(HostFailed);

        // The info of the first run (below the level) was never sent: the warning (at it) is the first to arrive.
        var warning = await messages.ReadAsync(session.Timeout);
        Assert.Equal((LoggingLevel.Warning, "runtimeError"), (warning.Level, warning.Data.GetProperty("status").GetString()));
        var error = await messages.ReadAsync(session.Timeout);
        Assert.Equal((LoggingLevel.Error, "internalError"), (error.Level, error.Data.GetProperty("status").GetString()));
    }

    [Theory]
    [MemberData(nameof(InitializeRevisions))]
    public async Task SetLevel_NotYetSet_SendsNothing_ThenDebugSendsEveryRun(string revision)
    {
        await using var session = await PipeSession.StartAsync(revision);
        var messages = session.ReceiveLogMessages();

        await session.ExecuteAsync(HostFailed);
        await session.Client.SetLoggingLevelAsync(LoggingLevel.Debug, cancellationToken: session.Timeout);
        await session.ExecuteAsync(Succeeded);

        var first = await messages.ReadAsync(session.Timeout);
        Assert.Equal((LoggingLevel.Info, "succeeded"), (first.Level, first.Data.GetProperty("status").GetString()));
    }

    [Fact]
    public async Task July2026_HasNoSetLevel()
    {
        await using var session = await PipeSession.StartAsync("2026-07-28");
        Assert.Equal("2026-07-28", session.Client.NegotiatedProtocolVersion);

        var error = await Assert.ThrowsAsync<McpProtocolException>(() => session.Client.SetLoggingLevelAsync(LoggingLevel.Warning, cancellationToken: session.Timeout));

        Assert.Equal(McpErrorCode.MethodNotFound, error.ErrorCode);
    }

    /// <summary>
    /// 2026-07-28 carries the level on each request (<c>_meta</c> <c>io.modelcontextprotocol/logLevel</c>). The SDK
    /// 2.3.1 client cannot send it (it rewrites every request's <c>_meta</c> and drops the key), so this test speaks
    /// the revision's JSON-RPC itself, a line at a time as on stdio.
    /// </summary>
    [Fact]
    public async Task July2026_RequestLogLevel_IsHonoured_AndARequestWithoutOneGetsNoMessages()
    {
        await using var session = await RawSession.StartAsync();

        var withoutLevel = await session.ExecuteAsync(1, HostFailed, level: null);
        var belowLevel = await session.ExecuteAsync(2, Succeeded, level: "warning");
        var atLevel = await session.ExecuteAsync(3, Failed, level: "warning");
        var aboveLevel = await session.ExecuteAsync(4, HostFailed, level: "warning");

        Assert.Empty(withoutLevel);
        Assert.Empty(belowLevel);
        Assert.Equal(["warning"], atLevel.Select(message => message["params"]!["level"]!.GetValue<string>()));
        Assert.Equal(["error"], aboveLevel.Select(message => message["params"]!["level"]!.GetValue<string>()));
        Assert.Equal("codemode.execute", atLevel[0]["params"]!["logger"]!.GetValue<string>());
    }

    /// <summary>The SDK client and CodeMode's MCP server over in-memory pipes, the client pinned to one revision.</summary>
    private sealed class PipeSession : IAsyncDisposable
    {
        private readonly Pipe _clientToServer = new();
        private readonly Pipe _serverToClient = new();
        private readonly CancellationTokenSource _stop = new();

        // A guard, not a measurement: a message that never comes fails the test instead of hanging the run.
        private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(30));
        private readonly FakeScriptExecutor _executor = new();
        private McpServer _server = null!;
        private Task _serverRun = Task.CompletedTask;

        public McpClient Client { get; private set; } = null!;

        public CancellationToken Timeout => _timeout.Token;

        public static async Task<PipeSession> StartAsync(string revision)
        {
            var session = new PipeSession();
            var catalog = new MockToolCatalog(MockServerRegistry.CreateDefault());
            var options = CodeModeMcpServer.CreateOptions(session._executor, new ApiDeclarationGenerator(catalog), new ToolSearch(catalog), ["javascript"], "test");
            session._server = McpServer.Create(new StreamServerTransport(session._clientToServer.Reader.AsStream(), session._serverToClient.Writer.AsStream()), options);
            session._serverRun = session._server.RunAsync(session._stop.Token);
            session.Client = await McpClient.CreateAsync(
                new StreamClientTransport(session._clientToServer.Writer.AsStream(), session._serverToClient.Reader.AsStream()),
                new McpClientOptions { ProtocolVersion = revision },
                cancellationToken: session.Timeout);
            return session;
        }

        /// <summary>One execute whose outcome is <paramref name="result"/>, with a per-request log level when given.</summary>
        public async Task ExecuteAsync(ScriptResult result, LoggingLevel? level = null)
        {
            _executor.Result = result;
            var options = level is null
                ? null
                : new RequestOptions { Meta = new JsonObject { [MetaKeys.LogLevel] = JsonSerializer.SerializeToNode(level.Value, McpJsonUtilities.DefaultOptions) } };
            await Client.CallToolAsync("execute", new Dictionary<string, object?> { ["runtime"] = "javascript", ["code"] = "1" }, options: options, cancellationToken: Timeout);
        }

        public ChannelReader<LoggingMessageNotificationParams> ReceiveLogMessages()
        {
            var messages = Channel.CreateUnbounded<LoggingMessageNotificationParams>();
            Client.RegisterNotificationHandler(NotificationMethods.LoggingMessageNotification, (notification, _) =>
            {
                messages.Writer.TryWrite(notification.Params.Deserialize<LoggingMessageNotificationParams>(McpJsonUtilities.DefaultOptions)!);
                return ValueTask.CompletedTask;
            });
            return messages.Reader;
        }

        public async ValueTask DisposeAsync()
        {
            await Client.DisposeAsync();
            await _stop.CancelAsync();
            try
            {
                await _serverRun;
            }
            catch (OperationCanceledException)
            {
            }

            await _server.DisposeAsync();
            _stop.Dispose();
            _timeout.Dispose();
        }
    }

    /// <summary>CodeMode's MCP server over in-memory pipes, spoken to in raw JSON-RPC lines of the 2026-07-28 revision.</summary>
    private sealed class RawSession : IAsyncDisposable
    {
        private readonly Pipe _clientToServer = new();
        private readonly Pipe _serverToClient = new();
        private readonly CancellationTokenSource _stop = new();
        private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(30));
        private readonly FakeScriptExecutor _executor = new();
        private McpServer _server = null!;
        private Task _serverRun = Task.CompletedTask;
        private StreamReader _reader = null!;

        public static Task<RawSession> StartAsync()
        {
            var session = new RawSession();
            var catalog = new MockToolCatalog(MockServerRegistry.CreateDefault());
            var options = CodeModeMcpServer.CreateOptions(session._executor, new ApiDeclarationGenerator(catalog), new ToolSearch(catalog), ["javascript"], "test");
            session._server = McpServer.Create(new StreamServerTransport(session._clientToServer.Reader.AsStream(), session._serverToClient.Writer.AsStream()), options);
            session._serverRun = session._server.RunAsync(session._stop.Token);
            session._reader = new StreamReader(session._serverToClient.Reader.AsStream());
            return Task.FromResult(session);
        }

        /// <summary>Sends one tools/call of execute and returns the notifications that came before its response.</summary>
        public async Task<List<JsonNode>> ExecuteAsync(int id, ScriptResult result, string? level)
        {
            _executor.Result = result;
            var meta = new JsonObject
            {
                ["io.modelcontextprotocol/protocolVersion"] = "2026-07-28",
                ["io.modelcontextprotocol/clientInfo"] = new JsonObject { ["name"] = "raw", ["version"] = "1" },
                ["io.modelcontextprotocol/clientCapabilities"] = new JsonObject(),
            };
            if (level is not null)
            {
                meta["io.modelcontextprotocol/logLevel"] = level;
            }

            var request = new JsonObject
            {
                ["jsonrpc"] = "2.0",
                ["id"] = id,
                ["method"] = "tools/call",
                ["params"] = new JsonObject
                {
                    ["name"] = "execute",
                    ["arguments"] = new JsonObject { ["runtime"] = "javascript", ["code"] = "1" },
                    ["_meta"] = meta,
                },
            };
            await _clientToServer.Writer.WriteAsync(System.Text.Encoding.UTF8.GetBytes(request.ToJsonString() + "\n"), _timeout.Token);

            var notifications = new List<JsonNode>();
            while (true)
            {
                var line = await _reader.ReadLineAsync(_timeout.Token) ?? throw new InvalidOperationException("The server closed its output.");
                var message = JsonNode.Parse(line)!;
                if (message["id"] is { } answered && answered.GetValue<int>() == id)
                {
                    Assert.Null(message["error"]);
                    return notifications;
                }

                if (message["method"]?.GetValue<string>() == NotificationMethods.LoggingMessageNotification)
                {
                    notifications.Add(message);
                }
            }
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            _clientToServer.Writer.Complete();
            try
            {
                await _serverRun;
            }
            catch (OperationCanceledException)
            {
            }

            await _server.DisposeAsync();
            _stop.Dispose();
            _timeout.Dispose();
        }
    }
}
