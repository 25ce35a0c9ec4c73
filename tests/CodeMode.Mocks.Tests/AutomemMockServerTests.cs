using System.Text.Json;
using CodeMode.Mocks.Automem;

namespace CodeMode.Mocks.Tests;

public sealed class AutomemMockServerTests
{
    private readonly FixedTimeProvider _time = new(new DateTimeOffset(2026, 8, 20, 9, 14, 3, TimeSpan.Zero).AddTicks(5123450));
    private readonly AutomemMockServer _automem;

    public AutomemMockServerTests() => _automem = new AutomemMockServer(_time);

    [Fact]
    public void StoreMemory_ReturnsTextAndStructuredContentWithAUuid()
    {
        var result = _automem.Call("store_memory", """{"content":"Chose PostgreSQL over MongoDB for ACID transactions.","tags":["my-project","database"],"importance":0.9}""").Ok();

        var id = result.StructuredContent!.Value.GetProperty("memory_id").GetString()!;
        Assert.True(Guid.TryParse(id, out _));
        Assert.Equal("Memory stored successfully", result.StructuredContent.Value.GetProperty("message").GetString());
        Assert.Equal($"Memory stored successfully!\n\nMemory ID: {id}\nMessage: Memory stored successfully", result.Text());
        Assert.Equal(1, _automem.MemoryCount);
    }

    [Fact]
    public void StoreRecallUpdateDelete_AreVisibleAcrossCalls()
    {
        var id = Store("""{"content":"Chose PostgreSQL over MongoDB for the user service because we need ACID transactions.","tags":["my-project","architecture","database"],"importance":0.9,"type":"Decision"}""");
        Store("""{"content":"Team lunch is on Fridays.","tags":["team"],"importance":0.2}""");

        var recalled = _automem.Call("recall_memory", """{"query":"database decisions"}""").Ok().StructuredContent!.Value;
        Assert.Equal(1, recalled.GetProperty("count").GetInt32());
        var hit = recalled.GetProperty("results")[0];
        Assert.Equal(id, hit.GetProperty("memory_id").GetString());
        Assert.Equal("keyword", hit.GetProperty("match_type").GetString());
        Assert.Equal("2026-08-20T09:14:03.512345+00:00", hit.GetProperty("created_at").GetString());
        Assert.Equal("ranked", recalled.GetProperty("mode").GetString());

        _time.Now = _time.Now.AddMinutes(5);
        var updated = _automem.Call("update_memory", $$"""{"memory_id":"{{id}}","content":"Chose PostgreSQL 17 for the user service.","importance":0.95}""").Ok();
        Assert.Equal($"Memory {id} updated successfully!", updated.Text());
        Assert.Equal(id, updated.StructuredContent!.Value.GetProperty("memory_id").GetString());

        var fetched = _automem.Call("recall_memory", $$"""{"memory_id":"{{id}}"}""").Ok().StructuredContent!.Value;
        Assert.Equal("id_fetch", fetched.GetProperty("mode").GetString());
        var memory = fetched.GetProperty("results")[0];
        Assert.Equal("Chose PostgreSQL 17 for the user service.", memory.GetProperty("content").GetString());
        Assert.Equal(0.95, memory.GetProperty("importance").GetDouble());
        Assert.Equal("direct", memory.GetProperty("match_type").GetString());
        Assert.Equal("2026-08-20T09:19:03.512345+00:00", memory.GetProperty("updated_at").GetString());

        var deleted = _automem.Call("delete_memory", $$"""{"memory_id":"{{id}}"}""").Ok();
        Assert.Equal($"Memory {id} deleted successfully!", deleted.Text());

        var gone = _automem.Call("recall_memory", $$"""{"memory_id":"{{id}}"}""").Error();
        Assert.Equal("Error: Memory not found", gone.Text());
        Assert.Equal(1, _automem.MemoryCount);
    }

    [Fact]
    public void RecallMemory_FiltersByTagsAndHonoursLimit()
    {
        for (var i = 0; i < 4; i++)
        {
            Store($$"""{"content":"Deploy checklist step {{i}} for the billing service","tags":["billing","deploy"],"importance":0.{{i + 5}}}""");
        }

        Store("""{"content":"Deploy checklist for the search service","tags":["search","deploy"]}""");

        var scoped = _automem.Call("recall_memory", """{"query":"deploy checklist","tags":["billing"],"limit":3}""").Ok().StructuredContent!.Value;
        Assert.Equal(3, scoped.GetProperty("count").GetInt32());
        Assert.True(scoped.GetProperty("has_more").GetBoolean());
        Assert.All(scoped.GetProperty("results").EnumerateArray(), r => Assert.Contains("billing", r.GetProperty("tags").EnumerateArray().Select(t => t.GetString())));

        var excluded = _automem.Call("recall_memory", """{"query":"deploy checklist","exclude_tags":["billing"]}""").Ok().StructuredContent!.Value;
        Assert.Equal(1, excluded.GetProperty("count").GetInt32());
        Assert.Contains("search service", excluded.GetProperty("results")[0].GetProperty("content").GetString());

        var all = _automem.Call("recall_memory", """{"tags":["deploy","billing"],"tag_mode":"all","tag_match":"exact","limit":10}""").Ok().StructuredContent!.Value;
        Assert.Equal(4, all.GetProperty("count").GetInt32());
    }

    [Fact]
    public void RecallMemory_NoHits_SaysSoWithAnEmptyResultList()
    {
        Store("""{"content":"Use tabs in Makefiles."}""");

        var result = _automem.Call("recall_memory", """{"query":"kubernetes ingress"}""").Ok();

        Assert.Equal("No memories found matching your query.", result.Text());
        Assert.Equal(0, result.StructuredContent!.Value.GetProperty("count").GetInt32());
        Assert.Equal(0, result.StructuredContent.Value.GetProperty("results").GetArrayLength());
    }

    [Fact]
    public void RecallMemory_TextFormat_ListsEachMemoryWithIdAndScore()
    {
        var id = Store("""{"content":"Prefer records for DTOs.","tags":["csharp"],"importance":0.7}""");

        var text = _automem.Call("recall_memory", """{"query":"records DTOs"}""").Ok().Text();

        Assert.StartsWith("Found 1 memories:\n\n1. Prefer records for DTOs. [csharp] (importance: 0.7) score=", text);
        Assert.Contains($"\n   ID: {id}\n   Created: 2026-08-20T09:14:03.512345+00:00", text);
    }

    [Fact]
    public void RecallMemory_ExhaustiveMode_ListsExactTagMatchesAndRejectsRankedParameters()
    {
        Store("""{"content":"one","tags":["benchmark-test"]}""");
        Store("""{"content":"two","tags":["benchmark-test"]}""");
        Store("""{"content":"three","tags":["benchmark-test-other"]}""");

        var listed = _automem.Call("recall_memory", """{"tags":["benchmark-test"],"exhaustive":true,"limit":50}""").Ok().StructuredContent!.Value;
        Assert.Equal("enumeration", listed.GetProperty("mode").GetString());
        Assert.Equal(2, listed.GetProperty("count").GetInt32());
        Assert.False(listed.GetProperty("has_more").GetBoolean());

        var rejected = _automem.Call("recall_memory", """{"tags":["benchmark-test"],"exhaustive":true,"query":"x"}""").Error();
        Assert.Contains("query", rejected.Text());
        _automem.Call("recall_memory", """{"exhaustive":true}""").Error();
    }

    [Fact]
    public void AssociateMemories_LinksExistingMemoriesAndRecallCanFollowTheLink()
    {
        var a = Store("""{"content":"Chose PostgreSQL for the user service.","importance":0.9}""");
        var b = Store("""{"content":"Use connection pooling for all clients.","importance":0.7}""");

        var linked = _automem.Call("associate_memories", $$"""{"memory1_id":"{{a}}","memory2_id":"{{b}}","type":"RELATES_TO","strength":0.8}""").Ok();
        Assert.Equal($"Association created successfully!\n\nMessage: Association created between {a} and {b}", linked.Text());
        Assert.True(linked.StructuredContent!.Value.GetProperty("success").GetBoolean());

        var expanded = _automem.Call("recall_memory", """{"query":"PostgreSQL","expand_relations":true}""").Ok().StructuredContent!.Value;
        var ids = expanded.GetProperty("results").EnumerateArray().Select(r => (r.GetProperty("memory_id").GetString(), r.GetProperty("match_type").GetString())).ToList();
        Assert.Equal([(a, "keyword"), (b, "relation")], ids);
    }

    [Fact]
    public void RecallMemory_ExpandRespectTags_KeepsTheExpansionInTheTagScope()
    {
        var a = Store("""{"content":"Chose PostgreSQL for the user service.","tags":["backend"]}""");
        var b = Store("""{"content":"Use connection pooling for all clients.","tags":["ops"]}""");
        _automem.Call("associate_memories", $$"""{"memory1_id":"{{a}}","memory2_id":"{{b}}","type":"RELATES_TO","strength":0.8}""").Ok();

        var free = _automem.Call("recall_memory", """{"query":"PostgreSQL","tags":["backend"],"expand_relations":true}""").Ok().StructuredContent!.Value;
        var scoped = _automem.Call("recall_memory", """{"query":"PostgreSQL","tags":["backend"],"expand_relations":true,"expand_respect_tags":true}""").Ok().StructuredContent!.Value;

        Assert.Equal(2, free.GetProperty("count").GetInt32());
        Assert.Equal(1, scoped.GetProperty("count").GetInt32());
    }

    [Fact]
    public void AssociateMemories_RejectsSelfLinksUnknownIdsAndMissingFields()
    {
        var a = Store("""{"content":"x"}""");
        var unknown = Guid.NewGuid();

        Assert.Equal("Error: Cannot associate a memory with itself",
            _automem.Call("associate_memories", $$"""{"memory1_id":"{{a}}","memory2_id":"{{a}}","type":"RELATES_TO","strength":0.5}""").Error().Text());
        Assert.Equal("Error: One or both memories do not exist",
            _automem.Call("associate_memories", $$"""{"memory1_id":"{{a}}","memory2_id":"{{unknown}}","type":"RELATES_TO","strength":0.5}""").Error().Text());
        Assert.Equal("Error: associate_memories: single association strength is required",
            _automem.Call("associate_memories", $$"""{"memory1_id":"{{a}}","memory2_id":"{{unknown}}","type":"RELATES_TO"}""").Error().Text());
    }

    [Fact]
    public void AssociateMemories_Batch_ReportsPartialFailures()
    {
        var a = Store("""{"content":"a"}""");
        var b = Store("""{"content":"b"}""");

        var result = _automem.Call("associate_memories", $$"""
            {"associations":[
              {"memory1_id":"{{a}}","memory2_id":"{{b}}","type":"LEADS_TO","strength":0.6},
              {"memory1_id":"{{a}}","memory2_id":"{{Guid.NewGuid()}}","type":"RELATES_TO","strength":0.6}]}
            """).Ok();

        var structured = result.StructuredContent!.Value;
        Assert.False(structured.GetProperty("success").GetBoolean());
        Assert.Equal("1/2 associations created successfully", structured.GetProperty("message").GetString());
        Assert.Equal("One or both memories do not exist", structured.GetProperty("failed")[0].GetProperty("reason").GetString());
        Assert.StartsWith("Association completed with failures.", result.Text());
    }

    [Fact]
    public void DeleteMemory_ByTags_RemovesEveryMatchCaseInsensitively()
    {
        Store("""{"content":"1","tags":["Benchmark-Test"]}""");
        Store("""{"content":"2","tags":["benchmark-test","x"]}""");
        Store("""{"content":"3","tags":["keep"]}""");

        var result = _automem.Call("delete_memory", """{"tags":["benchmark-test"]}""").Ok();

        Assert.Equal("Bulk delete complete: removed 2 memories matching tag(s) benchmark-test.", result.Text());
        Assert.Equal(2, result.StructuredContent!.Value.GetProperty("deleted_count").GetInt32());
        Assert.Equal(1, _automem.MemoryCount);
    }

    [Fact]
    public void StoreMemory_SupersedeMode_InvalidatesTheOldMemory()
    {
        var old = Store("""{"content":"Deploys happen on Tuesdays."}""");

        var replacement = _automem.Call("store_memory", $$"""{"content":"Deploys happen on Thursdays.","supersedes_memory_id":"{{old}}"}""").Ok();

        Assert.Equal(old, replacement.StructuredContent!.Value.GetProperty("superseded_memory_id").GetString());
        Assert.Contains("Association created: yes", replacement.Text());
        var current = _automem.Call("recall_memory", """{"query":"deploys"}""").Ok().StructuredContent!.Value;
        Assert.Equal(1, current.GetProperty("count").GetInt32());
        Assert.Contains("Thursdays", current.GetProperty("results")[0].GetProperty("content").GetString());
        var history = _automem.Call("recall_memory", """{"query":"deploys","state_mode":"history"}""").Ok().StructuredContent!.Value;
        Assert.Equal(2, history.GetProperty("count").GetInt32());
    }

    [Fact]
    public void StoreMemory_Batch_StoresEveryItem()
    {
        var result = _automem.Call("store_memory", """{"memories":[{"content":"a","tags":["t"]},{"content":"b","type":"Insight"}]}""").Ok();

        Assert.Equal(2, result.StructuredContent!.Value.GetProperty("stored").GetInt32());
        Assert.Equal(2, result.StructuredContent.Value.GetProperty("memory_ids").GetArrayLength());
        Assert.StartsWith("Stored 2 memories.\nIDs: ", result.Text());
        Assert.Equal(2, _automem.MemoryCount);
    }

    [Theory]
    [InlineData("store_memory", "{}", "Error: store_memory: `content` is required (or pass `memories` for batch mode)")]
    [InlineData("update_memory", """{"content":"x"}""", "Error: update_memory: `memory_id` is required")]
    [InlineData("update_memory", """{"memory_id":"not-a-uuid","content":"x"}""", "Error: memory_id must be a valid UUID")]
    [InlineData("update_memory", """{"memory_id":"3f2b8c1e-6a4d-4e7f-9b21-5c8d0e7a1f44","content":"x"}""", "Error: Memory not found")]
    [InlineData("delete_memory", "{}", "Error: delete_memory: `memory_id` or `tags` is required")]
    [InlineData("delete_memory", """{"memory_id":"3f2b8c1e-6a4d-4e7f-9b21-5c8d0e7a1f44"}""", "Error: Memory not found")]
    [InlineData("store_memory", """{"content":"x","importance":1.5}""", "Error: importance must be between 0 and 1")]
    [InlineData("store_memory", """{"content":"x","tags":"not-an-array"}""", "Error: store_memory: `tags` must be an array")]
    public void InvalidArguments_AreIsErrorResultsNamingTheArgument(string tool, string arguments, string message)
    {
        var result = _automem.Call(tool, arguments).Error();

        Assert.Equal(message, result.Text());
    }

    [Fact]
    public void StoreMemory_ContentOverTheHardLimit_IsRejectedWithStructuredDetails()
    {
        var content = new string('x', 2001);

        var result = _automem.Call("store_memory", JsonSerializer.Serialize(new { content })).Error();

        Assert.Equal("content_too_large", result.StructuredContent!.Value.GetProperty("error").GetString());
        Assert.Equal(2000, result.StructuredContent.Value.GetProperty("hard_limit").GetInt32());
        Assert.Equal(0, _automem.MemoryCount);
    }

    [Fact]
    public void CheckDatabaseHealth_CountsTheStoredMemories()
    {
        Store("""{"content":"a"}""");
        Store("""{"content":"b"}""");

        var result = _automem.Call("check_database_health").Ok();

        var structured = result.StructuredContent!.Value;
        Assert.Equal("healthy", structured.GetProperty("status").GetString());
        Assert.Equal("automem", structured.GetProperty("backend").GetString());
        var statistics = structured.GetProperty("statistics");
        Assert.Equal(2, statistics.GetProperty("memory_count").GetInt32());
        Assert.Equal(2, statistics.GetProperty("vector_count").GetInt32());
        Assert.Equal(2, statistics.GetProperty("enrichment").GetProperty("processed").GetInt32());
        Assert.Equal(1024, statistics.GetProperty("vector_dimensions").GetProperty("configured").GetInt32());
        Assert.False(statistics.GetProperty("vector_dimensions").GetProperty("mismatch").GetBoolean());
        Assert.True(PythonTimeText(statistics.GetProperty("timestamp").GetString()));
        Assert.StartsWith("\u2705 AutoMem Health Status\n\nStatus: healthy\nBackend: automem", result.Text());
    }

    [Fact]
    public async Task ConcurrentStores_AreAllKept()
    {
        await Parallel.ForAsync(0, 200, async (i, ct) =>
        {
            var result = await _automem.CallAsync("store_memory", JsonElement.Parse($$"""{"content":"memory {{i}}","tags":["load"]}"""), ct);
            Assert.False(result.IsError);
        });

        Assert.Equal(200, _automem.MemoryCount);
        var listed = _automem.Call("recall_memory", """{"tags":["load"],"exhaustive":true,"limit":200}""").Ok().StructuredContent!.Value;
        Assert.Equal(200, listed.GetProperty("count").GetInt32());
    }

    private static bool PythonTimeText(string? text) => CodeMode.Mocks.Infrastructure.PythonTime.TryParse(text, out _);

    private string Store(string arguments) =>
        _automem.Call("store_memory", arguments).Ok().StructuredContent!.Value.GetProperty("memory_id").GetString()!;
}
