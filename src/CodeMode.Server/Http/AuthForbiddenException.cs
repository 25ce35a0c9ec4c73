namespace CodeMode.Server.Http;

/// <summary>The authenticated API client may not do this (HTTP 403). The message names the client and its scope, never its key.</summary>
public sealed class AuthForbiddenException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;
}
