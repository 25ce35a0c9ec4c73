using CodeMode.Mocks.HelpScout;

namespace CodeMode.Mocks.Tests;

/// <summary>The help desk is generated with Bogus from a seed: deterministic per seed, different across seeds, always coherent.</summary>
public sealed class HelpDeskDataSetTests
{
    private static readonly DateTimeOffset Now = new(2026, 8, 21, 10, 15, 30, TimeSpan.Zero);

    public static TheoryData<int> Seeds => new() { HelpDeskDataSet.DefaultSeed, 1, 42, 987654 };

    private static string Fingerprint(HelpDeskDataSet data) => string.Join("\n", data.Conversations.Select(c =>
        $"{c.Id}|{c.Number}|{c.Subject}|{c.Status}|{c.Customer.Id}|{c.Assignee?.Id}|{c.Type}|{c.CreatedAt:O}|{c.ClosedAt:O}|{string.Join(",", c.Tags)}|"
        + string.Join(";", c.Threads.Select(t => $"{t.Id}:{t.Type}:{t.CreatedAt:O}"))));

    [Fact]
    public void SameSeedAndClock_GiveTheSameHelpDesk()
    {
        Assert.Equal(Fingerprint(new HelpDeskDataSet(Now, 42)), Fingerprint(new HelpDeskDataSet(Now, 42)));
    }

    [Fact]
    public void DifferentSeeds_GiveDifferentConversations()
    {
        var first = new HelpDeskDataSet(Now, 42);
        var second = new HelpDeskDataSet(Now, 43);

        Assert.NotEqual(Fingerprint(first), Fingerprint(second));
        // Not just different ids: statuses, customers and dates differ too.
        Assert.NotEqual(first.Conversations.Select(c => (c.Subject, c.Status, c.Customer.Id)), second.Conversations.Select(c => (c.Subject, c.Status, c.Customer.Id)));
    }

    [Fact]
    public void HelpScoutMock_WithAnotherSeed_AnswersFromAnotherHelpDesk()
    {
        var clock = new FixedTimeProvider(Now);
        string All(HelpScoutMockServer server) => server.Call("searchConversations", """{"limit":100}""").Text();

        Assert.Equal(All(new HelpScoutMockServer(clock)), All(new HelpScoutMockServer(clock, HelpDeskDataSet.DefaultSeed)));
        Assert.NotEqual(All(new HelpScoutMockServer(clock)), All(new HelpScoutMockServer(clock, 7)));
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void AnySeed_GivesACoherentHelpDesk(int seed)
    {
        var data = new HelpDeskDataSet(Now, seed);

        Assert.InRange(data.Conversations.Count, 24, 36);
        Assert.Equal(["active", "closed", "pending", "spam"], data.Conversations.Select(c => c.Status).Distinct().Order());
        Assert.Equal(data.Conversations.Count, data.Conversations.Select(c => c.Number).Distinct().Count());
        Assert.Equal(data.Conversations.OrderBy(c => c.CreatedAt).Select(c => c.Number), data.Conversations.Select(c => c.Number));
        Assert.All(data.Conversations, c =>
        {
            Assert.Equal("customer", c.Threads[0].Type);
            Assert.Equal(c.CreatedAt, c.Threads[0].CreatedAt);
            Assert.Equal(c.Threads.OrderBy(t => t.CreatedAt).Select(t => t.Id), c.Threads.Select(t => t.Id));
            Assert.All(c.Threads, t => Assert.True(t.CreatedAt < Now, $"{c.Subject}: a thread in the future"));
            Assert.Contains(c.Customer, data.Customers);
            switch (c.Status)
            {
                case "pending":
                    Assert.Contains(c.Threads, t => t.Type == "message");
                    break;
                case "closed":
                    Assert.NotNull(c.ClosedAt);
                    Assert.True(c.ClosedAt >= c.Threads[^1].CreatedAt && c.ClosedAt <= Now);
                    Assert.NotNull(c.ClosedBy);
                    break;
                case "spam":
                    Assert.Null(c.Assignee);
                    Assert.Empty(c.Tags);
                    break;
            }
        });
    }
}
