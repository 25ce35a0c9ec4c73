namespace CodeMode.Server.Http;

/// <summary>The API client a request authenticated as; absent when no keys are configured (or security is off).</summary>
public sealed record AuthApiClientFeature(AuthApiClient Client);
