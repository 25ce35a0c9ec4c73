using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CodeMode.Abstractions.Tools;
using CodeMode.Mocks.Infrastructure;

namespace CodeMode.Mocks.Automem;

/// <summary>
/// recall_memory's three modes over the store: by id, exhaustive tag enumeration, and ranked search (word overlap
/// with the query, tags as a hard scope, importance and recency), rendered in the text formats of the real tool.
/// </summary>
internal sealed class MemoryRecall(MemoryStore store, TimeProvider time)
{
    private const int RankedLimitCap = 50;
    private const int PreviewChars = 400;

    // Ranked-only parameters the enumeration mode rejects.
    private static readonly string[] RankedOnly =
    [
        "query", "queries", "embedding", "time_query", "start", "end", "exclude_tags", "expand_entities", "expand_relations",
        "auto_decompose", "min_score", "sort", "context_tags", "context_types", "priority_ids", "recency_bias",
    ];

    public ToolResult Recall(ToolArguments args)
    {
        var format = args.String("format") ?? "text";
        if (format is not ("text" or "items" or "detailed" or "json"))
        {
            throw AutomemMockServer.Fail("recall_memory: `format` must be one of text, items, detailed, json");
        }

        if (args.String("memory_id") is { } id)
        {
            return FetchById(id, format);
        }

        return args.Bool("exhaustive") == true ? Enumerate(args, format) : Ranked(args, format);
    }

    private ToolResult FetchById(string id, string format)
    {
        AutomemMockServer.RequireUuid(id, "memory_id");
        var now = time.GetUtcNow();
        if (!store.TryUpdate(id, memory => memory with { LastAccessed = now }, out var memory))
        {
            throw AutomemMockServer.Fail("Memory not found");
        }

        var hits = new List<Hit> { new(memory, 1.0, "direct") };
        return Render(hits, new JsonObject { ["mode"] = "id_fetch" }, format, store.RelationsOf(memory.Id));
    }

    private ToolResult Enumerate(ToolArguments args, string format)
    {
        var tags = args.StringArray("tags");
        if (tags is not { Count: > 0 })
        {
            throw AutomemMockServer.Fail("recall_memory: exhaustive mode requires non-empty `tags`");
        }

        if (args.String("tag_match") == "prefix" || args.String("tag_mode") == "all")
        {
            throw AutomemMockServer.Fail("recall_memory: exhaustive mode lists exact tag matches with tag_mode any; tag_match=prefix and tag_mode=all are not supported");
        }

        var ranked = RankedOnly.Where(args.Has).ToList();
        if (ranked.Count > 0)
        {
            throw AutomemMockServer.Fail($"recall_memory: exhaustive mode does not accept ranked-mode parameters: {string.Join(", ", ranked)}");
        }

        var limit = Math.Clamp(args.Int("limit", 5), 1, 200);
        var offset = Math.Max(0, args.Int("offset", 0));
        var (memories, relations) = store.Snapshot();
        var matching = memories
            .Where(memory => memory.Tags.Any(tag => tags.Contains(tag, StringComparer.OrdinalIgnoreCase)))
            .OrderByDescending(memory => memory.Timestamp)
            .ToList();
        var page = matching.Skip(offset).Take(limit).Select(memory => new Hit(memory, 1.0, "direct")).ToList();
        var envelope = new JsonObject
        {
            ["mode"] = "enumeration",
            ["tags"] = Strings(tags),
            ["limit"] = limit,
            ["offset"] = offset,
            ["has_more"] = offset + page.Count < matching.Count,
        };
        return Render(page, envelope, format, relations);
    }

    private ToolResult Ranked(ToolArguments args, string format)
    {
        var started = Stopwatch.GetTimestamp();
        var now = time.GetUtcNow();
        var query = args.String("query");
        var queries = args.StringArray("queries");
        var tags = args.StringArray("tags");
        var excludeTags = args.StringArray("exclude_tags");
        var tagMode = args.String("tag_mode") ?? "any";
        var tagMatch = args.String("tag_match") ?? "prefix"; // the service's default when the tool does not say
        var stateMode = args.String("state_mode") ?? "current";
        var currentOnly = stateMode != "history" && args.Bool("current_only", true);
        var sort = args.String("sort") ?? "score";
        var limit = Math.Clamp(args.Int("limit", 5), 1, RankedLimitCap);
        var offset = Math.Max(0, args.Int("offset", 0));
        var minScore = args.Number("min_score");
        var contextTags = args.StringArray("context_tags") ?? [];
        var contextTypes = args.StringArray("context_types") ?? [];
        var priorityIds = args.StringArray("priority_ids") ?? [];
        var window = TimeWindow(args, now);

        var keywordSets = new List<List<string>>();
        if (query is not null)
        {
            keywordSets.Add(Keywords.Extract(query));
        }

        foreach (var extra in queries ?? [])
        {
            keywordSets.Add(Keywords.Extract(extra));
        }

        keywordSets.RemoveAll(set => set.Count == 0);
        var perQueryLimit = args.Int("per_query_limit");

        var (memories, relations) = store.Snapshot();
        var suppressed = 0;
        var scope = new List<StoredMemory>();
        foreach (var memory in memories)
        {
            if (currentOnly && !memory.IsCurrentAt(now))
            {
                suppressed++;
                continue;
            }

            if (tags is { Count: > 0 } && !InTagScope(memory, tags, tagMode, tagMatch))
            {
                continue;
            }

            if (excludeTags is { Count: > 0 } && excludeTags.Any(excluded => memory.Tags.Any(tag => TagMatches(tag, excluded, "prefix"))))
            {
                continue;
            }

            if (window is { } w && (memory.Timestamp < w.Start || memory.Timestamp > w.End))
            {
                continue;
            }

            scope.Add(memory);
        }

        var hits = new Dictionary<string, Hit>(StringComparer.OrdinalIgnoreCase);
        var dedupRemoved = 0;
        if (keywordSets.Count == 0)
        {
            foreach (var memory in scope)
            {
                var score = 0.6 * memory.Importance + 0.4 * Recency(memory, now);
                hits[memory.Id] = new Hit(memory, Boost(memory, score, contextTags, contextTypes), tags is { Count: > 0 } ? "tag" : "recency");
            }
        }
        else
        {
            foreach (var keywords in keywordSets)
            {
                var perQuery = new List<Hit>();
                foreach (var memory in scope)
                {
                    var overlap = Overlap(memory, keywords);
                    if (overlap > 0)
                    {
                        var score = 0.7 * overlap + 0.2 * memory.Importance + 0.1 * Recency(memory, now);
                        perQuery.Add(new Hit(memory, Boost(memory, score, contextTags, contextTypes), "keyword"));
                    }
                }

                foreach (var hit in perQuery.OrderByDescending(hit => hit.Score).Take(perQueryLimit ?? int.MaxValue))
                {
                    if (hits.TryGetValue(hit.Memory.Id, out var existing))
                    {
                        dedupRemoved++;
                        if (existing.Score >= hit.Score)
                        {
                            continue;
                        }
                    }

                    hits[hit.Memory.Id] = hit;
                }
            }
        }

        foreach (var priorityId in priorityIds)
        {
            if (!hits.ContainsKey(priorityId) && memories.FirstOrDefault(m => string.Equals(m.Id, priorityId, StringComparison.OrdinalIgnoreCase)) is { } priority)
            {
                hits[priority.Id] = new Hit(priority, 1.0, "priority");
            }
        }

        var filteredByScore = 0;
        var ordered = hits.Values.Where(hit =>
        {
            var keep = minScore is not { } floor || hit.Score >= floor || hit.MatchType == "priority";
            filteredByScore += keep ? 0 : 1;
            return keep;
        });
        ordered = sort switch
        {
            "time_desc" => ordered.OrderByDescending(hit => hit.Memory.Timestamp),
            "time_asc" => ordered.OrderBy(hit => hit.Memory.Timestamp),
            "updated_desc" => ordered.OrderByDescending(hit => hit.Memory.UpdatedAt),
            "updated_asc" => ordered.OrderBy(hit => hit.Memory.UpdatedAt),
            _ => ordered.OrderByDescending(hit => hit.Score).ThenByDescending(hit => hit.Memory.Timestamp),
        };
        var all = ordered.ToList();
        var page = all.Skip(offset).Take(limit).ToList();

        JsonObject? expansion = null;
        if (args.Bool("expand_relations") == true)
        {
            // expand_respect_tags keeps the expansion inside the tag scope, like the seeds.
            Func<StoredMemory, bool> inScope = args.Bool("expand_respect_tags", false) && tags is { Count: > 0 }
                ? memory => InTagScope(memory, tags, tagMode, tagMatch)
                : _ => true;
            expansion = Expand(args, page, relations, memories, now, currentOnly, inScope);
        }

        var envelope = new JsonObject
        {
            ["mode"] = "ranked",
            ["has_more"] = offset + limit < all.Count,
            ["limit"] = limit,
            ["offset"] = offset,
            ["dedup_removed"] = dedupRemoved,
        };
        if (query is not null)
        {
            envelope["query"] = query;
        }

        envelope["sort"] = sort;
        if (keywordSets.Count > 0)
        {
            envelope["keywords"] = Strings(keywordSets.SelectMany(set => set).Distinct(StringComparer.Ordinal));
        }

        if (queries is { Count: > 0 })
        {
            envelope["queries"] = Strings(queries);
        }

        if (window is { } tw)
        {
            envelope["time_window"] = new JsonObject { ["start"] = PythonTime.IsoFormat(tw.Start), ["end"] = PythonTime.IsoFormat(tw.End) };
        }

        if (tags is { Count: > 0 })
        {
            envelope["tags"] = Strings(tags);
            envelope["tag_scope"] = new JsonObject { ["filtered"] = true, ["pool_size_hint"] = scope.Count, ["gated_low_evidence"] = 0 };
        }

        envelope["tag_mode"] = tagMode;
        envelope["tag_match"] = tagMatch;
        if (excludeTags is { Count: > 0 })
        {
            envelope["exclude_tags"] = Strings(excludeTags);
        }

        envelope["state_mode"] = stateMode;
        envelope["state_filter"] = new JsonObject { ["current_only"] = currentOnly, ["suppressed_count"] = suppressed, ["replacement_count"] = 0 };
        if (minScore is { } min)
        {
            envelope["score_filter"] = new JsonObject { ["min_score"] = min, ["adaptive_floor"] = args.Bool("adaptive_floor", false), ["filtered_count"] = filteredByScore };
        }

        if (args.String("recency_bias") is { } recencyBias)
        {
            envelope["recency_bias"] = recencyBias;
        }

        if (args.Bool("scope_fallback") is { } scopeFallback)
        {
            envelope["scope_fallback"] = scopeFallback;
        }

        // The mock has no embeddings: relevance is word overlap, and it says so.
        envelope["vector_search"] = new JsonObject { ["enabled"] = false, ["matched"] = false };
        if (expansion is not null)
        {
            envelope["expansion"] = expansion;
        }

        envelope["query_time_ms"] = AutomemMockServer.ElapsedMs(started);
        return Render(page, envelope, format, relations);
    }

    private JsonObject Expand(
        ToolArguments args,
        List<Hit> page,
        IReadOnlyList<MemoryRelation> relations,
        IReadOnlyList<StoredMemory> memories,
        DateTimeOffset now,
        bool currentOnly,
        Func<StoredMemory, bool> inScope)
    {
        var relationLimit = Math.Clamp(args.Int("relation_limit", 5), 1, 200);
        var expansionLimit = Math.Clamp(args.Int("expansion_limit", 25), 1, 500);
        var minStrength = args.Number("expand_min_strength") ?? 0;
        var minImportance = args.Number("expand_min_importance") ?? 0;
        var byId = memories.ToDictionary(memory => memory.Id, StringComparer.OrdinalIgnoreCase);
        var seen = page.Select(hit => hit.Memory.Id).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var seeds = page.Count;
        var expanded = new List<Hit>();
        foreach (var seed in page.ToList())
        {
            var followed = 0;
            foreach (var relation in relations.Where(r => string.Equals(r.From, seed.Memory.Id, StringComparison.OrdinalIgnoreCase) ||
                                                          string.Equals(r.To, seed.Memory.Id, StringComparison.OrdinalIgnoreCase))
                                              .OrderByDescending(r => r.Strength))
            {
                if (followed >= relationLimit || expanded.Count >= expansionLimit || relation.Strength < minStrength)
                {
                    continue;
                }

                var otherId = string.Equals(relation.From, seed.Memory.Id, StringComparison.OrdinalIgnoreCase) ? relation.To : relation.From;
                if (seen.Contains(otherId) || !byId.TryGetValue(otherId, out var other) || other.Importance < minImportance ||
                    (currentOnly && !other.IsCurrentAt(now)) || !inScope(other))
                {
                    continue;
                }

                seen.Add(otherId);
                followed++;
                expanded.Add(new Hit(other, Math.Round(seed.Score * relation.Strength, 3), "relation"));
            }
        }

        page.AddRange(expanded);
        return new JsonObject
        {
            ["enabled"] = true,
            ["seed_count"] = seeds,
            ["expanded_count"] = expanded.Count,
            ["relation_limit"] = relationLimit,
            ["expansion_limit"] = expansionLimit,
            ["respect_tags"] = args.Bool("expand_respect_tags", false),
        };
    }

    private static ToolResult Render(List<Hit> hits, JsonObject envelope, string format, IReadOnlyList<MemoryRelation> relations)
    {
        var results = new JsonArray();
        foreach (var hit in hits)
        {
            results.Add(Item(hit, format, relations));
        }

        var structured = new JsonObject { ["results"] = results, ["count"] = hits.Count };
        foreach (var (key, value) in envelope.ToList())
        {
            envelope.Remove(key);
            structured[key] = value;
        }

        if (hits.Count == 0)
        {
            return AutomemMockServer.Answer("No memories found matching your query.", structured);
        }

        var element = JsonText.ToElement(structured);
        switch (format)
        {
            case "json":
                return new ToolResult([ToolContent.FromText(JsonText.Indented(structured))], element);
            case "items":
                return new ToolResult([.. hits.Select(hit => ToolContent.FromText($"[{hit.Memory.Id}] {Preview(hit.Memory)}"))], element);
            case "detailed":
                return new ToolResult([ToolContent.FromText(Detailed(hits, relations))], element);
            default:
                var text = new StringBuilder($"Found {hits.Count} memories:\n\n");
                for (var i = 0; i < hits.Count; i++)
                {
                    var hit = hits[i];
                    var memory = hit.Memory;
                    if (i > 0)
                    {
                        text.Append("\n\n");
                    }

                    text.Append(i + 1).Append(". ").Append(Preview(memory));
                    if (memory.Tags.Count > 0)
                    {
                        text.Append(" [").Append(string.Join(", ", memory.Tags)).Append(']');
                    }

                    text.Append(" (importance: ").Append(AutomemMockServer.Number(memory.Importance)).Append(')')
                        .Append(" score=").Append(hit.Score.ToString("0.000", CultureInfo.InvariantCulture))
                        .Append(" [").Append(hit.MatchType).Append(']');
                    var related = relations.Count(r => IsEnd(r, memory.Id));
                    if (related > 0)
                    {
                        text.Append(" relations=").Append(related);
                    }

                    text.Append("\n   ID: ").Append(memory.Id)
                        .Append("\n   Created: ").Append(PythonTime.IsoFormat(memory.Timestamp))
                        .Append("  Updated: ").Append(PythonTime.IsoFormat(memory.UpdatedAt));
                }

                return new ToolResult([ToolContent.FromText(text.ToString())], element);
        }
    }

    private static JsonObject Item(Hit hit, string format, IReadOnlyList<MemoryRelation> relations)
    {
        var memory = hit.Memory;
        var item = new JsonObject { ["memory_id"] = memory.Id };
        if (memory.Content.Length > PreviewChars)
        {
            item["content"] = Preview(memory);
            item["content_truncated"] = true;
            item["content_chars"] = memory.Content.Length;
        }
        else
        {
            item["content"] = memory.Content;
        }

        item["tags"] = Strings(memory.Tags);
        item["importance"] = memory.Importance;
        item["created_at"] = PythonTime.IsoFormat(memory.Timestamp);
        item["updated_at"] = PythonTime.IsoFormat(memory.UpdatedAt);
        item["final_score"] = Math.Round(hit.Score, 3);
        item["match_type"] = hit.MatchType;
        if (format is "detailed" or "json")
        {
            item["type"] = memory.Type;
            item["confidence"] = memory.Confidence;
            item["last_accessed"] = PythonTime.IsoFormat(memory.LastAccessed);
            if (format == "json")
            {
                item["metadata"] = JsonNode.Parse(memory.Metadata.GetRawText());
            }
            else
            {
                item["metadata_keys"] = Strings(memory.Metadata.EnumerateObject().Select(p => p.Name));
            }

            var own = relations.Where(r => IsEnd(r, memory.Id)).ToList();
            var stubs = new JsonArray();
            foreach (var relation in own.Take(format == "detailed" ? 3 : int.MaxValue))
            {
                stubs.Add(new JsonObject
                {
                    ["id"] = string.Equals(relation.From, memory.Id, StringComparison.OrdinalIgnoreCase) ? relation.To : relation.From,
                    ["type"] = relation.Type,
                    ["strength"] = relation.Strength,
                });
            }

            item["relations"] = stubs;
            if (format == "detailed")
            {
                item["relations_total"] = own.Count;
            }
            else
            {
                item["match_score"] = Math.Round(hit.Score, 3);
                item["source"] = "graph";
            }
        }

        return item;
    }

    private static string Detailed(List<Hit> hits, IReadOnlyList<MemoryRelation> relations)
    {
        var text = new StringBuilder($"Found {hits.Count} memories:\n");
        for (var i = 0; i < hits.Count; i++)
        {
            var memory = hits[i].Memory;
            text.Append('\n').Append(i + 1).Append(". ").Append(Preview(memory))
                .Append("\n   ID: ").Append(memory.Id)
                .Append("\n   Type: ").Append(memory.Type).Append(" (confidence: ").Append(AutomemMockServer.Number(memory.Confidence)).Append(')')
                .Append("\n   Tags: ").Append(memory.Tags.Count > 0 ? string.Join(", ", memory.Tags) : "(none)")
                .Append("\n   Importance: ").Append(AutomemMockServer.Number(memory.Importance))
                .Append("  Score: ").Append(hits[i].Score.ToString("0.000", CultureInfo.InvariantCulture)).Append(" [").Append(hits[i].MatchType).Append(']')
                .Append("\n   Created: ").Append(PythonTime.IsoFormat(memory.Timestamp))
                .Append("  Updated: ").Append(PythonTime.IsoFormat(memory.UpdatedAt))
                .Append("  Last accessed: ").Append(PythonTime.IsoFormat(memory.LastAccessed));
            var own = relations.Where(r => IsEnd(r, memory.Id)).ToList();
            if (own.Count > 0)
            {
                text.Append("\n   Relations (").Append(own.Count).Append("): ")
                    .Append(string.Join(", ", own.Take(3).Select(r => $"{r.Type} {(string.Equals(r.From, memory.Id, StringComparison.OrdinalIgnoreCase) ? r.To : r.From)} ({AutomemMockServer.Number(r.Strength)})")));
            }

            text.Append('\n');
        }

        return text.ToString().TrimEnd('\n');
    }

    private static bool InTagScope(StoredMemory memory, IReadOnlyList<string> tags, string tagMode, string tagMatch) =>
        tagMode == "all"
            ? tags.All(wanted => memory.Tags.Any(tag => TagMatches(tag, wanted, tagMatch)))
            : tags.Any(wanted => memory.Tags.Any(tag => TagMatches(tag, wanted, tagMatch)));

    private static bool TagMatches(string tag, string wanted, string tagMatch) =>
        tagMatch == "exact"
            ? string.Equals(tag, wanted, StringComparison.OrdinalIgnoreCase)
            : tag.StartsWith(wanted, StringComparison.OrdinalIgnoreCase);

    /// <summary>The share of query keywords found in the memory's words, tags or type.</summary>
    private static double Overlap(StoredMemory memory, List<string> keywords)
    {
        var words = memory.Words;
        var matched = 0;
        foreach (var keyword in keywords)
        {
            if (words.Contains(keyword) || (keyword.Length >= 4 && words.Any(word => Keywords.Matches(keyword, word))))
            {
                matched++;
            }
        }

        return (double)matched / keywords.Count;
    }

    private static double Recency(StoredMemory memory, DateTimeOffset now) =>
        Math.Exp(-Math.Max(0, (now - memory.Timestamp).TotalDays) / 30.0);

    private static double Boost(StoredMemory memory, double score, IReadOnlyList<string> contextTags, IReadOnlyList<string> contextTypes)
    {
        score += 0.05 * memory.Tags.Count(tag => contextTags.Contains(tag, StringComparer.OrdinalIgnoreCase));
        if (contextTypes.Contains(memory.Type, StringComparer.OrdinalIgnoreCase))
        {
            score += 0.05;
        }

        return Math.Min(1.0, score);
    }

    private static (DateTimeOffset Start, DateTimeOffset End)? TimeWindow(ToolArguments args, DateTimeOffset now)
    {
        DateTimeOffset? start = null;
        DateTimeOffset? end = null;
        if (args.String("time_query") is { } phrase && ParseTimeQuery(phrase, now) is { } parsed)
        {
            (start, end) = parsed;
        }

        if (args.String("start") is { } startText)
        {
            start = PythonTime.TryParse(startText, out var s) ? s : throw AutomemMockServer.Fail($"recall_memory: `start` must be an ISO 8601 timestamp (got '{startText}')");
        }

        if (args.String("end") is { } endText)
        {
            end = PythonTime.TryParse(endText, out var e) ? e : throw AutomemMockServer.Fail($"recall_memory: `end` must be an ISO 8601 timestamp (got '{endText}')");
        }

        return start is null && end is null ? null : (start ?? DateTimeOffset.MinValue, end ?? now);
    }

    /// <summary>The natural phrases the service understands: today, yesterday, this/last week, last N days/hours, last month/year.</summary>
    internal static (DateTimeOffset Start, DateTimeOffset End)? ParseTimeQuery(string phrase, DateTimeOffset now)
    {
        var text = phrase.Trim().ToLowerInvariant();
        var today = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero);
        switch (text)
        {
            case "today":
                return (today, now);
            case "yesterday":
                return (today.AddDays(-1), today);
            case "this week":
                return (today.AddDays(-(((int)today.DayOfWeek + 6) % 7)), now);
            case "last week":
            case "past week":
                return (now.AddDays(-7), now);
            case "last month":
            case "past month":
                return (now.AddDays(-30), now);
            case "last year":
            case "past year":
                return (now.AddDays(-365), now);
        }

        var parts = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 3 && parts[0] is "last" or "past" && int.TryParse(parts[1], out var n) && n > 0)
        {
            return parts[2].TrimEnd('s') switch
            {
                "hour" => (now.AddHours(-n), now),
                "day" => (now.AddDays(-n), now),
                "week" => (now.AddDays(-7 * n), now),
                "month" => (now.AddDays(-30 * n), now),
                _ => null,
            };
        }

        return null;
    }

    private static string Preview(StoredMemory memory) =>
        memory.Content.Length > PreviewChars ? memory.Content[..PreviewChars] + "…" : memory.Content;

    private static bool IsEnd(MemoryRelation relation, string id) =>
        string.Equals(relation.From, id, StringComparison.OrdinalIgnoreCase) || string.Equals(relation.To, id, StringComparison.OrdinalIgnoreCase);

    private static JsonArray Strings(IEnumerable<string> values) => new([.. values.Select(value => (JsonNode?)JsonValue.Create(value))]);

    private sealed record Hit(StoredMemory Memory, double Score, string MatchType);
}
