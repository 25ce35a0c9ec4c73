using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace CodeMode.Server.Tests;

/// <summary>Small helpers to post snippets and read answers as JSON.</summary>
internal static class HttpJson
{
    public static async Task<(int Status, JsonElement Body)> ExecuteAsync(this HttpClient client, string code, int? timeoutMs = null, string runtime = "javascript")
    {
        var body = timeoutMs is null
            ? (object)new { runtime, code }
            : new { runtime, code, timeoutMs };
        using var response = await client.PostAsJsonAsync("/v1/execute", body);
        return ((int)response.StatusCode, await ReadAsync(response));
    }

    public static async Task<(int Status, JsonElement Body, string? ContentType)> PostRawAsync(this HttpClient client, string body, string? contentType)
    {
        using var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = contentType is null ? null : System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType);
        using var response = await client.PostAsync("/v1/execute", content);
        return ((int)response.StatusCode, await ReadAsync(response), response.Content.Headers.ContentType?.MediaType);
    }

    public static async Task<JsonElement> ReadAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    public static string Str(this JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : "";
}
