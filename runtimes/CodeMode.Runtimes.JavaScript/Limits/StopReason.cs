namespace CodeMode.Runtimes.JavaScript.Limits;

/// <summary>
/// Why an execution was interrupted from outside the script. Jint reports every interruption as the same
/// <see cref="TimeoutException"/>, so the reason is kept here to report the right status.
/// </summary>
internal enum StopReason
{
    None = 0,
    Timeout,
    MemoryLimit,
    Cancelled,
}
