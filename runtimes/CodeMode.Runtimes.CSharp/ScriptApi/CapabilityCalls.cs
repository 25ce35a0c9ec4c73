namespace CodeMode.Runtimes.CSharp.ScriptApi;

/// <summary>
/// The reserved servers and operations under which <see cref="Files"/> and <see cref="Http"/> reach the host's
/// brokers (the same calls the javascript runtime's <c>fs</c> and <c>fetch</c> make), and the one way both turn a
/// synchronous call into a task.
/// </summary>
internal static class CapabilityCalls
{
    public const string FileSystem = "fs";
    public const string Fetch = "fetch";

    public const string Read = "read";
    public const string Write = "write";
    public const string List = "list";
    public const string Exists = "exists";
    public const string Request = "request";

    public static bool IsCapability(string server) => server is FileSystem or Fetch;

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
