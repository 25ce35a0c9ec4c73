using CodeMode.Abstractions.Audit;
using CodeMode.Core.Audit;
using CodeMode.Testing;

namespace CodeMode.Core.Tests.Audit;

public sealed class SqliteAuditStoreTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    private string DbPath => Path.Combine(_directory.Path, "nested", "audit.db");

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Append_ThenQuery_ReturnsEveryFieldNewestFirst()
    {
        var store = new SqliteAuditStore(DbPath);
        store.Append([AuditRecords.ToolCall(0, detail: "first"), AuditRecords.ToolCall(1, outcome: "denied", detail: "second") with { Code = "CM4002" }]);

        var page = await store.QueryAsync(new AuditQuery());

        Assert.Null(page.NextCursor);
        Assert.Equal(["second", "first"], page.Records.Select(r => r.Detail));
        var newest = page.Records[0];
        Assert.True(newest.Id > page.Records[1].Id);
        Assert.Equal(AuditRecords.Start.AddMinutes(1), newest.Timestamp);
        Assert.Equal((AuditKind.ToolCall, "denied", "ci", "exec-1", "javascript", "automem", "recall_memory", "CM4002", "mock", 1.5, 2L),
            (newest.Kind, newest.Outcome, newest.ClientId, newest.ExecutionId, newest.Runtime, newest.Server, newest.Tool, newest.Code, newest.Source, newest.DurationMs!.Value, newest.ArgumentBytes!.Value));
        Assert.Equal(new string('a', 64), newest.ArgumentHash);
    }

    [Fact]
    public async Task Query_Filters_ByTimeClientServerOutcomeAndKind()
    {
        var store = new SqliteAuditStore(DbPath);
        store.Append(
        [
            AuditRecords.ToolCall(0, client: "ci", server: "automem"),
            AuditRecords.ToolCall(1, client: "bot", server: "serena"),
            AuditRecords.ToolCall(2, client: "ci", server: "serena", outcome: "rateLimited"),
            AuditRecords.ToolCall(3, client: "ci") with { Kind = AuditKind.Execution, Server = null, Outcome = "succeeded" },
        ]);

        async Task<string[]> Executions(AuditQuery query) => (await store.QueryAsync(query)).Records.Select(r => r.ExecutionId!).ToArray();

        Assert.Equal(["exec-2", "exec-1"], await Executions(new AuditQuery(From: AuditRecords.Start.AddMinutes(1), To: AuditRecords.Start.AddMinutes(2))));
        Assert.Equal(["exec-3", "exec-2", "exec-0"], await Executions(new AuditQuery(ClientId: "ci")));
        Assert.Equal(["exec-2", "exec-1"], await Executions(new AuditQuery(Server: "serena")));
        Assert.Equal(["exec-2"], await Executions(new AuditQuery(Outcome: "rateLimited")));
        Assert.Equal(["exec-3"], await Executions(new AuditQuery(Kind: AuditKind.Execution)));
        Assert.Empty(await Executions(new AuditQuery(ClientId: "nobody")));
    }

    [Fact]
    public async Task Query_PagesWithTheCursor_UntilTheLastPage()
    {
        var store = new SqliteAuditStore(DbPath);
        store.Append(Enumerable.Range(0, 7).Select(i => AuditRecords.ToolCall(i)).ToArray());

        var seen = new List<string>();
        long? cursor = null;
        var pages = 0;
        do
        {
            var page = await store.QueryAsync(new AuditQuery(Limit: 3, Before: cursor));
            seen.AddRange(page.Records.Select(r => r.ExecutionId!));
            cursor = page.NextCursor;
            pages++;
        }
        while (cursor is not null);

        Assert.Equal(3, pages);
        Assert.Equal(Enumerable.Range(0, 7).Reverse().Select(i => "exec-" + i), seen);
    }

    [Fact]
    public async Task Prune_RemovesRecordsPastRetentionAndBeyondMaxRows()
    {
        var store = new SqliteAuditStore(DbPath);
        store.Append(Enumerable.Range(0, 10).Select(i => AuditRecords.ToolCall(i * 60 * 24)).ToArray());

        // Day 9 is "now": retention of 3 days keeps days 6..9; maxRows 3 then keeps days 7..9.
        var removed = store.Prune(AuditRecords.Start.AddDays(9), TimeSpan.FromDays(3), maxRows: 3);

        Assert.Equal(7, removed);
        var left = (await store.QueryAsync(new AuditQuery())).Records.Select(r => r.Timestamp).ToArray();
        Assert.Equal([AuditRecords.Start.AddDays(9), AuditRecords.Start.AddDays(8), AuditRecords.Start.AddDays(7)], left);
    }

    [Fact]
    public async Task SecondInstance_OnTheSameFile_SeesEarlierRecordsAndAppendsAfterThem()
    {
        var first = new SqliteAuditStore(DbPath);
        first.Append([AuditRecords.ToolCall(0)]);

        var second = new SqliteAuditStore(DbPath);
        second.Append([AuditRecords.ToolCall(1)]);

        var counts = await second.CountAsync();
        Assert.Equal(2, counts.Total);
        Assert.Equal(2, counts.ByKind["toolCall"]);
        Assert.Equal(["exec-1", "exec-0"], (await first.QueryAsync(new AuditQuery())).Records.Select(r => r.ExecutionId));
    }

    [Theory]
    [InlineData("toolCall", AuditKind.ToolCall)]
    [InlineData("execution", AuditKind.Execution)]
    [InlineData("DENIAL", AuditKind.Denial)]
    [InlineData("capability", AuditKind.Capability)]
    public void TryParseKind_AcceptsTheApiSpelling(string text, AuditKind expected)
    {
        Assert.True(SqliteAuditStore.TryParseKind(text, out var kind));
        Assert.Equal(expected, kind);
    }

    [Theory]
    [InlineData("1")]
    [InlineData("calls")]
    public void TryParseKind_RejectsOtherText(string text) => Assert.False(SqliteAuditStore.TryParseKind(text, out _));
}
