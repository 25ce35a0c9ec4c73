using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using CodeMode.Abstractions.Tools;
using CodeMode.Mocks.Infrastructure;

namespace CodeMode.Mocks.HelpScout;

/// <summary>
/// The Help Scout mock (<c>help-scout-mcp-server</c> v1.7.0): its 17 read-only tools over a small deterministic help
/// desk (<see cref="HelpDeskDataSet"/>). Like the real server it answers pretty-printed JSON text with raw Mailbox API 2.0
/// objects, filters by query syntax, inbox, tag, status and dates, and answers bad input with the zod-style
/// <c>validation_error</c> envelope and unknown ids with <c>NOT_FOUND</c>.
/// </summary>
public sealed class HelpScoutMockServer : MockServer
{
    private const int CustomerPageSize = 50;

    private static readonly string[] DefaultStatuses = ["active", "pending", "closed"];
    private static readonly string[] NumericIds = ["conversationId", "customerId", "organizationId"];
    private static readonly string[] UniqueSorts = ["waitingSince", "customerName", "customerEmail"];

    private readonly HelpDeskDataSet _data;
    private readonly TimeProvider _time;
    private int _requests;

    /// <param name="timeProvider">The clock the data set's dates are relative to.</param>
    /// <param name="seed">Bogus's seed for the help desk; the same seed and clock give the same data.</param>
    public HelpScoutMockServer(TimeProvider? timeProvider = null, int seed = HelpDeskDataSet.DefaultSeed)
        : base("helpscout")
    {
        _time = timeProvider ?? TimeProvider.System;
        _data = new HelpDeskDataSet(_time.GetUtcNow(), seed);
        Handle("searchInboxes", SearchInboxes);
        Handle("listAllInboxes", ListAllInboxes);
        Handle("searchConversations", SearchConversations);
        Handle("getConversationSummary", GetConversationSummary);
        Handle("getThreads", GetThreads);
        Handle("getServerTime", GetServerTime);
        Handle("advancedConversationSearch", AdvancedConversationSearch);
        Handle("comprehensiveConversationSearch", ComprehensiveConversationSearch);
        Handle("structuredConversationFilter", StructuredConversationFilter);
        Handle("getCustomer", GetCustomer);
        Handle("listCustomers", ListCustomers);
        Handle("searchCustomersByEmail", SearchCustomersByEmail);
        Handle("getCustomerContacts", GetCustomerContacts);
        Handle("getOrganization", GetOrganization);
        Handle("listOrganizations", ListOrganizations);
        Handle("getOrganizationMembers", GetOrganizationMembers);
        Handle("getOrganizationConversations", GetOrganizationConversations);
        CompleteRegistration();
    }

    private DateTimeOffset Now => _time.GetUtcNow();

    private ToolResult SearchInboxes(ToolArguments args)
    {
        var query = args.RequiredString("query");
        var limit = Whole(args, "limit") ?? 50;
        var found = _data.Mailboxes.Where(m => m.Name.Contains(query, StringComparison.OrdinalIgnoreCase)).Take(limit).ToList();
        var example = found.Count > 0 ? found[0].Id.ToString(CultureInfo.InvariantCulture) : "<inbox id>";
        return Answer(new JsonObject
        {
            ["results"] = Array(found.Select(HelpDeskJson.Inbox)),
            ["query"] = query,
            ["totalFound"] = found.Count,
            ["totalAvailable"] = _data.Mailboxes.Count,
            ["usage"] = "NEXT STEP: Use the \"id\" field from these results in your conversation search tools (comprehensiveConversationSearch or searchConversations)",
            ["example"] = $"comprehensiveConversationSearch({{ searchTerms: [\"your search\"], inboxId: \"{example}\" }})",
            ["apiGuidance"] = found.Count > 0
                ? new JsonArray("\u2705 NEXT STEP: Use the inbox ID from these results in your conversation search", $"Example: searchConversations({{ \"inboxId\": \"{example}\", \"status\": \"active\" }})")
                : new JsonArray($"\u274c No inboxes match \"{query}\". Try: searchInboxes with an empty query to list all inboxes"),
        });
    }

    private ToolResult ListAllInboxes(ToolArguments args)
    {
        var inboxes = _data.Mailboxes.Take(Whole(args, "limit") ?? 100).ToList();
        return Answer(new JsonObject
        {
            ["inboxes"] = Array(inboxes.Select(HelpDeskJson.Inbox)),
            ["totalInboxes"] = inboxes.Count,
            ["usage"] = "Use the \"id\" field from these results in your conversation searches",
            ["nextSteps"] = new JsonArray(
                "To search in a specific inbox, use the inbox ID with comprehensiveConversationSearch or searchConversations",
                "To search across all inboxes, omit the inboxId parameter"),
        });
    }

    private ToolResult SearchConversations(ToolArguments args)
    {
        var query = args.String("query");
        var inboxId = args.String("inboxId");
        var tag = args.String("tag");
        var status = args.String("status");
        var createdAfter = Date(args, "createdAfter");
        var createdBefore = Date(args, "createdBefore");
        var limit = Whole(args, "limit") ?? 50;
        var fields = args.StringArray("fields");

        // The server appends createdAfter to the query; the effective query is what the API receives.
        var effectiveQuery = query;
        if (createdAfter is { } after)
        {
            var range = $"(createdAt:[{HelpDeskJson.Time(after)} TO *])";
            effectiveQuery = query is null ? range : $"({query}) AND {range}";
        }

        var parsed = ParseQuery(effectiveQuery);
        var statuses = status is null ? DefaultStatuses : [status];
        var byStatus = new Dictionary<string, List<Conversation>>(StringComparer.Ordinal);
        var removedByCreatedBefore = 0;
        foreach (var s in statuses)
        {
            var matching = Matching(parsed, inboxId, tag, [s]).ToList();
            if (createdBefore is { } before)
            {
                removedByCreatedBefore += matching.RemoveAll(c => c.CreatedAt >= before);
            }

            byStatus[s] = matching;
        }

        var all = Sort(byStatus.Values.SelectMany(list => list), args.String("sort") ?? "createdAt", args.String("order") ?? "desc").ToList();
        var page = all.Take(limit).ToList();
        var results = Array(page.Select(c => Project(HelpDeskJson.Conversation(c, Now), fields)));
        JsonObject pagination = status is null
            ? new JsonObject
            {
                ["totalResults"] = page.Count,
                ["totalAvailable"] = all.Count,
                ["totalByStatus"] = new JsonObject
                {
                    ["active"] = byStatus["active"].Count,
                    ["pending"] = byStatus["pending"].Count,
                    ["closed"] = byStatus["closed"].Count,
                },
                ["note"] = $"Merged results from 3 statuses. Returned {page.Count} of {all.Count} total conversations.",
            }
            : HelpDeskJson.Page(limit, all.Count);
        var searchInfo = new JsonObject
        {
            ["query"] = effectiveQuery,
            ["statusesSearched"] = Array(statuses.Select(s => (JsonNode)s)),
            ["inboxScope"] = InboxScope(inboxId),
        };
        if (createdBefore is not null)
        {
            searchInfo["clientSideFiltering"] = $"createdBefore applied after the API call ({removedByCreatedBefore} removed)";
        }

        return Answer(new JsonObject
        {
            ["results"] = results,
            ["pagination"] = pagination,
            ["searchInfo"] = searchInfo,
            ["apiGuidance"] = Guidance(page.Count),
        });
    }

    private ToolResult GetConversationSummary(ToolArguments args)
    {
        var conversation = FindConversation(args.RequiredString("conversationId"));
        var firstCustomer = conversation.Threads.FirstOrDefault(t => t.Type == "customer");
        var latestStaff = conversation.Threads.LastOrDefault(t => t.Type == "message" && t.Author is not null);

        // Like the real server: customer and updatedAt are read from keys the v2 conversation does not have, so they are absent.
        var summary = new JsonObject
        {
            ["id"] = conversation.Id,
            ["subject"] = conversation.Subject,
            ["status"] = conversation.Status,
            ["createdAt"] = HelpDeskJson.Time(conversation.CreatedAt),
        };
        if (conversation.Assignee is { } assignee)
        {
            summary["assignee"] = HelpDeskJson.User(assignee);
        }

        summary["tags"] = HelpDeskJson.Tags(conversation.Tags);
        return Answer(new JsonObject
        {
            ["conversation"] = summary,
            ["firstCustomerMessage"] = firstCustomer is null ? null : new JsonObject
            {
                ["id"] = firstCustomer.Id,
                ["body"] = firstCustomer.Body,
                ["createdAt"] = HelpDeskJson.Time(firstCustomer.CreatedAt),
                ["customer"] = new JsonObject
                {
                    ["id"] = firstCustomer.Customer.Id,
                    ["first"] = firstCustomer.Customer.FirstName,
                    ["last"] = firstCustomer.Customer.LastName,
                    ["email"] = firstCustomer.Customer.Email,
                },
            },
            ["latestStaffReply"] = latestStaff is null ? null : new JsonObject
            {
                ["id"] = latestStaff.Id,
                ["body"] = latestStaff.Body,
                ["createdAt"] = HelpDeskJson.Time(latestStaff.CreatedAt),
                ["createdBy"] = HelpDeskJson.User(latestStaff.Author!),
            },
        });
    }

    private ToolResult GetThreads(ToolArguments args)
    {
        var id = args.RequiredString("conversationId");
        var conversation = FindConversation(id);
        var limit = Whole(args, "limit") ?? 200;
        var threads = conversation.Threads.Reverse().Take(limit).ToList(); // newest first, as Help Scout lists them
        return Answer(new JsonObject
        {
            ["conversationId"] = id,
            ["threads"] = Array(threads.Select(HelpDeskJson.Thread)),
            ["pagination"] = HelpDeskJson.Page(limit, conversation.Threads.Count),
        });
    }

    private ToolResult GetServerTime(ToolArguments args)
    {
        var now = Now.ToUniversalTime();
        return Answer(new JsonObject
        {
            ["isoTime"] = now.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
            ["unixTime"] = now.ToUnixTimeSeconds(),
        });
    }

    private ToolResult AdvancedConversationSearch(ToolArguments args)
    {
        var contentTerms = args.StringArray("contentTerms") ?? [];
        var subjectTerms = args.StringArray("subjectTerms") ?? [];
        var customerEmail = args.String("customerEmail");
        var emailDomain = args.String("emailDomain");
        var tags = args.StringArray("tags") ?? [];
        var inboxId = args.String("inboxId");
        var status = args.String("status");
        var createdAfter = Date(args, "createdAfter");
        var createdBefore = Date(args, "createdBefore");
        var limit = Whole(args, "limit") ?? 50;

        var groups = new List<string>();
        if (contentTerms.Count > 0)
        {
            groups.Add("(" + string.Join(" OR ", contentTerms.Select(t => $"body:\"{t}\"")) + ")");
        }

        if (subjectTerms.Count > 0)
        {
            groups.Add("(" + string.Join(" OR ", subjectTerms.Select(t => $"subject:\"{t}\"")) + ")");
        }

        if (customerEmail is not null)
        {
            groups.Add($"email:\"{customerEmail}\"");
        }

        if (emailDomain is not null)
        {
            groups.Add($"email:\"{emailDomain}\"");
        }

        if (tags.Count > 0)
        {
            groups.Add("(" + string.Join(" OR ", tags.Select(t => $"tag:\"{t}\"")) + ")");
        }

        if (createdAfter is { } after)
        {
            groups.Add($"(createdAt:[{HelpDeskJson.Time(after)} TO *])");
        }

        var searchQuery = string.Join(" AND ", groups);
        var parsed = ParseQuery(searchQuery.Length == 0 ? null : searchQuery);
        var matching = Matching(parsed, inboxId, null, status is null ? DefaultStatuses : [status]).ToList();
        var removed = createdBefore is { } before ? matching.RemoveAll(c => c.CreatedAt >= before) : 0;
        var page = Sort(matching, "createdAt", "desc").Take(limit).ToList();

        var criteria = new JsonObject();
        if (contentTerms.Count > 0)
        {
            criteria["contentTerms"] = Array(contentTerms.Select(t => (JsonNode)t));
        }

        if (subjectTerms.Count > 0)
        {
            criteria["subjectTerms"] = Array(subjectTerms.Select(t => (JsonNode)t));
        }

        if (customerEmail is not null)
        {
            criteria["customerEmail"] = customerEmail;
        }

        if (emailDomain is not null)
        {
            criteria["emailDomain"] = emailDomain;
        }

        if (tags.Count > 0)
        {
            criteria["tags"] = Array(tags.Select(t => (JsonNode)t));
        }

        var answer = new JsonObject
        {
            ["results"] = Array(page.Select(c => HelpDeskJson.Conversation(c, Now))),
            ["searchQuery"] = searchQuery,
            ["inboxScope"] = InboxScope(inboxId),
            ["searchCriteria"] = criteria,
            ["pagination"] = HelpDeskJson.Page(limit, matching.Count),
        };
        if (createdBefore is not null)
        {
            answer["clientSideFiltering"] = $"createdBefore applied after the API call ({removed} removed)";
        }

        if (inboxId is null)
        {
            answer["note"] = "Searching ALL inboxes. Set HELPSCOUT_DEFAULT_INBOX_ID for better LLM context.";
        }

        return Answer(answer);
    }

    private ToolResult ComprehensiveConversationSearch(ToolArguments args)
    {
        var terms = args.StringArray("searchTerms")!;
        var inboxId = args.String("inboxId");
        var statuses = args.StringArray("statuses") ?? DefaultStatuses;
        var searchIn = args.StringArray("searchIn") ?? ["both"];
        var days = Whole(args, "timeframeDays") ?? 60;
        var createdAfter = Date(args, "createdAfter") ?? TruncateToSecond(Now.AddDays(-days));
        var createdBefore = Date(args, "createdBefore");
        var limitPerStatus = Whole(args, "limitPerStatus") ?? 25;

        var inBody = searchIn.Contains("body") || searchIn.Contains("both");
        var inSubject = searchIn.Contains("subject") || searchIn.Contains("both");
        var clauses = terms.SelectMany(term => (IEnumerable<string>)
            [.. inBody ? [$"body:\"{term}\""] : System.Array.Empty<string>(), .. inSubject ? [$"subject:\"{term}\""] : System.Array.Empty<string>()]);
        var searchQuery = "(" + string.Join(" OR ", clauses) + ")";
        var parsed = ParseQuery($"{searchQuery} AND (createdAt:[{HelpDeskJson.Time(createdAfter)} TO *])");

        var resultsByStatus = new JsonArray();
        var found = 0;
        var available = 0;
        var beforeFilter = 0;
        foreach (var status in statuses)
        {
            var matching = Matching(parsed, inboxId, null, [status]).ToList();
            beforeFilter += matching.Count;
            var filtered = createdBefore is { } before && matching.RemoveAll(c => c.CreatedAt >= before) >= 0;
            var page = Sort(matching, "createdAt", "desc").Take(limitPerStatus).ToList();
            found += page.Count;
            available += matching.Count;
            resultsByStatus.Add(new JsonObject
            {
                ["status"] = status,
                ["totalCount"] = matching.Count,
                ["conversations"] = Array(page.Select(c => HelpDeskJson.Conversation(c, Now))),
                ["searchQuery"] = searchQuery,
                ["filteredByCreatedBefore"] = filtered,
            });
        }

        var timeframe = new JsonObject { ["createdAfter"] = HelpDeskJson.Time(createdAfter) };
        if (createdBefore is { } end)
        {
            timeframe["createdBefore"] = HelpDeskJson.Time(end);
        }

        timeframe["days"] = days;
        var answer = new JsonObject
        {
            ["searchTerms"] = Array(terms.Select(t => (JsonNode)t)),
            ["searchQuery"] = searchQuery,
            ["searchIn"] = Array(searchIn.Select(s => (JsonNode)s)),
            ["inboxScope"] = InboxScope(inboxId),
            ["timeframe"] = timeframe,
            ["totalConversationsFound"] = found,
            ["totalAvailableAcrossStatuses"] = available,
        };
        if (createdBefore is not null)
        {
            answer["totalBeforeClientSideFiltering"] = beforeFilter;
            answer["clientSideFilteringApplied"] = true;
        }

        answer["failedStatuses"] = new JsonArray();
        answer["resultsByStatus"] = resultsByStatus;
        var tips = new JsonArray();
        if (found == 0)
        {
            tips.Add($"No conversations matched in the last {days} days. Try broader terms, more statuses, or a larger timeframeDays.");
        }

        if (inboxId is null)
        {
            tips.Add("Note: Searching ALL inboxes. For better LLM context, set HELPSCOUT_DEFAULT_INBOX_ID environment variable.");
        }

        if (tips.Count > 0)
        {
            answer["searchTips"] = tips;
        }

        return Answer(answer);
    }

    private ToolResult StructuredConversationFilter(ToolArguments args)
    {
        var assignedTo = Whole(args, "assignedTo");
        var folderId = Whole(args, "folderId");
        var customerIds = args.Array("customerIds")?.EnumerateArray().Select(e => (long)Math.Floor(e.GetDouble())).ToList();
        var number = Whole(args, "conversationNumber");
        var sortBy = args.String("sortBy") ?? "createdAt";
        var unique = UniqueSorts.Contains(sortBy);
        if (assignedTo is null && folderId is null && customerIds is not { Count: > 0 } && number is null && !unique)
        {
            return ValidationError([new ValidationIssue(
                "",
                "Must provide at least one of: assignedTo, folderId, customerIds, conversationNumber, or use a unique sortBy (waitingSince, customerName, customerEmail)",
                "custom")]);
        }

        var status = args.String("status") ?? "all";
        var inboxId = args.String("inboxId");
        var tag = args.String("tag");
        var createdAfter = Date(args, "createdAfter");
        var createdBefore = Date(args, "createdBefore");
        var modifiedSince = Date(args, "modifiedSince");
        var limit = Whole(args, "limit") ?? 50;

        var matching = Matching(null, inboxId, tag, status == "all" ? DefaultStatuses : [status])
            .Where(c => assignedTo is null || (assignedTo == -1 ? c.Assignee is null : c.Assignee?.Id == assignedTo))
            .Where(c => folderId is null || c.FolderId == folderId)
            .Where(c => customerIds is not { Count: > 0 } || customerIds.Contains(c.Customer.Id))
            .Where(c => number is null || c.Number == number)
            .Where(c => createdAfter is null || c.CreatedAt >= createdAfter)
            .Where(c => modifiedSince is null || c.UserUpdatedAt >= modifiedSince)
            .ToList();
        var removed = createdBefore is { } before ? matching.RemoveAll(c => c.CreatedAt >= before) : 0;
        var page = Sort(matching, sortBy, args.String("sortOrder") ?? "desc").Take(limit).ToList();

        var filter = new JsonObject { ["filterType"] = "structural" };
        if (assignedTo is not null)
        {
            filter["assignedTo"] = assignedTo;
        }

        if (folderId is not null)
        {
            filter["folderId"] = folderId;
        }

        if (customerIds is { Count: > 0 })
        {
            filter["customerIds"] = Array(customerIds.Select(id => (JsonNode)id));
        }

        if (number is not null)
        {
            filter["conversationNumber"] = number;
        }

        if (unique)
        {
            filter["uniqueSorting"] = sortBy;
        }

        var answer = new JsonObject
        {
            ["results"] = Array(page.Select(c => HelpDeskJson.Conversation(c, Now))),
            ["filterApplied"] = filter,
            ["inboxScope"] = InboxScope(inboxId),
            ["pagination"] = HelpDeskJson.Page(limit, matching.Count),
        };
        if (createdBefore is not null)
        {
            answer["clientSideFiltering"] = $"createdBefore applied after the API call ({removed} removed)";
        }

        answer["note"] = "Structural filtering applied. For content-based search or rep activity, use comprehensiveConversationSearch.";
        return Answer(answer);
    }

    private ToolResult GetCustomer(ToolArguments args)
    {
        var customer = FindCustomer(args.RequiredString("customerId"));
        return Answer(new JsonObject
        {
            ["customer"] = HelpDeskJson.Customer(customer, _data.ConversationsOf(customer).Count(), full: true),
            ["usage"] = "NEXT STEPS: Use organizationId to explore their org with getOrganization. Use customer.id with structuredConversationFilter(customerIds) to find their conversations.",
        });
    }

    private ToolResult ListCustomers(ToolArguments args)
    {
        var firstName = args.String("firstName");
        var lastName = args.String("lastName");
        var query = args.String("query");
        var mailbox = Whole(args, "mailbox");
        var modifiedSince = Date(args, "modifiedSince");
        var page = Math.Max(1, Whole(args, "page") ?? 1);
        var parsed = ParseQuery(query, CustomerTerm);

        var matching = _data.Customers
            .Where(c => firstName is null || c.FirstName.StartsWith(firstName, StringComparison.OrdinalIgnoreCase))
            .Where(c => lastName is null || c.LastName.StartsWith(lastName, StringComparison.OrdinalIgnoreCase))
            .Where(c => parsed is null || parsed.Matches(term => CustomerTerm(c, term)))
            .Where(c => mailbox is null || _data.ConversationsOf(c).Any(conversation => conversation.Mailbox.Id == mailbox))
            .Where(c => modifiedSince is null || c.UpdatedAt >= modifiedSince);
        var sorted = SortCustomers(matching, args.String("sortField") ?? "createdAt", args.String("sortOrder") ?? "desc").ToList();
        var shown = sorted.Skip((page - 1) * CustomerPageSize).Take(CustomerPageSize).ToList();
        return Answer(new JsonObject
        {
            ["results"] = Array(shown.Select(c =>
            {
                var json = HelpDeskJson.Customer(c, _data.ConversationsOf(c).Count(), full: false);
                json["primaryEmail"] = c.Email;
                return json;
            })),
            ["returnedCount"] = shown.Count,
            ["pagination"] = HelpDeskJson.Page(CustomerPageSize, sorted.Count, page),
            ["usage"] = "Use customer.id with getCustomer for full profile (includes emails, phones, address, etc.), or with structuredConversationFilter(customerIds) for their conversations.",
        });
    }

    private ToolResult SearchCustomersByEmail(ToolArguments args)
    {
        var email = args.RequiredString("email");
        var firstName = args.String("firstName");
        var lastName = args.String("lastName");
        var parsed = ParseQuery(args.String("query"), CustomerTerm);
        var modifiedSince = Date(args, "modifiedSince");
        var createdSince = Date(args, "createdSince");
        var found = _data.Customers
            .Where(c => string.Equals(c.Email, email.Trim(), StringComparison.OrdinalIgnoreCase))
            .Where(c => firstName is null || c.FirstName.StartsWith(firstName, StringComparison.OrdinalIgnoreCase))
            .Where(c => lastName is null || c.LastName.StartsWith(lastName, StringComparison.OrdinalIgnoreCase))
            .Where(c => parsed is null || parsed.Matches(term => CustomerTerm(c, term)))
            .Where(c => modifiedSince is null || c.UpdatedAt >= modifiedSince)
            .Where(c => createdSince is null || c.CreatedAt >= createdSince)
            .ToList();
        return Answer(new JsonObject
        {
            ["results"] = Array(found.Select(c => HelpDeskJson.Customer(c, _data.ConversationsOf(c).Count(), full: true))),
            ["returnedCount"] = found.Count,
            ["searchedEmail"] = email,
            ["note"] = "v3 API uses cursor-based pagination. Pass nextCursor value back as cursor parameter for more results.",
            ["usage"] = "Use customer.id with getCustomer for full profile with sub-resources.",
        });
    }

    private ToolResult GetCustomerContacts(ToolArguments args)
    {
        var id = args.RequiredString("customerId");
        var customer = FindCustomer(id);
        return Answer(new JsonObject
        {
            ["customerId"] = id,
            ["emails"] = HelpDeskJson.Emails(customer),
            ["phones"] = HelpDeskJson.Phones(customer),
            ["chats"] = new JsonArray(),
            ["socialProfiles"] = new JsonArray(),
            ["websites"] = HelpDeskJson.Websites(customer),
            ["address"] = HelpDeskJson.Address(customer),
            ["usage"] = "This returns all contact channels for a customer. Use getCustomer for the full profile with demographics.",
        });
    }

    private ToolResult GetOrganization(ToolArguments args)
    {
        var organization = FindOrganization(args.RequiredString("organizationId"));
        var json = args.Bool("includeCounts", true)
            ? HelpDeskJson.Organization(organization, _data.MembersOf(organization).Count(), _data.ConversationsOf(organization).Count())
            : HelpDeskJson.Organization(organization, null, null);
        if (args.Bool("includeProperties", false))
        {
            json["properties"] = new JsonArray();
        }

        return Answer(new JsonObject
        {
            ["organization"] = json,
            ["usage"] = "NEXT STEPS: Use getOrganizationMembers to see customers in this org. Use getOrganizationConversations to see all conversations.",
        });
    }

    private ToolResult ListOrganizations(ToolArguments args)
    {
        var page = Math.Max(1, Whole(args, "page") ?? 1);
        var descending = (args.String("sortOrder") ?? "desc") == "desc";
        var organizations = _data.Organizations.Select(o => (
            Organization: o,
            Customers: _data.MembersOf(o).Count(),
            Conversations: _data.ConversationsOf(o).ToList())).ToList();
        Func<(Organization Organization, int Customers, List<Conversation> Conversations), IComparable> key = (args.String("sortField") ?? "lastInteractionAt") switch
        {
            "name" => o => o.Organization.Name,
            "customerCount" => o => o.Customers,
            "conversationCount" => o => o.Conversations.Count,
            _ => o => o.Conversations.Count == 0 ? DateTimeOffset.MinValue : o.Conversations.Max(c => c.UserUpdatedAt),
        };
        var sorted = (descending ? organizations.OrderByDescending(key) : organizations.OrderBy(key)).ToList();
        var shown = sorted.Skip((page - 1) * CustomerPageSize).Take(CustomerPageSize).ToList();
        return Answer(new JsonObject
        {
            ["results"] = Array(shown.Select(o => HelpDeskJson.Organization(o.Organization, o.Customers, o.Conversations.Count))),
            ["returnedCount"] = shown.Count,
            ["pagination"] = HelpDeskJson.Page(CustomerPageSize, sorted.Count, page),
            ["usage"] = "Use organization.id with getOrganization for details, getOrganizationMembers for customers, or getOrganizationConversations for support history.",
        });
    }

    private ToolResult GetOrganizationMembers(ToolArguments args)
    {
        var id = args.RequiredString("organizationId");
        var organization = FindOrganization(id);
        var page = Math.Max(1, Whole(args, "page") ?? 1);
        var members = _data.MembersOf(organization).ToList();
        var shown = members.Skip((page - 1) * CustomerPageSize).Take(CustomerPageSize).ToList();
        return Answer(new JsonObject
        {
            ["organizationId"] = id,
            ["members"] = Array(shown.Select(c => HelpDeskJson.Customer(c, _data.ConversationsOf(c).Count(), full: true))),
            ["returnedCount"] = shown.Count,
            ["pagination"] = HelpDeskJson.Page(CustomerPageSize, members.Count, page),
            ["usage"] = "Use customer.id with getCustomer for full profile or structuredConversationFilter(customerIds) for their conversations.",
        });
    }

    private ToolResult GetOrganizationConversations(ToolArguments args)
    {
        var id = args.RequiredString("organizationId");
        var organization = FindOrganization(id);
        var page = Math.Max(1, Whole(args, "page") ?? 1);
        var conversations = Sort(_data.ConversationsOf(organization), "createdAt", "desc").ToList();
        var shown = conversations.Skip((page - 1) * CustomerPageSize).Take(CustomerPageSize).ToList();
        return Answer(new JsonObject
        {
            ["organizationId"] = id,
            ["conversations"] = Array(shown.Select(c =>
            {
                // The server reads customer/updatedAt from keys the v2 API lacks, so they come out absent.
                var json = new JsonObject
                {
                    ["id"] = c.Id,
                    ["number"] = c.Number,
                    ["subject"] = c.Subject,
                    ["status"] = c.Status,
                };
                if (c.Assignee is { } assignee)
                {
                    json["assignee"] = HelpDeskJson.User(assignee);
                }

                json["createdAt"] = HelpDeskJson.Time(c.CreatedAt);
                json["closedAt"] = c.ClosedAt is { } closed ? HelpDeskJson.Time(closed) : null;
                json["tags"] = HelpDeskJson.Tags(c.Tags);
                return json;
            })),
            ["returnedCount"] = shown.Count,
            ["pagination"] = HelpDeskJson.Page(CustomerPageSize, conversations.Count, page),
            ["usage"] = "Use conversation.id with getThreads to read full message history, or getConversationSummary for a quick overview.",
        });
    }

    private protected override ToolResult? CheckArguments(ToolDescriptor tool, JsonElement arguments)
    {
        var issues = SchemaArgumentChecker.Check(tool.InputSchema, arguments);
        if (issues.Count == 0 && arguments.ValueKind == JsonValueKind.Object && tool.InputSchema.TryGetProperty("properties", out var properties))
        {
            foreach (var argument in arguments.EnumerateObject())
            {
                if (argument.Value.ValueKind != JsonValueKind.String)
                {
                    continue;
                }

                if (NumericIds.Contains(argument.Name) && !argument.Value.GetString()!.All(char.IsAsciiDigit))
                {
                    issues.Add(new ArgumentIssue(argument.Name, ArgumentIssueKind.Invalid, argument.Value, $"{argument.Name} must be a numeric ID (digits only)"));
                }
                else if (properties.TryGetProperty(argument.Name, out var schema) && schema.TryGetProperty("format", out var format) &&
                         format.ValueEquals("date-time") && !PythonTime.TryParse(argument.Value.GetString(), out _))
                {
                    issues.Add(new ArgumentIssue(argument.Name, ArgumentIssueKind.Invalid, argument.Value, "Invalid datetime"));
                }
            }
        }

        return issues.Count == 0 ? null : ArgumentError(tool.Name, arguments, issues);
    }

    private protected override ToolResult ArgumentError(string tool, JsonElement arguments, IReadOnlyList<ArgumentIssue> issues) =>
        ValidationError([.. issues.Select(ZodIssue)]);

    /// <summary>An issue worded the way zod words it.</summary>
    private static ValidationIssue ZodIssue(ArgumentIssue issue) => issue.Kind switch
    {
        ArgumentIssueKind.Missing => new(issue.Field, "Required", "invalid_type"),
        ArgumentIssueKind.WrongType => new(issue.Field, $"Expected {ZodType(issue.Expected)}, received {ZodType(issue.Actual)}", "invalid_type"),
        ArgumentIssueKind.NotInEnum => new(
            issue.Field,
            $"Invalid enum value. Expected {string.Join(" | ", issue.Allowed!.Select(a => $"'{a}'"))}, received '{issue.Actual}'",
            "invalid_enum_value"),
        ArgumentIssueKind.TooSmall => new(issue.Field, $"Number must be greater than or equal to {issue.Limit}", "too_small"),
        ArgumentIssueKind.TooBig => new(issue.Field, $"Number must be less than or equal to {issue.Limit}", "too_big"),
        ArgumentIssueKind.TooFewItems => new(issue.Field, $"Array must contain at least {issue.Limit} element(s)", "too_small"),
        ArgumentIssueKind.TooManyItems => new(issue.Field, $"Array must contain at most {issue.Limit} element(s)", "too_big"),
        ArgumentIssueKind.NotAllowed => new(issue.Field, $"Unrecognized key(s) in object: '{issue.Field.Split('.')[^1]}'", "unrecognized_keys"),
        _ => new(issue.Field, issue.Expected ?? "Invalid", "invalid_string"),
    };

    private static string ZodType(string? schemaType) => schemaType == "integer" ? "number" : schemaType ?? "unknown";

    private static string ZodType(JsonElement? value) => value?.ValueKind switch
    {
        JsonValueKind.String => "string",
        JsonValueKind.Number => "number",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        JsonValueKind.Array => "array",
        JsonValueKind.Object => "object",
        JsonValueKind.Null => "null",
        _ => "undefined",
    };

    private ToolResult ValidationError(IReadOnlyList<ValidationIssue> issues) => Error(new JsonObject
    {
        ["error"] = new JsonObject
        {
            ["code"] = "INVALID_INPUT",
            ["message"] = "Invalid input parameters provided",
            ["type"] = "validation_error",
            ["validationIssues"] = Array(issues.Select(i => new JsonObject { ["field"] = i.Field, ["message"] = i.Message, ["code"] = i.Code })),
            ["requestId"] = NextRequestId(),
        },
    });

    private MockToolException ApiError(string code, string message, JsonObject details) => new(Error(new JsonObject
    {
        ["error"] = new JsonObject
        {
            ["code"] = code,
            ["message"] = message,
            ["type"] = "api_error",
            ["details"] = details,
            ["requestId"] = NextRequestId(),
        },
    }));

    private MockToolException NotFound(string resource, string id) =>
        ApiError("NOT_FOUND", $"Help Scout resource not found: {resource} {id} does not exist or is not accessible", new JsonObject
        {
            ["status"] = 404,
            ["resource"] = resource,
            ["id"] = id,
        });

    private string NextRequestId() => $"mock-{Interlocked.Increment(ref _requests):D6}";

    private Conversation FindConversation(string id) =>
        _data.Conversations.FirstOrDefault(c => c.Id.ToString(CultureInfo.InvariantCulture) == id) ?? throw NotFound("conversation", id);

    private Customer FindCustomer(string id) =>
        _data.Customers.FirstOrDefault(c => c.Id.ToString(CultureInfo.InvariantCulture) == id) ?? throw NotFound("customer", id);

    private Organization FindOrganization(string id) =>
        _data.Organizations.FirstOrDefault(o => o.Id.ToString(CultureInfo.InvariantCulture) == id) ?? throw NotFound("organization", id);

    private IEnumerable<Conversation> Matching(HelpScoutQuery? query, string? inboxId, string? tag, IReadOnlyCollection<string> statuses) =>
        _data.Conversations
            .Where(c => statuses.Contains(c.Status))
            .Where(c => inboxId is null || c.Mailbox.Id.ToString(CultureInfo.InvariantCulture) == inboxId)
            .Where(c => tag is null || c.Tags.Contains(tag, StringComparer.OrdinalIgnoreCase))
            .Where(c => query is null || query.Matches(term => ConversationTerm(c, term)));

    private HelpScoutQuery? ParseQuery(string? text, Func<Customer, QueryTerm, bool>? customerFields = null)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        HelpScoutQuery query;
        try
        {
            query = HelpScoutQuery.Parse(text);
        }
        catch (FormatException e)
        {
            throw InvalidQuery(text, e.Message);
        }

        // The API rejects fields it does not know; check every term once, before matching.
        var sampleConversation = _data.Conversations[0];
        var sampleCustomer = _data.Customers[0];
        foreach (var term in query.Terms)
        {
            try
            {
                _ = customerFields is null ? ConversationTerm(sampleConversation, term) : customerFields(sampleCustomer, term);
            }
            catch (FormatException e)
            {
                throw InvalidQuery(text, e.Message);
            }
        }

        return query;
    }

    private MockToolException InvalidQuery(string query, string reason) =>
        ApiError("INVALID_INPUT", $"Help Scout rejected the search query: {reason}", new JsonObject { ["status"] = 400, ["query"] = query });

    private static bool ConversationTerm(Conversation c, QueryTerm term)
    {
        var value = term.Value.ToLowerInvariant();
        switch (term.Field?.ToLowerInvariant())
        {
            case null:
                return Contains(c.SearchText, value);
            case "body":
                return Contains(c.BodyText, value);
            case "subject":
                return Contains(c.Subject.ToLowerInvariant(), value);
            case "email":
            case "customeremail":
                return Contains(c.Customer.Email, value);
            case "tag":
                return c.Tags.Any(tag => Wildcard(tag, value));
            case "status":
                return c.Status == value;
            case "number":
                return c.Number.ToString(CultureInfo.InvariantCulture) == value;
            case "id":
                return c.Id.ToString(CultureInfo.InvariantCulture) == value;
            case "mailboxid":
                return c.Mailbox.Id.ToString(CultureInfo.InvariantCulture) == value;
            case "firstname":
                return Wildcard(c.Customer.FirstName, value);
            case "lastname":
                return Wildcard(c.Customer.LastName, value);
            case "customer":
                return Contains($"{c.Customer.FirstName} {c.Customer.LastName}".ToLowerInvariant(), value);
            case "assigned":
                return c.Assignee is { } a && (Contains(a.Email, value) || Contains($"{a.First} {a.Last}".ToLowerInvariant(), value));
            case "createdat":
                return InRange(c.CreatedAt, term);
            case "modifiedat":
                return InRange(c.UserUpdatedAt, term);
            default:
                throw new FormatException($"unknown search field '{term.Field}'");
        }
    }

    private static bool CustomerTerm(Customer c, QueryTerm term)
    {
        var value = term.Value.ToLowerInvariant();
        return term.Field?.ToLowerInvariant() switch
        {
            null => Contains($"{c.FirstName} {c.LastName} {c.Email}".ToLowerInvariant(), value),
            "email" => Contains(c.Email, value),
            "firstname" => Wildcard(c.FirstName, value),
            "lastname" => Wildcard(c.LastName, value),
            "name" => Contains($"{c.FirstName} {c.LastName}".ToLowerInvariant(), value),
            "organization" or "company" => c.Organization is { } o && Contains(o.Name.ToLowerInvariant(), value),
            "jobtitle" => Contains(c.JobTitle.ToLowerInvariant(), value),
            "location" => Contains($"{c.City}, {c.State}".ToLowerInvariant(), value),
            _ => throw new FormatException($"unknown customer search field '{term.Field}'"),
        };
    }

    private static bool Contains(string text, string value) =>
        text.Contains(value.TrimEnd('*'), StringComparison.OrdinalIgnoreCase);

    private static bool Wildcard(string text, string value) =>
        value.EndsWith('*') ? text.StartsWith(value[..^1], StringComparison.OrdinalIgnoreCase) : string.Equals(text, value, StringComparison.OrdinalIgnoreCase);

    private static bool InRange(DateTimeOffset time, QueryTerm term)
    {
        if (term.RangeFrom is null || term.RangeTo is null)
        {
            throw new FormatException($"{term.Field} needs a range such as [2026-01-01T00:00:00Z TO *]");
        }

        return Bound(term.RangeFrom, term.Field!) is not { } from || time >= from
            ? Bound(term.RangeTo, term.Field!) is not { } to || time <= to
            : false;
    }

    private static DateTimeOffset? Bound(string text, string field) =>
        text == "*" ? null : PythonTime.TryParse(text, out var time) ? time : throw new FormatException($"'{text}' is not a date for {field}");

    private static IEnumerable<Conversation> Sort(IEnumerable<Conversation> conversations, string field, string order)
    {
        Func<Conversation, IComparable> key = field switch
        {
            "modifiedAt" => c => c.UserUpdatedAt,
            "number" => c => c.Number,
            "waitingSince" => c => c.Threads.Last(t => t.Type == "customer").CreatedAt,
            "customerName" => c => $"{c.Customer.FirstName} {c.Customer.LastName}",
            "customerEmail" => c => c.Customer.Email,
            "mailboxId" => c => c.Mailbox.Id,
            "status" => c => c.Status,
            "subject" => c => c.Subject,
            _ => c => c.CreatedAt,
        };
        return order == "asc" ? conversations.OrderBy(key) : conversations.OrderByDescending(key);
    }

    private static IEnumerable<Customer> SortCustomers(IEnumerable<Customer> customers, string field, string order)
    {
        Func<Customer, IComparable> key = field switch
        {
            "firstName" => c => c.FirstName,
            "lastName" => c => c.LastName,
            "modifiedAt" => c => c.UpdatedAt,
            _ => c => c.CreatedAt,
        };
        return order == "asc" ? customers.OrderBy(key) : customers.OrderByDescending(key);
    }

    /// <summary>The <c>fields</c> argument: keep only the named conversation fields.</summary>
    private static JsonObject Project(JsonObject conversation, IReadOnlyList<string>? fields)
    {
        if (fields is not { Count: > 0 })
        {
            return conversation;
        }

        foreach (var key in conversation.Select(pair => pair.Key).ToList())
        {
            if (!fields.Contains(key))
            {
                conversation.Remove(key);
            }
        }

        return conversation;
    }

    private static JsonArray Guidance(int found) => found > 0
        ? new JsonArray("\u2705 NEXT STEP: Use getConversationSummary or getThreads with a conversation id from these results")
        : new JsonArray("\u274c No conversations found. Try: a broader query, removing the status or tag filter, or comprehensiveConversationSearch with several terms");

    private static string InboxScope(string? inboxId) => inboxId is null ? "ALL inboxes" : $"Specific inbox: {inboxId}";

    /// <summary>A zod <c>number</c> used as a count or id: fractions are accepted, as the server accepts them, and floored.</summary>
    private static int? Whole(ToolArguments args, string name) =>
        args.Number(name) is { } number ? (int)Math.Clamp(Math.Floor(number), int.MinValue, int.MaxValue) : null;

    private static DateTimeOffset? Date(ToolArguments args, string name) =>
        args.String(name) is { } text && PythonTime.TryParse(text, out var time) ? time : null;

    private static DateTimeOffset TruncateToSecond(DateTimeOffset time) => new(time.UtcTicks - time.UtcTicks % TimeSpan.TicksPerSecond, TimeSpan.Zero);

    private static JsonArray Array(IEnumerable<JsonNode?> items) => new([.. items]);

    private static ToolResult Answer(JsonObject answer) => ToolResult.Text(JsonText.Indented(answer));

    private static ToolResult Error(JsonObject error) => ToolResult.Text(JsonText.Indented(error), isError: true);

    private sealed record ValidationIssue(string Field, string Message, string Code);
}
