using System.Text.Json;
using CodeMode.Mocks.HelpScout;

namespace CodeMode.Mocks.Tests;

public sealed class HelpScoutMockServerTests
{
    private static readonly DateTimeOffset Now = new(2026, 8, 21, 10, 15, 30, TimeSpan.Zero);
    private readonly HelpScoutMockServer _helpscout = new(new FixedTimeProvider(Now));

    // The same seed and clock as the server's: an oracle for what its searches must find.
    private static readonly HelpDeskDataSet Data = new(Now);

    private static IEnumerable<Conversation> Open => Data.Conversations.Where(c => c.Status != "spam");

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
        Assert.Equal(Open.Count(), statuses.Count);
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
        Assert.NotEmpty(refunds);
        Assert.Equal(Open.Where(c => c.Tags.Contains("refund")).Select(c => c.Subject).Order(), refunds.Order());
        Assert.All(refunds, subject => Assert.Contains("refund", subject, StringComparison.OrdinalIgnoreCase));

        var body = Subjects("""{"query":"(body:\"DKIM\")"}""");
        Assert.Equal(Open.Where(c => c.BodyText.Contains("dkim")).Select(c => c.Subject).Order(), body.Order());
        Assert.All(body, subject => Assert.Equal("Replies going to spam folders", subject));

        var billingInbox = _helpscout.Call("searchConversations", """{"inboxId":"85124","limit":100}""").Ok().Json();
        Assert.NotEmpty(billingInbox.GetProperty("results").EnumerateArray());
        Assert.All(billingInbox.GetProperty("results").EnumerateArray(), c => Assert.Equal(85124, c.GetProperty("mailboxId").GetInt32()));
        Assert.Equal("Specific inbox: 85124", billingInbox.GetProperty("searchInfo").GetProperty("inboxScope").GetString());

        var combined = Subjects("""{"query":"subject:\"invoice\" OR tag:\"refund\"","status":"active"}""");
        var expected = Data.Conversations
            .Where(c => c.Status == "active" && (c.Subject.Contains("invoice", StringComparison.OrdinalIgnoreCase) || c.Tags.Contains("refund")))
            .Select(c => c.Subject);
        Assert.Equal(expected.Order(), combined.Order());

        var recent = Subjects($$"""{"createdAfter":"{{Now.AddDays(-1):yyyy-MM-ddTHH:mm:ssZ}}"}""");
        Assert.Equal(Open.Count(c => c.CreatedAt > Now.AddDays(-1)), recent.Count);
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
        var matching = Open.Where(c => c.CreatedAt > Now.AddDays(-60) && (c.BodyText.Contains("refund") || c.Subject.Contains("refund", StringComparison.OrdinalIgnoreCase))).ToList();
        Assert.Equal(matching.Count, answer.GetProperty("totalConversationsFound").GetInt32());
        var perStatus = answer.GetProperty("resultsByStatus").EnumerateArray().ToDictionary(s => s.GetProperty("status").GetString()!, s => s.GetProperty("totalCount").GetInt32());
        Assert.Equal(["active", "pending", "closed"], perStatus.Keys);
        Assert.All(perStatus, pair => Assert.Equal(matching.Count(c => c.Status == pair.Key), pair.Value));
        Assert.Equal("2026-06-22T10:15:30Z", answer.GetProperty("timeframe").GetProperty("createdAfter").GetString());
    }
    [Fact]
    public void ComprehensiveConversationSearch_OldConversationsNeedALargerTimeframe()
    {
        var old = Open.Where(c => c.CreatedAt < Now.AddDays(-60)).MinBy(c => c.CreatedAt)!;
        int Found(string timeframe) => _helpscout.Call("comprehensiveConversationSearch", $$"""{"searchTerms":["{{old.Subject}}"],"statuses":["{{old.Status}}"]{{timeframe}}}""")
            .Ok().Json().GetProperty("totalConversationsFound").GetInt32();
        int Expected(int days) => Open.Count(c => c.Status == old.Status && c.Subject == old.Subject && c.CreatedAt > Now.AddDays(-days));

        Assert.Equal(Expected(60), Found(""));
        Assert.Equal(Expected(365), Found(""","timeframeDays":365"""));
        Assert.True(Found(""","timeframeDays":365""") > Found(""));
    }
    [Fact]
    public void AdvancedConversationSearch_CombinesGroupsWithAnd()
    {
        var answer = _helpscout.Call("advancedConversationSearch", """{"contentTerms":["invoice","refund"],"tags":["billing"]}""").Ok().Json();

        Assert.Equal("(body:\"invoice\" OR body:\"refund\") AND (tag:\"billing\")", answer.GetProperty("searchQuery").GetString());
        Assert.All(answer.GetProperty("results").EnumerateArray(), c =>
            Assert.Contains("billing", c.GetProperty("tags").EnumerateArray().Select(t => t.GetProperty("tag").GetString())));
        Assert.NotEmpty(answer.GetProperty("results").EnumerateArray());
        Assert.All(answer.GetProperty("results").EnumerateArray(), c =>
        {
            var body = Data.Conversations.Single(conversation => conversation.Id == c.GetProperty("id").GetInt64()).BodyText;
            Assert.True(body.Contains("invoice") || body.Contains("refund"), body);
        });
    }

    [Fact]
    public void GetThreadsAndSummary_ReadTheConversation()
    {
        var richest = Open.Where(c => c.Threads.Any(t => t.Type == "message")).MaxBy(c => c.Threads.Count)!;

        var threads = _helpscout.Call("getThreads", $$"""{"conversationId":"{{richest.Id}}"}""").Ok().Json();
        var types = threads.GetProperty("threads").EnumerateArray().Select(t => t.GetProperty("type").GetString()).ToList();
        Assert.Equal(richest.Threads.Reverse().Select(t => t.Type), types);
        Assert.Equal(richest.Threads.Count, threads.GetProperty("pagination").GetProperty("totalElements").GetInt32());

        var summary = _helpscout.Call("getConversationSummary", $$"""{"conversationId":"{{richest.Id}}"}""").Ok().Json();
        var firstCustomer = HelpDeskJson.PlainText(richest.Threads.First(t => t.Type == "customer").Body);
        var latestStaff = HelpDeskJson.PlainText(richest.Threads.Last(t => t.Type == "message").Body);
        Assert.Contains(firstCustomer[..20], summary.GetProperty("firstCustomerMessage").GetProperty("body").GetString());
        Assert.Contains(latestStaff[..20], summary.GetProperty("latestStaffReply").GetProperty("body").GetString());
        Assert.False(summary.GetProperty("conversation").TryGetProperty("customer", out _));
    }
    [Fact]
    public void StructuredConversationFilter_ByNumberOrCustomer()
    {
        var sample = Open.ElementAt(4);
        var byNumber = _helpscout.Call("structuredConversationFilter", $$"""{"conversationNumber":{{sample.Number}}}""").Ok().Json();
        Assert.Equal(sample.Subject, Assert.Single(byNumber.GetProperty("results").EnumerateArray()).GetProperty("subject").GetString());

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
}
