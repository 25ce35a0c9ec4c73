using CodeMode.Mcp.Apis;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace CodeMode.Mcp.Server;

/// <summary>
/// The generated declarations as MCP resources, one per server and runtime form: <c>codemode://apis/automem.d.ts</c>
/// (node), <c>codemode://apis/automem.es5.js</c> (javascript) and <c>codemode://apis/automem.cs</c> (csharp), all
/// <c>text/plain</c> with every description (what <c>describe</c> gives, for a whole server). Generated from the catalog
/// at each request, so a server whose tools change is served as it is now.
/// </summary>
public sealed class CodeModeMcpResources(ApiDeclarationGenerator apis)
{
    public const string UriPrefix = "codemode://apis/";

    private static readonly ResourceForm[] Forms =
    [
        new(".d.ts", ApiLanguage.TypeScript, "node", "TypeScript declarations"),
        new(".es5.js", ApiLanguage.JavaScript, "javascript", "ES5 calling form"),
        new(".cs", ApiLanguage.CSharp, "csharp", "C# signatures"),
    ];

    public ValueTask<ListResourcesResult> ListAsync(RequestContext<ListResourcesRequestParams> request, CancellationToken cancellationToken)
    {
        var resources = apis.Catalog.Servers
            .SelectMany(server => Forms.Select(form => new Resource
            {
                Uri = UriPrefix + server + form.Suffix,
                Name = $"{server}{form.Suffix}",
                Title = $"{server} API ({form.Runtime})",
                Description = $"{form.Title} of the {server} proxy for the {form.Runtime} runtime, with every tool's documentation.",
                MimeType = "text/plain",
            }))
            .ToList();
        return ValueTask.FromResult(new ListResourcesResult { Resources = resources });
    }

    /// <exception cref="McpProtocolException">The URI names no known server or form (resource not found).</exception>
    public ValueTask<ReadResourceResult> ReadAsync(RequestContext<ReadResourceRequestParams> request, CancellationToken cancellationToken)
    {
        var uri = request.Params?.Uri ?? "";
        if (!TryParse(uri, out var server, out var form))
        {
            throw new McpProtocolException(
                $"Unknown resource '{uri}'. Resources are {UriPrefix}SERVER.d.ts, .es5.js or .cs; servers: {string.Join(", ", apis.Catalog.Servers)}.",
                McpErrorCode.ResourceNotFound);
        }

        var document = apis.Generate(form.Language, server, ApiDetail.Full);
        return ValueTask.FromResult(new ReadResourceResult
        {
            Contents = [new TextResourceContents { Uri = uri, MimeType = "text/plain", Text = document.Text }],
        });
    }

    private bool TryParse(string uri, out string server, out ResourceForm form)
    {
        server = "";
        form = Forms[0];
        if (!uri.StartsWith(UriPrefix, StringComparison.Ordinal))
        {
            return false;
        }

        var name = uri[UriPrefix.Length..];
        foreach (var candidate in Forms)
        {
            if (name.EndsWith(candidate.Suffix, StringComparison.Ordinal)
                && apis.Catalog.Servers.Contains(name[..^candidate.Suffix.Length], StringComparer.Ordinal))
            {
                server = name[..^candidate.Suffix.Length];
                form = candidate;
                return true;
            }
        }

        return false;
    }

    private sealed record ResourceForm(string Suffix, ApiLanguage Language, string Runtime, string Title);
}
