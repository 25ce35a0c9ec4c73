using CodeMode.Mcp.Apis;
using CodeMode.Mocks;

namespace CodeMode.Mcp.Tests.Apis;

/// <summary>Ranking over the real tools of automem, serena and helpscout: what an agent would type, what it should get first.</summary>
public sealed class ToolSearchTests
{
    private readonly ToolSearch _search = new(new MockToolCatalog(MockServerRegistry.CreateDefault()));

    [Theory]
    [InlineData("store memory", "automem", "store_memory")]
    [InlineData("storeMemory", "automem", "store_memory")]
    [InlineData("conversation summary", "helpscout", "getConversationSummary")]
    [InlineData("get_conversation_summary", "helpscout", "getConversationSummary")]
    [InlineData("find symbol", "serena", "find_symbol")]
    [InlineData("customers by email", "helpscout", "searchCustomersByEmail")]
    [InlineData("recall memories about a topic", "automem", "recall_memory")]
    [InlineData("run a shell command", "serena", "execute_shell_command")]
    [InlineData("organization members", "helpscout", "getOrganizationMembers")]
    [InlineData("database health", "automem", "check_database_health")]
    public void Search_TypicalQuery_RanksTheIntendedToolFirst(string query, string server, string tool)
    {
        var matches = _search.Search(query);

        Assert.NotEmpty(matches);
        Assert.Equal((server, tool), (matches[0].Server, matches[0].Name));
    }

    [Fact]
    public void Search_SameNameOnTwoServers_ReturnsBoth()
    {
        var top = _search.Search("delete memory").Take(2).Select(match => $"{match.Server}.{match.Name}").Order().ToList();

        Assert.Equal(["automem.delete_memory", "serena.delete_memory"], top);
    }

    [Fact]
    public void Search_ServerName_FindsThatServersTools()
    {
        var matches = _search.Search("helpscout", limit: 50);

        Assert.Equal(17, matches.Count);
        Assert.All(matches, match => Assert.Equal("helpscout", match.Server));
    }

    [Fact]
    public void Search_DescriptionWords_Count()
    {
        // "inboxes" appears in helpscout names; "diagnostics" only via serena's name and description.
        Assert.Equal("get_diagnostics_for_file", _search.Search("diagnostics").First().Name);
        Assert.Contains(_search.Search("mailbox"), match => match.Server == "helpscout");
    }

    [Fact]
    public void Search_MatchesEveryWord_BeatsMatchingOneStrongly()
    {
        var matches = _search.Search("rename symbol");

        Assert.Equal("rename_symbol", matches[0].Name);
        Assert.All(matches.Skip(1), match => Assert.True(matches[0].Score > match.Score));
        var renameMemory = _search.Search("rename symbol", limit: 50).Select(match => match.Name).ToList().IndexOf("rename_memory");
        Assert.True(renameMemory is -1 or > 0);
    }

    [Fact]
    public void Search_OneStrongMatch_LeavesOutTheWeakOnes()
    {
        // Every automem tool has "memory" in its name, but only one also matches "store".
        Assert.Equal("store_memory", Assert.Single(_search.Search("store memory")).Name);
    }

    [Fact]
    public void Search_SeveralGoodMatches_AreAllKept()
    {
        var names = _search.Search("find symbol").Select(match => match.Name).ToList();

        Assert.Equal("find_symbol", names[0]);
        Assert.Contains("find_referencing_symbols", names);
        Assert.Equal(17, _search.Search("helpscout", limit: 50).Count);
    }

    [Fact]
    public void Search_Json_CarriesServerNameAndDescriptionButNotTheScore()
    {
        var json = System.Text.Json.JsonSerializer.Serialize(_search.Search("store memory"), CodeMode.Abstractions.CodeModeJson.Options);

        Assert.Equal("""[{"server":"automem","name":"store_memory","description":"Persist a memory."}]""", json);
    }

    [Fact]
    public void Search_NoMatch_IsEmpty()
    {
        Assert.Empty(_search.Search("xyzzy plugh"));
        Assert.Empty(_search.Search("  --  "));
    }

    [Fact]
    public void Search_Limit_IsRespected_AndMatchesCarryOneLineDescriptions()
    {
        var matches = _search.Search("memory", limit: 3);

        Assert.Equal(3, matches.Count);
        Assert.All(matches, match => Assert.DoesNotContain('\n', match.Description));
        Assert.All(matches, match => Assert.True(match.Description.Length <= 100));
    }

    [Fact]
    public void Search_CatalogVersionChanges_RebuildsTheIndex()
    {
        var catalog = new FakeToolCatalog(FakeToolCatalog.Tool("alpha_tool", """{"type":"object"}"""));
        var search = new ToolSearch(catalog);
        Assert.Single(search.Search("alpha"));

        catalog.Replace(FakeToolCatalog.Tool("beta_tool", """{"type":"object"}"""));

        Assert.Empty(search.Search("alpha"));
        Assert.Equal("beta_tool", Assert.Single(search.Search("beta")).Name);
    }
}
