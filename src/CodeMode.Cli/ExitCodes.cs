namespace CodeMode.Cli;

/// <summary>The CLI's exit codes, as DESIGN.md promises them.</summary>
public static class ExitCodes
{
    /// <summary>The script's status is <c>succeeded</c> (or a command other than run finished normally).</summary>
    public const int Succeeded = 0;

    /// <summary>The script ran and ended with any other status.</summary>
    public const int ScriptFailed = 1;

    /// <summary>A usage or configuration error: nothing ran.</summary>
    public const int UsageError = 2;
}
