namespace CodeMode.Core.Configuration;

/// <summary>One JSON field of a configuration record.</summary>
/// <param name="JsonName">The camelCase name runtimes.json uses.</param>
/// <param name="Shape">What JSON it expects.</param>
/// <param name="IsNullable">Whether <c>null</c> is a meaningful value (e.g. <c>servers</c>: every server).</param>
/// <param name="DefaultValue">The record's default, used as the example in type errors.</param>
internal sealed record ConfigField(string JsonName, ConfigShape Shape, bool IsNullable, object? DefaultValue);
