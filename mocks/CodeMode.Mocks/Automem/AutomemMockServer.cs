using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CodeMode.Abstractions.Tools;
using CodeMode.Mocks.Infrastructure;

namespace CodeMode.Mocks.Automem;

/// <summary>
/// The AutoMem mock (<c>@verygoodplugins/mcp-automem</c> 0.15.0 over the AutoMem service): a real, thread-safe
/// in-memory store of memories and relations. Results carry the text block and the <c>structuredContent</c> of the
/// tool's outputSchema, errors read "Error: ..." as the real tools word them. Relevance is word overlap, not vectors.
/// </summary>
public sealed class AutomemMockServer : MockServer
{
    internal const int ContentSoftLimit = 500;
    internal const int ContentHardLimit = 2000;
    internal const int BatchLimit = 500;

    internal static readonly string[] MemoryTypes = ["Decision", "Pattern", "Preference", "Style", "Habit", "Insight", "Context"];

    internal static readonly string[] RelationTypes =
    [
        "RELATES_TO", "LEADS_TO", "OCCURRED_BEFORE", "PREFERS_OVER", "EXEMPLIFIES", "CONTRADICTS", "REINFORCES",
        "INVALIDATED_BY", "EVOLVED_INTO", "DERIVED_FROM", "PART_OF",
    ];

    // The properties the service keeps on each relation type (POST /associate echoes only these).
    private static readonly Dictionary<string, string[]> RelationProperties = new(StringComparer.Ordinal)
    {
        ["RELATES_TO"] = [],
        ["LEADS_TO"] = [],
        ["OCCURRED_BEFORE"] = [],
        ["PREFERS_OVER"] = ["context", "reason"],
        ["EXEMPLIFIES"] = ["pattern_type", "confidence"],
        ["CONTRADICTS"] = ["resolution", "reason"],
        ["REINFORCES"] = ["observations"],
        ["INVALIDATED_BY"] = ["reason", "timestamp"],
        ["EVOLVED_INTO"] = ["confidence", "reason"],
        ["DERIVED_FROM"] = ["transformation", "confidence"],
        ["PART_OF"] = ["role", "context"],
    };

    private static readonly string[] BatchForbidden = ["id", "embedding", "t_valid", "t_invalid"];

    private readonly MemoryStore _store = new();
    private readonly TimeProvider _time;
    private readonly MemoryRecall _recall;

    public AutomemMockServer(TimeProvider? timeProvider = null)
        : base("automem")
    {
        _time = timeProvider ?? TimeProvider.System;
        _recall = new MemoryRecall(_store, _time);
        Handle("store_memory", StoreMemory);
        Handle("recall_memory", _recall.Recall);
        Handle("associate_memories", AssociateMemories);
        Handle("update_memory", UpdateMemory);
        Handle("delete_memory", DeleteMemory);
        Handle("check_database_health", CheckDatabaseHealth);
        CompleteRegistration();
    }

    /// <summary>How many memories the store holds now.</summary>
    public int MemoryCount => _store.Count;

    private ToolResult StoreMemory(ToolArguments args)
    {
        var batch = args.Array("memories");
        if (batch is { } items)
        {
            if (args.Has("content"))
            {
                throw Fail("store_memory: pass either `content` (single mode) or `memories` (batch mode), not both");
            }

            return StoreBatch(items);
        }

        var content = args.String("content");
        if (string.IsNullOrWhiteSpace(content))
        {
            throw Fail("store_memory: `content` is required (or pass `memories` for batch mode)");
        }

        if (content.Length > ContentHardLimit)
        {
            return ContentTooLarge(content.Length);
        }

        var now = _time.GetUtcNow();
        var memory = ReadMemory(args, content, now, label: "");
        var structured = new JsonObject { ["memory_id"] = memory.Id };
        var text = new StringBuilder("Memory stored successfully!\n\nMemory ID: ").Append(memory.Id);

        if (args.String("supersedes_memory_id") is { } oldId)
        {
            var relationType = args.String("supersede_relation") ?? "INVALIDATED_BY";
            if (relationType is not ("INVALIDATED_BY" or "EVOLVED_INTO"))
            {
                throw Fail("store_memory: `supersede_relation` must be INVALIDATED_BY or EVOLVED_INTO");
            }

            RequireUuid(oldId, "supersedes_memory_id");
            var reason = args.String("supersede_reason");
            var relationProperties = new Dictionary<string, JsonElement>();
            if (reason is not null)
            {
                relationProperties["reason"] = JsonSerializer.SerializeToElement(reason);
            }

            var relation = new MemoryRelation(oldId, memory.Id, relationType, 1.0, relationProperties, now);
            if (!_store.TrySupersede(oldId, memory, old => Invalidate(old, memory.Id, reason, now), relation))
            {
                throw Fail("Memory not found");
            }

            text.Append("\nSuperseded memory ID: ").Append(oldId).Append("\nAssociation created: yes");
            structured["superseded_memory_id"] = oldId;
            structured["association_created"] = true;
        }
        else
        {
            _store.Add(memory);
        }

        const string message = "Memory stored successfully";
        structured["message"] = message;
        text.Append("\nMessage: ").Append(message);
        if (content.Length > ContentSoftLimit)
        {
            text.Append("\n\U0001F4DD Content length (").Append(content.Length)
                .Append(" chars) exceeds recommended size (500). Backend may auto-summarize.");
            structured["size_warning"] = true;
            structured["content_length"] = content.Length;
        }

        return Answer(text.ToString(), structured);
    }

    private ToolResult StoreBatch(JsonElement items)
    {
        var count = items.GetArrayLength();
        if (count == 0)
        {
            throw Fail("store_memory: `memories` must contain at least one memory");
        }

        if (count > BatchLimit)
        {
            throw Fail($"store_memory: `memories` accepts at most {BatchLimit} items (got {count})");
        }

        var started = Stopwatch.GetTimestamp();
        var now = _time.GetUtcNow();
        var memories = new List<StoredMemory>(count);
        var index = 0;
        foreach (var item in items.EnumerateArray())
        {
            var label = $"memories[{index}].";
            if (item.ValueKind != JsonValueKind.Object)
            {
                throw Fail($"store_memory: {label[..^1]} must be an object");
            }

            var itemArgs = new ToolArguments("store_memory", item);
            foreach (var forbidden in BatchForbidden)
            {
                if (itemArgs.Has(forbidden))
                {
                    throw Fail($"store_memory: {label}{forbidden} is not allowed in batch mode");
                }
            }

            var content = itemArgs.String("content");
            if (string.IsNullOrWhiteSpace(content))
            {
                throw Fail($"store_memory: {label}content is required");
            }

            if (content.Length > ContentHardLimit)
            {
                throw Fail($"store_memory: {label}content is {content.Length} characters; the hard limit is {ContentHardLimit}");
            }

            memories.Add(ReadMemory(itemArgs, content, now, label));
            index++;
        }

        _store.AddRange(memories);
        var ids = memories.Select(memory => memory.Id).ToList();
        var message = $"Stored {ids.Count} memories";
        var shown = string.Join(", ", ids.Take(10)) + (ids.Count > 10 ? $", …(+{ids.Count - 10})" : "");
        var structured = new JsonObject
        {
            ["stored"] = ids.Count,
            ["memory_ids"] = new JsonArray([.. ids.Select(id => JsonValue.Create(id))]),
            ["message"] = message,
            ["qdrant"] = $"stored ({ids.Count})",
            ["enrichment"] = "queued",
            ["query_time_ms"] = ElapsedMs(started),
        };
        return Answer($"Stored {ids.Count} memories.\nIDs: {shown}\nMessage: {message}", structured);
    }

    private StoredMemory ReadMemory(ToolArguments args, string content, DateTimeOffset now, string label)
    {
        var importance = InRange(args.Number("importance") ?? 0.5, label + "importance");
        var type = args.String("type");
        double confidence;
        if (type is null)
        {
            (type, confidence) = Classify(content);
        }
        else
        {
            if (!MemoryTypes.Contains(type, StringComparer.Ordinal))
            {
                throw Fail($"Invalid memory type '{type}'. Must be one of: {string.Join(", ", MemoryTypes)}");
            }

            confidence = 0.9;
        }

        confidence = InRange(args.Number("confidence") ?? confidence, label + "confidence");
        var metadata = args.Object("metadata")?.Clone() ?? JsonElement.Parse("{}"u8);
        var timestamp = Time(args, "timestamp", label) ?? now;
        return new StoredMemory(
            Id: Guid.NewGuid().ToString(),
            Content: content,
            Tags: args.StringArray("tags") ?? [],
            Importance: importance,
            Type: type,
            Confidence: confidence,
            Timestamp: timestamp,
            UpdatedAt: Time(args, "updated_at", label) ?? timestamp,
            LastAccessed: Time(args, "last_accessed", label) ?? now,
            TValid: Time(args, "t_valid", label) ?? timestamp,
            TInvalid: Time(args, "t_invalid", label),
            Metadata: metadata);
    }

    private static StoredMemory Invalidate(StoredMemory old, string replacementId, string? reason, DateTimeOffset now)
    {
        var metadata = JsonObject.Create(old.Metadata) ?? [];
        metadata["superseded_by"] = replacementId;
        if (reason is not null)
        {
            metadata["supersede_reason"] = reason;
        }

        return old with { TInvalid = now, UpdatedAt = now, Metadata = JsonText.ToElement(metadata) };
    }

    private ToolResult UpdateMemory(ToolArguments args)
    {
        var id = args.RequiredString("memory_id");
        RequireUuid(id, "memory_id");
        string? content = args.String("content");
        if (content is not null && string.IsNullOrWhiteSpace(content))
        {
            throw Fail("update_memory: `content` must not be empty");
        }

        if (content is { Length: > ContentHardLimit })
        {
            throw Fail($"Content is {content.Length} characters; the hard limit is {ContentHardLimit}");
        }

        var tags = args.StringArray("tags");
        var importance = args.Number("importance") is { } i ? InRange(i, "importance") : (double?)null;
        var confidence = args.Number("confidence") is { } c ? InRange(c, "confidence") : (double?)null;
        var type = args.String("type");
        if (type is not null && !MemoryTypes.Contains(type, StringComparer.Ordinal))
        {
            throw Fail($"Invalid memory type '{type}'. Must be one of: {string.Join(", ", MemoryTypes)}");
        }

        var metadata = args.Object("metadata")?.Clone();
        var timestamp = Time(args, "timestamp", "");
        var tValid = Time(args, "t_valid", "");
        var tInvalid = Time(args, "t_invalid", "");
        var updatedAt = Time(args, "updated_at", "");
        var lastAccessed = Time(args, "last_accessed", "");

        if (content is null && tags is null && importance is null && confidence is null && type is null && metadata is null &&
            timestamp is null && tValid is null && tInvalid is null && updatedAt is null && lastAccessed is null)
        {
            throw Fail("update_memory: no fields to update; pass at least one of content, tags, importance, metadata, timestamp, t_valid, t_invalid, updated_at, last_accessed, type, confidence");
        }

        var now = _time.GetUtcNow();
        var found = _store.TryUpdate(id, memory => memory with
        {
            Content = content ?? memory.Content,
            Tags = tags ?? memory.Tags,
            Importance = importance ?? memory.Importance,
            Confidence = confidence ?? memory.Confidence,
            Type = type ?? memory.Type,
            // The REST PATCH replaces the whole metadata object (the tool doc's "merged" is not what happens).
            Metadata = metadata ?? memory.Metadata,
            Timestamp = timestamp ?? memory.Timestamp,
            TValid = tValid ?? memory.TValid,
            TInvalid = tInvalid ?? memory.TInvalid,
            UpdatedAt = updatedAt ?? now,
            LastAccessed = lastAccessed ?? memory.LastAccessed,
        }, out var updated);
        if (!found)
        {
            throw Fail("Memory not found");
        }

        var message = $"Memory {updated.Id} updated successfully!";
        return Answer(message, new JsonObject { ["memory_id"] = updated.Id, ["message"] = message });
    }

    private ToolResult DeleteMemory(ToolArguments args)
    {
        var id = args.String("memory_id");
        var tags = args.StringArray("tags");
        if (id is not null && tags is { Count: > 0 })
        {
            throw Fail("delete_memory: pass either `memory_id` or `tags`, not both");
        }

        if (id is not null)
        {
            RequireUuid(id, "memory_id");
            if (!_store.Remove(id))
            {
                throw Fail("Memory not found");
            }

            var message = $"Memory {id} deleted successfully!";
            return Answer(message, new JsonObject { ["memory_id"] = id, ["message"] = message });
        }

        if (tags is not { Count: > 0 })
        {
            throw Fail("delete_memory: `memory_id` or `tags` is required");
        }

        var deleted = _store.RemoveByTags(tags);
        var noun = deleted == 1 ? "memory" : "memories";
        var tagList = string.Join(", ", tags);
        return Answer(
            $"Bulk delete complete: removed {deleted} {noun} matching tag(s) {tagList}.",
            new JsonObject
            {
                ["deleted_count"] = deleted,
                ["tags"] = new JsonArray([.. tags.Select(tag => JsonValue.Create(tag))]),
                ["message"] = $"Deleted {deleted} {noun} matching tag(s) {tagList}",
            });
    }

    private ToolResult AssociateMemories(ToolArguments args)
    {
        string[] singleFields = ["memory1_id", "memory2_id", "type", "strength"];
        if (args.Array("associations") is { } batch)
        {
            if (singleFields.Any(args.Has))
            {
                throw Fail("associate_memories: use either `associations` (batch mode) or the single-association fields, not both");
            }

            return AssociateBatch(batch);
        }

        foreach (var field in singleFields)
        {
            if (!args.Has(field))
            {
                throw Fail($"associate_memories: single association {field} is required");
            }
        }

        var relation = ReadRelation(args, "");
        if (CheckRelation(relation) is { } problem)
        {
            throw Fail(problem);
        }

        var message = $"Association created between {relation.From} and {relation.To}";
        return Answer($"Association created successfully!\n\nMessage: {message}", new JsonObject { ["success"] = true, ["message"] = message });
    }

    private ToolResult AssociateBatch(JsonElement batch)
    {
        var total = batch.GetArrayLength();
        if (total is 0 or > BatchLimit)
        {
            throw Fail($"associate_memories: `associations` must hold 1 to {BatchLimit} items (got {total})");
        }

        // The tool checks each item's required fields before anything reaches the service.
        var relations = new List<MemoryRelation>(total);
        var index = 0;
        foreach (var item in batch.EnumerateArray())
        {
            var itemArgs = new ToolArguments("associate_memories", item);
            foreach (var field in (string[])["memory1_id", "memory2_id", "type", "strength"])
            {
                if (!itemArgs.Has(field))
                {
                    throw Fail($"associate_memories: associations[{index}].{field} is required");
                }
            }

            relations.Add(ReadRelation(itemArgs, $"associations[{index}]."));
            index++;
        }

        var succeeded = new JsonArray();
        var failed = new JsonArray();
        for (var i = 0; i < relations.Count; i++)
        {
            var relation = relations[i];
            if (CheckRelation(relation) is { } problem)
            {
                failed.Add(new JsonObject { ["index"] = i, ["reason"] = problem });
            }
            else
            {
                succeeded.Add(new JsonObject
                {
                    ["index"] = i,
                    ["memory1_id"] = relation.From,
                    ["memory2_id"] = relation.To,
                    ["relation_type"] = relation.Type,
                    ["strength"] = relation.Strength,
                });
            }
        }

        var summary = $"{succeeded.Count}/{total} associations created successfully";
        var success = failed.Count == 0;
        var structured = new JsonObject
        {
            ["success"] = success,
            ["message"] = summary,
            ["created_count"] = succeeded.Count,
            ["failed_count"] = failed.Count,
            ["succeeded"] = succeeded,
            ["failed"] = failed,
            ["summary"] = summary,
        };
        var headline = success ? "Association created successfully!" : "Association completed with failures.";
        return Answer($"{headline}\n\nMessage: {summary}\n\nCreated: {succeeded.Count}\nFailed: {failed.Count}", structured);
    }

    private MemoryRelation ReadRelation(ToolArguments args, string label)
    {
        var type = args.String("type") ?? "RELATES_TO";
        var strength = args.Number("strength") ?? 0.5;
        if (strength is < 0 or > 1)
        {
            throw Fail($"associate_memories: {label}strength must be between 0 and 1");
        }

        var properties = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        if (RelationProperties.TryGetValue(type, out var allowed))
        {
            foreach (var name in allowed)
            {
                if (args.TryGet(name, out var value))
                {
                    properties[name] = value.Clone();
                }
            }
        }

        return new MemoryRelation(args.String("memory1_id") ?? "", args.String("memory2_id") ?? "", type, strength, properties, _time.GetUtcNow());
    }

    /// <summary>The service's own checks, worded as it words them; null when the relation was stored.</summary>
    private string? CheckRelation(MemoryRelation relation)
    {
        if (!RelationTypes.Contains(relation.Type, StringComparer.Ordinal))
        {
            return $"Relation type must be one of [{string.Join(", ", RelationTypes)}]";
        }

        if (!Guid.TryParse(relation.From, out _))
        {
            return "memory1_id must be a valid UUID";
        }

        if (!Guid.TryParse(relation.To, out _))
        {
            return "memory2_id must be a valid UUID";
        }

        if (string.Equals(relation.From, relation.To, StringComparison.OrdinalIgnoreCase))
        {
            return "Cannot associate a memory with itself";
        }

        return _store.TryAssociate(relation) ? null : "One or both memories do not exist";
    }

    private ToolResult CheckDatabaseHealth(ToolArguments args)
    {
        // Agents poll this one: its answer is written straight to JSON rather than built as nodes first.
        var health = new HealthSnapshot(_store.Count, _store.StoredTotal, PythonTime.IsoFormat(_time.GetUtcNow()));
        var text = "\u2705 AutoMem Health Status\n\nStatus: healthy\nBackend: automem\nFalkorDB: connected\nQdrant: connected\nGraph: memories\n" +
            $"Memory count: {health.Count}\nVector count: {health.Count}\nSync status: synced\nEnrichment: running\nTimestamp: {health.Timestamp}";
        return new([ToolContent.FromText(text)], JsonText.ToElement(health, WriteHealth));
    }

    private readonly record struct HealthSnapshot(int Count, long Processed, string Timestamp);

    private static void WriteHealth(Utf8JsonWriter json, HealthSnapshot health)
    {
        json.WriteStartObject();
        json.WriteString("status", "healthy");
        json.WriteString("backend", "automem");
        json.WriteStartObject("statistics");
        json.WriteString("falkordb", "connected");
        json.WriteString("qdrant", "connected");
        json.WriteString("graph", "memories");
        json.WriteString("timestamp", health.Timestamp);
        json.WriteNumber("memory_count", health.Count);
        json.WriteNumber("vector_count", health.Count);
        json.WriteString("sync_status", "synced");
        json.WriteStartObject("vector_dimensions");
        json.WriteNumber("configured", 1024);
        json.WriteNumber("effective", 1024);
        json.WriteNumber("collection", 1024);
        json.WriteBoolean("mismatch", false);
        json.WriteEndObject();
        json.WriteStartObject("enrichment");
        json.WriteString("status", "running");
        json.WriteNumber("queue_depth", 0);
        json.WriteNumber("pending", 0);
        json.WriteNumber("inflight", 0);
        json.WriteNumber("processed", health.Processed);
        json.WriteNumber("failed", 0);
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndObject();
    }

    /// <summary>
    /// Types, enums and required properties from the tool's own schema, checked before the handler runs. Numeric bounds
    /// and the single/batch mode rules stay in the handlers, which word them the way the service does.
    /// </summary>
    private protected override ToolResult? CheckArguments(ToolDescriptor tool, JsonElement arguments)
    {
        var issues = SchemaArgumentChecker.Check(tool.InputSchema, arguments)
            .Where(issue => issue.Kind is ArgumentIssueKind.Missing or ArgumentIssueKind.WrongType or ArgumentIssueKind.NotInEnum or ArgumentIssueKind.NotAllowed)
            .ToList();
        return issues.Count == 0 ? null : ArgumentError(tool.Name, arguments, issues);
    }

    private protected override ToolResult ArgumentError(string tool, JsonElement arguments, IReadOnlyList<ArgumentIssue> issues)
    {
        var issue = issues[0];
        var message = issue.Kind switch
        {
            ArgumentIssueKind.Missing => $"Error: {tool}: `{issue.Field}` is required",
            ArgumentIssueKind.WrongType => $"Error: {tool}: `{issue.Field}` must be {Article(issue.Expected)} {issue.Expected}",
            ArgumentIssueKind.NotInEnum => $"Error: {tool}: `{issue.Field}` must be one of: {string.Join(", ", issue.Allowed!)}",
            ArgumentIssueKind.NotAllowed => $"Error: {tool}: `{issue.Field}` is not a known argument",
            _ => $"Error: {tool}: `{issue.Field}` is invalid",
        };
        return ToolResult.Text(message, isError: true);
    }

    internal static ToolResult Answer(string text, JsonObject structured) =>
        new([ToolContent.FromText(text)], JsonText.ToElement(structured));

    internal static MockToolException Fail(string message) => new(ToolResult.Text("Error: " + message, isError: true));

    internal static void RequireUuid(string id, string argument)
    {
        if (!Guid.TryParse(id, out _))
        {
            throw Fail($"{argument} must be a valid UUID");
        }
    }

    internal static double ElapsedMs(long started) => Math.Round(Stopwatch.GetElapsedTime(started).TotalMilliseconds, 2);

    private static double InRange(double value, string name) =>
        value is >= 0 and <= 1 ? value : throw Fail($"{name} must be between 0 and 1");

    private static DateTimeOffset? Time(ToolArguments args, string name, string label)
    {
        var text = args.String(name);
        if (text is null)
        {
            return null;
        }

        return PythonTime.TryParse(text, out var time) ? time : throw Fail($"{label}{name} must be an ISO 8601 timestamp (got '{text}')");
    }

    private ToolResult ContentTooLarge(int length)
    {
        var message = $"Content is {length} characters; the hard limit is {ContentHardLimit}. Split it into smaller memories or summarize it.";
        var structured = new JsonObject
        {
            ["error"] = "content_too_large",
            ["content_length"] = length,
            ["hard_limit"] = ContentHardLimit,
            ["message"] = message,
        };
        return new ToolResult([ToolContent.FromText("Error: " + message)], JsonText.ToElement(structured), IsError: true);
    }

    /// <summary>The service classifies untyped memories; the mock does it by cue words.</summary>
    internal static (string Type, double Confidence) Classify(string content)
    {
        var text = content.ToLowerInvariant();
        (string Type, double Confidence, string[] Cues)[] rules =
        [
            ("Decision", 0.8, ["decided", "decide", "chose", "choose", "decision", "picked", "went with", "selected", "instead of"]),
            ("Preference", 0.75, ["prefer", "rather than", "favorite", "favourite", "likes", "dislikes"]),
            ("Habit", 0.7, ["always", "every time", "usually", "habit", "routine", "every morning", "each day"]),
            ("Style", 0.7, ["style", "naming", "formatting", "indent", "convention"]),
            ("Insight", 0.7, ["learned", "realized", "realised", "insight", "turns out", "root cause", "discovered"]),
            ("Pattern", 0.65, ["pattern", "approach", "whenever", "use "]),
        ];
        foreach (var (type, confidence, cues) in rules)
        {
            if (cues.Any(cue => text.Contains(cue, StringComparison.Ordinal)))
            {
                return (type, confidence);
            }
        }

        return ("Context", 0.5);
    }

    private static string Article(string? word) => word is not null && "aeiou".Contains(word[0]) ? "an" : "a";

    internal static string Number(double value) => value.ToString(CultureInfo.InvariantCulture);
}
