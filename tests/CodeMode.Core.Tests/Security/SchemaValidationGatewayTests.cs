using CodeMode.Abstractions.Execution;
using CodeMode.Abstractions.Tools;
using CodeMode.Core.Security;
using CodeMode.Core.Tests.Tools;

namespace CodeMode.Core.Tests.Security;

/// <summary>Arguments are checked against the tool's inputSchema, and the refusal names the property.</summary>
public sealed class SchemaValidationGatewayTests
{
    private readonly FakeToolGateway _inner = FakeToolGateway.Answering("ok");
    private readonly ToolSchemaCache _cache = new();

    [Theory]
    [InlineData("""{"query":"notes","limit":5}""")]
    [InlineData("""{"query":"notes","tags":["a"],"since":"2024-01-01T00:00:00Z"}""")]
    public async Task ValidArguments_PassThrough(string arguments)
    {
        var outcome = await Gateway().CallAsync(Call(arguments));

        Assert.Equal(ToolCallStatus.Ok, outcome.Status);
        Assert.Equal(1, _inner.Calls);
    }

    [Theory]
    [InlineData("""{"limit":5}""", "'query' is required")]
    [InlineData("""{"query":42}""", "'query' must be a string")]
    [InlineData("""{"query":"x","limit":"ten"}""", "'limit' must be an integer")]
    [InlineData("""{"query":"x","limit":0}""", "'limit' is below the minimum")]
    [InlineData("""{"query":"x","limit":99}""", "'limit' is above the maximum")]
    [InlineData("""{"query":"x","colour":"red"}""", "'colour' is not a property the tool accepts")]
    [InlineData("""{"query":"x","tags":[1]}""", "'tags[0]' must be a string")]
    public async Task InvalidArguments_AreDeniedNamingTheProperty(string arguments, string expected)
    {
        var outcome = await Gateway().CallAsync(Call(arguments));

        Assert.Equal(ToolCallStatus.Denied, outcome.Status);
        Assert.Equal(ErrorCodes.SchemaViolation, outcome.ErrorCode);
        Assert.StartsWith("The arguments of notes.search do not match its input schema: ", outcome.ErrorMessage);
        Assert.Contains(expected, outcome.ErrorMessage);
        Assert.Equal(0, _inner.Calls);
    }

    [Fact]
    public async Task Schema_IsCompiledOncePerTool()
    {
        var gateway = Gateway();

        await gateway.CallAsync(Call("""{"query":"a"}"""));
        var catalog = new FixedToolCatalog();
        catalog.TryGetTool("notes", "search", out var tool);
        var first = await _cache.GetAsync(tool);
        await gateway.CallAsync(Call("""{"query":"b"}"""));
        var second = await _cache.GetAsync(tool with { Description = "a new descriptor, same schema" });

        Assert.NotNull(first);
        Assert.Same(first, second);
        Assert.Equal(1, _cache.Count);
    }

    [Fact]
    public async Task Schema_WithAnExternalRef_IsNeverFetchedAndTheCallGoesUnchecked()
    {
        await using var server = new CodeMode.Testing.LoopbackHttpServer();
        var schema = $$"""{ "type": "object", "properties": { "query": { "$ref": "{{server.Url("/json")}}" } } }""";
        var gateway = new SchemaValidationGateway(_inner, new FixedToolCatalog(schema), _cache);

        var outcome = await gateway.CallAsync(Call("""{"query":"x"}"""));

        Assert.Equal(ToolCallStatus.Ok, outcome.Status);
        Assert.Equal(0, server.Requests);
    }

    [Fact]
    public async Task NumberBeyondEveryType_IsRefusedNotPassedUnchecked()
    {
        var outcome = await Gateway().CallAsync(Call("""{"query":"x","limit":1e400}"""));

        Assert.Equal(ToolCallStatus.Denied, outcome.Status);
        Assert.Equal(ErrorCodes.SchemaViolation, outcome.ErrorCode);
    }

    [Fact]
    public async Task UnknownTool_IsLeftToThePolicy()
    {
        var outcome = await Gateway().CallAsync(ToolRequests.Create("automem", "recall_memory", """{"anything":1}"""));

        Assert.Equal(ToolCallStatus.Ok, outcome.Status);
    }

    private SchemaValidationGateway Gateway() => new(_inner, new FixedToolCatalog(), _cache);

    private static ToolCallRequest Call(string arguments) => ToolRequests.Create("notes", "search", arguments, ToolRequests.Context(allowed: ["notes"]));
}
