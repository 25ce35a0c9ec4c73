namespace CodeMode.Abstractions.Tools;

/// <summary>How one tool call ended, as seen in the trace.</summary>
public enum ToolCallStatus
{
    /// <summary>The tool answered with a result.</summary>
    Ok,

    /// <summary>The tool answered with <c>isError</c>; the script gets a catchable error.</summary>
    ToolError,

    /// <summary>The security policy refused the call; the script ends with <c>policyDenied</c>.</summary>
    Denied,

    /// <summary>A rate or count limit refused the call; the script ends with <c>rateLimited</c>.</summary>
    RateLimited,

    /// <summary>The call could not be completed (server down, timeout); the script gets a catchable error.</summary>
    Failed,

    /// <summary>The execution ended (timeout, cancellation) while the call was in flight.</summary>
    Cancelled,
}
