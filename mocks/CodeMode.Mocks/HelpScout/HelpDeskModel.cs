namespace CodeMode.Mocks.HelpScout;

/// <summary>A Help Scout inbox (mailbox).</summary>
internal sealed record Mailbox(int Id, string Name, string Slug, string Email, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <summary>A Help Scout user (staff member).</summary>
internal sealed record StaffUser(int Id, string First, string Last, string Email);

/// <summary>A Help Scout organization (company of customers).</summary>
internal sealed record Organization(
    int Id,
    string Name,
    string Website,
    string Description,
    string Location,
    IReadOnlyList<string> Domains,
    IReadOnlyList<string> Phones,
    string BrandColor,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);

/// <summary>A Help Scout customer with the contact channels the API embeds.</summary>
internal sealed record Customer(
    int Id,
    string FirstName,
    string LastName,
    string Email,
    string Phone,
    string JobTitle,
    string City,
    string State,
    string PostalCode,
    string Street,
    Organization? Organization,
    string Background,
    string? Website,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);

/// <summary>One thread (message, reply, note) of a conversation.</summary>
/// <param name="Type"><c>customer</c>, <c>message</c> (staff reply) or <c>note</c>.</param>
internal sealed record ConversationThread(
    int Id,
    string Type,
    string Status,
    string Body,
    Customer Customer,
    StaffUser? Author,
    StaffUser? AssignedTo,
    DateTimeOffset CreatedAt);

/// <summary>A conversation (ticket), its threads oldest first.</summary>
internal sealed record Conversation(
    long Id,
    int Number,
    string Type,
    string Subject,
    string Status,
    Mailbox Mailbox,
    int FolderId,
    StaffUser? Assignee,
    Customer Customer,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ClosedAt,
    StaffUser? ClosedBy,
    IReadOnlyList<string> Tags,
    IReadOnlyList<ConversationThread> Threads,
    string? Plan)
{
    public DateTimeOffset UserUpdatedAt => Threads[^1].CreatedAt;

    /// <summary>Subject, thread bodies and customer name/email as plain lower-case text, for full-text matching.</summary>
    public string SearchText { get; } = string.Join(
        "\n",
        [Subject, .. Threads.Select(thread => HelpDeskJson.PlainText(thread.Body)), Customer.FirstName + " " + Customer.LastName, Customer.Email]).ToLowerInvariant();

    public string BodyText { get; } = string.Join("\n", Threads.Select(thread => HelpDeskJson.PlainText(thread.Body))).ToLowerInvariant();
}
