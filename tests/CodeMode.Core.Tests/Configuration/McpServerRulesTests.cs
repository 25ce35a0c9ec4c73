namespace CodeMode.Core.Tests.Configuration;

/// <summary>The rules of one <c>mcpServers</c> entry and of server names.</summary>
public sealed class McpServerRulesTests
{
    private const string Automem = "mcpServers.automem";

    private static string WithServer(string entry) => ConfigJson.With((Automem, entry));

    [Fact]
    public void Stdio_WithCommandOnly_IsAccepted()
    {
        var config = ConfigJson.Load(WithServer("""{ "command": "npx" }"""));

        Assert.Null(config.McpServers["automem"].Type);
    }

    [Fact]
    public void Stdio_TypedExplicitly_IsAccepted()
    {
        ConfigJson.Load(WithServer("""{ "type": "stdio", "command": "npx", "cwd": "/srv", "env": { "A": "b" } }"""));
    }

    [Fact]
    public void Stdio_TypedWithoutCommand_IsRejected()
    {
        ConfigJson.SingleError(WithServer("""{ "type": "stdio" }"""), $"{Automem}.command", "e.g. \"npx\"");
    }

    [Fact]
    public void Neither_CommandNorUrl_IsRejected()
    {
        ConfigJson.SingleError(WithServer("""{ "mock": "automem" }"""), $"{Automem}.command", "\"type\": \"http\"");
    }

    [Fact]
    public void Stdio_BlankCommand_IsRejected()
    {
        ConfigJson.SingleError(WithServer("""{ "command": "  " }"""), $"{Automem}.command", "program that starts the server");
    }

    [Fact]
    public void Stdio_WithUrl_IsRejectedAsIgnored()
    {
        ConfigJson.SingleError(WithServer("""{ "command": "npx", "url": "http://localhost/mcp" }"""), $"{Automem}.url", "remove \"url\"");
    }

    [Fact]
    public void Stdio_WithHeaders_IsRejectedAsIgnored()
    {
        ConfigJson.SingleError(WithServer("""{ "command": "npx", "headers": { "Authorization": "x" } }"""), $"{Automem}.headers", "remove \"headers\"");
    }

    [Theory]
    [InlineData("http", "https://automem.example.com/mcp")]
    [InlineData("sse", "http://127.0.0.1:8001/mcp/sse")]
    [InlineData("http", "${AUTOMEM_MCP_URL}")]
    [InlineData("http", "https://${AUTOMEM_HOST}/mcp")]
    public void Remote_WithAbsoluteHttpUrl_IsAccepted(string type, string url)
    {
        ConfigJson.Load(WithServer($$"""{ "type": "{{type}}", "url": "{{url}}", "headers": { "Authorization": "Bearer ${AUTOMEM_API_KEY}" } }"""));
    }

    [Fact]
    public void Remote_WithoutUrl_IsRejected()
    {
        ConfigJson.SingleError(WithServer("""{ "type": "http" }"""), $"{Automem}.url", "server's endpoint");
    }

    [Theory]
    [InlineData("/mcp")]
    [InlineData("ftp://example.com/mcp")]
    [InlineData("example.com/mcp")]
    public void Remote_WithUrlThatIsNotAbsoluteHttp_IsRejected(string url)
    {
        ConfigJson.SingleError(WithServer($$"""{ "type": "sse", "url": "{{url}}" }"""), $"{Automem}.url", "scheme and host");
    }

    [Fact]
    public void Remote_WithCommand_IsRejectedAsIgnored()
    {
        ConfigJson.SingleError(WithServer("""{ "type": "http", "url": "http://localhost/mcp", "command": "npx" }"""),
            $"{Automem}.command", "remove \"command\"");
    }

    [Theory]
    [InlineData("args", "[\"-y\"]", "remove \"args\"")]
    [InlineData("env", "{ \"A\": \"b\" }", "headers")]
    [InlineData("cwd", "\"/srv\"", "remove \"cwd\"")]
    public void Remote_WithStdioField_IsRejectedAsIgnored(string field, string value, string fix)
    {
        var json = ConfigJson.With(($"{Automem}.type", "\"http\""), ($"{Automem}.url", "\"http://localhost/mcp\""),
            ($"{Automem}.command", null), ($"{Automem}.args", null), ($"{Automem}.{field}", value));

        ConfigJson.SingleError(json, $"{Automem}.{field}", fix);
    }

    [Fact]
    public void UrlWithoutType_IsRejectedAskingForTheTransport()
    {
        ConfigJson.SingleError(WithServer("""{ "url": "http://localhost/mcp" }"""), $"{Automem}.type", "\"sse\"");
    }

    [Fact]
    public void Type_Unknown_IsRejectedListingTheTransports()
    {
        var error = ConfigJson.SingleError(WithServer("""{ "type": "websocket", "url": "http://localhost/mcp" }"""),
            $"{Automem}.type", "\"stdio\", \"http\", \"sse\"");

        Assert.Contains("\"websocket\"", error.Message);
    }

    [Fact]
    public void Mock_Unknown_IsRejectedListingTheBuiltInMocks()
    {
        ConfigJson.SingleError(ConfigJson.With(($"{Automem}.mock", "\"memory\"")), $"{Automem}.mock", "\"automem\", \"serena\", \"helpscout\"");
    }

    [Fact]
    public void Mock_Absent_IsAccepted()
    {
        var config = ConfigJson.Load(ConfigJson.With(($"{Automem}.mock", null)));

        Assert.Null(config.McpServers["automem"].Mock);
    }

    [Theory]
    [InlineData("rateLimitPerMinute", "0", "calls per minute from 1 to 100000")]
    [InlineData("rateLimitPerMinute", "100001", "calls per minute from 1 to 100000")]
    [InlineData("timeoutMs", "0", "milliseconds from 1 to 600000, e.g. 30000")]
    [InlineData("timeoutMs", "600001", "milliseconds from 1 to 600000")]
    public void Limit_OutOfRange_IsRejected(string field, string value, string fix)
    {
        ConfigJson.SingleError(ConfigJson.With(($"{Automem}.{field}", value)), $"{Automem}.{field}", fix);
    }

    [Theory]
    [InlineData("command", "\"${NODE\"", "command")]
    [InlineData("args", "[\"-y\", \"${1PKG}\"]", "args[1]")]
    [InlineData("cwd", "\"/srv/${}\"", "cwd")]
    [InlineData("env", "{ \"AUTOMEM_API_KEY\": \"${AUTOMEM API KEY}\" }", "env.AUTOMEM_API_KEY")]
    [InlineData("env", "{ \"AUTOMEM_API_URL\": \"${AUTOMEM_API_URL:-http://127.0.0.1:8001}\" }", "env.AUTOMEM_API_URL")]
    public void Placeholder_Malformed_IsRejected(string field, string value, string path)
    {
        ConfigJson.SingleError(ConfigJson.With(($"{Automem}.{field}", value)), $"{Automem}.{path}", "${NAME}");
    }

    [Theory]
    [InlineData("url", "\"https://${HOST/mcp\"", "url")]
    [InlineData("headers", "{ \"Authorization\": \"Bearer ${TOKEN\" }", "headers.Authorization")]
    public void Placeholder_MalformedInRemoteFields_IsRejected(string field, string value, string path)
    {
        var json = ConfigJson.With(($"{Automem}.type", "\"http\""), ($"{Automem}.url", "\"http://localhost/mcp\""),
            ($"{Automem}.command", null), ($"{Automem}.args", null), ($"{Automem}.{field}", value));

        ConfigJson.SingleError(json, $"{Automem}.{path}", "${NAME}");
    }

    [Fact]
    public void Placeholder_Malformed_IsReportedWithoutQuotingTheValue()
    {
        var error = ConfigJson.SingleError(ConfigJson.With(($"{Automem}.env", "{ \"KEY\": \"secret-token-${KEY\" }")), $"{Automem}.env.KEY", "${NAME}");

        Assert.DoesNotContain("secret-token", error.Message);
        Assert.Contains("unclosed", error.Message);
    }

    [Fact]
    public void Placeholders_WellFormed_AreAccepted()
    {
        ConfigJson.Load(ConfigJson.With(
            ($"{Automem}.command", "\"${NPX}\""),
            ($"{Automem}.args", "[\"-y\", \"${PKG}@${VERSION}\", \"costs $5\"]"),
            ($"{Automem}.env", "{ \"AUTOMEM_API_URL\": \"${AUTOMEM_API_URL}\", \"_X1\": \"literal\" }")));
    }

    [Fact]
    public void EnvKey_NotAVariableName_IsRejected()
    {
        ConfigJson.SingleError(ConfigJson.With(($"{Automem}.env", "{ \"API-KEY\": \"x\" }")), $"{Automem}.env[\"API-KEY\"]", "AUTOMEM_API_KEY");
    }

    [Fact]
    public void HeaderName_Invalid_IsRejected()
    {
        var json = ConfigJson.With(($"{Automem}.type", "\"http\""), ($"{Automem}.url", "\"http://localhost/mcp\""),
            ($"{Automem}.command", null), ($"{Automem}.args", null), ($"{Automem}.headers", "{ \"Bad Header\": \"x\" }"));

        ConfigJson.SingleError(json, $"{Automem}.headers[\"Bad Header\"]", "Authorization");
    }
}
