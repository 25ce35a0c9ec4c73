using System.Text.Json;

namespace CodeMode.Server.Tests;

/// <summary>GET /v1/apis, /v1/apis/search and /v1/apis/{server}/{tool} over the configured (mock-backed) servers.</summary>
public sealed class ApisEndpointsTests(CodeModeAppFactory factory) : IClassFixture<CodeModeAppFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task Apis_DefaultLanguage_IsTypeScriptForEveryServer()
    {
        using var response = await _client.GetAsync("/v1/apis");
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("declare const automem: {", text);
        Assert.Contains("declare const serena: {", text);
        Assert.Contains("declare const helpscout: {", text);
        Assert.Contains("store_memory({", text);
    }

    [Theory]
    [InlineData("js", "automem.store_memory({")]
    [InlineData("cs", "public static class automem")]
    [InlineData("ts", "declare const automem: {")]
    public async Task Apis_LangAndServer_SelectTheFormAndTheServer(string lang, string expected)
    {
        var text = await _client.GetStringAsync($"/v1/apis?lang={lang}&server=automem");

        Assert.Contains(expected, text);
        Assert.DoesNotContain("serena", text);
    }

    [Fact]
    public async Task Apis_DetailFull_CarriesParameterDocs()
    {
        var brief = await _client.GetStringAsync("/v1/apis?server=automem");
        var full = await _client.GetStringAsync("/v1/apis?server=automem&detail=full");

        Assert.DoesNotContain("Single mode", brief);
        Assert.Contains("    content?: string; // Single mode", full);
    }

    [Fact]
    public async Task Search_Words_ReturnsRankedMatchesAsJson()
    {
        using var response = await _client.GetAsync("/v1/apis/search?q=conversation%20summary&limit=3");
        var body = await HttpJson.ReadAsync(response);

        Assert.Equal(200, (int)response.StatusCode);
        var matches = body.GetProperty("matches");
        Assert.InRange(matches.GetArrayLength(), 1, 3);
        Assert.Equal("helpscout", matches[0].Str("server"));
        Assert.Equal("getConversationSummary", matches[0].Str("name"));
        Assert.False(string.IsNullOrEmpty(matches[0].Str("description")));
    }

    [Fact]
    public async Task Describe_KnownTool_ReturnsItsFullDeclaration()
    {
        var text = await _client.GetStringAsync("/v1/apis/serena/find_symbol?lang=js");

        Assert.Contains("serena.find_symbol(input: {", text);
        Assert.Contains("  name_path_pattern: string; // Name-path pattern", text);
        Assert.DoesNotContain("read_file", text);
    }

    [Theory]
    [InlineData("/v1/apis?lang=cobol", 400, "CM6009", "lang")]
    [InlineData("/v1/apis?server=nope", 404, "CM6010", "server")]
    [InlineData("/v1/apis?detail=everything", 400, "CM6001", "detail")]
    [InlineData("/v1/apis/search", 400, "CM6012", "q")]
    [InlineData("/v1/apis/search?q=%20%20", 400, "CM6012", "q")]
    [InlineData("/v1/apis/search?q=memory&limit=0", 400, "CM6012", "limit")]
    [InlineData("/v1/apis/search?q=memory&limit=many", 400, "CM6012", "limit")]
    [InlineData("/v1/apis/nope/read_file", 404, "CM6010", "server")]
    [InlineData("/v1/apis/serena/nope", 404, "CM6011", "tool")]
    [InlineData("/v1/apis/serena/read_file?lang=cobol", 400, "CM6009", "lang")]
    public async Task Apis_BadInput_ReturnsProblemWithCode(string url, int status, string code, string field)
    {
        using var response = await _client.GetAsync(url);
        var problem = await HttpJson.ReadAsync(response);

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(code, problem.Str("code"));
        Assert.Equal(field, problem.Str("field"));
        Assert.Equal(JsonValueKind.String, problem.GetProperty("detail").ValueKind);
    }
}
