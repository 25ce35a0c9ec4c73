using System.Text.Json.Nodes;
using CodeMode.Abstractions.Security;

namespace CodeMode.Runtimes.CSharp.ScriptApi;

/// <summary>
/// A script's <c>Http</c> (and the <c>fetch(...)</c> global): one HTTP request to a host and port the runtime's
/// <c>permissions.network</c> grants, sent by the host, redirects followed and checked again at every hop. A host, port
/// or redirect outside the grant ends the script (<c>policyDenied</c>); a timeout, an oversized response or a failed
/// connection is a catchable <see cref="ToolException"/> with its <c>CM####</c> code. Any status the server answers,
/// 404 or 500 included, is a response, not an error. Every call completes before it returns.
/// </summary>
public sealed class Http
{
    private readonly ScriptHost _host;

    /// <summary>Made by the runtime for scripts whose runtime grants <c>fetch</c>.</summary>
    public Http(ScriptHost host)
    {
        ArgumentNullException.ThrowIfNull(host);
        _host = host;
    }

    /// <summary>Sends <paramref name="method"/> <paramref name="url"/> with optional headers and a text body.</summary>
    public FetchResponse Fetch(string url, string method = "GET", IReadOnlyDictionary<string, string>? headers = null, string? body = null)
    {
        ArgumentNullException.ThrowIfNull(url);
        ArgumentNullException.ThrowIfNull(method);
        var input = new JsonObject { ["url"] = url, ["method"] = method };
        if (headers is not null)
        {
            var sent = new JsonObject();
            foreach (var (name, value) in headers)
            {
                sent[name] = value;
            }

            input["headers"] = sent;
        }

        if (body is not null)
        {
            input["body"] = body;
        }

        return FetchResponse.From(_host.CallTool(CapabilityNames.Fetch, CapabilityNames.Request, input));
    }

    public Task<FetchResponse> FetchAsync(string url, string method = "GET", IReadOnlyDictionary<string, string>? headers = null, string? body = null) =>
        CapabilityCalls.AsTask(() => Fetch(url, method, headers, body));
}
