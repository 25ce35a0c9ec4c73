using System.Text.Json;
using CodeMode.Mocks.HelpScout;

namespace CodeMode.Mocks.Tests;

public sealed class HelpScoutMockServerTests
{
    private static readonly DateTimeOffset Now = new(2026, 8, 21, 10, 15, 30, TimeSpan.Zero);
    private readonly HelpScoutMockServer _helpscout = new(new FixedTimeProvider(Now));

    [Fact]
    public void Answers_ArePrettyPrintedJsonText()
    {
        var result = _helpscout.Call("listAllInboxes").Ok();

        Assert.Null(result.StructuredContent);
        Assert.StartsWith("{\n  \"inboxes\": [\n    {\n      \"id\": 85123,\n      \"name\": \"Support\",", result.Text());
        Assert.Equal(3, result.Json().GetProperty("totalInboxes").GetInt32());
    }

    [Fact]
    public void DataSet_IsDeterministicForAGivenClock()
    {
        var other = new HelpScoutMockServer(new FixedTimeProvider(Now));

        Assert.Equal(_helpscout.Call("searchConversations", """{"limit":100}""").Text(), other.Call("searchConversations", """{"limit":100}""").Text());
        Assert.Equal(_helpscout.Call("listCustomers").Text(), other.Call("listCustomers").Text());
    }

    [Theory]
    [InlineData("active")]
    [InlineData("pending")]
    [InlineData("closed")]
    [InlineData("spam")]
    public void SearchConversations_StatusFilter_ReturnsOnlyThatStatus(string status)
    {
        var answer = _helpscout.Call("searchConversations", $$"""{"status":"{{status}}","limit":100}""").Ok().Json();

        var results = answer.GetProperty("results").EnumerateArray().ToList();
        Assert.NotEmpty(results);
        Assert.All(results, c => Assert.Equal(status, c.GetProperty("status").GetString()));
        Assert.Equal(results.Count, answer.GetProperty("pagination").GetProperty("totalElements").GetInt32());
    }

    [Fact]
    public void SearchConversations_WithoutStatus_MergesActivePendingClosedButNotSpam()
    {
        var answer = _helpscout.Call("searchConversations", """{"limit":100}""").Ok().Json();

        var statuses = answer.GetProperty("results").EnumerateArray().Select(c => c.GetProperty("status").GetString()).ToList();
        Assert.Equal(19, statuses.Count);
        Assert.DoesNotContain("spam", statuses);
        var byStatus = answer.GetProperty("pagination").GetProperty("totalByStatus");
        Assert.Equal(statuses.Count(s => s == "active"), byStatus.GetProperty("active").GetInt32());
        Assert.Equal(["active", "pending", "closed"], answer.GetProperty("searchInfo").GetProperty("statusesSearched").EnumerateArray().Select(s => s.GetString()));
        var created = answer.GetProperty("results").EnumerateArray().Select(c => c.GetProperty("createdAt").GetString()).ToList();
        Assert.Equal(created.OrderDescending(StringComparer.Ordinal), created);
    }

    [Fact]
    public void SearchConversations_TagQueryAndInboxFilters_ReallyFilter()
    {
        var refunds = Subjects("""{"tag":"refund"}""");
        Assert.Equal(["Refund for duplicate charge", "Refund request - accidental upgrade"], refunds.Order());

        var body = Subjects("""{"query":"(body:\"DKIM\")"}""");
        Assert.Equal(["Replies going to spam folders"], body);

        var billingInbox = _helpscout.Call("searchConversations", """{"inboxId":"85124","limit":100}""").Ok().Json();
        Assert.All(billingInbox.GetProperty("results").EnumerateArray(), c => Assert.Equal(85124, c.GetProperty("mailboxId").GetInt32()));
        Assert.Equal("Specific inbox: 85124", billingInbox.GetProperty("searchInfo").GetProperty("inboxScope").GetString());

        var combined = Subjects("""{"query":"subject:\"invoice\" OR tag:\"refund\"","status":"active"}""");
        Assert.Equal(["Refund for duplicate charge", "Seat count wrong on invoice"], combined.Order());

        var recent = Subjects($$"""{"createdAfter":"{{Now.AddDays(-1):yyyy-MM-ddTHH:mm:ssZ}}"}""");
        Assert.Equal(5, recent.Count);
    }

    [Fact]
    public void SearchConversations_FieldsArgument_KeepsOnlyThoseFields()
    {
        var first = _helpscout.Call("searchConversations", """{"fields":["id","subject"],"limit":1}""").Ok().Json().GetProperty("results")[0];

        Assert.Equal(["id", "subject"], first.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public void ComprehensiveConversationSearch_FindsTermsInSubjectOrBodyPerStatus()
    {
        var answer = _helpscout.Call("comprehensiveConversationSearch", """{"searchTerms":["refund"]}""").Ok().Json();

        Assert.Equal("(body:\"refund\" OR subject:\"refund\")", answer.GetProperty("searchQuery").GetString());
        Assert.Equal(2, answer.GetProperty("totalConversationsFound").GetInt32());
        var perStatus = answer.GetProperty("resultsByStatus").EnumerateArray().ToDictionary(s => s.GetProperty("status").GetString()!, s => s.GetProperty("totalCount").GetInt32());
        Assert.Equal(new Dictionary<string, int> { ["active"] = 1, ["pending"] = 1, ["closed"] = 0 }, perStatus);
        Assert.Equal("2026-06-22T10:15:30Z", answer.GetProperty("timeframe").GetProperty("createdAfter").GetString());
    }

    [Fact]
    public void ComprehensiveConversationSearch_OldConversationsNeedALargerTimeframe()
    {
        Assert.Equal(0, _helpscout.Call("comprehensiveConversationSearch", """{"searchTerms":["billing email"],"statuses":["closed"]}""").Ok().Json().GetProperty("totalConversationsFound").GetInt32());
        Assert.Equal(1, _helpscout.Call("comprehensiveConversationSearch", """{"searchTerms":["billing email"],"statuses":["closed"],"timeframeDays":365}""").Ok().Json().GetProperty("totalConversationsFound").GetInt32());
    }

    [Fact]
    public void AdvancedConversationSearch_CombinesGroupsWithAnd()
    {
        var answer = _helpscout.Call("advancedConversationSearch", """{"contentTerms":["invoice","refund"],"tags":["billing"]}""").Ok().Json();

        Assert.Equal("(body:\"invoice\" OR body:\"refund\") AND (tag:\"billing\")", answer.GetProperty("searchQuery").GetString());
        Assert.All(answer.GetProperty("results").EnumerateArray(), c =>
            Assert.Contains("billing", c.GetProperty("tags").EnumerateArray().Select(t => t.GetProperty("tag").GetString())));
        Assert.Equal(5, answer.GetProperty("results").GetArrayLength());
    }

    [Fact]
    public void GetThreadsAndSummary_ReadTheConversation()
    {
        var id = FirstConversationId("""{"query":"subject:\"App crashes\""}""");

        var threads = _helpscout.Call("getThreads", $$"""{"conversationId":"{{id}}"}""").Ok().Json();
        var types = threads.GetProperty("threads").EnumerateArray().Select(t => t.GetProperty("type").GetString()).ToList();
        Assert.Equal(["note", "customer", "message", "customer"], types);
        Assert.Equal(4, threads.GetProperty("pagination").GetProperty("totalElements").GetInt32());

        var summary = _helpscout.Call("getConversationSummary", $$"""{"conversationId":"{{id}}"}""").Ok().Json();
        Assert.Contains("200 MB video", summary.GetProperty("firstCustomerMessage").GetProperty("body").GetString());
        Assert.Contains("crash log", summary.GetProperty("latestStaffReply").GetProperty("body").GetString());
        Assert.False(summary.GetProperty("conversation").TryGetProperty("customer", out _));
    }

    [Fact]
    public void StructuredConversationFilter_ByNumberOrCustomer()
    {
        var byNumber = _helpscout.Call("structuredConversationFilter", """{"conversationNumber":15464}""").Ok().Json();
        Assert.Equal("App crashes when uploading large files", Assert.Single(byNumber.GetProperty("results").EnumerateArray()).GetProperty("subject").GetString());

        var unassigned = _helpscout.Call("structuredConversationFilter", """{"assignedTo":-1}""").Ok().Json();
        Assert.All(unassigned.GetProperty("results").EnumerateArray(), c => Assert.False(c.TryGetProperty("assignee", out _)));

        var missing = _helpscout.Call("structuredConversationFilter", """{"status":"active"}""").Error().Json();
        Assert.Equal("validation_error", missing.GetProperty("error").GetProperty("type").GetString());
    }

    [Fact]
    public void Customers_AndOrganizations_AreConnected()
    {
        var organizations = _helpscout.Call("listOrganizations").Ok().Json();
        Assert.Equal(5, organizations.GetProperty("returnedCount").GetInt32());
        var orgId = organizations.GetProperty("results")[0].GetProperty("id").GetInt32();

        var members = _helpscout.Call("getOrganizationMembers", $$"""{"organizationId":"{{orgId}}"}""").Ok().Json().GetProperty("members").EnumerateArray().ToList();
        Assert.NotEmpty(members);
        Assert.All(members, m => Assert.Equal(orgId, m.GetProperty("organizationId").GetInt32()));

        var email = members[0].GetProperty("_embedded").GetProperty("emails")[0].GetProperty("value").GetString();
        var found = _helpscout.Call("searchCustomersByEmail", $$"""{"email":"{{email!.ToUpperInvariant()}}"}""").Ok().Json();
        Assert.Equal(members[0].GetProperty("id").GetInt32(), Assert.Single(found.GetProperty("results").EnumerateArray()).GetProperty("id").GetInt32());

        var listed = _helpscout.Call("listCustomers", $$"""{"query":"(email:\"{{email}}\")"}""").Ok().Json();
        Assert.Equal(email, Assert.Single(listed.GetProperty("results").EnumerateArray()).GetProperty("primaryEmail").GetString());

        var organization = _helpscout.Call("getOrganization", $$"""{"organizationId":"{{orgId}}"}""").Ok().Json().GetProperty("organization");
        Assert.Equal(members.Count, organization.GetProperty("customerCount").GetInt32());
    }

    [Theory]
    [InlineData("getThreads", "{}", "conversationId", "Required", "invalid_type")]
    [InlineData("searchInboxes", """{"query":5}""", "query", "Expected string, received number", "invalid_type")]
    [InlineData("searchConversations", """{"status":"open"}""", "status", "Invalid enum value. Expected 'active' | 'pending' | 'closed' | 'spam', received 'open'", "invalid_enum_value")]
    [InlineData("searchConversations", """{"limit":500}""", "limit", "Number must be less than or equal to 100", "too_big")]
    [InlineData("comprehensiveConversationSearch", """{"searchTerms":[]}""", "searchTerms", "Array must contain at least 1 element(s)", "too_small")]
    [InlineData("getCustomer", """{"customerId":"abc"}""", "customerId", "customerId must be a numeric ID (digits only)", "invalid_string")]
    [InlineData("searchConversations", """{"createdAfter":"last week"}""", "createdAfter", "Invalid datetime", "invalid_string")]
    public void InvalidArguments_AreZodValidationErrorsNamingTheField(string tool, string arguments, string field, string message, string code)
    {
        var error = _helpscout.Call(tool, arguments).Error().Json().GetProperty("error");

        Assert.Equal("INVALID_INPUT", error.GetProperty("code").GetString());
        Assert.Equal("validation_error", error.GetProperty("type").GetString());
        var issue = error.GetProperty("validationIssues")[0];
        Assert.Equal(field, issue.GetProperty("field").GetString());
        Assert.Equal(message, issue.GetProperty("message").GetString());
        Assert.Equal(code, issue.GetProperty("code").GetString());
    }

    [Fact]
    public void UnknownIds_AreNotFoundApiErrors()
    {
        var error = _helpscout.Call("getConversationSummary", """{"conversationId":"12345"}""").Error().Json().GetProperty("error");

        Assert.Equal("NOT_FOUND", error.GetProperty("code").GetString());
        Assert.Equal("api_error", error.GetProperty("type").GetString());
        Assert.Contains("conversation 12345", error.GetProperty("message").GetString());
    }

    [Fact]
    public void UnknownQueryField_IsRejectedLikeTheApiDoes()
    {
        var error = _helpscout.Call("searchConversations", """{"query":"colour:blue"}""").Error().Json().GetProperty("error");

        Assert.Equal("INVALID_INPUT", error.GetProperty("code").GetString());
        Assert.Contains("colour", error.GetProperty("message").GetString());
    }

    [Fact]
    public void GetServerTime_IsTheClock()
    {
        var time = _helpscout.Call("getServerTime").Ok().Json();

        Assert.Equal("2026-08-21T10:15:30.000Z", time.GetProperty("isoTime").GetString());
        Assert.Equal(Now.ToUnixTimeSeconds(), time.GetProperty("unixTime").GetInt64());
    }

    private List<string> Subjects(string arguments) =>
        _helpscout.Call("searchConversations", arguments).Ok().Json().GetProperty("results").EnumerateArray().Select(c => c.GetProperty("subject").GetString()!).ToList();

    private long FirstConversationId(string arguments) =>
        _helpscout.Call("searchConversations", arguments).Ok().Json().GetProperty("results")[0].GetProperty("id").GetInt64();
}
