using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CodeMode.Abstractions.Audit;
using CodeMode.Abstractions.Execution;

namespace CodeMode.Core.Audit;

/// <summary>
/// Records one <see cref="AuditKind.Execution"/> per request that ran (its status, code, duration, client,
/// runtime, and the code's SHA-256 and size — never the code itself), and gives the execution an id up front so its tool-call records carry the same one. Requests refused
/// before running (bad request, queue full) are counted as denials.
/// </summary>
public sealed class AuditingScriptExecutor(IScriptExecutor inner, IAuditSink sink, SecurityMetrics metrics, TimeProvider? timeProvider = null) : IScriptExecutor
{
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;

    public async Task<ScriptResult> ExecuteAsync(ExecutionRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        request = request.ExecutionId is null ? request with { ExecutionId = Guid.NewGuid().ToString("N") } : request;
        var started = Stopwatch.GetTimestamp();
        try
        {
            var result = await inner.ExecuteAsync(request, cancellationToken).ConfigureAwait(false);
            Audit(request, JsonNamingPolicy.CamelCase.ConvertName(result.Status.ToString()), result.Error?.Code, result.Error?.Message, started);
            return result;
        }
        catch (ExecutionRejectedException rejected)
        {
            metrics.Denied(rejected.Code, "execution");
            Audit(request, "rejected", rejected.Code, rejected.Message, started);
            throw;
        }
        catch (ExecutionRequestException invalid)
        {
            Audit(request, "invalidRequest", invalid.Code, invalid.Message, started);
            throw;
        }
    }

    private void Audit(ExecutionRequest request, string outcome, string? code, string? detail, long started) => sink.Record(new AuditRecord
    {
        Timestamp = _time.GetUtcNow(),
        Kind = AuditKind.Execution,
        Outcome = outcome,
        ClientId = request.ClientId,
        ExecutionId = request.ExecutionId,
        Runtime = request.Runtime,
        Code = code,
        ArgumentHash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(request.Code ?? ""))),
        ArgumentBytes = Encoding.UTF8.GetByteCount(request.Code ?? ""),
        DurationMs = Math.Round(Stopwatch.GetElapsedTime(started).TotalMilliseconds, 3),
        Detail = detail,
    });
}
