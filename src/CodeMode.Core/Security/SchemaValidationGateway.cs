using System.Text.Json;
using CodeMode.Abstractions.Execution;
using CodeMode.Abstractions.Tools;
using NJsonSchema;
using NJsonSchema.Validation;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace CodeMode.Core.Security;

/// <summary>
/// Checks a call's arguments against the tool's <c>inputSchema</c> (compiled once per tool, <see cref="ToolSchemaCache"/>)
/// before it reaches the server, and refuses them with <see cref="ErrorCodes.SchemaViolation"/> naming each offending
/// property, so the model can correct the call itself.
/// </summary>
public sealed class SchemaValidationGateway(IToolGateway inner, IToolCatalog catalog, ToolSchemaCache? cache = null) : DelegatingToolGateway(inner)
{
    private const int MaxReportedErrors = 5;

    private static readonly JsonSchemaValidator Validator = new();

    private readonly IToolCatalog _catalog = catalog ?? throw new ArgumentNullException(nameof(catalog));
    private readonly ToolSchemaCache _cache = cache ?? new ToolSchemaCache();

    public override async ValueTask<ToolCallOutcome> CallAsync(ToolCallRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (_catalog.TryGetTool(request.Server, request.Tool, out var tool)
            && await _cache.GetAsync(tool, cancellationToken).ConfigureAwait(false) is { } schema)
        {
            IReadOnlyList<ValidationError> errors;
            try
            {
                errors = Validate(request.Arguments, schema);
            }
            catch (Exception exception) when (exception is Newtonsoft.Json.JsonException or ArgumentException or InvalidOperationException or OverflowException or FormatException)
            {
                // Values the validator cannot represent (a number beyond every numeric type, say) are refused, not passed unchecked.
                return ToolCallOutcome.Denied(
                    ErrorCodes.SchemaViolation,
                    $"The arguments of {request.Server}.{request.Tool} could not be checked against its input schema ({exception.GetType().Name}); send plainer values.");
            }

            if (errors.Count > 0)
            {
                return ToolCallOutcome.Denied(ErrorCodes.SchemaViolation, Describe(request, errors));
            }
        }

        return await Inner.CallAsync(request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The schema errors of <paramref name="arguments"/>. An invalid array item is reported as the item's own errors
    /// (<c>'tags[0]' must be a string</c>); anyOf/oneOf failures stay one error, as their branches are alternatives.
    /// </summary>
    public static IReadOnlyList<ValidationError> Validate(JsonElement arguments, JsonSchema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);

        // Dates stay strings: the schema says what a string must look like, Newtonsoft must not reinterpret it.
        using var reader = new JsonTextReader(new StringReader(arguments.GetRawText())) { DateParseHandling = DateParseHandling.None, FloatParseHandling = FloatParseHandling.Double };
        var token = JToken.ReadFrom(reader);
        return Flatten(Validator.Validate(token, schema, SchemaType.JsonSchema)).ToArray();
    }

    private static IEnumerable<ValidationError> Flatten(IEnumerable<ValidationError> errors) =>
        errors.SelectMany(error => error is ChildSchemaValidationError child
            && error.Kind is ValidationErrorKind.ArrayItemNotValid or ValidationErrorKind.AdditionalItemNotValid or ValidationErrorKind.AdditionalPropertiesNotValid
            ? Flatten(child.Errors.Values.SelectMany(nested => nested))
            : [error]);

    /// <summary>One sentence per error, each naming the property: <c>'limit' must be at least 1</c>.</summary>
    public static string Describe(ToolCallRequest request, IReadOnlyList<ValidationError> errors)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(errors);
        var parts = errors.Take(MaxReportedErrors).Select(Describe).Distinct(StringComparer.Ordinal).ToList();
        if (errors.Count > MaxReportedErrors)
        {
            parts.Add($"and {errors.Count - MaxReportedErrors} more");
        }

        return $"The arguments of {request.Server}.{request.Tool} do not match its input schema: {string.Join("; ", parts)}.";
    }

    private static string Describe(ValidationError error)
    {
        var path = (error.Path ?? "").TrimStart('#', '/').Replace('/', '.');
        var name = string.IsNullOrEmpty(path) ? error.Property : path;
        var subject = string.IsNullOrEmpty(name) ? "the arguments" : $"'{name}'";
        var kind = error.Kind;
        return kind switch
        {
            ValidationErrorKind.PropertyRequired => $"{subject} is required",
            ValidationErrorKind.NoAdditionalPropertiesAllowed => $"{subject} is not a property the tool accepts",
            ValidationErrorKind.StringExpected => $"{subject} must be a string",
            ValidationErrorKind.IntegerExpected => $"{subject} must be an integer",
            ValidationErrorKind.NumberExpected => $"{subject} must be a number",
            ValidationErrorKind.BooleanExpected => $"{subject} must be true or false",
            ValidationErrorKind.ObjectExpected => $"{subject} must be an object",
            ValidationErrorKind.ArrayExpected => $"{subject} must be an array",
            ValidationErrorKind.NullExpected => $"{subject} must be null",
            ValidationErrorKind.NotInEnumeration => $"{subject} is not one of the allowed values",
            ValidationErrorKind.NumberTooSmall => $"{subject} is below the minimum",
            ValidationErrorKind.NumberTooBig => $"{subject} is above the maximum",
            ValidationErrorKind.StringTooShort => $"{subject} is too short",
            ValidationErrorKind.StringTooLong => $"{subject} is too long",
            ValidationErrorKind.TooFewItems => $"{subject} has too few items",
            ValidationErrorKind.TooManyItems => $"{subject} has too many items",
            ValidationErrorKind.PatternMismatch => $"{subject} does not match the required pattern",
            _ => $"{subject} is invalid ({kind})",
        };
    }
}
