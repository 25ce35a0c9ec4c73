using System.Globalization;
using System.Text;
using CodeMode.Abstractions.Execution;
using CodeMode.Abstractions.Text;
using CodeMode.Runtimes.CSharp.ScriptApi;

namespace CodeMode.Runtimes.CSharp.Running;

/// <summary>
/// Console output under the output limit, which the logs and the JSON value share (UTF-8 bytes). A line that does
/// not fit is kept as far as it fits, with a note, and the script ends: output never disappears silently.
/// </summary>
internal sealed class OutputCollector(int maxBytes, ExecutionBudget budget)
{
    private readonly Lock _lock = new();
    private List<LogEntry>? _logs;

    public int MaxBytes { get; } = maxBytes;

    public int UsedBytes { get; private set; }

    public IReadOnlyList<LogEntry> Logs
    {
        get
        {
            lock (_lock)
            {
                return _logs is null ? [] : [.. _logs];
            }
        }
    }

    /// <summary>Strings as they are, primitives invariantly, anything else as its JSON.</summary>
    public string Format(object? value) => value switch
    {
        null => "null",
        string text => text,
        bool flag => flag ? "true" : "false",
        IFormattable formattable and not Enum => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => ScriptValues.ToNode(value, budget)?.ToJsonString() ?? "null",
    };

    public void Append(string level, string message)
    {
        budget.Tick();
        message = Utf8Text.ReplaceLoneSurrogates(message);
        var bytes = Encoding.UTF8.GetByteCount(message);
        lock (_lock)
        {
            if (UsedBytes + bytes <= MaxBytes)
            {
                UsedBytes += bytes;
                (_logs ??= []).Add(new LogEntry(level, message));
                return;
            }

            var kept = Utf8Text.Truncate(message, MaxBytes - UsedBytes);
            UsedBytes = MaxBytes;
            (_logs ??= []).Add(new LogEntry(level, kept + $"… [output truncated: the script's output reached its limit of {MaxBytes} bytes]"));
        }

        throw budget.Trip(ScriptStatus.OutputLimit, ErrorCodes.OutputLimit, $"The script's console output exceeded its limit of {MaxBytes} bytes; the last log entry is truncated.");
    }

    /// <summary>Counts the JSON value against the budget; false when it does not fit.</summary>
    public bool TryReserve(int bytes)
    {
        lock (_lock)
        {
            if (UsedBytes + bytes > MaxBytes)
            {
                return false;
            }

            UsedBytes += bytes;
            return true;
        }
    }
}
