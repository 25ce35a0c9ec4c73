using System.Text.Json;
using System.Text.Json.Nodes;

namespace CodeMode.Mocks.Tests;

/// <summary>Whatever a script sends, a mock answers with a result — an error result at worst, never an exception.</summary>
public sealed class MockRobustnessTests
{
    public static TheoryData<string, string> AllTools()
    {
        var data = new TheoryData<string, string>();
        var registry = MockServerRegistry.CreateDefault();
        foreach (var name in registry.Names)
        {
            foreach (var tool in registry.Get(name).Tools)
            {
                data.Add(name, tool.Name);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(AllTools))]
    public void EmptyArguments_AreAnsweredAndRequiredOnesNamed(string server, string tool)
    {
        var mock = MockServerRegistry.CreateDefault().Get(server);
        var schema = mock.Tools.Single(t => t.Name == tool).InputSchema;

        var result = mock.Call(tool, "{}");

        if (schema.TryGetProperty("required", out var required) && required.GetArrayLength() > 0)
        {
            Assert.True(result.IsError, $"{server}.{tool} accepted {{}} although it requires {required}");
            Assert.Contains(required[0].GetString()!, result.Text());
        }
    }

    [Theory]
    [MemberData(nameof(AllTools))]
    public void WrongTypedArguments_AreErrorResults(string server, string tool)
    {
        var mock = MockServerRegistry.CreateDefault().Get(server);
        var schema = mock.Tools.Single(t => t.Name == tool).InputSchema;
        if (!schema.TryGetProperty("properties", out var properties) || !properties.EnumerateObject().Any())
        {
            return;
        }

        // Every argument gets a value of a type its schema does not allow.
        var arguments = new JsonObject();
        foreach (var property in properties.EnumerateObject())
        {
            var type = property.Value.TryGetProperty("type", out var t) ? t.GetString() : "string";
            arguments[property.Name] = type == "object" ? JsonValue.Create(7) : new JsonObject { ["wrong"] = true };
        }

        var result = mock.Call(tool, arguments.ToJsonString());

        Assert.True(result.IsError, $"{server}.{tool} accepted wrong types: {result.Text()}");
    }

    [Theory]
    [MemberData(nameof(AllTools))]
    public async Task NullArguments_AreTreatedAsNone(string server, string tool)
    {
        var mock = MockServerRegistry.CreateDefault().Get(server);

        var result = await mock.CallAsync(tool, default);

        Assert.NotNull(result);
    }

    [Fact]
    public void UnknownTool_IsAnErrorResult()
    {
        foreach (var name in new[] { "automem", "serena", "helpscout" })
        {
            Assert.True(MockServerRegistry.CreateDefault().Get(name).Call("no_such_tool").IsError);
        }
    }

    [Fact]
    public async Task CancelledCall_Throws_LikeAnyCancelledOperation()
    {
        var mock = MockServerRegistry.CreateDefault().Get("automem");

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            mock.CallAsync("check_database_health", JsonElement.Parse("{}"), new CancellationToken(canceled: true)).AsTask());
    }
}
