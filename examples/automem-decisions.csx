// Record architecture decisions and recall them (the C# twin of automem-decisions.js):
// typed proxies with named arguments, awaited; results are records of each tool's output schema.
var db = await automem.store_memory(
    content: "Chose PostgreSQL over MongoDB for the order service because we need ACID transactions.",
    type: "Decision",
    tags: new[] { "shop", "architecture", "database" },
    importance: 0.9);
var cache = await automem.store_memory(
    content: "Use Redis as a read-through cache in front of the PostgreSQL order tables.",
    type: "Decision",
    tags: new[] { "shop", "architecture", "cache" },
    importance: 0.7);
await automem.associate_memories(memory1_id: cache.memory_id, memory2_id: db.memory_id, type: "DERIVED_FROM", strength: 0.8);

var recalled = await automem.recall_memory(query: "PostgreSQL database decision", tags: new[] { "shop" }, limit: 5);
var health = await automem.check_database_health();
Console.WriteLine($"recalled {recalled.count} of {recalled.results?.Length ?? 0} results");

return new
{
    stored = new[] { db.memory_id, cache.memory_id },
    recalledCount = recalled.count,
    topMatch = recalled.results?.FirstOrDefault()?["content"]?.GetValue<string>(),
    healthy = health.status,
};
