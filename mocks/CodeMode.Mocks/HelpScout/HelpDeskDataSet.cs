using Bogus;

namespace CodeMode.Mocks.HelpScout;

/// <summary>
/// A small, deterministic help desk: 3 inboxes, 4 staff users, 5 organizations, 14 customers and 20 conversations
/// with their threads. People and companies come from Bogus with a fixed seed; the support topics are written out so
/// subjects, bodies and tags make sense together. Dates are relative to the clock at creation (whole seconds), so
/// "the last 60 days" always holds most of it, and a fixed clock gives byte-identical answers.
/// </summary>
internal sealed class HelpDeskDataSet
{
    private const int Seed = 20260821;

    private static readonly Topic[] Topics =
    [
        new("Refund for duplicate charge", 1, ["billing", "refund"], "active", 20, 0,
            "Hi, I was charged twice for my March invoice. Can you refund one of the charges?",
            "I've refunded the duplicate charge; it should show on your statement in 5-7 business days.",
            "Thanks! Could you also send the corrected invoice?"),
        new("Cannot log in after password reset", 0, ["login", "bug"], "active", 6, 1,
            "After resetting my password the login page keeps saying the reset link expired.",
            "Sorry about that - we found a bug with reset links in Safari. Could you try Chrome while we fix it?"),
        new("Export conversations to CSV?", 0, ["feature-request", "reports"], "pending", 72, 2,
            "Is there a way to export all conversations to CSV? We need it for quarterly reporting.",
            "Not yet, but CSV export is on our roadmap. I've added your vote to the request."),
        new("Invoice needs our VAT number", 1, ["billing", "invoice"], "closed", 12 * 24, 0,
            "Our accountant needs our VAT number printed on invoice INV-2291.",
            "Done - the corrected invoice with your VAT number is attached."),
        new("App crashes when uploading large files", 0, ["bug", "urgent", "upload"], "active", 30, 1,
            "Uploading a 200 MB video crashes the desktop app every time.",
            "Thanks for the report. Could you send the crash log from Help > Diagnostics?",
            "Crash log attached. It always happens at 95% of the upload.",
            "Reproduced on 4.2.1 - filed ENG-4412 for the upload crash."),
        new("Upgrade to the annual plan", 2, ["sales", "upgrade"], "pending", 4 * 24, 3,
            "We'd like to move our 25 seats to the annual plan. What's the discount?",
            "Annual billing saves 20%. I've sent a quote to your email."),
        new("Two-factor codes not arriving", 0, ["login", "2fa", "urgent"], "active", 2, -1,
            "I'm not receiving the SMS codes for two-factor authentication, so I'm locked out."),
        new("Cancel our subscription", 1, ["billing", "cancellation"], "closed", 25 * 24, 0,
            "Please cancel our subscription at the end of this billing period.",
            "Your subscription is set to cancel on the 30th. We're sorry to see you go!"),
        new("API rate limit too low", 0, ["api", "feature-request"], "pending", 6 * 24, 2,
            "We keep hitting 429 errors on the conversations endpoint. Can the rate limit be raised?",
            "The limit is 400 requests per minute per account; I've asked the API team about a raise."),
        new("Wrong timezone in reports", 0, ["bug", "reports"], "closed", 40 * 24, 1,
            "Reports show times in UTC instead of our account timezone.",
            "Fixed in today's release - reports now use the account timezone."),
        new("Question about data retention", 0, ["security", "compliance"], "closed", 75 * 24, 2,
            "How long do you retain deleted conversations? We need this for our GDPR records.",
            "Deleted conversations are purged after 30 days; our DPA has the details."),
        new("Discount for nonprofits", 2, ["sales", "nonprofit"], "active", 9 * 24, 3,
            "Do you offer discounts for registered nonprofits?",
            "Yes, 30% off any plan. Please send us your registration document."),
        new("Refund request - accidental upgrade", 1, ["billing", "refund"], "pending", 28, 0,
            "I accidentally upgraded to Pro yesterday. Can I get a refund?",
            "I've reverted the upgrade and refunded the prorated amount."),
        new("Webhook deliveries failing", 0, ["api", "webhooks", "bug"], "active", 50, 1,
            "Our webhook endpoint receives nothing since Monday; the dashboard shows the deliveries failed with 410.",
            "410 means your endpoint answered Gone, so we disabled the webhook. Re-enable it under Settings > Webhooks."),
        new("Win a free phone!!!", 0, [], "spam", 3 * 24, -1,
            "Click here to claim your prize before midnight."),
        new("Seat count wrong on invoice", 1, ["billing", "invoice"], "active", 10, 0,
            "Our invoice lists 30 seats but we only have 22 active users."),
        new("SSO setup with Okta", 0, ["sso", "onboarding"], "pending", 5 * 24, 2,
            "We're setting up SAML SSO with Okta. Which ACS URL should we use?",
            "Use https://secure.acme.example/saml/acs and the entity ID shown under Settings > Security."),
        new("Demo request for our support team", 2, ["sales", "demo"], "closed", 20 * 24, 3,
            "Could we book a demo for our 12-person support team next week?",
            "Booked for Tuesday 10:00; the calendar invite is on its way."),
        new("Replies going to spam folders", 0, ["email-delivery", "bug"], "active", 15, 1,
            "Replies from our mailbox land in customers' spam folders.",
            "Please add our DKIM record to your DNS; instructions attached.",
            "Added the DKIM record, but it still happens for Gmail users."),
        new("Change our billing email", 1, ["billing"], "closed", 100 * 24, 0,
            "Please send invoices to our accounts team address from now on.",
            "Updated - future invoices go to the new address."),
    ];

    private static readonly Dictionary<string, (int Id, string Color)> TagStyles = new(StringComparer.Ordinal)
    {
        ["billing"] = (9150, "#929499"), ["refund"] = (9151, "#e52f28"), ["login"] = (9152, "#3f8ac7"),
        ["bug"] = (9153, "#e52f28"), ["feature-request"] = (9154, "#76b041"), ["reports"] = (9155, "#929499"),
        ["invoice"] = (9156, "#929499"), ["urgent"] = (9157, "#d12f2f"), ["upload"] = (9158, "#3f8ac7"),
        ["sales"] = (9159, "#f5a623"), ["upgrade"] = (9160, "#76b041"), ["2fa"] = (9161, "#3f8ac7"),
        ["cancellation"] = (9162, "#e52f28"), ["api"] = (9163, "#4a4a4a"), ["security"] = (9164, "#4a4a4a"),
        ["compliance"] = (9165, "#4a4a4a"), ["nonprofit"] = (9166, "#76b041"), ["webhooks"] = (9167, "#4a4a4a"),
        ["sso"] = (9168, "#3f8ac7"), ["onboarding"] = (9169, "#76b041"), ["demo"] = (9170, "#f5a623"),
        ["email-delivery"] = (9171, "#3f8ac7"),
    };

    private static readonly string[] Statuses = ["active", "pending", "closed", "spam"];

    public HelpDeskDataSet(DateTimeOffset now)
    {
        Now = new DateTimeOffset(now.UtcTicks - now.UtcTicks % TimeSpan.TicksPerSecond, TimeSpan.Zero);
        var faker = new Faker("en") { Random = new Randomizer(Seed) };

        Mailboxes =
        [
            new Mailbox(85123, "Support", "83ebc5d87292a795", "support@acme.example", Now.AddDays(-590), Now.AddDays(-81)),
            new Mailbox(85124, "Billing", "2f4a91c0d7e3b615", "billing@acme.example", Now.AddDays(-560), Now.AddDays(-40)),
            new Mailbox(85125, "Sales", "9d07e6b3a1c84f22", "sales@acme.example", Now.AddDays(-420), Now.AddDays(-12)),
        ];

        Users = [.. Enumerable.Range(0, 4).Select(i =>
        {
            var first = faker.Name.FirstName();
            var last = faker.Name.LastName();
            return new StaffUser(256 + i, first, last, $"{first.ToLowerInvariant()}@acme.example");
        })];

        Organizations = [.. Enumerable.Range(0, 5).Select(i =>
        {
            var name = faker.Company.CompanyName();
            var domain = new string([.. name.ToLowerInvariant().Where(char.IsAsciiLetterOrDigit)]) + ".example";
            return new Organization(
                9001 + i,
                name,
                "https://" + domain,
                faker.Company.CatchPhrase(),
                faker.Address.City(),
                [domain],
                [faker.Phone.PhoneNumber("+1-###-###-####")],
                faker.Internet.Color(),
                Now.AddDays(-500 + 30 * i),
                Now.AddDays(-60 + 5 * i));
        })];

        Customers = [.. Enumerable.Range(0, 14).Select(i =>
        {
            var first = faker.Name.FirstName();
            var last = faker.Name.LastName();
            var organization = i < 10 ? Organizations[i % Organizations.Count] : null;
            var email = organization is null
                ? faker.Internet.Email(first, last, "mail.example").ToLowerInvariant()
                : $"{first}.{last}@{organization.Domains[0]}".ToLowerInvariant();
            return new Customer(
                472611182 + i,
                first,
                last,
                email,
                faker.Phone.PhoneNumber("+1-###-###-####"),
                faker.Name.JobTitle(),
                faker.Address.City(),
                faker.Address.StateAbbr(),
                faker.Address.ZipCode("#####"),
                faker.Address.StreetAddress(),
                organization,
                faker.PickRandom("VIP since 2024", "Trial user", "Long-time customer", "Evaluating the API", ""),
                organization?.Website,
                Now.AddDays(-400 + 20 * i),
                Now.AddDays(-30 + i));
        })];

        var threadId = 7001;
        Conversations = [.. Topics.Select((topic, i) =>
        {
            var customer = Customers[i * 5 % Customers.Count];
            var assignee = topic.Assignee >= 0 ? Users[topic.Assignee] : null;
            var created = Now.AddHours(-topic.AgeHours).AddMinutes(-7 * i);
            var threads = new List<ConversationThread>
            {
                new(threadId++, "customer", "active", Html(topic.CustomerMessage), customer, null, null, created),
            };
            var at = created;
            if (topic.Reply is { } reply)
            {
                at = at.AddMinutes(45 + 13 * i);
                threads.Add(new(threadId++, "message", topic.Status == "closed" ? "closed" : "pending", Html(reply), customer, assignee ?? Users[0], assignee, at));
            }

            if (topic.FollowUp is { } followUp)
            {
                at = at.AddMinutes(95 + 11 * i);
                threads.Add(new(threadId++, "customer", "active", Html(followUp), customer, null, assignee, at));
            }

            if (topic.Note is { } note)
            {
                at = at.AddMinutes(20);
                threads.Add(new(threadId++, "note", "active", Html(note), customer, assignee ?? Users[0], assignee, at));
            }

            var closed = topic.Status == "closed";
            var mailbox = Mailboxes[topic.Mailbox];
            return new Conversation(
                2391938100 + i,
                15460 + i,
                topic.Subject.StartsWith("Demo", StringComparison.Ordinal) ? "phone" : i % 6 == 5 ? "chat" : "email",
                topic.Subject,
                topic.Status,
                mailbox,
                1234560 + 10 * topic.Mailbox + Array.IndexOf(Statuses, topic.Status),
                assignee,
                customer,
                created,
                closed ? at.AddHours(1) : null,
                closed ? assignee ?? Users[0] : null,
                topic.Tags,
                threads,
                topic.Mailbox == 1 ? faker.PickRandom("Basic", "Standard", "Pro") : null);
        })];
    }

    public DateTimeOffset Now { get; }

    public IReadOnlyList<Mailbox> Mailboxes { get; }

    public IReadOnlyList<StaffUser> Users { get; }

    public IReadOnlyList<Organization> Organizations { get; }

    public IReadOnlyList<Customer> Customers { get; }

    public IReadOnlyList<Conversation> Conversations { get; }

    public static (int Id, string Color) TagStyle(string tag) => TagStyles.TryGetValue(tag, out var style) ? style : (9999, "#929499");

    public IEnumerable<Conversation> ConversationsOf(Customer customer) => Conversations.Where(c => c.Customer.Id == customer.Id);

    public IEnumerable<Customer> MembersOf(Organization organization) => Customers.Where(c => c.Organization?.Id == organization.Id);

    public IEnumerable<Conversation> ConversationsOf(Organization organization) =>
        Conversations.Where(c => c.Customer.Organization?.Id == organization.Id);

    private static string Html(string text) => $"<p>{System.Net.WebUtility.HtmlEncode(text)}</p>";

    private sealed record Topic(
        string Subject,
        int Mailbox,
        string[] Tags,
        string Status,
        int AgeHours,
        int Assignee,
        string CustomerMessage,
        string? Reply = null,
        string? FollowUp = null,
        string? Note = null);
}
