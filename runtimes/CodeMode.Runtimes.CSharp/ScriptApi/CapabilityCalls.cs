namespace CodeMode.Runtimes.CSharp.ScriptApi;

/// <summary>
/// The one way <see cref="Files"/> and <see cref="Http"/> turn a synchronous capability call into a task. Their calls
/// go to the reserved servers and operations of <see cref="Abstractions.Security.CapabilityNames"/>, as the
/// javascript runtime's <c>fs</c> and <c>fetch</c> do.
/// </summary>
internal static class CapabilityCalls
{
    /// <summary>
    /// Runs <paramref name="call"/> now: a tool error becomes a faulted task (caught where it is awaited, as with the
    /// proxies); anything else, a limit or a policy denial above all, is thrown as it is.
    /// </summary>
    public static Task<T> AsTask<T>(Func<T> call)
    {
        try
        {
            return Task.FromResult(call());
        }
        catch (ToolException exception)
        {
            return Task.FromException<T>(exception);
        }
    }
}
