namespace CodeMode.Core.Security;

/// <summary>What one runtime's <c>fetch</c> may reach, and its limits.</summary>
/// <param name="Hosts">Host names and addresses, lower case, compared exactly.</param>
/// <param name="MaxResponseBytes">Largest response body returned; a larger one is refused.</param>
public sealed record NetworkGrant(IReadOnlySet<string> Hosts, IReadOnlySet<int> Ports, TimeSpan Timeout, int MaxResponseBytes, int MaxRedirects = 5);
