using System.Text.Json;
using CodeMode.Mocks.Serena;

namespace CodeMode.Mocks.Tests;

public sealed class SerenaMockServerTests
{
    private readonly SerenaMockServer _serena = new();

    [Fact]
    public void SearchForPattern_FindsRealRegexMatchesWithContextInSerenasFormat()
    {
        var text = _serena.Call("search_for_pattern", """{"substring_pattern":"_repository\\.(Save|Find)\\(","context_lines_before":1,"relative_path":"src"}""").Ok().Text();

        Assert.Equal(
            """{"src/Shop/Services/OrderService.cs": ["...  24:        order.Submit();\n  >  25:        _repository.Save(order);", "...  30:    {\n  >  31:        var order = _repository.Find(orderId);", "...  37:        order.Cancel();\n  >  38:        _repository.Save(order);"]}""",
            text);
    }

    [Fact]
    public void SearchForPattern_HonoursGlobsIgnoredFilesAndMultilineMatches()
    {
        var tests = JsonElement.Parse(_serena.Call("search_for_pattern", """{"substring_pattern":"PlaceOrder","paths_include_glob":"tests/**"}""").Ok().Text());
        Assert.Equal(["tests/Shop.Tests/OrderServiceTests.cs"], tests.EnumerateObject().Select(p => p.Name));
        Assert.Equal(3, tests.GetProperty("tests/Shop.Tests/OrderServiceTests.cs").GetArrayLength()); // the test method's name too: no word boundary in the pattern

        var ignored = JsonElement.Parse(_serena.Call("search_for_pattern", """{"substring_pattern":"AssemblyTitle"}""").Ok().Text());
        Assert.Empty(ignored.EnumerateObject());
        var included = JsonElement.Parse(_serena.Call("search_for_pattern", """{"substring_pattern":"AssemblyTitle","skip_ignored_files":false}""").Ok().Text());
        Assert.Single(included.EnumerateObject());

        var multiline = JsonElement.Parse(_serena.Call("search_for_pattern", """{"substring_pattern":"public decimal Total\\(\\).*?return","relative_path":"src/Shop/Models/Order.cs"}""").Ok().Text());
        var block = multiline.GetProperty("src/Shop/Models/Order.cs")[0].GetString()!;
        Assert.Equal(3, block.Split('\n').Length);
        Assert.All(block.Split('\n'), line => Assert.StartsWith("  >", line));
    }

    [Fact]
    public void SymbolsOverviewAndFindSymbol_ComeFromTheSource()
    {
        Assert.Equal("""{"Class": ["OrderService"]}""", _serena.Call("get_symbols_overview", """{"relative_path":"src/Shop/Services/OrderService.cs"}""").Ok().Text());

        var overview = JsonElement.Parse(_serena.Call("get_symbols_overview", """{"relative_path":"src/Shop/Models/OrderStatus.cs","depth":1}""").Ok().Text());
        Assert.Equal(["Draft", "Submitted", "Shipped", "Cancelled"], overview.GetProperty("Enum")[0].GetProperty("OrderStatus").GetProperty("EnumMember").EnumerateArray().Select(e => e.GetString()));

        var found = JsonElement.Parse(_serena.Call("find_symbol", """{"name_path_pattern":"OrderService/QuoteTotal","include_body":true}""").Ok().Text());
        var symbol = Assert.Single(found.EnumerateArray());
        Assert.Equal("Method", symbol.GetProperty("kind").GetString());
        Assert.Equal("src/Shop/Services/OrderService.cs", symbol.GetProperty("relative_path").GetString());
        Assert.Equal(42, symbol.GetProperty("body_location").GetProperty("start_line").GetInt32());
        Assert.StartsWith("public decimal QuoteTotal(Order order)", symbol.GetProperty("body").GetString());

        var overloads = JsonElement.Parse(_serena.Call("find_symbol", """{"name_path_pattern":"ApplyTax"}""").Ok().Text());
        Assert.Equal(["PriceCalculator/ApplyTax[0]", "PriceCalculator/ApplyTax[1]"], overloads.EnumerateArray().Select(s => s.GetProperty("name_path").GetString()));

        var bySubstring = JsonElement.Parse(_serena.Call("find_symbol", """{"name_path_pattern":"Order","substring_matching":true,"include_kinds":[5]}""").Ok().Text());
        Assert.Equal(["InMemoryOrderRepository", "Order", "OrderLine", "OrderService", "OrderServiceTests"], bySubstring.EnumerateArray().Select(s => s.GetProperty("name_path").GetString()).Order());
    }

    [Fact]
    public void FindReferencingSymbols_ListsTheCallers()
    {
        var references = JsonElement.Parse(_serena.Call("find_referencing_symbols", """{"name_path":"OrderService/QuoteTotal","relative_path":"src/Shop/Services/OrderService.cs"}""").Ok().Text());

        Assert.Equal(["src/Shop/Program.cs", "tests/Shop.Tests/OrderServiceTests.cs"], references.EnumerateObject().Select(p => p.Name).Order());
        var caller = references.GetProperty("src/Shop/Program.cs").GetProperty("Method")[0];
        Assert.Equal("Program/Main", caller.GetProperty("name_path").GetString());
        Assert.Contains("  >  12:        Console.WriteLine", caller.GetProperty("content_around_reference").GetString());
    }

    [Fact]
    public void Edits_ChangeTheInMemoryCopy()
    {
        Assert.Equal("OK", _serena.Call("replace_content", """{"relative_path":"src/Shop/Services/PriceCalculator.cs","needle":"0.2m","repl":"0.25m","mode":"literal"}""").Ok().Text());
        Assert.Contains("TaxRate = 0.25m", _serena.Call("read_file", """{"relative_path":"src/Shop/Services/PriceCalculator.cs"}""").Ok().Text());

        Assert.Equal("OK", _serena.Call("replace_symbol_body", """{"name_path":"Order/Submit","relative_path":"src/Shop/Models/Order.cs","body":"public void Submit()\n    {\n        Status = OrderStatus.Shipped;\n    }"}""").Ok().Text());
        var body = JsonElement.Parse(_serena.Call("find_symbol", """{"name_path_pattern":"Order/Submit","include_body":true}""").Ok().Text())[0].GetProperty("body").GetString();
        Assert.Contains("OrderStatus.Shipped", body);

        var renamed = _serena.Call("rename_symbol", """{"name_path":"OrderService/QuoteTotal","relative_path":"src/Shop/Services/OrderService.cs","new_name":"Quote"}""").Ok().Text();
        Assert.Equal("Successfully renamed 'OrderService/QuoteTotal' to 'Quote' (3 changes applied)", renamed);
        Assert.Contains("service.Quote(order)", _serena.Call("read_file", """{"relative_path":"src/Shop/Program.cs"}""").Ok().Text());

        Assert.Equal("File created: docs/notes.md.", _serena.Call("create_text_file", """{"relative_path":"docs/notes.md","content":"hi"}""").Ok().Text());
        Assert.Contains("docs", JsonElement.Parse(_serena.Call("list_dir", """{"relative_path":".","recursive":false}""").Ok().Text()).GetProperty("dirs").EnumerateArray().Select(d => d.GetString()));
    }

    [Fact]
    public void ReplaceContent_RegexWithSerenasBackreferencesAndAmbiguity()
    {
        var ambiguous = _serena.Call("replace_content", """{"relative_path":"src/Shop/Models/Order.cs","needle":"Status = OrderStatus\\.(\\w+);","repl":"x","mode":"regex"}""").Error().Text();
        Assert.Contains("Expression matches 2 occurrences", ambiguous);

        _serena.Call("replace_content", """{"relative_path":"src/Shop/Models/Order.cs","needle":"Status = OrderStatus\\.(\\w+);","repl":"SetStatus(OrderStatus.$!1);","mode":"regex","allow_multiple_occurrences":true}""").Ok();
        var text = _serena.Call("read_file", """{"relative_path":"src/Shop/Models/Order.cs"}""").Ok().Text();
        Assert.Contains("SetStatus(OrderStatus.Submitted);", text);
        Assert.Contains("SetStatus(OrderStatus.Cancelled);", text);
    }

    [Fact]
    public void Memories_WriteReadListDelete()
    {
        Assert.Equal("Memory auth/flow written.", _serena.Call("write_memory", """{"memory_name":"auth/flow","content":"# Auth\nTokens live 1 h."}""").Ok().Text());
        Assert.Equal("# Auth\nTokens live 1 h.", _serena.Call("read_memory", """{"memory_name":"auth/flow"}""").Ok().Text());
        Assert.Equal("""{"memories": ["auth/flow", "project_overview", "suggested_commands"]}""", _serena.Call("list_memories").Ok().Text());
        Assert.Equal("""{"memories": ["auth/flow"]}""", _serena.Call("list_memories", """{"topic":"auth"}""").Ok().Text());

        Assert.Equal("Memory suggested_commands renamed from suggested_commands to commands.".Replace("Memory suggested_commands renamed", "Memory renamed"),
            _serena.Call("rename_memory", """{"old_name":"suggested_commands","new_name":"commands"}""").Ok().Text());
        Assert.Contains("mem:commands", _serena.Call("read_memory", """{"memory_name":"project_overview"}""").Ok().Text());

        Assert.Equal("Memory auth/flow deleted.", _serena.Call("delete_memory", """{"memory_name":"auth/flow"}""").Ok().Text());
        Assert.Equal("Memory auth/flow not found.", _serena.Call("delete_memory", """{"memory_name":"auth/flow"}""").Ok().Text());
        Assert.Equal("Error executing tool read_memory: FileNotFoundError: Memory named 'auth/flow' not found", _serena.Call("read_memory", """{"memory_name":"auth/flow"}""").Error().Text());
    }

    [Fact]
    public void Diagnostics_ReportTheUnusedLocal()
    {
        var diagnostics = JsonElement.Parse(_serena.Call("get_diagnostics_for_file", """{"relative_path":"src/Shop/Services/OrderService.cs"}""").Ok().Text());

        var warning = diagnostics.GetProperty("src/Shop/Services/OrderService.cs").GetProperty("Warning").GetProperty("OrderService/QuoteTotal")[0];
        Assert.Equal("CS0219", warning.GetProperty("code").GetString());
        Assert.Equal("{}", _serena.Call("get_diagnostics_for_file", """{"relative_path":"src/Shop/Services/OrderService.cs","min_severity":1}""").Ok().Text());
    }

    [Fact]
    public void MissingRequiredArgument_IsAPydanticValidationError()
    {
        var result = _serena.Call("search_for_pattern", """{"relative_path":"src"}""").Error();

        Assert.Equal(
            "Error executing tool search_for_pattern: 1 validation error for applyArguments\nsubstring_pattern\n  Field required [type=missing, input_value={'relative_path': 'src'}, input_type=dict]",
            result.Text());
    }

    [Theory]
    [InlineData("replace_content", """{"relative_path":"a","needle":"x","repl":"y","mode":"glob"}""", "mode\n  Input should be 'literal' or 'regex' [type=literal_error, input_value='glob', input_type=str]")]
    [InlineData("read_file", """{"relative_path":"README.md","start_line":"2"}""", "start_line\n  Input should be a valid integer [type=int_type, input_value='2', input_type=str]")]
    [InlineData("list_dir", """{"relative_path":"."}""", "recursive\n  Field required [type=missing")]
    public void WrongArguments_NameTheArgument(string tool, string arguments, string expected)
    {
        Assert.Contains(expected, _serena.Call(tool, arguments).Error().Text());
    }

    [Theory]
    [InlineData("""{"relative_path":"nope.cs"}""", "FileNotFoundError: [Errno 2] No such file or directory: '/workspace/sample-shop/nope.cs'")]
    [InlineData("""{"relative_path":"../etc/passwd"}""", "ValueError: relative_path='../etc/passwd' points outside of the project root")]
    [InlineData("""{"relative_path":"src/Shop/obj/Debug/Shop.AssemblyInfo.cs"}""", "is ignored")]
    public void ReadFile_BadPaths_AreToolErrors(string arguments, string expected)
    {
        Assert.Contains(expected, _serena.Call("read_file", arguments).Error().Text());
    }

    [Fact]
    public void ListDir_MissingDirectory_IsAJsonAnswerNotAnError()
    {
        var answer = JsonElement.Parse(_serena.Call("list_dir", """{"relative_path":"nowhere","recursive":true}""").Ok().Text());

        Assert.Equal("Directory not found: nowhere", answer.GetProperty("error").GetString());
    }

    [Fact]
    public void SafeDelete_RefusesReferencedSymbolsAndDeletesUnusedOnes()
    {
        Assert.StartsWith("Cannot delete, the symbol Order/Cancel is referenced in:", _serena.Call("safe_delete_symbol", """{"name_path_pattern":"Order/Cancel","relative_path":"src/Shop/Models/Order.cs"}""").Ok().Text());

        Assert.Equal("OK", _serena.Call("safe_delete_symbol", """{"name_path_pattern":"Order/Lines","relative_path":"src/Shop/Models/Order.cs"}""").Ok().Text());
        Assert.DoesNotContain("Lines =>", _serena.Call("read_file", """{"relative_path":"src/Shop/Models/Order.cs"}""").Ok().Text());
    }
}
