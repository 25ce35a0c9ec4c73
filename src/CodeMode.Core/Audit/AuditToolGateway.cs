using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CodeMode.Abstractions.Audit;
using CodeMode.Abstractions.Execution;
using CodeMode.Abstractions.Tools;

namespace CodeMode.Core.Audit;

/// <summary>
/// The outermost tool-gateway decorator: one <see cref="AuditKind.ToolCall"/> record per call — server, tool, argument
/// hash and size, outcome, code, source, duration, client and execution — and a denial count for every refused call.
/// It only builds the record and offers it to the sink; writing happens elsewhere.
/// </summary>
public sealed class AuditToolGateway(IToolGateway inner, IAuditSink sink, SecurityMetrics metrics, bool auditArguments, TimeProvider? timeProvider = null)
    : DelegatingToolGateway(inner)
{
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;

    public override async ValueTask<ToolCallOutcome> CallAsync(ToolCallRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var started = _time.GetTimestamp();
        ToolCallOutcome? outcome = null;
        try
        {
            outcome = await Inner.CallAsync(request, cancellationToken).ConfigureAwait(false);
            return outcome;
        }
        finally
        {
            Audit(request, outcome, _time.GetElapsedTime(started).TotalMilliseconds);
        }
    }

    private void Audit(ToolCallRequest request, ToolCallOutcome? outcome, double durationMs)
    {
        var status = outcome?.Status ?? ToolCallStatus.Failed;
        if (status is ToolCallStatus.Denied or ToolCallStatus.RateLimited)
        {
            metrics.Denied(outcome!.ErrorCode ?? "unknown", "toolCall");
        }

        var raw = RawArguments(request.Arguments);
        sink.Record(new AuditRecord
        {
            Timestamp = _time.GetUtcNow(),
            Kind = AuditKind.ToolCall,
            Outcome = JsonNamingPolicy.CamelCase.ConvertName(status.ToString()),
            ClientId = request.Context.ClientId,
            ExecutionId = request.Context.ExecutionId,
            Runtime = request.Context.Runtime,
            Server = request.Server,
            Tool = request.Tool,
            Code = outcome is null ? ErrorCodes.InternalError : outcome.ErrorCode,
            Source = outcome is { Status: ToolCallStatus.Ok or ToolCallStatus.ToolError } ? JsonNamingPolicy.CamelCase.ConvertName(outcome.Source.ToString()) : null,
            DurationMs = Math.Round(durationMs, 3),
            ArgumentHash = Convert.ToHexStringLower(SHA256.HashData(raw)),
            ArgumentBytes = request.ArgumentBytes,
            Arguments = auditArguments ? Encoding.UTF8.GetString(raw) : null,
            Detail = outcome?.ErrorMessage ?? (outcome is null ? "tool gateway fault" : null),
        });
    }

    private static ReadOnlySpan<byte> RawArguments(JsonElement arguments) =>
        arguments.ValueKind == JsonValueKind.Undefined ? [] : JsonMarshal.GetRawUtf8Value(arguments);
}
