using System.Net.Http.Json;
using System.Text.Json;

namespace CodeMode.Integration.Tests;

/// <summary>Posts javascript snippets to <c>/v1/execute</c> and reads the ScriptResult.</summary>
internal static class Snippets
{
    public static async Task<JsonElement> RunAsync(this HttpClient client, string code, int timeoutMs = 20_000)
    {
        using var response = await client.PostAsJsonAsync("/v1/execute", new { runtime = "javascript", code, timeoutMs });
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"HTTP {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public static string Status(this JsonElement result) => result.GetProperty("status").GetString()!;

    public static JsonElement Call(this JsonElement result, int index = 0) => result.GetProperty("toolCalls")[index];

    public static string Source(this JsonElement result, int index = 0) => result.Call(index).GetProperty("source").GetString()!;
}
