using System.Collections.Concurrent;
using System.Text.Json;
using CodeMode.Abstractions.Tools;
using NJsonSchema;
using NJsonSchema.References;

namespace CodeMode.Core.Security;

/// <summary>
/// Compiled input schemas, one per tool, reused until the tool's schema text changes (a server's tools/list changed).
/// External <c>$ref</c>s (files, URLs) are never followed: a tool server must not make the host read files or open
/// connections. A schema that cannot be compiled is remembered as null, and its tool's arguments go unchecked.
/// </summary>
public sealed class ToolSchemaCache
{
    private readonly ConcurrentDictionary<(string Server, string Tool), Entry> _entries = new();

    public int Count => _entries.Count;

    /// <summary>The compiled input schema of <paramref name="tool"/>, or null when it has none usable.</summary>
    /// <remarks>
    /// Hot path: the catalog hands out the same descriptor until a tool list changes, so a reference check usually
    /// settles it; otherwise the schema text decides.
    /// </remarks>
    public async ValueTask<JsonSchema?> GetAsync(ToolDescriptor tool, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tool);
        if (tool.InputSchema.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var key = (tool.Server, tool.Name);
        if (_entries.TryGetValue(key, out var entry) && ReferenceEquals(entry.Descriptor, tool))
        {
            return await entry.Schema.ConfigureAwait(false);
        }

        var text = tool.InputSchema.GetRawText();
        if (entry is not null && entry.SchemaText == text)
        {
            _entries[key] = entry with { Descriptor = tool };
            return await entry.Schema.ConfigureAwait(false);
        }

        entry = new Entry(tool, text, CompileAsync(text, cancellationToken));
        _entries[key] = entry;
        return await entry.Schema.ConfigureAwait(false);
    }

    private static async Task<JsonSchema?> CompileAsync(string text, CancellationToken cancellationToken)
    {
        try
        {
            return await JsonSchema.FromJsonAsync(text, documentPath: null!, LocalReferencesOnly, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Newtonsoft and NJsonSchema throw many types for a malformed schema; none of them is the caller's fault.
            return null;
        }
    }

    private static JsonReferenceResolver LocalReferencesOnly(JsonSchema schema) =>
        new LocalReferenceResolver(new JsonSchemaAppender(schema, new DefaultTypeNameGenerator()));

    private sealed record Entry(ToolDescriptor Descriptor, string SchemaText, Task<JsonSchema?> Schema);

    private sealed class LocalReferenceResolver(JsonSchemaAppender appender) : JsonReferenceResolver(appender)
    {
        public override Task<IJsonReference> ResolveFileReferenceAsync(string filePath, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException("Tool schemas may not reference files.");

        public override Task<IJsonReference> ResolveUrlReferenceAsync(string url, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException("Tool schemas may not reference URLs.");
    }
}
