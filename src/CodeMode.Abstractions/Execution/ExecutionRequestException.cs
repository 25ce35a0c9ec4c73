namespace CodeMode.Abstractions.Execution;

/// <summary>
/// The request itself is wrong (HTTP 400, CLI exit 2): <see cref="Field"/> names the offending field.
/// The message may travel to the caller, so it never contains secrets.
/// </summary>
public sealed class ExecutionRequestException(string code, string field, string message) : Exception(message)
{
    public string Code { get; } = code;

    public string Field { get; } = field;
}
