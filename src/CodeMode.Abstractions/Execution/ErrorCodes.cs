namespace CodeMode.Abstractions.Execution;

/// <summary>
/// The stable <c>CM####</c> error codes, in one place. docs/error-codes.md documents each one; a test keeps the
/// two in step. Codes are never reused or renumbered.
/// </summary>
public static class ErrorCodes
{
    // CM1xxx: the code does not compile.
    public const string SyntaxError = "CM1001";
    public const string UnsupportedSyntax = "CM1002";
    public const string CompileError = "CM1003";

    // CM2xxx: the script failed while running.
    public const string UncaughtException = "CM2001";
    public const string WorkerCrashed = "CM2002";
    public const string ValueNotSerializable = "CM2003";

    // CM3xxx: a limit was reached.
    public const string Timeout = "CM3001";
    public const string MemoryLimit = "CM3002";
    public const string StatementLimit = "CM3003";
    public const string RecursionLimit = "CM3004";
    public const string OutputLimit = "CM3005";
    public const string ToolCallLimit = "CM3006";
    public const string Cancelled = "CM3007";

    // CM4xxx: the security policy refused something.
    public const string DeniedOperation = "CM4001";
    public const string ServerNotAllowed = "CM4002";
    public const string UnknownTool = "CM4003";
    public const string PayloadTooLarge = "CM4004";
    public const string ServerRateLimited = "CM4005";
    public const string InvalidToolArguments = "CM4006";
    public const string ToolNotAllowed = "CM4007";
    public const string DestructiveToolDenied = "CM4008";
    public const string UnsafeArgumentText = "CM4009";
    public const string ArgumentsTooDeep = "CM4010";
    public const string SchemaViolation = "CM4011";
    public const string ResultTooLarge = "CM4012";
    public const string CapabilityNotGranted = "CM4013";
    public const string PathNotAllowed = "CM4014";
    public const string HostNotAllowed = "CM4015";
    public const string CapabilitySizeLimit = "CM4016";
    public const string DeniedApi = "CM4017";

    // CM5xxx: a tool failed.
    public const string ToolFailed = "CM5001";
    public const string ToolUnavailable = "CM5002";
    public const string CapabilityFailed = "CM5003";
    public const string FetchTimedOut = "CM5004";

    // CM6xxx: the request is wrong or was refused before running.
    public const string InvalidRequest = "CM6001";
    public const string EmptyCode = "CM6002";
    public const string CodeTooLarge = "CM6003";
    public const string UnknownRuntime = "CM6004";
    public const string UnsupportedMediaType = "CM6005";
    public const string RuntimeUnavailable = "CM6006";
    public const string InvalidTimeout = "CM6007";
    public const string QueueFull = "CM6008";
    public const string UnknownApiLanguage = "CM6009";
    public const string UnknownServer = "CM6010";
    public const string ToolNotFound = "CM6011";
    public const string EmptySearchQuery = "CM6012";

    // CM7xxx: configuration.
    public const string InvalidConfiguration = "CM7001";

    // CM8xxx: API clients (keys, scopes, per-key rates) and the audit log.
    public const string Unauthenticated = "CM8001";
    public const string RuntimeNotPermitted = "CM8002";
    public const string ClientRateLimited = "CM8003";
    public const string InvalidAuditQuery = "CM8004";

    // CM9xxx: a fault of the host itself.
    public const string InternalError = "CM9001";
    public const string WorkerUnavailable = "CM9002";
}
