using CodeMode.Abstractions;
using CodeMode.Abstractions.Execution;
using CodeMode.Mcp.Apis;
using Microsoft.AspNetCore.Http;

namespace CodeMode.Server.Http;

/// <summary>
/// What an agent reads before writing code: <c>GET /v1/apis?lang=ts|js|cs[&amp;server=NAME][&amp;detail=full]</c>
/// (declarations as text), <c>GET /v1/apis/search?q=WORDS[&amp;limit=N]</c> (ranked matches as JSON) and
/// <c>GET /v1/apis/{server}/{tool}?lang=</c> (one tool's full declaration as text).
/// </summary>
internal static class ApisEndpoints
{
    private const int MaxSearchLimit = 50;

    public static Task ListAsync(HttpContext http, ApiDeclarationGenerator generator)
    {
        if (!TryReadLanguage(http, out var language))
        {
            return BadLanguageAsync(http);
        }

        var detail = http.Request.Query["detail"].ToString();
        if (detail.Length > 0 && detail is not ("brief" or "full"))
        {
            return ProblemResponses.BadRequestAsync(http, ErrorCodes.InvalidRequest, "detail", $"detail '{detail}' is neither 'brief' nor 'full'.");
        }

        var server = http.Request.Query["server"].ToString();
        if (server.Length > 0 && !generator.Catalog.Servers.Contains(server, StringComparer.Ordinal))
        {
            return UnknownServerAsync(http, generator, server);
        }

        var document = generator.Generate(language, server.Length > 0 ? server : null, detail == "full" ? ApiDetail.Full : ApiDetail.Brief);
        return WriteTextAsync(http, document);
    }

    public static Task SearchAsync(HttpContext http, ToolSearch search)
    {
        var query = http.Request.Query["q"].ToString();
        if (string.IsNullOrWhiteSpace(query) || !query.Any(char.IsLetterOrDigit))
        {
            return ProblemResponses.BadRequestAsync(http, ErrorCodes.EmptySearchQuery, "q", "Send a few words to search for, e.g. ?q=store memory.");
        }

        var limit = ToolSearch.DefaultLimit;
        var limitText = http.Request.Query["limit"].ToString();
        if (limitText.Length > 0 && (!int.TryParse(limitText, out limit) || limit < 1 || limit > MaxSearchLimit))
        {
            return ProblemResponses.BadRequestAsync(http, ErrorCodes.EmptySearchQuery, "limit", $"limit must be a whole number from 1 to {MaxSearchLimit}.");
        }

        var matches = search.Search(query, limit);
        return Results.Json(new { query, matches }, CodeModeJson.Options).ExecuteAsync(http);
    }

    public static Task DescribeAsync(HttpContext http, string server, string tool, ApiDeclarationGenerator generator)
    {
        if (!TryReadLanguage(http, out var language))
        {
            return BadLanguageAsync(http);
        }

        if (!generator.Catalog.Servers.Contains(server, StringComparer.Ordinal))
        {
            return UnknownServerAsync(http, generator, server);
        }

        if (!generator.TryDescribe(server, tool, language, out var document))
        {
            return ProblemResponses.WriteAsync(
                http,
                StatusCodes.Status404NotFound,
                ErrorCodes.ToolNotFound,
                "There is no such tool.",
                $"Server '{server}' has no tool named '{tool}'. Find tools with GET /v1/apis/search?q=WORDS.",
                "tool");
        }

        return WriteTextAsync(http, document);
    }

    // No lang means TypeScript, the form most models read best.
    private static bool TryReadLanguage(HttpContext http, out ApiLanguage language)
    {
        var lang = http.Request.Query["lang"].ToString();
        if (lang.Length == 0)
        {
            language = ApiLanguage.TypeScript;
            return true;
        }

        return ApiLanguages.TryParse(lang, out language);
    }

    private static Task BadLanguageAsync(HttpContext http) =>
        ProblemResponses.BadRequestAsync(http, ErrorCodes.UnknownApiLanguage, "lang", $"lang '{http.Request.Query["lang"]}' is not one of: {ApiLanguages.Accepted}.");

    private static Task UnknownServerAsync(HttpContext http, ApiDeclarationGenerator generator, string server) =>
        ProblemResponses.WriteAsync(
            http,
            StatusCodes.Status404NotFound,
            ErrorCodes.UnknownServer,
            "There is no such server.",
            $"No server is named '{server}'. Servers: {string.Join(", ", generator.Catalog.Servers)}.",
            "server");

    // Problems (name collisions) travel with the text as comments, so whoever pastes it into a prompt sees them.
    private static Task WriteTextAsync(HttpContext http, ApiDocument document)
    {
        http.Response.ContentType = "text/plain; charset=utf-8";
        var problems = string.Concat(document.Problems.Select(problem => $"// problem: {problem}\n"));
        return http.Response.WriteAsync(problems + document.Text, http.RequestAborted);
    }
}
