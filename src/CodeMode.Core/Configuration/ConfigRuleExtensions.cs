using System.Globalization;
using FluentValidation;
using FluentValidation.Results;

namespace CodeMode.Core.Configuration;

/// <summary>
/// The vocabulary the runtimes.json validators share: JSON field names, a fix on every failure (carried in
/// <see cref="ValidationFailure.CustomState"/>), and range rules whose messages say why there is no "unlimited".
/// </summary>
internal static class ConfigRuleExtensions
{
    /// <summary>Reports the rule under its runtimes.json name (<c>timeout</c>, <c>fileSystem.read</c>).</summary>
    public static IRuleBuilderInitial<T, TProperty> AsJsonField<T, TProperty>(this IRuleBuilderInitial<T, TProperty> rule) =>
        rule.Configure(r => r.PropertyName = ConfigJsonPath.CamelCaseMembers(r.PropertyName));

    /// <inheritdoc cref="AsJsonField{T, TProperty}(IRuleBuilderInitial{T, TProperty})"/>
    public static IRuleBuilderInitialCollection<T, TElement> AsJsonField<T, TElement>(this IRuleBuilderInitialCollection<T, TElement> rule) =>
        rule.Configure(r => r.PropertyName = ConfigJsonPath.CamelCaseMembers(r.PropertyName));

    /// <summary>What the operator should change; it ends up in <see cref="ConfigurationError.Fix"/>.</summary>
    public static IRuleBuilderOptions<T, TProperty> WithFix<T, TProperty>(this IRuleBuilderOptions<T, TProperty> rule, string fix) =>
        rule.WithState(_ => fix);

    /// <inheritdoc cref="WithFix{T, TProperty}(IRuleBuilderOptions{T, TProperty}, string)"/>
    public static IRuleBuilderOptions<T, TProperty> WithFix<T, TProperty>(this IRuleBuilderOptions<T, TProperty> rule, Func<T, TProperty, string> fix) =>
        rule.WithState((instance, value) => fix(instance, value));

    /// <summary>A whole number from <paramref name="min"/> to <paramref name="max"/> <paramref name="unit"/>.</summary>
    public static IRuleBuilderOptions<T, int> Within<T>(this IRuleBuilder<T, int> rule, int min, int max, string unit, long example) =>
        rule.InclusiveBetween(min, max)
            .WithMessage((_, value) => RangeMessage(value, min, max, unit))
            .WithFix(RangeFix(min, max, unit, example));

    /// <inheritdoc cref="Within{T}(IRuleBuilder{T, int}, int, int, string, long)"/>
    public static IRuleBuilderOptions<T, long> Within<T>(this IRuleBuilder<T, long> rule, long min, long max, string unit, long example) =>
        rule.InclusiveBetween(min, max)
            .WithMessage((_, value) => RangeMessage(value, min, max, unit))
            .WithFix(RangeFix(min, max, unit, example));

    /// <summary>Every <c>${NAME}</c> in the value is well-formed (<see cref="ConfigPlaceholders"/>).</summary>
    public static IRuleBuilderOptions<T, string?> Placeholders<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(value => ConfigPlaceholders.FindProblem(value) is null)
            .WithMessage((_, value) => ConfigPlaceholders.FindProblem(value) ?? "")
            .WithFix(ConfigPlaceholders.Fix);

    /// <summary>Reports every repeated entry of a list at its own index.</summary>
    public static IRuleBuilderOptionsConditions<T, TList> NoDuplicates<T, TList>(this IRuleBuilder<T, TList> rule)
        where TList : IReadOnlyList<string>? =>
        rule.Custom((list, context) =>
        {
            if (list is null)
            {
                return;
            }

            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < list.Count; i++)
            {
                if (!seen.Add(list[i]))
                {
                    context.AddError(
                        ConfigJsonPath.Index(context.PropertyPath, i),
                        $"\"{list[i]}\" is listed more than once",
                        "remove the repeated entry");
                }
            }
        });

    /// <summary>Adds a failure at an explicit path (for rules that look into lists and dictionaries).</summary>
    /// <summary>A map of server name to tool names: no null list, no empty or repeated name.</summary>
    public static void ToolNamesByServer<T>(this IRuleBuilder<T, IReadOnlyDictionary<string, IReadOnlyList<string>>?> rule) =>
        rule.Custom((tools, context) =>
        {
            foreach (var (server, names) in tools ?? new Dictionary<string, IReadOnlyList<string>>())
            {
                var path = ConfigJsonPath.Key(context.PropertyPath, server);
                if (names is null)
                {
                    context.AddError(path, "is null", "write the tool names as an array, e.g. [\"search\"]");
                    continue;
                }

                for (var i = 0; i < names.Count; i++)
                {
                    if (string.IsNullOrWhiteSpace(names[i]))
                    {
                        context.AddError(ConfigJsonPath.Index(path, i), "is empty", "write a tool name as tools/list gives it, e.g. \"search\"");
                    }
                    else if (names.Take(i).Contains(names[i], StringComparer.Ordinal))
                    {
                        context.AddError(ConfigJsonPath.Index(path, i), $"\"{names[i]}\" is listed more than once", "remove the repeated entry");
                    }
                }
            }
        });

    public static void AddError<T>(this ValidationContext<T> context, string path, string message, string fix) =>
        context.AddFailure(new ValidationFailure(path, message) { CustomState = fix });

    /// <summary><c>"a", "b"</c>: lists values the way the messages quote them.</summary>
    public static string Quoted(IEnumerable<string> values) => string.Join(", ", values.Select(v => $"\"{v}\""));

    public static string RangeMessage(long value, long min, long max, string unit)
    {
        var message = $"must be from {Describe(min, unit)} to {Describe(max, unit)} {unit}, but is {Describe(value, unit)}";
        return value <= 0 && min > 0
            ? message + "; there is no \"0 means unlimited\": every limit a script can reach is finite"
            : message;
    }

    public static string RangeFix(long min, long max, string unit, long example) =>
        $"set a whole number of {unit} from {Describe(min, unit)} to {Describe(max, unit)}, e.g. {Describe(example, unit)}";

    // Byte counts also read as sizes: 67108864 (64MB).
    private static string Describe(long value, string unit) =>
        unit == "bytes" && value >= 1024
            ? $"{value.ToString(CultureInfo.InvariantCulture)} ({MemorySize.Format(value)})"
            : value.ToString(CultureInfo.InvariantCulture);
}
