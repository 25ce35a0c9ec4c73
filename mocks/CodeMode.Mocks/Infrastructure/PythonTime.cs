using System.Globalization;

namespace CodeMode.Mocks.Infrastructure;

/// <summary>Timestamps the way Python's <c>datetime.isoformat()</c> writes them for UTC: microseconds only when non-zero, <c>+00:00</c>.</summary>
internal static class PythonTime
{
    public static string IsoFormat(DateTimeOffset time)
    {
        var utc = time.ToUniversalTime();
        var microseconds = (utc.Ticks % TimeSpan.TicksPerSecond) / 10;
        return microseconds == 0
            ? utc.ToString("yyyy-MM-dd'T'HH:mm:ss'+00:00'", CultureInfo.InvariantCulture)
            : utc.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'+00:00'", CultureInfo.InvariantCulture);
    }

    public static bool TryParse(string? text, out DateTimeOffset time) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out time);
}
