using System.Text;
using CodeMode.Abstractions.Execution;
using CodeMode.Abstractions.Text;
using CodeMode.Runtimes.JavaScript.Limits;

namespace CodeMode.Runtimes.JavaScript.Interop;

/// <summary>
/// Console output under the output limit, which the logs and the JSON value share (counted in UTF-8 bytes).
/// When a line does not fit, the part that fits is kept with a note saying so, and the script ends: output never
/// disappears silently.
/// </summary>
internal sealed class OutputCollector(int maxBytes)
{
    private List<LogEntry>? _logs;

    public int MaxBytes { get; } = maxBytes;

    public int UsedBytes { get; private set; }

    public IReadOnlyList<LogEntry> Logs => _logs ?? (IReadOnlyList<LogEntry>)[];

    public void Append(string level, string message)
    {
        message = Utf8Text.ReplaceLoneSurrogates(message);
        var bytes = Encoding.UTF8.GetByteCount(message);
        if (UsedBytes + bytes <= MaxBytes)
        {
            UsedBytes += bytes;
            (_logs ??= []).Add(new LogEntry(level, message));
            return;
        }

        var kept = Utf8Text.Truncate(message, MaxBytes - UsedBytes);
        UsedBytes = MaxBytes;
        (_logs ??= []).Add(new LogEntry(level, kept + $"… [output truncated: the script's output reached its limit of {MaxBytes} bytes]"));
        throw new ScriptTerminatedException(
            ScriptStatus.OutputLimit,
            ErrorCodes.OutputLimit,
            $"The script's console output exceeded its limit of {MaxBytes} bytes; the last log entry is truncated.");
    }

    /// <summary>Counts the JSON value against the budget; false when it does not fit.</summary>
    public bool TryReserve(int bytes)
    {
        if (UsedBytes + bytes > MaxBytes)
        {
            return false;
        }

        UsedBytes += bytes;
        return true;
    }
}
