using System.Text.Json;
using CodeMode.Mocks.Infrastructure;

namespace CodeMode.Mocks.Tests;

/// <summary>Every argument of every tool is checked against the tool's own inputSchema before the tool runs.</summary>
public sealed class SchemaValidationTests
{
    private static readonly MockServerRegistry Registry = MockServerRegistry.CreateDefault();

    /// <summary>(server, tool, argument, a value of a type the schema does not allow).</summary>
    public static TheoryData<string, string, string, string> WrongTypes()
    {
        var data = new TheoryData<string, string, string, string>();
        foreach (var name in Registry.Names)
        {
            foreach (var tool in Registry.Get(name).Tools)
            {
                if (!tool.InputSchema.TryGetProperty("properties", out var properties))
                {
                    continue;
                }

                foreach (var property in properties.EnumerateObject())
                {
                    var types = Types(property.Value);
                    if (types.Count == 0)
                    {
                        continue;
                    }

                    var wrong = !types.Contains("object") ? """{"wrong":true}""" : !types.Contains("string") ? "\"wrong\"" : null;
                    if (wrong is not null)
                    {
                        data.Add(name, tool.Name, property.Name, wrong);
                    }
                }
            }
        }

        return data;
    }

    /// <summary>(server, tool, argument) for every enum-constrained argument.</summary>
    public static TheoryData<string, string, string> Enums()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var name in Registry.Names)
        {
            foreach (var tool in Registry.Get(name).Tools)
            {
                if (tool.InputSchema.TryGetProperty("properties", out var properties))
                {
                    foreach (var property in properties.EnumerateObject().Where(p => p.Value.TryGetProperty("enum", out _) && Types(p.Value).Contains("string")))
                    {
                        data.Add(name, tool.Name, property.Name);
                    }
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(WrongTypes))]
    public void WrongType_AnyArgumentOfAnyTool_IsAnErrorResultNamingTheArgument(string server, string tool, string argument, string value)
    {
        var result = Registry.Get(server).Call(tool, WithRequired(server, tool, argument, value)).Error();

        Assert.Contains(argument, result.Text());
    }

    [Theory]
    [MemberData(nameof(Enums))]
    public void ValueOutsideTheEnum_IsAnErrorResultNamingTheArgument(string server, string tool, string argument)
    {
        var result = Registry.Get(server).Call(tool, WithRequired(server, tool, argument, "\"not-one-of-them\"")).Error();

        Assert.Contains(argument, result.Text());
    }

    [Fact]
    public void Checker_ClosedSchema_RejectsUnknownPropertiesAtEveryLevel()
    {
        var schema = JsonElement.Parse("""
            {"type":"object","additionalProperties":false,"required":["query"],
             "properties":{"query":{"type":"string"},
                           "filter":{"type":"object","additionalProperties":false,"properties":{"status":{"type":"string","enum":["open","closed"]}}}}}
            """);

        var issues = SchemaArgumentChecker.Check(schema, JsonElement.Parse("""{"query":"x","extra":1,"filter":{"status":"gone","also":2}}"""));

        Assert.Equal(
            [("extra", ArgumentIssueKind.NotAllowed), ("filter.also", ArgumentIssueKind.NotAllowed), ("filter.status", ArgumentIssueKind.NotInEnum)],
            issues.Select(issue => (issue.Field, issue.Kind)).Order());
        Assert.Empty(SchemaArgumentChecker.Check(schema, JsonElement.Parse("""{"query":"x","filter":{"status":"open"}}""")));
    }

    [Fact]
    public void Checker_OpenSchema_LetsUnknownPropertiesPass()
    {
        var schema = JsonElement.Parse("""{"type":"object","properties":{"query":{"type":"string"}}}""");

        Assert.Empty(SchemaArgumentChecker.Check(schema, JsonElement.Parse("""{"query":"x","extra":1}""")));
    }

    /// <summary>The arguments with every other required one present and valid, so the only problem is <paramref name="argument"/>.</summary>
    private static string WithRequired(string server, string tool, string argument, string value)
    {
        var schema = Registry.Get(server).Tools.Single(t => t.Name == tool).InputSchema;
        var arguments = new Dictionary<string, JsonElement>();
        if (schema.TryGetProperty("required", out var required))
        {
            foreach (var name in required.EnumerateArray().Select(r => r.GetString()!))
            {
                var property = schema.GetProperty("properties").GetProperty(name);
                arguments[name] = property.TryGetProperty("enum", out var allowed)
                    ? allowed[0]
                    : JsonElement.Parse(Types(property).FirstOrDefault() switch
                    {
                        "integer" or "number" => "1",
                        "boolean" => "true",
                        "array" => "[\"x\"]",
                        "object" => "{}",
                        _ => "\"x\"",
                    });
            }
        }

        arguments[argument] = JsonElement.Parse(value);
        return JsonSerializer.Serialize(arguments);
    }

    private static List<string> Types(JsonElement schema)
    {
        if (schema.TryGetProperty("type", out var type))
        {
            return type.ValueKind == JsonValueKind.Array ? [.. type.EnumerateArray().Select(t => t.GetString()!)] : [type.GetString()!];
        }

        return schema.TryGetProperty("anyOf", out var anyOf) ? [.. anyOf.EnumerateArray().SelectMany(Types)] : [];
    }
}
