namespace CodeMode.Mocks.Tests;

/// <summary>A clock that stands still until moved, so timestamps and relative dates are predictable.</summary>
internal sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
