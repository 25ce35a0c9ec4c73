using System.Text.Json;
using CodeMode.Abstractions.Execution;
using CodeMode.Abstractions.Tools;
using CodeMode.Mcp.Resilience;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using Polly;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace CodeMode.Mcp.Clients;

/// <summary>
/// The live end of the tool path: sends the call to the server through its resilience pipeline. The server's answer,
/// <c>isError</c> included, is a result (source live); anything that kept it from answering — down, unreachable, timed
/// out, circuit open — is <see cref="ErrorCodes.ToolUnavailable"/>, so the mock fallback can stand in. Messages name
/// the server, tool and kind of failure, never a resolved secret.
/// </summary>
public sealed class LiveToolGateway(McpClientManager manager, TimeProvider? timeProvider = null) : IToolGateway
{
    private readonly McpClientManager _manager = manager ?? throw new ArgumentNullException(nameof(manager));
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;

    public async ValueTask<ToolCallOutcome> CallAsync(ToolCallRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!_manager.TryGetConnection(request.Server, out var connection))
        {
            return ToolCallOutcome.Failed(ErrorCodes.ToolUnavailable, $"server '{request.Server}' has no live connection (not configured or disabled)");
        }

        if (connection.UnavailableReason is { } reason)
        {
            return ToolCallOutcome.Failed(ErrorCodes.ToolUnavailable, reason);
        }

        var hints = connection.AnnotationsOf(request.Tool);
        var state = new McpCallState(hints is { ReadOnlyHint: true } or { IdempotentHint: true });
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(McpResiliencePipelines.CallState, state);
        var arguments = ToArguments(request.Arguments);
        var started = _time.GetTimestamp();
        try
        {
            var result = await connection.Pipeline.ExecuteAsync(
                static async (ctx, call) =>
                {
                    var client = await call.connection.GetClientAsync(ctx.CancellationToken).ConfigureAwait(false);
                    return await client.CallToolAsync(
                        new CallToolRequestParams { Name = call.connection.RemoteNameOf(call.tool), Arguments = call.arguments }, ctx.CancellationToken).ConfigureAwait(false);
                },
                context,
                (connection, tool: request.Tool, arguments)).ConfigureAwait(false);
            connection.RecordSuccess(_time.GetElapsedTime(started));
            return ToolCallOutcome.Answered(McpToolResultMapper.Map(result), ToolCallSource.Live) with { Retries = state.Retries };
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return ToolCallOutcome.Cancelled(request.Server, request.Tool) with { Retries = state.Retries };
        }
        catch (McpProtocolException exception)
        {
            // The server answered with a JSON-RPC error (unknown tool, invalid params): an answer, not an outage.
            connection.RecordSuccess(_time.GetElapsedTime(started));
            return ToolCallOutcome.Failed(ErrorCodes.ToolFailed, $"{request.Server}.{request.Tool} failed: {exception.Message}") with { Retries = state.Retries };
        }
        catch (Exception exception)
        {
            var message = exception switch
            {
                BrokenCircuitException => $"server '{request.Server}' is failing; its circuit is open, so {request.Tool} was not sent",
                TimeoutRejectedException => $"server '{request.Server}' did not answer {request.Tool} in time",
                McpServerUnavailableException => exception.Message,
                _ => $"server '{request.Server}' failed during {request.Tool} ({McpServerConnection.Describe(exception)})",
            };
            connection.RecordFailure(message);
            return ToolCallOutcome.Failed(ErrorCodes.ToolUnavailable, message) with { Retries = state.Retries };
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private static Dictionary<string, JsonElement> ToArguments(JsonElement arguments)
    {
        var map = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        if (arguments.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in arguments.EnumerateObject())
            {
                map[property.Name] = property.Value.Clone();
            }
        }

        return map;
    }
}
