using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace CodeMode.Core.Tests.Sandbox;

/// <summary>Sends log lines to the test output, so a failing sandbox test shows the workers' stderr tails.</summary>
internal sealed class TestLogger<T>(ITestOutputHelper output) : ILogger<T>
{
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        try
        {
            output.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} {logLevel}: {formatter(state, exception)}{(exception is null ? string.Empty : " " + exception.Message)}");
        }
        catch (InvalidOperationException)
        {
            // Logged after the test ended (a background replacement): nowhere to write it.
        }
    }
}
