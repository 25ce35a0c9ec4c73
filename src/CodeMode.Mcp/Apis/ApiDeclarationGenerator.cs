using System.Collections.Concurrent;
using System.Text;
using CodeMode.Abstractions.Tools;

namespace CodeMode.Mcp.Apis;

/// <summary>
/// Generates what a model reads to call the proxies: per server, from its tools' JSON Schemas, TypeScript
/// declarations (node), the ES5 calling form (javascript) or C# signatures (csharp). Results are cached per
/// catalog version, so a server whose tool list changes is regenerated and an unchanged one costs nothing.
/// </summary>
public sealed class ApiDeclarationGenerator(IToolCatalog catalog)
{
    private readonly ConcurrentDictionary<(long Version, ApiLanguage Language, ApiDetail Detail, string Server), ApiDocument> _cache = new();

    public IToolCatalog Catalog { get; } = catalog ?? throw new ArgumentNullException(nameof(catalog));

    /// <summary>The declarations of every server, or of <paramref name="server"/> only; brief unless asked otherwise.</summary>
    /// <exception cref="ArgumentException">The catalog has no server named <paramref name="server"/>.</exception>
    public ApiDocument Generate(ApiLanguage language, string? server = null, ApiDetail detail = ApiDetail.Brief)
    {
        if (server is not null && !Catalog.Servers.Contains(server, StringComparer.Ordinal))
        {
            throw new ArgumentException($"There is no server named '{server}'. Servers: {string.Join(", ", Catalog.Servers)}.", nameof(server));
        }

        var documents = (server is null ? Catalog.Servers : [server]).Select(name => GenerateServer(language, detail, name)).ToList();
        return documents.Count == 1
            ? documents[0]
            : new ApiDocument(string.Join("\n", documents.Select(document => document.Text)), [.. documents.SelectMany(document => document.Problems)]);
    }

    /// <summary>
    /// The declaration of one tool with its documentation (<see cref="ApiDetail.Full"/>): the whole description, exact
    /// types, and each parameter's note. A tool whose declaration would pass <see cref="DescribeBudgetBytes"/> gets its
    /// notes cut to their first sentence, and if that is still too long, none (the declaration says so); the types are
    /// never cut.
    /// </summary>
    public bool TryDescribe(string server, string tool, ApiLanguage language, out ApiDocument document)
    {
        if (!Catalog.TryGetTool(server, tool, out var descriptor))
        {
            document = null!;
            return false;
        }

        document = null!;
        foreach (var notes in (NoteLength[])[NoteLength.Whole, NoteLength.FirstSentence, NoteLength.None])
        {
            document = Write(language, ApiDetail.Full, server, [descriptor], notes);
            if (Encoding.UTF8.GetByteCount(document.Text) <= DescribeBudgetBytes)
            {
                break;
            }
        }

        return true;
    }

    /// <summary>
    /// What one <c>describe</c> answer may cost before its notes are shortened: about 600 tokens, so that searching and
    /// describing a tool stays within 5% of the raw tools/list of a few servers (docs/benchmarks-apis.md).
    /// </summary>
    public const int DescribeBudgetBytes = 2400;

    private ApiDocument GenerateServer(ApiLanguage language, ApiDetail detail, string server) =>
        _cache.GetOrAdd((Catalog.Version, language, detail, server), key => Write(key.Language, key.Detail, key.Server, Catalog.GetTools(key.Server)));

    private static ApiDocument Write(ApiLanguage language, ApiDetail detail, string server, IReadOnlyList<ToolDescriptor> tools, NoteLength notes = NoteLength.Whole)
    {
        var output = new StringBuilder();
        var problems = new List<string>();
        switch (language)
        {
            case ApiLanguage.TypeScript:
                TypeScriptDeclarationWriter.Write(output, server, tools, detail, notes);
                break;
            case ApiLanguage.JavaScript:
                JavaScriptDeclarationWriter.Write(output, server, tools, detail, notes);
                break;
            default:
                CSharpDeclarationWriter.Write(output, server, tools, detail, problems, notes);
                break;
        }

        return new ApiDocument(output.ToString(), problems);
    }
}
