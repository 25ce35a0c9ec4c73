using Bogus;

namespace CodeMode.Mocks.HelpScout;

/// <summary>
/// A small, deterministic help desk: 3 inboxes, 4 staff users, 5 organizations, 14 customers and some two to three
/// dozen conversations with their threads, all generated with Bogus from a fixed seed. The seed decides how many
/// conversations there are, and for each one its topic, customer, status, tags, assignee, channel, dates and number of
/// threads; the topics are curated templates (subject, the customer's message, the staff reply, a follow-up, a note)
/// so that what a conversation says matches its inbox and tags. Every topic appears at least once, so every status
/// does too (the spam topic is the only spam). Dates are relative to the clock at creation (whole seconds), so
/// "the last 60 days" always holds most of it, and a fixed clock gives byte-identical answers.
/// </summary>
internal sealed class HelpDeskDataSet
{
    /// <summary>The seed of the mock everyone sees: same seed and clock, same help desk.</summary>
    public const int DefaultSeed = 20260821;

    private static readonly Topic[] Topics =
    [
        new("Refund for duplicate charge", 1, ["billing", "refund"], false,
            "Hi, I was charged twice for my March invoice. Can you refund one of the charges?",
            "I've refunded the duplicate charge; it should show on your statement in 5-7 business days.",
            "Thanks! Could you also send the corrected invoice?"),
        new("Cannot log in after password reset", 0, ["login", "bug"], false,
            "After resetting my password the login page keeps saying the reset link expired.",
            "Sorry about that - we found a bug with reset links in Safari. Could you try Chrome while we fix it?"),
        new("Export conversations to CSV?", 0, ["feature-request", "reports"], false,
            "Is there a way to export all conversations to CSV? We need it for quarterly reporting.",
            "Not yet, but CSV export is on our roadmap. I've added your vote to the request."),
        new("Invoice needs our VAT number", 1, ["billing", "invoice"], false,
            "Our accountant needs our VAT number printed on invoice INV-2291.",
            "Done - the corrected invoice with your VAT number is attached."),
        new("App crashes when uploading large files", 0, ["bug", "urgent", "upload"], false,
            "Uploading a 200 MB video crashes the desktop app every time.",
            "Thanks for the report. Could you send the crash log from Help > Diagnostics?",
            "Crash log attached. It always happens at 95% of the upload.",
            "Reproduced on 4.2.1 - filed ENG-4412 for the upload crash."),
        new("Upgrade to the annual plan", 2, ["sales", "upgrade"], false,
            "We'd like to move our 25 seats to the annual plan. What's the discount?",
            "Annual billing saves 20%. I've sent a quote to your email."),
        new("Two-factor codes not arriving", 0, ["login", "2fa", "urgent"], false,
            "I'm not receiving the SMS codes for two-factor authentication, so I'm locked out.",
            "I've reset two-factor authentication on your account: log in with your password and set it up again."),
        new("Cancel our subscription", 1, ["billing", "cancellation"], false,
            "Please cancel our subscription at the end of this billing period.",
            "Your subscription is set to cancel on the 30th. We're sorry to see you go!"),
        new("API rate limit too low", 0, ["api", "feature-request"], false,
            "We keep hitting 429 errors on the conversations endpoint. Can the rate limit be raised?",
            "The limit is 400 requests per minute per account; I've asked the API team about a raise."),
        new("Wrong timezone in reports", 0, ["bug", "reports"], false,
            "Reports show times in UTC instead of our account timezone.",
            "Fixed in today's release - reports now use the account timezone."),
        new("Question about data retention", 0, ["security", "compliance"], false,
            "How long do you retain deleted conversations? We need this for our GDPR records.",
            "Deleted conversations are purged after 30 days; our DPA has the details."),
        new("Discount for nonprofits", 2, ["sales", "nonprofit"], false,
            "Do you offer discounts for registered nonprofits?",
            "Yes, 30% off any plan. Please send us your registration document."),
        new("Refund request - accidental upgrade", 1, ["billing", "refund"], false,
            "I accidentally upgraded to Pro yesterday. Can I get a refund?",
            "I've reverted the upgrade and refunded the prorated amount."),
        new("Webhook deliveries failing", 0, ["api", "webhooks", "bug"], false,
            "Our webhook endpoint receives nothing since Monday; the dashboard shows the deliveries failed with 410.",
            "410 means your endpoint answered Gone, so we disabled the webhook. Re-enable it under Settings > Webhooks."),
        new("Win a free phone!!!", 0, [], true,
            "Click here to claim your prize before midnight."),
        new("Seat count wrong on invoice", 1, ["billing", "invoice"], false,
            "Our invoice lists 30 seats but we only have 22 active users.",
            "You're right - 8 deactivated seats were still billed. I've credited the difference to your account."),
        new("SSO setup with Okta", 0, ["sso", "onboarding"], false,
            "We're setting up SAML SSO with Okta. Which ACS URL should we use?",
            "Use https://secure.acme.example/saml/acs and the entity ID shown under Settings > Security."),
        new("Demo request for our support team", 2, ["sales", "demo"], false,
            "Could we book a demo for our 12-person support team next week?",
            "Booked for Tuesday 10:00; the calendar invite is on its way."),
        new("Replies going to spam folders", 0, ["email-delivery", "bug"], false,
            "Replies from our mailbox land in customers' spam folders.",
            "Please add our DKIM record to your DNS; instructions attached.",
            "Added the DKIM record, but it still happens for Gmail users."),
        new("Change our billing email", 1, ["billing"], false,
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

    // Most support traffic is recent and still open; a fifth of it is closed.
    private static readonly string[] OpenStatuses = ["active", "pending", "closed"];
    private static readonly float[] OpenStatusWeights = [0.45f, 0.3f, 0.25f];
    private static readonly string[] Channels = ["email", "chat", "phone"];
    private static readonly float[] ChannelWeights = [0.75f, 0.17f, 0.08f];
    private const int MaxAgeHours = 150 * 24;

    public HelpDeskDataSet(DateTimeOffset now, int seed = DefaultSeed)
    {
        Now = new DateTimeOffset(now.UtcTicks - now.UtcTicks % TimeSpan.TicksPerSecond, TimeSpan.Zero);
        var faker = new Faker("en") { Random = new Randomizer(seed) };

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

        Conversations = GenerateConversations(faker);
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

    // Every topic once, in a seeded order, then more picks of the ordinary (non-spam) topics.
    private List<Conversation> GenerateConversations(Faker faker)
    {
        var ordinary = Topics.Where(topic => !topic.IsSpam).ToArray();
        var topics = faker.Random.Shuffle(Topics).ToList();
        topics.AddRange(Enumerable.Range(0, faker.Random.Int(4, 16)).Select(_ => faker.PickRandom(ordinary)));
        var drafts = topics.Select(topic => Draft(faker, topic)).OrderBy(draft => draft.Created).ToList();

        // Numbers and ids grow with creation time, as in a real mailbox.
        var threadId = 7001;
        return [.. drafts.Select((draft, i) => Build(draft, 15460 + i, 2391938100 + i, ref threadId))];
    }

    private ConversationDraft Draft(Faker faker, Topic topic)
    {
        var status = topic.IsSpam ? "spam" : faker.Random.WeightedRandom(OpenStatuses, OpenStatusWeights);
        // Skewed towards the recent past: most conversations are days old, a few are months old.
        var ageHours = 1 + (int)(Math.Pow(faker.Random.Double(), 2.2) * MaxAgeHours);
        var created = Now.AddHours(-ageHours).AddMinutes(-faker.Random.Int(0, 59)).AddSeconds(-faker.Random.Int(0, 59));
        var assignee = status == "spam" || (status != "closed" && faker.Random.Bool(0.15f)) ? null : faker.PickRandom(Users.ToArray());
        var tags = topic.Tags.Where((_, index) => index == 0 || faker.Random.Bool(0.8f)).ToList();
        if (status == "active" && !tags.Contains("urgent") && faker.Random.Bool(0.12f))
        {
            tags.Add("urgent");
        }

        return new ConversationDraft(
            topic,
            status,
            faker.PickRandom(Customers.ToArray()),
            assignee,
            created,
            faker.Random.WeightedRandom(Channels, ChannelWeights),
            faker.Random.Int(1, 3),
            [.. Enumerable.Range(0, 4).Select(_ => faker.Random.Int(12, 9 * 60))],
            faker.Random.Int(1, 48),
            tags,
            topic.Mailbox == 1 ? faker.PickRandom("Basic", "Standard", "Pro") : null);
    }

    // The threads the status implies: pending waits on the customer (a staff reply is last), closed was answered,
    // active waits on staff; the seeded length decides how many of the topic's follow-ups and notes there are.
    private Conversation Build(ConversationDraft draft, int number, long id, ref int threadId)
    {
        var topic = draft.Topic;
        var customer = draft.Customer;
        var staff = draft.Assignee ?? Users[0];
        var planned = new List<(string Type, string Text)> { ("customer", topic.CustomerMessage) };
        if (topic.Reply is { } reply && (draft.Status is "pending" or "closed" || draft.Length >= 2))
        {
            planned.Add(("message", reply));
            if (topic.FollowUp is { } followUp && draft.Status == "active" && draft.Length >= 3)
            {
                planned.Add(("customer", followUp));
            }
        }

        if (topic.Note is { } note && draft.Status != "spam" && (draft.Length >= 2 || draft.Status == "active"))
        {
            planned.Add(("note", note));
        }

        var threads = new List<ConversationThread>();
        var at = draft.Created;
        foreach (var (type, text) in planned)
        {
            var gap = threads.Count == 0 ? 0 : draft.GapsMinutes[threads.Count - 1];
            // Never in the future: a conversation from an hour ago has its replies squeezed into that hour.
            at = Min(at.AddMinutes(gap), Now.AddSeconds(-(planned.Count - threads.Count)));
            threads.Add(type switch
            {
                "customer" => new(threadId++, "customer", "active", Html(text), customer, null, draft.Assignee, at),
                "message" => new(threadId++, "message", draft.Status == "closed" ? "closed" : "pending", Html(text), customer, staff, draft.Assignee, at),
                _ => new(threadId++, "note", "active", Html(text), customer, staff, draft.Assignee, at),
            });
        }

        var closed = draft.Status == "closed";
        return new Conversation(
            id,
            number,
            draft.Channel,
            topic.Subject,
            draft.Status,
            Mailboxes[topic.Mailbox],
            1234560 + 10 * topic.Mailbox + Array.IndexOf(Statuses, draft.Status),
            draft.Assignee,
            customer,
            draft.Created,
            closed ? Min(at.AddHours(draft.CloseAfterHours), Now) : null,
            closed ? staff : null,
            draft.Tags,
            threads,
            draft.Plan);
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private sealed record ConversationDraft(
        Topic Topic,
        string Status,
        Customer Customer,
        StaffUser? Assignee,
        DateTimeOffset Created,
        string Channel,
        int Length,
        int[] GapsMinutes,
        int CloseAfterHours,
        IReadOnlyList<string> Tags,
        string? Plan);

    private sealed record Topic(
        string Subject,
        int Mailbox,
        string[] Tags,
        bool IsSpam,
        string CustomerMessage,
        string? Reply = null,
        string? FollowUp = null,
        string? Note = null);
}
