using System.Text.Json.Nodes;

namespace CodeMode.Runtimes.CSharp.ScriptApi;

/// <summary>What <see cref="Http.Fetch"/> answers: the final URL (after redirects), status, headers (lower-case names) and body text.</summary>
public sealed class FetchResponse
{
    internal FetchResponse(string url, int status, IReadOnlyDictionary<string, string> headers, string text)
    {
        Url = url;
        Status = status;
        Headers = headers;
        Text = text;
    }

    public string Url { get; }

    public int Status { get; }

    /// <summary>Whether <see cref="Status"/> is 2xx.</summary>
    public bool Ok => Status is >= 200 and < 300;

    /// <summary>Response and content headers; names are lower-case, repeated values joined with <c>", "</c>.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; }

    public string Text { get; }

    /// <summary>The body parsed as JSON (throws when it is not JSON), like <c>response.json()</c> in javascript.</summary>
    public JsonNode? Json() => JsonNode.Parse(Text);

    internal static FetchResponse From(JsonNode? answer)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (answer?["headers"] is JsonObject received)
        {
            foreach (var (name, value) in received)
            {
                headers[name] = value?.GetValue<string>() ?? string.Empty;
            }
        }

        return new FetchResponse(
            answer?["url"]?.GetValue<string>() ?? string.Empty,
            answer?["status"]?.GetValue<int>() ?? 0,
            headers,
            answer?["text"]?.GetValue<string>() ?? string.Empty);
    }
}
