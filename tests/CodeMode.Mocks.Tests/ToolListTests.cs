using System.Text.Json;

namespace CodeMode.Mocks.Tests;

/// <summary>Each mock's tools/list against the reference description of the real server.</summary>
public sealed class ToolListTests
{
    private static readonly MockServerRegistry Registry = MockServerRegistry.CreateDefault();

    public static TheoryData<string> Servers => new() { "automem", "serena", "helpscout" };

    [Theory]
    [MemberData(nameof(Servers))]
    public void ToolNames_MatchTheReference(string server)
    {
        var expected = ReferenceTools(server).Select(tool => tool.GetProperty("name").GetString()!).Order().ToList();
        var actual = Registry.Get(server).Tools.Select(tool => tool.Name).Order().ToList();

        Assert.Equal(expected, actual);
    }

    [Theory]
    [MemberData(nameof(Servers))]
    public void InputSchemas_HaveTheReferencePropertiesAndRequired(string server)
    {
        var mock = Registry.Get(server).Tools.ToDictionary(tool => tool.Name);
        foreach (var reference in ReferenceTools(server))
        {
            var name = reference.GetProperty("name").GetString()!;
            var expectedSchema = reference.GetProperty("inputSchema");
            var actualSchema = mock[name].InputSchema;

            Assert.Equal(PropertyNames(expectedSchema), PropertyNames(actualSchema));
            Assert.Equal(Required(expectedSchema), Required(actualSchema));
            Assert.True(JsonElement.DeepEquals(expectedSchema, actualSchema), $"{server}.{name}: inputSchema differs from the reference");
        }
    }

    [Theory]
    [MemberData(nameof(Servers))]
    public void DescriptionsAnnotationsAndOutputSchemas_MatchTheReference(string server)
    {
        var mock = Registry.Get(server).Tools.ToDictionary(tool => tool.Name);
        foreach (var reference in ReferenceTools(server))
        {
            var tool = mock[reference.GetProperty("name").GetString()!];
            Assert.Equal(server, tool.Server);
            Assert.Equal(reference.GetProperty("description").GetString(), tool.Description);

            if (reference.TryGetProperty("outputSchema", out var outputSchema))
            {
                Assert.True(tool.OutputSchema is { } actual && JsonElement.DeepEquals(outputSchema, actual), $"{tool.Name}: outputSchema differs");
            }
            else
            {
                Assert.Null(tool.OutputSchema);
            }

            if (reference.TryGetProperty("annotations", out var annotations) && annotations.ValueKind == JsonValueKind.Object)
            {
                Assert.NotNull(tool.Annotations);
                Assert.Equal(Flag(annotations, "readOnlyHint"), tool.Annotations!.ReadOnlyHint);
                Assert.Equal(Flag(annotations, "destructiveHint"), tool.Annotations.DestructiveHint);
                Assert.Equal(Flag(annotations, "idempotentHint"), tool.Annotations.IdempotentHint);
                Assert.Equal(Flag(annotations, "openWorldHint"), tool.Annotations.OpenWorldHint);
                Assert.Equal(annotations.TryGetProperty("title", out var title) ? title.GetString() : null, tool.Annotations.Title);
            }
            else
            {
                Assert.Null(tool.Annotations);
            }
        }
    }

    [Fact]
    public void ToolCounts_AreTheDocumentedOnes()
    {
        Assert.Equal(6, Registry.Get("automem").Tools.Count);
        Assert.Equal(29, Registry.Get("serena").Tools.Count);
        Assert.Equal(17, Registry.Get("helpscout").Tools.Count);
    }

    /// <summary>The tools the real server lists by default: Serena's optional tools are off unless enabled.</summary>
    private static List<JsonElement> ReferenceTools(string server)
    {
        using var document = ReferenceServers.Load(server);
        return document.RootElement.GetProperty("tools").EnumerateArray()
            .Where(tool => !tool.TryGetProperty("default_enabled", out var enabled) || enabled.GetBoolean())
            .Select(tool => tool.Clone())
            .ToList();
    }

    private static List<string> PropertyNames(JsonElement schema) =>
        schema.TryGetProperty("properties", out var properties) ? properties.EnumerateObject().Select(p => p.Name).Order().ToList() : [];

    private static List<string> Required(JsonElement schema) =>
        schema.TryGetProperty("required", out var required) ? required.EnumerateArray().Select(r => r.GetString()!).Order().ToList() : [];

    private static bool? Flag(JsonElement annotations, string name) =>
        annotations.TryGetProperty(name, out var value) ? value.GetBoolean() : null;
}
