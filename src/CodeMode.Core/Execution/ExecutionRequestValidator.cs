using System.Text;
using CodeMode.Abstractions.Execution;

namespace CodeMode.Core.Execution;

/// <summary>
/// Checks a request before anything runs. Every failure is an <see cref="ExecutionRequestException"/> naming the field,
/// so HTTP answers 400 and the CLI exits 2 — never a ScriptResult for a request that could not run.
/// </summary>
internal static class ExecutionRequestValidator
{
    public static RuntimeEntry Validate(ExecutionRequest request, IReadOnlyDictionary<string, RuntimeEntry> runtimes, int maxCodeBytes)
    {
        if (string.IsNullOrWhiteSpace(request.Runtime))
        {
            throw new ExecutionRequestException(ErrorCodes.InvalidRequest, "runtime", $"'runtime' is required: one of {Known(runtimes)}.");
        }

        if (!runtimes.TryGetValue(request.Runtime, out var runtime))
        {
            throw new ExecutionRequestException(ErrorCodes.UnknownRuntime, "runtime", $"Unknown runtime '{Clip(request.Runtime)}'. Configured runtimes: {Known(runtimes)}.");
        }

        if (runtime.UnavailableReason is not null)
        {
            throw new ExecutionRequestException(ErrorCodes.RuntimeUnavailable, "runtime", runtime.UnavailableReason);
        }

        if (request.Code is null || string.IsNullOrWhiteSpace(request.Code))
        {
            throw new ExecutionRequestException(ErrorCodes.EmptyCode, "code", "'code' is empty: send the snippet to run.");
        }

        // Cheap upper bound first: UTF-8 needs at most 3 bytes per UTF-16 char.
        if (request.Code.Length > maxCodeBytes || (request.Code.Length * 3L > maxCodeBytes && Encoding.UTF8.GetByteCount(request.Code) > maxCodeBytes))
        {
            throw new ExecutionRequestException(ErrorCodes.CodeTooLarge, "code", $"'code' is larger than the maximum of {maxCodeBytes} bytes (server.maxCodeBytes).");
        }

        if (request.TimeoutMs is { } timeout && (timeout < 1 || timeout > runtime.Limits.TimeoutMs))
        {
            throw new ExecutionRequestException(ErrorCodes.InvalidTimeout, "timeoutMs", $"'timeoutMs' must be between 1 and {runtime.Limits.TimeoutMs} (the '{runtime.Name}' runtime's timeout); got {timeout}.");
        }

        return runtime;
    }

    private static string Known(IReadOnlyDictionary<string, RuntimeEntry> runtimes) =>
        string.Join(", ", runtimes.Keys.Order(StringComparer.Ordinal).Select(name => $"'{name}'"));

    // Echo at most a little of what the caller sent: it may be huge or hostile.
    private static string Clip(string value) => value.Length <= 40 ? value : value[..40] + "…";
}
