using System.Globalization;

namespace CodeMode.Core.Configuration;

/// <summary>
/// Sizes as runtimes.json writes them: <c>"64MB"</c>, <c>"512KB"</c>, <c>"1.5GB"</c>, <c>"100B"</c> or a plain number of
/// bytes (<c>"1048576"</c>). Units are case-insensitive and 1024-based; a space may separate number and unit.
/// </summary>
public static class MemorySize
{
    private const long Kilobyte = 1024;
    private const long Megabyte = 1024 * Kilobyte;
    private const long Gigabyte = 1024 * Megabyte;

    // Longer than any sensible size; keeps decimal parsing away from pathological input.
    private const int MaxLength = 32;

    /// <summary>
    /// Parses <paramref name="text"/> into bytes. A fraction is allowed with KB, MB and GB and is rounded down to
    /// whole bytes; bytes themselves must be whole. Signs, exponents, thousands separators and other units
    /// (<c>MiB</c>, <c>K</c>) are rejected.
    /// </summary>
    public static bool TryParse(string? text, out long bytes)
    {
        bytes = 0;
        if (string.IsNullOrWhiteSpace(text) || text.Length > MaxLength)
        {
            return false;
        }

        var span = text.AsSpan().Trim();
        var numberEnd = 0;
        while (numberEnd < span.Length && (char.IsAsciiDigit(span[numberEnd]) || span[numberEnd] == '.'))
        {
            numberEnd++;
        }

        var number = span[..numberEnd];
        var unit = span[numberEnd..].TrimStart();
        if (number.IsEmpty || !char.IsAsciiDigit(number[0]) || !char.IsAsciiDigit(number[^1]))
        {
            return false;
        }

        long multiplier;
        if (unit.IsEmpty || unit.Equals("B", StringComparison.OrdinalIgnoreCase))
        {
            multiplier = 1;
        }
        else if (unit.Equals("KB", StringComparison.OrdinalIgnoreCase))
        {
            multiplier = Kilobyte;
        }
        else if (unit.Equals("MB", StringComparison.OrdinalIgnoreCase))
        {
            multiplier = Megabyte;
        }
        else if (unit.Equals("GB", StringComparison.OrdinalIgnoreCase))
        {
            multiplier = Gigabyte;
        }
        else
        {
            return false;
        }

        if (!decimal.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            return false;
        }

        if (multiplier == 1 && decimal.Truncate(value) != value)
        {
            return false;
        }

        try
        {
            var total = decimal.Floor(value * multiplier);
            if (total > long.MaxValue)
            {
                return false;
            }

            bytes = (long)total;
            return true;
        }
        catch (OverflowException)
        {
            return false;
        }
    }

    /// <summary>The shortest exact form of <paramref name="bytes"/>: <c>"64MB"</c>, <c>"1.5GB"</c>, <c>"1000B"</c>.</summary>
    public static string Format(long bytes)
    {
        foreach (var (size, unit) in new[] { (Gigabyte, "GB"), (Megabyte, "MB"), (Kilobyte, "KB") })
        {
            // Only when it stays exact with at most two decimals, so Format and TryParse round-trip.
            if (bytes >= size && (decimal)bytes * 100 % size == 0)
            {
                return (bytes / (decimal)size).ToString("0.##", CultureInfo.InvariantCulture) + unit;
            }
        }

        return bytes.ToString(CultureInfo.InvariantCulture) + "B";
    }
}
