using System.Text.Json;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace CodeMode.Mocks.Tests.Hosting;

/// <summary>The mocks as real MCP servers: <c>codemode mock NAME</c> processes driven by the SDK client over stdio.</summary>
public sealed class MockStdioServerTests(StdioMocksFixture processes) : IClassFixture<StdioMocksFixture>
{
    public static TheoryData<string> Servers => new() { "automem", "serena", "helpscout" };

    [Theory]
    [MemberData(nameof(Servers))]
    public async Task ToolsList_OverStdio_EqualsTheReference(string server)
    {
        var listed = (await processes[server].ListToolsAsync()).ToDictionary(tool => tool.Name);
        var reference = ReferenceTools(server);

        Assert.Equal(reference.Keys.Order(), listed.Keys.Order());
        foreach (var (name, expected) in reference)
        {
            var actual = listed[name].ProtocolTool;
            Assert.Equal(expected.GetProperty("description").GetString(), actual.Description);
            var expectedSchema = expected.GetProperty("inputSchema");
            Assert.Equal(PropertyNames(expectedSchema), PropertyNames(actual.InputSchema));
            Assert.Equal(Required(expectedSchema), Required(actual.InputSchema));
            Assert.True(JsonElement.DeepEquals(expectedSchema, actual.InputSchema), $"{server}.{name}: inputSchema differs over MCP");
            if (expected.TryGetProperty("outputSchema", out var outputSchema))
            {
                Assert.True(actual.OutputSchema is { } output && JsonElement.DeepEquals(outputSchema, output), $"{server}.{name}: outputSchema differs over MCP");
            }

            if (expected.TryGetProperty("annotations", out var annotations) && annotations.ValueKind == JsonValueKind.Object)
            {
                Assert.NotNull(actual.Annotations);
                Assert.Equal(Flag(annotations, "readOnlyHint"), actual.Annotations!.ReadOnlyHint);
                Assert.Equal(Flag(annotations, "destructiveHint"), actual.Annotations.DestructiveHint);
            }
        }
    }

    [Fact]
    public async Task Automem_EveryToolOverStdio_StateCarriesAcrossCalls()
    {
        var automem = processes["automem"];
        var called = new HashSet<string>();
        async Task<CallToolResult> Call(string tool, string arguments)
        {
            called.Add(tool);
            return (await automem.CallAsync(tool, arguments)).Ok(tool);
        }

        Assert.Equal("healthy", (await Call("check_database_health", "{}")).Json().GetProperty("status").GetString());

        var stored = await Call("store_memory", """{"content":"Decided to serve the stdio mocks with the official MCP SDK.","tags":["stdio-test","decision"],"importance":0.8}""");
        var first = stored.StructuredContent!.Value.GetProperty("memory_id").GetString()!;
        var second = (await Call("store_memory", """{"content":"Pipes keep the in-memory MCP tests fast.","tags":["stdio-test"]}""")).Json().GetProperty("memory_id").GetString()!;

        var recalled = (await Call("recall_memory", """{"query":"official MCP SDK decision","tags":["stdio-test"]}""")).Json();
        Assert.Contains(first, recalled.GetProperty("results").EnumerateArray().Select(hit => hit.GetProperty("memory_id").GetString()));

        await Call("associate_memories", $$"""{"memory1_id":"{{first}}","memory2_id":"{{second}}","type":"RELATES_TO","strength":0.7}""");
        await Call("update_memory", $$"""{"memory_id":"{{first}}","content":"Serve the stdio mocks with ModelContextProtocol 2.3.1."}""");
        var fetched = (await Call("recall_memory", $$"""{"memory_id":"{{first}}"}""")).Json().GetProperty("results")[0];
        Assert.Equal("Serve the stdio mocks with ModelContextProtocol 2.3.1.", fetched.GetProperty("content").GetString());

        await Call("delete_memory", $$"""{"memory_id":"{{second}}"}""");
        var gone = (await automem.CallAsync("recall_memory", $$"""{"memory_id":"{{second}}"}""")).Error("recall_memory");
        Assert.Equal("Error: Memory not found", gone.Text());

        Assert.Equal(ToolNames("automem"), called.Order());
    }

    [Fact]
    public async Task HelpScout_EveryToolOverStdio_AnswersWithMailboxApiObjects()
    {
        var helpscout = processes["helpscout"];
        var called = new HashSet<string>();
        async Task<JsonElement> Call(string tool, string arguments = "{}")
        {
            called.Add(tool);
            return (await helpscout.CallAsync(tool, arguments)).Ok(tool).Json();
        }

        Assert.True(DateTimeOffset.TryParse((await Call("getServerTime")).GetProperty("isoTime").GetString(), out _));
        var inboxes = (await Call("listAllInboxes")).GetProperty("inboxes");
        Assert.Equal(3, inboxes.GetArrayLength());
        var inboxName = inboxes[0].GetProperty("name").GetString()!;
        Assert.NotEmpty((await Call("searchInboxes", $$"""{"query":"{{inboxName}}"}""")).GetProperty("results").EnumerateArray());

        var conversation = (await Call("searchConversations", """{"status":"active","limit":5}""")).GetProperty("results")[0];
        var conversationId = conversation.GetProperty("id").GetInt64();
        Assert.Equal(conversationId, (await Call("getConversationSummary", $$"""{"conversationId":"{{conversationId}}"}""")).GetProperty("conversation").GetProperty("id").GetInt64());
        Assert.NotEmpty((await Call("getThreads", $$"""{"conversationId":"{{conversationId}}"}""")).GetProperty("threads").EnumerateArray());
        await Call("advancedConversationSearch", """{"contentTerms":["refund"]}""");
        await Call("comprehensiveConversationSearch", """{"searchTerms":["refund"]}""");
        await Call("structuredConversationFilter", $$"""{"conversationNumber":{{conversation.GetProperty("number").GetInt32()}}}""");

        var customer = (await Call("listCustomers")).GetProperty("results")[0];
        var customerId = customer.GetProperty("id").GetInt64();
        Assert.Equal(customerId, (await Call("getCustomer", $$"""{"customerId":"{{customerId}}"}""")).GetProperty("customer").GetProperty("id").GetInt64());
        var byEmail = await Call("searchCustomersByEmail", $$"""{"email":"{{customer.GetProperty("primaryEmail").GetString()}}"}""");
        Assert.Equal(customerId, byEmail.GetProperty("results")[0].GetProperty("id").GetInt64());
        await Call("getCustomerContacts", $$"""{"customerId":"{{customerId}}"}""");

        var organizationId = (await Call("listOrganizations")).GetProperty("results")[0].GetProperty("id").GetInt64();
        await Call("getOrganization", $$"""{"organizationId":"{{organizationId}}"}""");
        Assert.NotEmpty((await Call("getOrganizationMembers", $$"""{"organizationId":"{{organizationId}}"}""")).GetProperty("members").EnumerateArray());
        await Call("getOrganizationConversations", $$"""{"organizationId":"{{organizationId}}"}""");

        var rejected = (await helpscout.CallAsync("getThreads", """{"conversationId":42}""")).Error("getThreads");
        Assert.Contains("conversationId", rejected.Text());

        Assert.Equal(ToolNames("helpscout"), called.Order());
    }

    [Fact]
    public async Task Serena_EveryToolOverStdio_EditsAreVisibleToLaterCalls()
    {
        var serena = processes["serena"];
        var called = new HashSet<string>();
        async Task<string> Call(string tool, string arguments = "{}")
        {
            called.Add(tool);
            return (await serena.CallAsync(tool, arguments)).Ok(tool).Text();
        }

        Assert.Contains("sample-shop", await Call("activate_project", """{"project":"sample-shop"}"""));
        Assert.Contains("sample-shop", await Call("get_current_config"));
        Assert.NotEmpty(await Call("onboarding"));
        Assert.NotEmpty(await Call("initial_instructions"));
        Assert.Contains("README.md", await Call("execute_shell_command", """{"command":"ls"}"""));

        Assert.Contains("src", JsonElement.Parse(await Call("list_dir", """{"relative_path":".","recursive":false}""")).GetProperty("dirs").EnumerateArray().Select(d => d.GetString()));
        Assert.Contains("src/Shop/Models/Order.cs", JsonElement.Parse(await Call("find_file", """{"file_mask":"*.cs","relative_path":"src"}""")).GetProperty("files").EnumerateArray().Select(f => f.GetString()));
        Assert.Contains("class Order", await Call("read_file", """{"relative_path":"src/Shop/Models/Order.cs"}"""));
        Assert.Contains("src/Shop/Services/OrderService.cs", await Call("search_for_pattern", """{"substring_pattern":"PlaceOrder","relative_path":"src"}"""));

        Assert.Contains("OrderService", await Call("get_symbols_overview", """{"relative_path":"src/Shop/Services/OrderService.cs"}"""));
        var found = JsonElement.Parse(await Call("find_symbol", """{"name_path_pattern":"OrderService/QuoteTotal","include_body":true}"""));
        Assert.Contains("QuoteTotal", found[0].GetProperty("body").GetString());
        var references = JsonElement.Parse(await Call("find_referencing_symbols", """{"name_path":"OrderService/QuoteTotal","relative_path":"src/Shop/Services/OrderService.cs"}"""));
        Assert.Equal("Program/Main", references.GetProperty("src/Shop/Program.cs").GetProperty("Method")[0].GetProperty("name_path").GetString());
        await Call("find_implementations", """{"name_path":"IOrderRepository","relative_path":"src/Shop/Services/IOrderRepository.cs"}""");
        await Call("find_declaration", """{"relative_path":"src/Shop/Program.cs","regex":"service\\.(QuoteTotal)"}""");
        await Call("get_diagnostics_for_file", """{"relative_path":"src/Shop/Services/OrderService.cs"}""");

        await Call("create_text_file", """{"relative_path":"docs/stdio.md","content":"written over stdio"}""");
        Assert.Equal("written over stdio", await Call("read_file", """{"relative_path":"docs/stdio.md"}"""));
        await Call("replace_content", """{"relative_path":"docs/stdio.md","needle":"stdio","repl":"MCP","mode":"literal"}""");
        await Call("replace_in_files", """{"needle":"written over","repl":"sent over","mode":"literal","relative_path":"docs"}""");
        Assert.Equal("sent over MCP", await Call("read_file", """{"relative_path":"docs/stdio.md"}"""));

        await Call("insert_after_symbol", """{"name_path":"Order/Submit","relative_path":"src/Shop/Models/Order.cs","body":"public void Touch() { }"}""");
        await Call("insert_before_symbol", """{"name_path":"Order/Submit","relative_path":"src/Shop/Models/Order.cs","body":"public void Prepare() { }"}""");
        await Call("replace_symbol_body", """{"name_path":"Order/Touch","relative_path":"src/Shop/Models/Order.cs","body":"public void Touch() { Status = OrderStatus.Draft; }"}""");
        await Call("rename_symbol", """{"name_path":"Order/Prepare","relative_path":"src/Shop/Models/Order.cs","new_name":"Ready"}""");
        await Call("safe_delete_symbol", """{"name_path_pattern":"Order/Ready","relative_path":"src/Shop/Models/Order.cs"}""");
        var order = await Call("read_file", """{"relative_path":"src/Shop/Models/Order.cs"}""");
        Assert.Contains("public void Touch() { Status = OrderStatus.Draft; }", order);
        Assert.DoesNotContain("Prepare", order);
        Assert.DoesNotContain("Ready()", order);

        await Call("write_memory", """{"memory_name":"stdio/notes","content":"one two"}""");
        await Call("edit_memory", """{"memory_name":"stdio/notes","needle":"two","repl":"three","mode":"literal"}""");
        await Call("rename_memory", """{"old_name":"stdio/notes","new_name":"stdio/renamed"}""");
        Assert.Contains("stdio/renamed", await Call("list_memories", """{"topic":"stdio"}"""));
        Assert.Equal("one three", await Call("read_memory", """{"memory_name":"stdio/renamed"}"""));
        await Call("delete_memory", """{"memory_name":"stdio/renamed"}""");

        var rejected = (await serena.CallAsync("read_file", """{"relative_path":7}""")).Error("read_file");
        Assert.Contains("relative_path", rejected.Text());

        Assert.Equal(ToolNames("serena"), called.Order());
    }

    private static Dictionary<string, JsonElement> ReferenceTools(string server)
    {
        using var document = ReferenceServers.Load(server);
        return document.RootElement.GetProperty("tools").EnumerateArray()
            .Where(tool => !tool.TryGetProperty("default_enabled", out var enabled) || enabled.GetBoolean())
            .ToDictionary(tool => tool.GetProperty("name").GetString()!, tool => tool.Clone());
    }

    private static IOrderedEnumerable<string> ToolNames(string server) => ReferenceTools(server).Keys.Order();

    private static List<string> PropertyNames(JsonElement schema) =>
        schema.TryGetProperty("properties", out var properties) ? properties.EnumerateObject().Select(p => p.Name).Order().ToList() : [];

    private static List<string> Required(JsonElement schema) =>
        schema.TryGetProperty("required", out var required) ? required.EnumerateArray().Select(r => r.GetString()!).Order().ToList() : [];

    private static bool? Flag(JsonElement annotations, string name) =>
        annotations.TryGetProperty(name, out var value) ? value.GetBoolean() : null;
}
