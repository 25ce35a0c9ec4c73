using System.Security.Cryptography;
using System.Text;
using CodeMode.Core.Configuration;

namespace CodeMode.Server.Http;

/// <summary>
/// The configured API keys, by SHA-256: a presented key is hashed and looked up, so the host never holds a key in
/// clear (a <c>${VAR}</c> key is read and hashed once, here). <see cref="Enforced"/> is false when no key is configured
/// or <c>security.enabled</c> is false; the host then only listens on loopback.
/// </summary>
public sealed class AuthApiKeys
{
    private readonly Dictionary<string, AuthApiClient> _byHash = new(StringComparer.Ordinal);

    /// <param name="timeProvider">The clock of every key's rate limit; <see cref="TimeProvider.System"/> by default.</param>
    public AuthApiKeys(SecuritySettings security, Func<string, string?>? getEnvironmentVariable = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(security);
        getEnvironmentVariable ??= Environment.GetEnvironmentVariable;
        foreach (var (id, key) in security.ApiKeys)
        {
            var hash = key.Sha256?.ToLowerInvariant()
                ?? (ApiKeyConfigValidator.VariableOf(key.Key) is { } variable && getEnvironmentVariable(variable) is { Length: > 0 } value
                    ? Hash(value)
                    : throw new InvalidOperationException($"security.apiKeys.{id}.key names an unset variable; the loader should have refused it."));
            _byHash[hash] = new AuthApiClient(
                id,
                key.Runtimes?.ToHashSet(StringComparer.Ordinal),
                key.Servers?.ToHashSet(StringComparer.Ordinal),
                key.RateLimitPerMinute,
                key.AuditAll,
                timeProvider,
                key.Tools?.ToDictionary(
                    entry => entry.Key,
                    entry => (IReadOnlySet<string>)entry.Value.ToHashSet(StringComparer.Ordinal),
                    StringComparer.Ordinal));
        }

        Enforced = security.Enabled && _byHash.Count > 0;
    }

    /// <summary>Whether requests must present a key.</summary>
    public bool Enforced { get; }

    public int Count => _byHash.Count;

    /// <summary>The client whose key is <paramref name="presentedKey"/>, or null.</summary>
    public AuthApiClient? Find(string? presentedKey) =>
        string.IsNullOrEmpty(presentedKey) ? null : _byHash.GetValueOrDefault(Hash(presentedKey));

    /// <summary>Lower-case hex SHA-256 of the key's UTF-8 bytes, as <c>security.apiKeys.*.sha256</c> stores it.</summary>
    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}
