// Explore a C# code base the way Serena's instructions ask: overview first, then targeted symbols,
// then who calls what - never whole files. Written from Serena 1.7's tool documentation.
var files = serena.find_file({ file_mask: "*.cs", relative_path: "src" }).files;

var overview = serena.get_symbols_overview({ relative_path: "src/Shop/Services/OrderService.cs", depth: 1 });
var service = overview.Class[0].OrderService;

var quote = serena.find_symbol({ name_path_pattern: "OrderService/QuoteTotal", include_body: true });
var callers = serena.find_referencing_symbols({ name_path: "OrderService/QuoteTotal", relative_path: "src/Shop/Services/OrderService.cs" });

var callerNames = [];
for (var file in callers) {
  var byKind = callers[file];
  for (var kind in byKind) {
    for (var i = 0; i < byKind[kind].length; i++) {
      callerNames.push(byKind[kind][i].name_path);
    }
  }
}

var hits = serena.search_for_pattern({ substring_pattern: "_repository\\.(Save|Find)\\(", relative_path: "src" });
var memories = serena.list_memories({}).memories;

return {
  csharpFiles: files.length,
  orderServiceMethods: service.Method,
  quoteTotalLines: quote[0].body.split("\n").length,
  callers: callerNames.sort(),
  repositoryCallFiles: Object.keys(hits).sort(),
  memories: memories
};
