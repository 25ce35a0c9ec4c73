// Store a memory, recall it, and count the active help-desk conversations: automem and helpscout proxies.
var stored = automem.store_memory({
  content: "CodeMode runs agent snippets in sandboxed worker processes",
  tags: ["codemode", "architecture"],
  importance: 0.8
});
console.log("stored", stored.memory_id);

var recalled = automem.recall_memory({ query: "sandboxed worker", limit: 3 });
var open = helpscout.searchConversations({ status: "active", limit: 5 });

return {
  stored: stored.memory_id !== undefined,
  recalled: recalled.count,
  activeConversations: open.results ? open.results.length : 0
};
