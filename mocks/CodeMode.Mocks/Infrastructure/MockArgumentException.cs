namespace CodeMode.Mocks.Infrastructure;

/// <summary>Thrown by <see cref="ToolArguments"/> when an argument is missing or of the wrong type; the server words it.</summary>
internal sealed class MockArgumentException(ArgumentIssue issue) : Exception($"{issue.Field}: {issue.Kind}")
{
    public ArgumentIssue Issue { get; } = issue;
}
