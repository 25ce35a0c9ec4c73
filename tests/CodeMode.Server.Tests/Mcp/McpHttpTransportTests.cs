namespace CodeMode.Server.Tests.Mcp;

/// <summary>
/// <c>/mcp</c> at the HTTP level: session ids, DELETE, idle expiry on a manual clock, refusals with their statuses,
/// and the Origin/Host checks against DNS rebinding.
/// </summary>
public sealed class McpHttpTransportTests(McpHttpAppFactory factory) : IClassFixture<McpHttpAppFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task Delete_EndsTheSession_ThenItsRequestsGet404()
    {
        var session = await _client.StartSessionAsync();

        using var deleted = await _client.DeleteSessionAsync(session);
        using var afterwards = await _client.ListToolsAsync(session);
        using var deletedAgain = await _client.DeleteSessionAsync(session);

        Assert.Equal(200, (int)deleted.StatusCode);
        Assert.Equal(404, (int)afterwards.StatusCode);
        Assert.Equal(-32001, (await McpHttp.ReadErrorAsync(afterwards)).Code);
        Assert.Equal(404, (int)deletedAgain.StatusCode);
    }

    [Fact]
    public async Task TwoSessions_AreIndependent()
    {
        var first = await _client.StartSessionAsync();
        var second = await _client.StartSessionAsync();

        using var _ = await _client.DeleteSessionAsync(first);
        using var secondTools = await _client.ListToolsAsync(second);

        Assert.NotEqual(first, second);
        Assert.Equal(200, (int)secondTools.StatusCode);
        Assert.Contains("\"execute\"", await secondTools.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Session_ExpiresAfterItsIdleTime_ButUseKeepsItAlive()
    {
        var session = await _client.StartSessionAsync();

        factory.Clock.Advance(TimeSpan.FromSeconds(McpHttpAppFactory.IdleSeconds - 15));
        using var used = await _client.ListToolsAsync(session);
        factory.Clock.Advance(TimeSpan.FromSeconds(McpHttpAppFactory.IdleSeconds - 15));
        using var usedAgain = await _client.ListToolsAsync(session);
        factory.Clock.Advance(TimeSpan.FromSeconds(McpHttpAppFactory.IdleSeconds + 1));
        using var expired = await _client.ListToolsAsync(session);

        Assert.Equal(200, (int)used.StatusCode);
        Assert.Equal(200, (int)usedAgain.StatusCode);
        Assert.Equal(404, (int)expired.StatusCode);
        Assert.Contains("Initialize a new session", (await McpHttp.ReadErrorAsync(expired)).Message);
    }

    [Fact]
    public async Task RequestOtherThanInitialize_WithoutSession_Is400()
    {
        using var response = await _client.PostMcpAsync("""{"jsonrpc":"2.0","id":7,"method":"tools/list"}""");

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Contains("Mcp-Session-Id", (await McpHttp.ReadErrorAsync(response)).Message);
    }

    [Fact]
    public async Task UnknownSession_Is404()
    {
        using var response = await _client.ListToolsAsync("0123456789abcdef0123456789abcdef");

        Assert.Equal(404, (int)response.StatusCode);
    }

    [Fact]
    public async Task Post_WithoutEventStreamInAccept_Is406()
    {
        using var response = await _client.PostMcpAsync("""{"jsonrpc":"2.0","id":1,"method":"ping"}""", edit: request =>
        {
            request.Headers.Accept.Clear();
            request.Headers.Accept.ParseAdd("application/json");
        });

        Assert.Equal(406, (int)response.StatusCode);
    }

    [Fact]
    public async Task Post_NotJsonRpc_Is400ParseError()
    {
        using var response = await _client.PostMcpAsync("{ not json");

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Equal(-32700, (await McpHttp.ReadErrorAsync(response)).Code);
    }

    [Fact]
    public async Task Get_WithoutSession_Is400()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/mcp");
        request.Headers.Accept.ParseAdd("text/event-stream");

        using var response = await _client.SendAsync(request);

        Assert.Equal(400, (int)response.StatusCode);
    }

    [Fact]
    public async Task UnsupportedProtocolVersionHeader_Is400_AndASupportedOneIsServed()
    {
        var session = await _client.StartSessionAsync();

        using var refused = await _client.PostMcpAsync(
            """{"jsonrpc":"2.0","id":2,"method":"tools/list"}""", session, request => request.Headers.Add("MCP-Protocol-Version", "1999-01-01"));
        using var served = await _client.PostMcpAsync(
            """{"jsonrpc":"2.0","id":3,"method":"tools/list"}""", session, request => request.Headers.Add("MCP-Protocol-Version", "2025-11-25"));

        Assert.Equal(400, (int)refused.StatusCode);
        Assert.Contains("1999-01-01", (await McpHttp.ReadErrorAsync(refused)).Message);
        Assert.Equal(200, (int)served.StatusCode);
    }

    [Theory]
    [InlineData("http://evil.example")]
    [InlineData("https://app.example.com.evil.example")]
    [InlineData("null")]
    public async Task ForeignOrigin_Is403(string origin)
    {
        using var response = await _client.PostMcpAsync(Initialize, edit: request => request.Headers.Add("Origin", origin));

        Assert.Equal(403, (int)response.StatusCode);
        Assert.Contains("mcpAllowedOrigins", (await McpHttp.ReadErrorAsync(response)).Message);
        Assert.False(response.Headers.Contains(McpHttp.SessionHeader));
    }

    [Theory]
    [InlineData("http://localhost:3000")]
    [InlineData("http://127.0.0.1:6274")]
    [InlineData("http://[::1]:8080")]
    [InlineData(McpHttpAppFactory.AllowedOrigin)]
    public async Task LoopbackOrConfiguredOrigin_IsServed(string origin)
    {
        using var response = await _client.PostMcpAsync(Initialize, edit: request => request.Headers.Add("Origin", origin));

        Assert.Equal(200, (int)response.StatusCode);
        using var _ = await _client.DeleteSessionAsync(Assert.Single(response.Headers.GetValues(McpHttp.SessionHeader)));
    }

    [Theory]
    [InlineData("evil.example")]
    [InlineData("rebound.attacker.test:5199")]
    public async Task ForeignHost_OnALoopbackListener_Is403(string host)
    {
        var session = await _client.StartSessionAsync();

        using var post = await _client.PostMcpAsync(Initialize, edit: request => request.Headers.Host = host);
        var delete = new HttpRequestMessage(HttpMethod.Delete, "/mcp");
        delete.Headers.Host = host;
        delete.Headers.Add(McpHttp.SessionHeader, session);
        using var deleted = await _client.SendAsync(delete);
        using var stillThere = await _client.ListToolsAsync(session);

        Assert.Equal(403, (int)post.StatusCode);
        Assert.Contains("loopback", (await McpHttp.ReadErrorAsync(post)).Message);
        Assert.Equal(403, (int)deleted.StatusCode);
        Assert.Equal(200, (int)stillThere.StatusCode);
    }

    private const string Initialize =
        """{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"raw","version":"1"}}}""";
}
