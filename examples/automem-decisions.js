// Record architecture decisions and recall them, written from mcp-automem's README:
// store with tags and importance, link related memories, recall by query within a tag scope.
var db = automem.store_memory({
  content: "Chose PostgreSQL over MongoDB for the order service because we need ACID transactions.",
  type: "Decision",
  tags: ["shop", "architecture", "database"],
  importance: 0.9
});
var cache = automem.store_memory({
  content: "Use Redis as a read-through cache in front of the PostgreSQL order tables.",
  type: "Decision",
  tags: ["shop", "architecture", "cache"],
  importance: 0.7
});
automem.associate_memories({ memory1_id: cache.memory_id, memory2_id: db.memory_id, type: "DERIVED_FROM", strength: 0.8 });

var recalled = automem.recall_memory({ query: "PostgreSQL database decision", tags: ["shop"], limit: 5 });
var health = automem.check_database_health({});

return {
  stored: [db.memory_id, cache.memory_id],
  recalledCount: recalled.count,
  topMatch: recalled.results.length > 0 ? recalled.results[0].content : null,
  healthy: health.status
};
