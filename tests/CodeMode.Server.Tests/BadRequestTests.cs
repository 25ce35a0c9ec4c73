namespace CodeMode.Server.Tests;

/// <summary>Every malformed request gets 400 with a problem document naming the field — never a 500, never a ScriptResult.</summary>
public sealed class BadRequestTests(CodeModeAppFactory factory) : IClassFixture<CodeModeAppFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    public static TheoryData<string, string?, string, string, string> Cases()
    {
        var oversized = "{\"runtime\":\"javascript\",\"code\":\"" + new string('x', 300 * 1024) + "\"}";
        return new TheoryData<string, string?, string, string, string>
        {
            // case, content type, body, expected code, expected field
            { "empty code", "application/json", """{"runtime":"javascript","code":""}""", "CM6002", "code" },
            { "blank code", "application/json", """{"runtime":"javascript","code":"  \n\t "}""", "CM6002", "code" },
            { "missing code", "application/json", """{"runtime":"javascript"}""", "CM6002", "code" },
            { "oversized code", "application/json", oversized, "CM6003", "code" },
            { "unknown runtime", "application/json", """{"runtime":"cobol","code":"1"}""", "CM6004", "runtime" },
            { "missing runtime", "application/json", """{"code":"1"}""", "CM6001", "runtime" },
            { "runtime not a string", "application/json", """{"runtime":7,"code":"1"}""", "CM6001", "runtime" },
            { "code not a string", "application/json", """{"runtime":"javascript","code":{"a":1}}""", "CM6001", "code" },
            { "malformed json", "application/json", """{"runtime":"javascript","code":""", "CM6001", "body" },
            { "body not an object", "application/json", """["javascript","1"]""", "CM6001", "body" },
            { "empty body", "application/json", "", "CM6001", "body" },
            { "unknown field", "application/json", """{"runtime":"javascript","code":"1","timeout":5}""", "CM6001", "timeout" },
            { "timeout not a number", "application/json", """{"runtime":"javascript","code":"1","timeoutMs":"fast"}""", "CM6007", "timeoutMs" },
            { "timeout zero", "application/json", """{"runtime":"javascript","code":"1","timeoutMs":0}""", "CM6007", "timeoutMs" },
            { "timeout above the runtime's", "application/json", """{"runtime":"javascript","code":"1","timeoutMs":999999}""", "CM6007", "timeoutMs" },
            { "text/plain content type", "text/plain", """{"runtime":"javascript","code":"1"}""", "CM6005", "Content-Type" },
            { "no content type", null, """{"runtime":"javascript","code":"1"}""", "CM6005", "Content-Type" },
        };
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Execute_BadRequest_Returns400ProblemNamingTheField(string name, string? contentType, string body, string code, string field)
    {
        var (status, problem, mediaType) = await _client.PostRawAsync(body, contentType);

        Assert.True(status == 400, $"{name}: expected 400, got {status}");
        Assert.Equal("application/problem+json", mediaType);
        Assert.Equal(code, problem.Str("code"));
        Assert.Equal(field, problem.Str("field"));
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.Str("detail")));

        // The host is unharmed.
        var (nextStatus, next) = await _client.ExecuteAsync("1+1");
        Assert.Equal(200, nextStatus);
        Assert.Equal("succeeded", next.Str("status"));
    }
}
