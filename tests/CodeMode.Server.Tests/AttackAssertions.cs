namespace CodeMode.Server.Tests;

/// <summary>The shared check of an attack: a 200 ScriptResult with the expected status and code, then a normal answer.</summary>
internal static class AttackAssertions
{
    public static async Task EndsWithAsync(HttpClient client, string name, string code, int? timeoutMs, string status, string errorCode)
    {
        var (httpStatus, body) = await client.ExecuteAsync(code, timeoutMs);

        Assert.True(httpStatus == 200, $"{name}: expected 200, got {httpStatus}");
        Assert.True(status == body.Str("status"), $"{name}: expected {status}, got {body.Str("status")}: {body}");
        Assert.Equal(errorCode, body.GetProperty("error").Str("code"));

        var (nextStatus, next) = await client.ExecuteAsync("1+1");
        Assert.Equal(200, nextStatus);
        Assert.Equal("succeeded", next.Str("status"));
        Assert.Equal(2, next.GetProperty("value").GetInt32());
    }
}
