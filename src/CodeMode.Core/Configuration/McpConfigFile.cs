using System.Text.Json;
using System.Text.Json.Nodes;

namespace CodeMode.Core.Configuration;

/// <summary>
/// The first pass over a separate server file given with <c>--mcp-config</c>: Claude Desktop's
/// <c>claude_desktop_config.json</c> (<c>{"mcpServers": {...}}</c>) or Claude Code's <c>.mcp.json</c> (the same, with
/// <c>"type": "stdio"|"http"|"sse"</c>). It handles, explicitly, the fields those clients write that runtimes.json does
/// not have, and yields a runtimes.json-shaped document (<c>mcpServers</c> only) for the usual shape check and rules:
/// <list type="bullet">
/// <item>top-level fields other than <c>mcpServers</c> (Claude Desktop's app settings, e.g. <c>globalShortcut</c>):
/// not read, and each one is noted so the operator knows;</item>
/// <item><c>disabled</c> (Cline, Roo): read as the opposite of <c>enabled</c>; both set and contradicting is an error;</item>
/// <item><c>autoApprove</c>, <c>alwaysAllow</c> (per-client approval lists): not read, noted — every call passes
/// CodeMode's own security policy instead;</item>
/// <item><c>timeout</c>: rejected, because clients disagree on its unit; <c>timeoutMs</c> says it unambiguously.</item>
/// </list>
/// Anything else unknown is an unknown-field error, as in runtimes.json.
/// </summary>
internal static class McpConfigFile
{
    public const string ServersField = "mcpServers";

    private static readonly string[] ApprovalFields = ["autoApprove", "alwaysAllow"];

    /// <summary>The prepared document, the problems found on the way, and notes on what was not read.</summary>
    public sealed record Prepared(JsonElement Document, IReadOnlyList<ConfigurationError> Errors, IReadOnlyList<string> Notes);

    public static Prepared Prepare(JsonElement root)
    {
        var errors = new List<ConfigurationError>();
        var notes = new List<string>();
        var servers = new JsonObject();
        if (root.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new ConfigurationError(ConfigJsonPath.Root, "the file must hold a JSON object with \"mcpServers\"",
                "write { \"mcpServers\": { \"name\": { \"command\": \"...\" } } }, as Claude Desktop and Claude Code do"));
            return new Prepared(ToElement(new JsonObject()), errors, notes);
        }

        var found = false;
        foreach (var property in root.EnumerateObject())
        {
            if (property.Name == ServersField)
            {
                found = true;
                if (property.Value.ValueKind != JsonValueKind.Object)
                {
                    // Left as it is: the shape check says what it must be.
                    return new Prepared(ToElement(new JsonObject { [ServersField] = JsonNode.Parse(property.Value.GetRawText()) }), errors, notes);
                }

                foreach (var entry in property.Value.EnumerateObject())
                {
                    servers[entry.Name] = PrepareEntry(entry.Value, ConfigJsonPath.Key(ServersField, entry.Name), errors, notes);
                }
            }
            else if (property.Name != ConfigShapeChecker.SchemaField)
            {
                notes.Add($"\"{property.Name}\" is not read: only \"mcpServers\" is (other top-level fields are the client app's own settings)");
            }
        }

        if (!found)
        {
            errors.Add(new ConfigurationError(ServersField, "is missing, so the file adds no server",
                "put the servers under \"mcpServers\": { \"name\": { \"command\": \"...\" } }"));
        }

        return new Prepared(ToElement(new JsonObject { [ServersField] = servers }), errors, notes);
    }

    private static JsonNode? PrepareEntry(JsonElement entry, string path, List<ConfigurationError> errors, List<string> notes)
    {
        if (entry.ValueKind != JsonValueKind.Object)
        {
            return JsonNode.Parse(entry.GetRawText());
        }

        var prepared = new JsonObject();
        bool? disabled = null;
        foreach (var field in entry.EnumerateObject())
        {
            var fieldPath = ConfigJsonPath.Property(path, field.Name);
            switch (field.Name)
            {
                case "disabled" when field.Value.ValueKind is JsonValueKind.True or JsonValueKind.False:
                    disabled = field.Value.GetBoolean();
                    break;
                case "disabled":
                    errors.Add(new ConfigurationError(fieldPath, "must be true or false", "write true or false, without quotes, or use \"enabled\""));
                    break;
                case "timeout":
                    errors.Add(new ConfigurationError(fieldPath,
                        "is not read: clients disagree on its unit (seconds or milliseconds), so CodeMode does not guess",
                        "use \"timeoutMs\" (milliseconds per call, e.g. 30000), or remove it"));
                    break;
                case var approval when ApprovalFields.Contains(approval, StringComparer.Ordinal):
                    notes.Add($"{fieldPath} is not read: CodeMode does not auto-approve tools; every call passes its own security policy");
                    break;
                default:
                    prepared[field.Name] = JsonNode.Parse(field.Value.GetRawText());
                    break;
            }
        }

        if (disabled is { } isDisabled)
        {
            if (prepared["enabled"] is JsonValue enabled && enabled.TryGetValue<bool>(out var isEnabled) && isEnabled == isDisabled)
            {
                errors.Add(new ConfigurationError(ConfigJsonPath.Property(path, "disabled"),
                    $"is {(isDisabled ? "true" : "false")} while \"enabled\" is {(isEnabled ? "true" : "false")}; they contradict each other",
                    "keep one of them"));
            }
            else
            {
                prepared["enabled"] = !isDisabled;
            }
        }

        return prepared;
    }

    private static JsonElement ToElement(JsonObject document) => JsonSerializer.SerializeToElement(document);
}
