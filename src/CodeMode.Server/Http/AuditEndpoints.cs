using System.Globalization;
using CodeMode.Abstractions;
using CodeMode.Abstractions.Audit;
using CodeMode.Abstractions.Execution;
using CodeMode.Core.Audit;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace CodeMode.Server.Http;

/// <summary>
/// <c>GET /v1/audit?from=&amp;to=&amp;client=&amp;server=&amp;outcome=&amp;kind=&amp;limit=&amp;cursor=</c>: the audit log, newest
/// first, one page at a time (<c>nextCursor</c> gives the next page); a malformed filter is a 400 problem (CM8004)
/// naming it. An API key without <c>auditAll</c> sees only its own records. <c>GET /v1/audit/stats</c>: counts by kind and outcome, refusals by reason since start-up, dropped records.
/// Both wait for records already offered to be written, so a caller reads its own executions.
/// </summary>
internal static class AuditEndpoints
{
    public static async Task QueryAsync(HttpContext http)
    {
        if (!TryParse(http.Request.Query, out var query, out var field, out var problem))
        {
            await ProblemResponses.BadRequestAsync(http, ErrorCodes.InvalidAuditQuery, field, problem);
            return;
        }

        // A key reads its own records unless it may read everyone's (security.apiKeys.*.auditAll).
        if (http.Features.Get<AuthApiClientFeature>()?.Client is { AuditAll: false } client)
        {
            query = query with { ClientId = client.Id };
        }

        if (await FlushedStoreAsync(http) is not { } store)
        {
            await Results.Json(new { enabled = false, records = Array.Empty<AuditRecord>() }, CodeModeJson.Options).ExecuteAsync(http);
            return;
        }

        var page = await store.QueryAsync(query, http.RequestAborted);
        await Results.Json(
            new { enabled = true, records = page.Records, nextCursor = page.NextCursor?.ToString(CultureInfo.InvariantCulture) },
            CodeModeJson.Options).ExecuteAsync(http);
    }

    public static async Task StatsAsync(HttpContext http, SecurityMetrics metrics)
    {
        var store = await FlushedStoreAsync(http);
        var counts = store is null ? null : await store.CountAsync(http.RequestAborted);
        await Results.Json(
            new
            {
                enabled = store is not null,
                total = counts?.Total ?? 0,
                byKind = counts?.ByKind ?? new Dictionary<string, long>(),
                byOutcome = counts?.ByOutcome ?? new Dictionary<string, long>(),
                denialsByReason = metrics.DenialsByReason,
                auditDropped = metrics.AuditDroppedTotal,
            },
            CodeModeJson.Options).ExecuteAsync(http);
    }

    private static async Task<IAuditStore?> FlushedStoreAsync(HttpContext http)
    {
        if (http.RequestServices.GetService<AuditWriter>() is { } writer)
        {
            await writer.FlushAsync(http.RequestAborted);
        }

        return http.RequestServices.GetService<IAuditStore>();
    }

    private static bool TryParse(IQueryCollection parameters, out AuditQuery query, out string field, out string problem)
    {
        query = new AuditQuery();
        field = problem = "";
        foreach (var name in parameters.Keys)
        {
            if (name is not ("from" or "to" or "client" or "server" or "outcome" or "kind" or "limit" or "cursor"))
            {
                (field, problem) = (name.Length <= 40 ? name : name[..40], $"Unknown filter '{(name.Length <= 40 ? name : name[..40])}'. Filters: from, to, client, server, outcome, kind, limit, cursor.");
                return false;
            }
        }

        DateTimeOffset? from = null, to = null;
        if (!TryTime(parameters, "from", ref from, ref field, ref problem) || !TryTime(parameters, "to", ref to, ref field, ref problem))
        {
            return false;
        }

        if (from > to)
        {
            (field, problem) = ("from", "'from' is later than 'to'.");
            return false;
        }

        AuditKind? kind = null;
        if (Text(parameters, "kind") is { } kindText)
        {
            if (!SqliteAuditStore.TryParseKind(kindText, out var parsed))
            {
                (field, problem) = ("kind", "'kind' must be one of: execution, toolCall, denial, capability.");
                return false;
            }

            kind = parsed;
        }

        var limit = AuditQuery.DefaultLimit;
        if (Text(parameters, "limit") is { } limitText
            && (!int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit < 1 || limit > AuditQuery.MaxLimit))
        {
            (field, problem) = ("limit", $"'limit' must be a whole number from 1 to {AuditQuery.MaxLimit}.");
            return false;
        }

        long? before = null;
        if (Text(parameters, "cursor") is { } cursorText)
        {
            if (!long.TryParse(cursorText, NumberStyles.None, CultureInfo.InvariantCulture, out var cursor) || cursor < 1)
            {
                (field, problem) = ("cursor", "'cursor' must be the nextCursor of an earlier page.");
                return false;
            }

            before = cursor;
        }

        query = new AuditQuery(from, to, Text(parameters, "client"), Text(parameters, "server"), Text(parameters, "outcome"), kind, limit, before);
        return true;
    }

    private static bool TryTime(IQueryCollection parameters, string name, ref DateTimeOffset? value, ref string field, ref string problem)
    {
        if (Text(parameters, name) is not { } text)
        {
            return true;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out var parsed))
        {
            value = parsed;
            return true;
        }

        (field, problem) = (name, $"'{name}' must be an ISO 8601 time, e.g. 2026-01-31T12:00:00Z.");
        return false;
    }

    private static string? Text(IQueryCollection parameters, string name) =>
        parameters.TryGetValue(name, out var values) && values.ToString() is { Length: > 0 } text ? text : null;
}
