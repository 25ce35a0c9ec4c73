// Triage the open Help Scout queue, written from help-scout-mcp-server v1.7.0's README:
// list the inboxes, pull active conversations per inbox, read the newest thread of the oldest one,
// and count what is waiting by tag.
var inboxes = helpscout.listAllInboxes({ limit: 50 }).inboxes;

var queue = [];
for (var i = 0; i < inboxes.length; i++) {
  var page = helpscout.searchConversations({ inboxId: String(inboxes[i].id), status: "active", limit: 25, sort: "createdAt", order: "asc" });
  for (var j = 0; j < page.results.length; j++) {
    queue.push({ inbox: inboxes[i].name, conversation: page.results[j] });
  }
}

var byTag = {};
for (var k = 0; k < queue.length; k++) {
  var tags = queue[k].conversation.tags || [];
  for (var t = 0; t < tags.length; t++) {
    byTag[tags[t].tag] = (byTag[tags[t].tag] || 0) + 1;
  }
}

var oldest = queue.length > 0 ? queue[0].conversation : null;
var latestMessage = null;
if (oldest) {
  var threads = helpscout.getThreads({ conversationId: String(oldest.id), limit: 5 }).threads;
  latestMessage = threads.length > 0 ? threads[0].type : null;
}

var refunds = helpscout.comprehensiveConversationSearch({ searchTerms: ["refund"], timeframeDays: 365 });

return {
  inboxes: inboxes.length,
  active: queue.length,
  oldestSubject: oldest ? oldest.subject : null,
  oldestNumber: oldest ? oldest.number : null,
  latestThreadType: latestMessage,
  byTag: byTag,
  refundConversations: refunds.totalConversationsFound
};
