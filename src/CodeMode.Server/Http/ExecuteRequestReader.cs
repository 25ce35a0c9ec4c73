using System.Text.Json;
using CodeMode.Abstractions.Execution;
using Microsoft.AspNetCore.Http;

namespace CodeMode.Server.Http;

/// <summary>
/// Reads the body of <c>POST /v1/execute</c> — <c>{"runtime": "...", "code": "...", "timeoutMs": 1000}</c> — and says
/// exactly which field is wrong when it is not that. Unknown fields are refused so a typo (<c>timeout</c>) is not silently ignored.
/// </summary>
internal static class ExecuteRequestReader
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 16 };

    public static async Task<ExecutionRequest> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!IsJson(request.ContentType))
        {
            throw new ExecutionRequestException(
                ErrorCodes.UnsupportedMediaType,
                "Content-Type",
                $"Send the request as JSON (Content-Type: application/json); got '{request.ContentType ?? "none"}'.");
        }

        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(request.Body, DocumentOptions, cancellationToken);
        }
        catch (JsonException ex)
        {
            throw new ExecutionRequestException(ErrorCodes.InvalidRequest, "body", $"The body is not valid JSON (line {(ex.LineNumber ?? 0) + 1}, byte {(ex.BytePositionInLine ?? 0) + 1}).");
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            throw new ExecutionRequestException(ErrorCodes.CodeTooLarge, "code", "The request body is larger than this server accepts; 'code' must stay within server.maxCodeBytes.");
        }

        using (document)
        {
            return Parse(document.RootElement);
        }
    }

    private static ExecutionRequest Parse(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new ExecutionRequestException(ErrorCodes.InvalidRequest, "body", "The body must be a JSON object: {\"runtime\": \"javascript\", \"code\": \"...\"}.");
        }

        string? runtime = null;
        string? code = null;
        int? timeoutMs = null;
        foreach (var property in root.EnumerateObject())
        {
            switch (property.Name)
            {
                case "runtime":
                    runtime = RequireString(property);
                    break;
                case "code":
                    code = RequireString(property);
                    break;
                case "timeoutMs":
                    timeoutMs = property.Value.ValueKind == JsonValueKind.Null ? null
                        : property.Value.ValueKind == JsonValueKind.Number && property.Value.TryGetInt32(out var ms) ? ms
                        : throw new ExecutionRequestException(ErrorCodes.InvalidTimeout, "timeoutMs", "'timeoutMs' must be a whole number of milliseconds.");
                    break;
                default:
                    throw new ExecutionRequestException(ErrorCodes.InvalidRequest, Clip(property.Name), $"Unknown field '{Clip(property.Name)}'. Known fields: runtime, code, timeoutMs.");
            }
        }

        if (runtime is null)
        {
            throw new ExecutionRequestException(ErrorCodes.InvalidRequest, "runtime", "'runtime' is required, e.g. \"javascript\".");
        }

        if (code is null)
        {
            throw new ExecutionRequestException(ErrorCodes.EmptyCode, "code", "'code' is required: the snippet to run.");
        }

        return new ExecutionRequest(runtime, code, timeoutMs);
    }

    private static string RequireString(JsonProperty property) =>
        property.Value.ValueKind == JsonValueKind.String
            ? property.Value.GetString()!
            : throw new ExecutionRequestException(ErrorCodes.InvalidRequest, property.Name, $"'{property.Name}' must be a string.");

    private static bool IsJson(string? contentType) =>
        contentType is not null
        && (contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase)
            || (contentType.StartsWith("application/", StringComparison.OrdinalIgnoreCase) && contentType.Contains("+json", StringComparison.OrdinalIgnoreCase)));

    private static string Clip(string value) => value.Length <= 40 ? value : value[..40] + "…";
}
