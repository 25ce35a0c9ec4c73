using System.Text.Json;

namespace CodeMode.Mocks.Infrastructure;

/// <summary>What is wrong with one argument, before a server words it in its own style (zod, pydantic, ...).</summary>
internal enum ArgumentIssueKind
{
    Missing,
    WrongType,
    NotInEnum,
    TooSmall,
    TooBig,
    TooFewItems,
    TooManyItems,

    /// <summary>A property the schema forbids (<c>additionalProperties: false</c>).</summary>
    NotAllowed,
    Invalid,
}

/// <param name="Field">The argument's path: <c>limit</c>, or <c>searchTerms.0</c> for an item.</param>
/// <param name="Expected">The schema type (<c>string</c>, <c>integer</c>, ...) for <see cref="ArgumentIssueKind.WrongType"/>, or a free message for <see cref="ArgumentIssueKind.Invalid"/>.</param>
internal sealed record ArgumentIssue(
    string Field,
    ArgumentIssueKind Kind,
    JsonElement? Actual = null,
    string? Expected = null,
    double? Limit = null,
    IReadOnlyList<string>? Allowed = null);
