using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;

namespace CodeMode.Core.Configuration;

/// <summary>
/// What JSON each configuration field expects, read from the model records themselves (camelCase property names,
/// C# types and nullability), so the unknown-field and type checks cannot drift from the records.
/// </summary>
internal sealed record ConfigShape(ConfigShapeKind Kind, ConfigShape? Element = null, Type? RecordType = null)
{
    private static readonly ConcurrentDictionary<Type, IReadOnlyList<ConfigField>> FieldsByType = new();

    public static ConfigShape Of(Type type)
    {
        if (type == typeof(string))
        {
            return new(ConfigShapeKind.String);
        }

        if (type == typeof(int))
        {
            return new(ConfigShapeKind.Int32);
        }

        if (type == typeof(long))
        {
            return new(ConfigShapeKind.Int64);
        }

        if (type == typeof(bool))
        {
            return new(ConfigShapeKind.Boolean);
        }

        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IReadOnlyList<>))
        {
            return new(ConfigShapeKind.List, Of(type.GetGenericArguments()[0]));
        }

        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IReadOnlyDictionary<,>)
            && type.GetGenericArguments()[0] == typeof(string))
        {
            return new(ConfigShapeKind.Map, Of(type.GetGenericArguments()[1]));
        }

        if (type.IsClass && type.Namespace == typeof(ConfigShape).Namespace)
        {
            return new(ConfigShapeKind.Record, RecordType: type);
        }

        throw new NotSupportedException($"runtimes.json cannot describe a {type} yet; teach ConfigShape about it.");
    }

    /// <summary>The JSON fields of a record, in declaration order.</summary>
    public static IReadOnlyList<ConfigField> FieldsOf(Type recordType) => FieldsByType.GetOrAdd(recordType, static type =>
    {
        var nullability = new NullabilityInfoContext();
        var defaults = Activator.CreateInstance(type);
        return type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.SetMethod is { IsPublic: true })
            .Select(p => new ConfigField(
                JsonNamingPolicy.CamelCase.ConvertName(p.Name),
                Of(p.PropertyType),
                nullability.Create(p).WriteState == NullabilityState.Nullable,
                p.GetValue(defaults)))
            .ToArray();
    });

    /// <summary>"a whole number", "an array of strings", ... for messages.</summary>
    public string Describe() => Kind switch
    {
        ConfigShapeKind.String => "a string",
        ConfigShapeKind.Int32 or ConfigShapeKind.Int64 => "a whole number",
        ConfigShapeKind.Boolean => "true or false",
        ConfigShapeKind.List => $"an array of {Element!.DescribePlural()}",
        ConfigShapeKind.Map => $"an object mapping names to {Element!.DescribePlural()}",
        _ => "an object",
    };

    private string DescribePlural() => Kind switch
    {
        ConfigShapeKind.String => "strings",
        ConfigShapeKind.Int32 or ConfigShapeKind.Int64 => "whole numbers",
        ConfigShapeKind.Boolean => "booleans",
        _ => "objects",
    };

    /// <summary>How to write a value of this shape, with the field's default as the example where it has one.</summary>
    public string Example(object? defaultValue) => Kind switch
    {
        ConfigShapeKind.String when defaultValue is string { Length: > 0 } text =>
            $"write a string in double quotes, e.g. {JsonSerializer.Serialize(text)}",
        ConfigShapeKind.String => "write a string in double quotes",
        ConfigShapeKind.Int32 or ConfigShapeKind.Int64 =>
            $"write a whole number without quotes, e.g. {defaultValue ?? 1}",
        ConfigShapeKind.Boolean => "write true or false, without quotes",
        ConfigShapeKind.List when Element!.Kind == ConfigShapeKind.String => "write an array of strings, e.g. [\"first\", \"second\"]",
        ConfigShapeKind.List => "write an array of whole numbers, e.g. [443]",
        ConfigShapeKind.Map when Element!.Kind == ConfigShapeKind.String => "write an object of names to strings, e.g. { \"NAME\": \"value\" }",
        ConfigShapeKind.Map => "write an object whose keys are names and whose values are objects",
        _ => $"write an object with the fields {string.Join(", ", FieldsOf(RecordType!).Select(f => f.JsonName))}",
    };
}
