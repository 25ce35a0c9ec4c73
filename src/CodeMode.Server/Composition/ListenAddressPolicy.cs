using System.Net;
using CodeMode.Core.Configuration;

namespace CodeMode.Server.Composition;

/// <summary>
/// Where <c>serve</c> may listen: loopback always; any other interface only when API keys are configured and security
/// is on, because without keys anyone who can reach the port could run code. Checked before the host starts, so the
/// refusal is a configuration error (CM7001, exit code 2) rather than an open port.
/// </summary>
public static class ListenAddressPolicy
{
    /// <exception cref="ConfigurationException">An address is not loopback and requests would not need a key.</exception>
    public static void Check(string urls, SecuritySettings security, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(security);
        if (security.Enabled && security.ApiKeys.Count > 0)
        {
            return;
        }

        var exposed = urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(url => !IsLoopback(url)).ToArray();
        if (exposed.Length == 0)
        {
            return;
        }

        var why = security.Enabled
            ? "no API key is configured (security.apiKeys), so anyone who can reach it could run code"
            : "security is off (security.enabled false or MCP_SECURITY_ENABLED=false), which is for loopback development only";
        throw new ConfigurationException(sourceName,
        [
            new ConfigurationError("server.urls", $"{string.Join(", ", exposed)} listens beyond loopback, but {why}",
                "listen on http://127.0.0.1:PORT, or configure security.apiKeys (with security enabled) before exposing the host"),
        ]);
    }

    /// <summary>localhost, 127.0.0.0/8 and [::1]; '*', '+', 0.0.0.0, [::] and other names are not.</summary>
    public static bool IsLoopback(string url)
    {
        var parsable = url.Replace("://*", "://any-interface", StringComparison.Ordinal).Replace("://+", "://any-interface", StringComparison.Ordinal);
        if (!Uri.TryCreate(parsable, UriKind.Absolute, out var uri))
        {
            return false;
        }

        return uri.IsLoopback && (uri.HostNameType != UriHostNameType.Dns || string.Equals(uri.Host, "localhost", StringComparison.OrdinalIgnoreCase))
            || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
    }
}
