using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Net.Http.Headers;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace CodeMode.Server.Http;

/// <summary>
/// CodeMode as an MCP server over Streamable HTTP at <c>/mcp</c>: POST carries client messages (an <c>initialize</c>
/// without <c>Mcp-Session-Id</c> starts a session; replies stream back as SSE), GET opens the session's stream of
/// server-initiated messages, DELETE ends the session. Unknown or expired sessions get 404, so the client starts over.
/// </summary>
internal static class McpEndpoints
{
    public const string SessionIdHeader = "Mcp-Session-Id";

    private static readonly MediaTypeHeaderValue Json = new("application/json");
    private static readonly MediaTypeHeaderValue EventStream = new("text/event-stream");

    /// <summary>Maps <c>/mcp</c> as a group, so the filters of an enclosing group (API keys) apply to it as to /v1.</summary>
    public static RouteGroupBuilder MapCodeModeMcp(this IEndpointRouteBuilder endpoints, string pattern = "/mcp")
    {
        var group = endpoints.MapGroup(pattern);
        group.AddEndpointFilter<McpOriginFilter>();
        group.AddEndpointFilter<McpProtocolVersionFilter>();
        group.MapPost("", PostAsync);
        group.MapGet("", GetAsync);
        group.MapDelete("", DeleteAsync);
        return group;
    }

    private static async Task PostAsync(
        HttpContext http,
        McpSessionStore sessions,
        McpServerOptionsSource serverOptions,
        IHostApplicationLifetime lifetime,
        ILoggerFactory loggers)
    {
        // The spec says the client MUST accept both; refusing early tells a misconfigured client why nothing streams.
        if (!Accepts(http, Json) || !Accepts(http, EventStream))
        {
            await McpJsonRpcErrors.WriteAsync(http, StatusCodes.Status406NotAcceptable, McpJsonRpcErrors.ServerErrorCode,
                "Not Acceptable: the Accept header must list both application/json and text/event-stream.");
            return;
        }

        JsonRpcMessage? message;
        try
        {
            message = await http.Request.ReadFromJsonAsync(McpJsonUtilities.DefaultOptions.GetTypeInfo<JsonRpcMessage>(), http.RequestAborted);
        }
        catch (JsonException)
        {
            message = null;
        }

        if (message is null)
        {
            await McpJsonRpcErrors.WriteAsync(http, StatusCodes.Status400BadRequest, (int)McpErrorCode.ParseError,
                "Bad Request: the body is not one JSON-RPC message.");
            return;
        }

        var id = message is JsonRpcRequest request ? request.Id : default;
        var sessionId = http.Request.Headers[SessionIdHeader].ToString();
        McpSession? session;
        if (sessionId.Length == 0)
        {
            if (message is not JsonRpcRequest { Method: RequestMethods.Initialize })
            {
                await McpJsonRpcErrors.WriteAsync(http, StatusCodes.Status400BadRequest, McpJsonRpcErrors.ServerErrorCode,
                    $"Bad Request: send the {SessionIdHeader} header from the initialize response; only initialize starts a session.", id);
                return;
            }

            session = await StartSessionAsync(sessions, serverOptions, ClientOf(http), loggers);
            if (session is null)
            {
                http.Response.Headers.RetryAfter = "10";
                await McpJsonRpcErrors.WriteAsync(http, StatusCodes.Status503ServiceUnavailable, McpJsonRpcErrors.ServerErrorCode,
                    "Service Unavailable: every MCP session is in use (server.mcpMaxSessions); retry later.", id);
                return;
            }
        }
        else if ((session = await sessions.FindAsync(sessionId)) is null || !BelongsToCaller(session, http))
        {
            await SessionNotFoundAsync(http, id);
            return;
        }

        if (!session.TryBeginRequest(sessions.Now))
        {
            await SessionNotFoundAsync(http, id);
            return;
        }

        try
        {
            http.Response.Headers[SessionIdHeader] = session.Id;
            StartEventStream(http);
            using var aborted = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, lifetime.ApplicationStopping);
            if (!await session.Transport.HandlePostRequestAsync(message, http.Response.Body, aborted.Token))
            {
                // A notification or a response: nothing to stream back.
                http.Response.Headers.ContentType = (string?)null;
                http.Response.StatusCode = StatusCodes.Status202Accepted;
            }
        }
        finally
        {
            session.EndRequest(sessions.Now);
        }
    }

    private static async Task GetAsync(HttpContext http, McpSessionStore sessions, IHostApplicationLifetime lifetime)
    {
        if (!Accepts(http, EventStream))
        {
            await McpJsonRpcErrors.WriteAsync(http, StatusCodes.Status406NotAcceptable, McpJsonRpcErrors.ServerErrorCode,
                "Not Acceptable: the Accept header must list text/event-stream.");
            return;
        }

        if (await FindSessionAsync(http, sessions) is not { } session)
        {
            return;
        }

        if (!session.TryOpenGetStream())
        {
            await McpJsonRpcErrors.WriteAsync(http, StatusCodes.Status409Conflict, McpJsonRpcErrors.ServerErrorCode,
                "Conflict: this session already has its GET stream open; use that one.");
            return;
        }

        if (!session.TryBeginRequest(sessions.Now))
        {
            session.CloseGetStream();
            await SessionNotFoundAsync(http);
            return;
        }

        using var ended = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, lifetime.ApplicationStopping, session.Closed);
        try
        {
            http.Response.Headers[SessionIdHeader] = session.Id;
            StartEventStream(http);
            await http.Response.Body.FlushAsync(ended.Token);
            await session.Transport.HandleGetRequestAsync(http.Response.Body, ended.Token);
        }
        catch (OperationCanceledException) when (ended.IsCancellationRequested)
        {
            // The client went away, the session ended or the host is stopping: how an SSE stream normally ends.
        }
        finally
        {
            session.CloseGetStream();
            session.EndRequest(sessions.Now);
        }
    }

    private static async Task DeleteAsync(HttpContext http, McpSessionStore sessions)
    {
        if (await FindSessionAsync(http, sessions) is not { } session)
        {
            return;
        }

        await sessions.RemoveAsync(session.Id);
        http.Response.StatusCode = StatusCodes.Status200OK;
    }

    private static async Task<McpSession?> StartSessionAsync(
        McpSessionStore sessions, McpServerOptionsSource serverOptions, AuthApiClient? client, ILoggerFactory loggers)
    {
        // No service provider: the tools are closures over the host's singletons, and a request's scope would be
        // disposed while the session lives on.
        var id = McpSessionStore.NewSessionId();
        var transport = new StreamableHttpServerTransport(loggers) { SessionId = id };
        var session = new McpSession(id, transport, McpServer.Create(transport, serverOptions.For(client), loggers), sessions.Now)
        {
            ClientId = client?.Id,
        };
        if (await sessions.TryAddAsync(session))
        {
            return session;
        }

        await session.DisposeAsync();
        return null;
    }

    private static async Task<McpSession?> FindSessionAsync(HttpContext http, McpSessionStore sessions)
    {
        var sessionId = http.Request.Headers[SessionIdHeader].ToString();
        if (sessionId.Length == 0)
        {
            await McpJsonRpcErrors.WriteAsync(http, StatusCodes.Status400BadRequest, McpJsonRpcErrors.ServerErrorCode,
                $"Bad Request: the {SessionIdHeader} header is required.");
            return null;
        }

        var session = await sessions.FindAsync(sessionId);
        if (session is null || !BelongsToCaller(session, http))
        {
            await SessionNotFoundAsync(http);
            return null;
        }

        return session;
    }

    private static AuthApiClient? ClientOf(HttpContext http) => http.Features.Get<AuthApiClientFeature>()?.Client;

    // A session runs under the scopes of the API client that opened it: another client cannot use it, nor learn it exists.
    private static bool BelongsToCaller(McpSession session, HttpContext http) =>
        string.Equals(session.ClientId, ClientOf(http)?.Id, StringComparison.Ordinal);

    private static Task SessionNotFoundAsync(HttpContext http, RequestId id = default) =>
        McpJsonRpcErrors.WriteAsync(http, StatusCodes.Status404NotFound, McpJsonRpcErrors.SessionNotFoundCode,
            "Session not found: it ended (DELETE, idle timeout or restart). Initialize a new session.", id);

    private static bool Accepts(HttpContext http, MediaTypeHeaderValue wanted) =>
        http.Request.GetTypedHeaders().Accept.Any(accepted => wanted.IsSubsetOf(accepted));

    private static void StartEventStream(HttpContext http)
    {
        http.Response.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-cache,no-store";
        // Proxies and compression must not hold events back.
        http.Response.Headers.ContentEncoding = "identity";
        http.Response.Headers["X-Accel-Buffering"] = "no";
        http.Features.GetRequiredFeature<IHttpResponseBodyFeature>().DisableBuffering();
    }
}
