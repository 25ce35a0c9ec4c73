using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace CodeMode.Server.Tests.Mcp;

/// <summary>Raw Streamable HTTP requests to <c>/mcp</c>, for what the SDK client hides: headers, statuses, session ids.</summary>
internal static class McpHttp
{
    public const string SessionHeader = "Mcp-Session-Id";

    private const string Initialize =
        """{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"raw","version":"1"}}}""";

    /// <summary>Starts a session (initialize, then notifications/initialized) and returns its id.</summary>
    public static async Task<string> StartSessionAsync(this HttpClient client)
    {
        using var response = await client.PostMcpAsync(Initialize);
        Assert.Equal(200, (int)response.StatusCode);
        var sessionId = Assert.Single(response.Headers.GetValues(SessionHeader));
        Assert.Contains("\"protocolVersion\":\"2025-11-25\"", await response.Content.ReadAsStringAsync());
        using var initialized = await client.PostMcpAsync("""{"jsonrpc":"2.0","method":"notifications/initialized"}""", sessionId);
        Assert.Equal(202, (int)initialized.StatusCode);
        return sessionId;
    }

    public static Task<HttpResponseMessage> PostMcpAsync(this HttpClient client, string json, string? sessionId = null, Action<HttpRequestMessage>? edit = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/mcp") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        if (sessionId is not null)
        {
            request.Headers.Add(SessionHeader, sessionId);
        }

        edit?.Invoke(request);
        return client.SendAsync(request);
    }

    public static Task<HttpResponseMessage> ListToolsAsync(this HttpClient client, string sessionId) =>
        client.PostMcpAsync("""{"jsonrpc":"2.0","id":2,"method":"tools/list"}""", sessionId);

    public static Task<HttpResponseMessage> DeleteSessionAsync(this HttpClient client, string sessionId)
    {
        var request = new HttpRequestMessage(HttpMethod.Delete, "/mcp");
        request.Headers.Add(SessionHeader, sessionId);
        return client.SendAsync(request);
    }

    /// <summary>The JSON-RPC error of a refused request: its code and message.</summary>
    public static async Task<(int Code, string Message)> ReadErrorAsync(HttpResponseMessage response)
    {
        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error");
        return (error.GetProperty("code").GetInt32(), error.GetProperty("message").GetString()!);
    }
}
