using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CodeMode.Abstractions.Execution;
using CodeMode.Abstractions.Tools;

namespace CodeMode.Core.Security;

/// <summary>
/// The host side of the sandbox's <c>fetch</c>: one HTTP request to a granted host and port, redirects followed by
/// hand so each hop is checked again, within the grant's timeout and response size. No cookies, no proxy, no
/// automatic decompression: what the script sees is what the granted host sent.
/// </summary>
public sealed class FetchCapability : IDisposable
{
    private static readonly HashSet<string> Methods = new(StringComparer.Ordinal) { "GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS" };

    // Framing and routing are the host's business: a script must not steer them.
    private static readonly HashSet<string> ReservedHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Host", "Content-Length", "Transfer-Encoding", "Connection", "Upgrade", "Proxy-Authorization", "Proxy-Connection", "TE", "Trailer", "Keep-Alive",
    };

    private readonly HttpClient _client;

    public FetchCapability()
    {
        _client = new HttpClient(new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            UseProxy = false,
            AutomaticDecompression = DecompressionMethods.None,
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
        })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
    }

    /// <summary>Carries out <c>fetch</c>; <paramref name="audit"/> receives every URL tried (each redirect hop) and its verdict.</summary>
    public async Task<ToolCallOutcome> HandleAsync(JsonElement arguments, NetworkGrant grant, Action<string, ToolCallOutcome> audit, CancellationToken cancellationToken)
    {
        var url = CapabilityResults.String(arguments, "url");
        var method = (CapabilityResults.String(arguments, "method") ?? "GET").ToUpperInvariant();
        var body = CapabilityResults.String(arguments, "body");
        if (string.IsNullOrEmpty(url) || !Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            return Refuse(url ?? "", ToolCallOutcome.Denied(ErrorCodes.InvalidToolArguments, "fetch needs an absolute http or https url."), audit);
        }

        if (!Methods.Contains(method))
        {
            return Refuse(url, ToolCallOutcome.Denied(ErrorCodes.InvalidToolArguments, $"fetch: '{method}' is not a method fetch sends (use one of {string.Join(", ", Methods)})."), audit);
        }

        if (ReadHeaders(arguments) is not { } headers)
        {
            return Refuse(url, ToolCallOutcome.Denied(ErrorCodes.InvalidToolArguments, $"fetch: headers must be an object of printable ASCII string values, without {string.Join(", ", ReservedHeaders)}."), audit);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(grant.Timeout);
        try
        {
            for (var hop = 0; ; hop++)
            {
                if (Check(uri, grant, hop) is { } denied)
                {
                    return Refuse(uri.OriginalString, denied, audit);
                }

                using var request = new HttpRequestMessage(new HttpMethod(method), uri);
                foreach (var (name, value) in headers)
                {
                    if (name.StartsWith("Content-", StringComparison.OrdinalIgnoreCase))
                    {
                        continue; // Content headers travel with the body below.
                    }

                    if (!request.Headers.TryAddWithoutValidation(name, value))
                    {
                        return Refuse(uri.OriginalString, ToolCallOutcome.Denied(ErrorCodes.InvalidToolArguments, $"fetch: header '{name}' cannot be sent."), audit);
                    }
                }

                if (body is not null)
                {
                    request.Content = new StringContent(body, Encoding.UTF8);
                    foreach (var (name, value) in headers.Where(h => h.Key.StartsWith("Content-", StringComparison.OrdinalIgnoreCase)))
                    {
                        request.Content.Headers.Remove(name);
                        request.Content.Headers.TryAddWithoutValidation(name, value);
                    }
                }

                using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
                var status = (int)response.StatusCode;
                if (status is 301 or 302 or 303 or 307 or 308 && response.Headers.Location is { } location)
                {
                    if (hop >= grant.MaxRedirects)
                    {
                        return Refuse(uri.OriginalString, ToolCallOutcome.Failed(ErrorCodes.CapabilityFailed, $"fetch: more than {grant.MaxRedirects} redirects."), audit);
                    }

                    audit(uri.OriginalString, Redirected(status));
                    var next = location.IsAbsoluteUri ? location : new Uri(uri, location);
                    if (status == 303 || (status is 301 or 302 && method == "POST"))
                    {
                        // As browsers do: the redirected request is a GET without the body.
                        method = "GET";
                        body = null;
                    }

                    uri = next;
                    continue;
                }

                var outcome = await ReadResponseAsync(response, uri, grant.MaxResponseBytes, timeout.Token).ConfigureAwait(false);
                audit(uri.OriginalString, outcome);
                return outcome;
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Refuse(uri.OriginalString, ToolCallOutcome.Failed(ErrorCodes.FetchTimedOut, $"fetch {uri.OriginalString} did not complete within {grant.Timeout.TotalMilliseconds:0} ms (permissions.network.timeoutMs)."), audit);
        }
        catch (HttpRequestException exception)
        {
            return Refuse(uri.OriginalString, ToolCallOutcome.Failed(ErrorCodes.CapabilityFailed, $"fetch {uri.OriginalString} failed: {exception.HttpRequestError}."), audit);
        }
    }

    public void Dispose() => _client.Dispose();

    /// <summary>Why <paramref name="uri"/> may not be fetched, or null when the grant covers it.</summary>
    public static ToolCallOutcome? Check(Uri uri, NetworkGrant grant, int hop = 0)
    {
        var what = hop == 0 ? "fetch" : "fetch (redirect)";
        if (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
        {
            return ToolCallOutcome.Denied(ErrorCodes.HostNotAllowed, $"{what}: the scheme '{uri.Scheme}' is not allowed; only http and https.");
        }

        var host = uri.IdnHost.Trim('[', ']').ToLowerInvariant();
        if (!grant.Hosts.Contains(host))
        {
            return ToolCallOutcome.Denied(ErrorCodes.HostNotAllowed, $"{what}: the host '{host}' is not in permissions.network.allowedHosts.");
        }

        if (!grant.Ports.Contains(uri.Port))
        {
            return ToolCallOutcome.Denied(ErrorCodes.HostNotAllowed, $"{what}: port {uri.Port} of '{host}' is not in permissions.network.allowedPorts.");
        }

        return null;
    }

    private static List<KeyValuePair<string, string>>? ReadHeaders(JsonElement arguments)
    {
        var headers = new List<KeyValuePair<string, string>>();
        if (!arguments.TryGetProperty("headers", out var element) || element.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
        {
            return headers;
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        foreach (var property in element.EnumerateObject())
        {
            if (property.Value.ValueKind != JsonValueKind.String || ReservedHeaders.Contains(property.Name)
                || property.Name.Length == 0 || property.Name.Any(c => c <= ' ' || c >= 127 || c == ':')
                || property.Value.GetString()!.Any(c => c is < ' ' and not '\t' or > '~'))
            {
                return null;
            }

            headers.Add(new(property.Name, property.Value.GetString()!));
        }

        return headers;
    }

    private static async Task<ToolCallOutcome> ReadResponseAsync(HttpResponseMessage response, Uri uri, int maxBytes, CancellationToken cancellationToken)
    {
        if (response.Content.Headers.ContentLength is { } length && length > maxBytes)
        {
            return TooLarge(uri, maxBytes);
        }

        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                return TooLarge(uri, maxBytes);
            }

            buffer.Write(chunk, 0, read);
        }

        var headers = new JsonObject();
        foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
        {
            headers[name.ToLowerInvariant()] = string.Join(", ", values);
        }

        var status = (int)response.StatusCode;
        return CapabilityResults.Answer(new JsonObject
        {
            ["url"] = uri.OriginalString,
            ["status"] = status,
            ["ok"] = status is >= 200 and < 300,
            ["headers"] = headers,
            ["text"] = Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length),
        });
    }

    private static ToolCallOutcome TooLarge(Uri uri, int maxBytes) =>
        ToolCallOutcome.Failed(ErrorCodes.CapabilitySizeLimit, $"fetch {uri.OriginalString}: the response body is larger than {maxBytes} bytes (security.maxPayloadBytes).");

    private static ToolCallOutcome Redirected(int status) =>
        CapabilityResults.Answer(new JsonObject { ["status"] = status, ["redirect"] = true });

    private static ToolCallOutcome Refuse(string target, ToolCallOutcome outcome, Action<string, ToolCallOutcome> audit)
    {
        audit(target, outcome);
        return outcome;
    }
}
