using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace CodeMode.Mocks.HelpScout;

/// <summary>The Help Scout Mailbox API 2.0 shapes of the data set's objects, as the MCP server passes them through.</summary>
internal static partial class HelpDeskJson
{
    private const string Api = "https://api.helpscout.net/v2/";

    public static string Time(DateTimeOffset time) => time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static string PlainText(string html) => WebUtility.HtmlDecode(HtmlTag().Replace(html, " ")).Trim();

    public static JsonObject Inbox(Mailbox mailbox) => new()
    {
        ["id"] = mailbox.Id,
        ["name"] = mailbox.Name,
        ["email"] = mailbox.Email,
        ["createdAt"] = Time(mailbox.CreatedAt),
        ["updatedAt"] = Time(mailbox.UpdatedAt),
    };

    public static JsonObject User(StaffUser user) => new()
    {
        ["id"] = user.Id,
        ["type"] = "user",
        ["first"] = user.First,
        ["last"] = user.Last,
        ["email"] = user.Email,
    };

    public static JsonArray Tags(IEnumerable<string> tags) => new([.. tags.Select(tag =>
    {
        var (id, color) = HelpDeskDataSet.TagStyle(tag);
        return (JsonNode)new JsonObject { ["id"] = id, ["color"] = color, ["tag"] = tag };
    })]);

    public static JsonObject Conversation(Conversation conversation, DateTimeOffset now)
    {
        var customer = conversation.Customer;
        var latest = conversation.Threads.Last(thread => thread.Type != "note");
        var lastCustomer = conversation.Threads.Last(thread => thread.Type == "customer");
        var preview = PlainText(latest.Body);
        var json = new JsonObject
        {
            ["id"] = conversation.Id,
            ["number"] = conversation.Number,
            ["threads"] = conversation.Threads.Count,
            ["type"] = conversation.Type,
            ["folderId"] = conversation.FolderId,
            ["status"] = conversation.Status,
            ["state"] = "published",
            ["subject"] = conversation.Subject,
            ["preview"] = preview.Length > 100 ? preview[..100] + "..." : preview,
            ["mailboxId"] = conversation.Mailbox.Id,
        };
        if (conversation.Assignee is { } assignee)
        {
            json["assignee"] = User(assignee);
        }

        json["createdBy"] = new JsonObject { ["id"] = customer.Id, ["type"] = "customer", ["email"] = customer.Email };
        json["createdAt"] = Time(conversation.CreatedAt);
        json["closedBy"] = conversation.ClosedBy?.Id ?? 0;
        if (conversation.ClosedBy is { } closedBy)
        {
            json["closedByUser"] = User(closedBy);
        }

        json["closedAt"] = conversation.ClosedAt is { } closedAt ? Time(closedAt) : null;
        json["userUpdatedAt"] = Time(conversation.UserUpdatedAt);
        json["customerWaitingSince"] = new JsonObject
        {
            ["time"] = Time(lastCustomer.CreatedAt),
            ["friendly"] = Friendly(now - lastCustomer.CreatedAt),
            ["latestReplyFrom"] = latest.Type == "customer" ? "customer" : "user",
        };
        json["source"] = new JsonObject { ["type"] = conversation.Type, ["via"] = "customer" };
        json["tags"] = Tags(conversation.Tags);
        json["cc"] = new JsonArray();
        json["bcc"] = new JsonArray();
        json["primaryCustomer"] = new JsonObject
        {
            ["id"] = customer.Id,
            ["type"] = "customer",
            ["first"] = customer.FirstName,
            ["last"] = customer.LastName,
            ["email"] = customer.Email,
        };
        json["customFields"] = conversation.Plan is { } plan
            ? new JsonArray(new JsonObject { ["id"] = 6688, ["name"] = "Plan", ["value"] = PlanValue(plan), ["text"] = plan })
            : new JsonArray();
        json["_links"] = new JsonObject
        {
            ["mailbox"] = Link($"mailboxes/{conversation.Mailbox.Id}"),
            ["primaryCustomer"] = Link($"customers/{customer.Id}"),
            ["threads"] = Link($"conversations/{conversation.Id}/threads"),
            ["self"] = Link($"conversations/{conversation.Id}"),
        };
        return json;
    }

    public static JsonObject Thread(ConversationThread thread)
    {
        var customer = thread.Customer;
        var json = new JsonObject
        {
            ["id"] = thread.Id,
            ["type"] = thread.Type,
            ["status"] = thread.Status,
            ["state"] = "published",
            ["action"] = thread.Type == "customer"
                ? new JsonObject { ["type"] = "default", ["text"] = "", ["associatedEntities"] = new JsonObject() }
                : null,
            ["body"] = thread.Body,
            ["source"] = new JsonObject { ["type"] = "email", ["via"] = thread.Author is null ? "customer" : "user" },
            ["customer"] = new JsonObject
            {
                ["id"] = customer.Id,
                ["first"] = customer.FirstName,
                ["last"] = customer.LastName,
                ["email"] = customer.Email,
            },
            ["createdBy"] = thread.Author is { } author
                ? User(author)
                : new JsonObject
                {
                    ["id"] = customer.Id,
                    ["type"] = "customer",
                    ["first"] = customer.FirstName,
                    ["last"] = customer.LastName,
                    ["email"] = customer.Email,
                },
            ["assignedTo"] = thread.AssignedTo is { } assigned ? User(assigned) : null,
        };
        if (thread.Type == "message")
        {
            json["savedReplyId"] = 0;
        }

        json["to"] = thread.Type == "message" ? new JsonArray(customer.Email) : new JsonArray();
        json["cc"] = new JsonArray();
        json["bcc"] = new JsonArray();
        json["createdAt"] = Time(thread.CreatedAt);
        if (thread.Type == "message")
        {
            json["openedAt"] = Time(thread.CreatedAt.AddMinutes(48));
        }

        json["_embedded"] = new JsonObject { ["attachments"] = new JsonArray() };
        json["_links"] = thread.Author is { } by
            ? new JsonObject { ["createdByUser"] = Link($"users/{by.Id}") }
            : new JsonObject { ["createdByCustomer"] = Link($"customers/{customer.Id}") };
        return json;
    }

    /// <summary>A customer as GET /customers/{id} returns it; <paramref name="full"/> adds _embedded and _links.</summary>
    public static JsonObject Customer(Customer customer, int conversationCount, bool full)
    {
        var json = new JsonObject
        {
            ["id"] = customer.Id,
            ["firstName"] = customer.FirstName,
            ["lastName"] = customer.LastName,
            ["gender"] = "unknown",
            ["jobTitle"] = customer.JobTitle,
            ["location"] = $"{customer.City}, {customer.State}",
            ["organization"] = customer.Organization?.Name ?? "",
            ["organizationId"] = customer.Organization?.Id,
            ["photoType"] = "unknown",
            ["photoUrl"] = "",
            ["age"] = "",
            ["background"] = customer.Background,
            ["conversationCount"] = conversationCount,
            ["draft"] = false,
            ["createdAt"] = Time(customer.CreatedAt),
            ["updatedAt"] = Time(customer.UpdatedAt),
        };
        if (full)
        {
            json["_embedded"] = new JsonObject
            {
                ["emails"] = Emails(customer),
                ["phones"] = Phones(customer),
                ["chats"] = new JsonArray(),
                ["social_profiles"] = new JsonArray(),
                ["websites"] = Websites(customer),
                ["address"] = Address(customer),
                ["properties"] = new JsonArray(),
            };
            json["_links"] = new JsonObject
            {
                ["address"] = Link($"customers/{customer.Id}/address"),
                ["emails"] = Link($"customers/{customer.Id}/emails"),
                ["self"] = Link($"customers/{customer.Id}"),
            };
        }

        return json;
    }

    public static JsonArray Emails(Customer customer) => [new JsonObject { ["id"] = customer.Id * 10L + 1, ["value"] = customer.Email, ["type"] = "work" }];

    public static JsonArray Phones(Customer customer) => [new JsonObject { ["id"] = customer.Id * 10L + 2, ["value"] = customer.Phone, ["type"] = "work" }];

    public static JsonArray Websites(Customer customer) =>
        customer.Website is { } website ? [new JsonObject { ["id"] = customer.Id * 10L + 3, ["value"] = website }] : [];

    public static JsonObject Address(Customer customer) => new()
    {
        ["city"] = customer.City,
        ["state"] = customer.State,
        ["postalCode"] = customer.PostalCode,
        ["country"] = "US",
        ["lines"] = new JsonArray(customer.Street),
    };

    public static JsonObject Organization(Organization organization, int? customerCount, int? conversationCount)
    {
        var json = new JsonObject
        {
            ["id"] = organization.Id,
            ["name"] = organization.Name,
            ["website"] = organization.Website,
            ["description"] = organization.Description,
            ["location"] = organization.Location,
            ["logoUrl"] = null,
            ["note"] = null,
            ["domains"] = new JsonArray([.. organization.Domains.Select(d => (JsonNode)d)]),
            ["phones"] = new JsonArray([.. organization.Phones.Select(p => (JsonNode)p)]),
            ["brandColor"] = organization.BrandColor,
        };
        if (customerCount is { } customers)
        {
            json["customerCount"] = customers;
        }

        if (conversationCount is { } conversations)
        {
            json["conversationCount"] = conversations;
        }

        json["createdAt"] = Time(organization.CreatedAt);
        json["updatedAt"] = Time(organization.UpdatedAt);
        return json;
    }

    /// <summary>Help Scout's page object (1-based page number).</summary>
    public static JsonObject Page(int size, int totalElements, int number = 1) => new()
    {
        ["size"] = size,
        ["totalElements"] = totalElements,
        ["totalPages"] = totalElements == 0 ? 0 : (totalElements + size - 1) / size,
        ["number"] = number,
    };

    public static string Friendly(TimeSpan age)
    {
        if (age.TotalMinutes < 1)
        {
            return "just now";
        }

        if (age.TotalHours < 1)
        {
            return Plural((int)age.TotalMinutes, "minute") + " ago";
        }

        return age.TotalDays < 1 ? Plural((int)age.TotalHours, "hour") + " ago" : Plural((int)age.TotalDays, "day") + " ago";
    }

    private static string Plural(int n, string unit) => n == 1 ? $"1 {unit}" : $"{n} {unit}s";

    private static string PlanValue(string plan) => plan switch { "Basic" => "33075", "Standard" => "33076", _ => "33077" };

    private static JsonObject Link(string path) => new() { ["href"] = Api + path };

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex HtmlTag();
}
