using CodeMode.Abstractions.Audit;
using CodeMode.Core.Audit;
using CodeMode.Core.Configuration;
using CodeMode.Testing;
using Microsoft.Data.Sqlite;

namespace CodeMode.Core.Tests.Audit;

public sealed class AuditWriterTests : IDisposable
{
    private const string Secret = "s3cr3t-value-42";

    private readonly TempDirectory _directory = new();
    private readonly SecurityMetrics _metrics = new();
    private readonly ListLogger<AuditWriter> _logger = new();

    public void Dispose()
    {
        _metrics.Dispose();
        _directory.Dispose();
    }

    [Fact]
    public async Task Record_IsWrittenInTheBackground_AndReadableAfterFlush()
    {
        var (store, writer) = Create(new AuditSettings());
        await using (writer)
        {
            for (var i = 0; i < 50; i++)
            {
                writer.Record(AuditRecords.ToolCall(i));
            }

            await writer.FlushAsync();
            Assert.Equal(50, (await store.CountAsync()).Total);
        }
    }

    [Fact]
    public async Task Records_ReachTheStoreWithoutAFlush_InBatches()
    {
        // The writer gathers records for a short window before a transaction; nothing waits for a flush to be stored.
        var (store, writer) = Create(new AuditSettings());
        await using (writer)
        {
            for (var i = 0; i < 1000; i++)
            {
                writer.Record(AuditRecords.ToolCall(i));
            }

            Assert.Equal(1000, await StoredSoonAsync(store, 1000));
            Assert.Equal(0, _metrics.AuditDroppedTotal);
        }
    }

    [Fact]
    public async Task Dispose_WritesWhatIsStillQueued()
    {
        var (store, writer) = Create(new AuditSettings());
        writer.Record(AuditRecords.ToolCall(0));
        writer.Record(AuditRecords.ToolCall(1));

        await writer.DisposeAsync();

        Assert.Equal(2, (await store.CountAsync()).Total);
    }

    [Fact]
    public async Task Secrets_AreRedacted_AndArgumentsDroppedUnlessAuditArgumentsIsOn()
    {
        var (store, writer) = Create(new AuditSettings());
        await using (writer)
        {
            writer.Record(AuditRecords.ToolCall(0, detail: $"server said {Secret}", arguments: $"{{\"q\":\"{Secret}\"}}"));
            await writer.FlushAsync();
        }

        var record = Assert.Single((await store.QueryAsync(new AuditQuery())).Records);
        Assert.Equal("server said [REDACTED]", record.Detail);
        Assert.Null(record.Arguments);

        var (storeWithArguments, writerWithArguments) = Create(new AuditSettings { AuditArguments = true }, "with-arguments.db");
        await using (writerWithArguments)
        {
            writerWithArguments.Record(AuditRecords.ToolCall(0, arguments: $"{{\"q\":\"{Secret}\"}}"));
            await writerWithArguments.FlushAsync();
        }

        Assert.Equal("{\"q\":\"[REDACTED]\"}", Assert.Single((await storeWithArguments.QueryAsync(new AuditQuery())).Records).Arguments);
    }

    [Fact]
    public async Task FullQueue_DropsAndCountsRecords_WithoutBlockingTheCaller()
    {
        var (store, writer) = Create(new AuditSettings { QueueCapacity = 16 });
        await using (writer)
        {
            // Another connection holds the write lock, so the writer thread stalls in its first batch (at most 512 records)
            // and the queue (16) fills: of 2000 records, most must be dropped — and Record never waits.
            using (var blocker = new SqliteConnection($"Data Source={store.Path}"))
            {
                blocker.Open();
                using (var begin = blocker.CreateCommand())
                {
                    begin.CommandText = "BEGIN IMMEDIATE";
                    begin.ExecuteNonQuery();
                }

                for (var i = 0; i < 2000; i++)
                {
                    writer.Record(AuditRecords.ToolCall(i));
                }

                using var rollback = blocker.CreateCommand();
                rollback.CommandText = "ROLLBACK";
                rollback.ExecuteNonQuery();
            }

            await writer.FlushAsync();
        }

        var written = (await store.CountAsync()).Total;
        Assert.True(_metrics.AuditDroppedTotal > 0, "nothing was dropped");
        Assert.Equal(2000, written + _metrics.AuditDroppedTotal);
        Assert.Contains(_logger.Lines, line => line.Level == Microsoft.Extensions.Logging.LogLevel.Warning && line.Message.Contains($"{_metrics.AuditDroppedTotal} audit records dropped", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Records_FillingHalfTheQueue_AreWrittenWithoutWaitingForTheWindow()
    {
        // The gathering window never ends here: only the half-full trigger can make the writer write before a flush.
        var store = new SqliteAuditStore(Path.Combine(_directory.Path, "hurry.db"));
        var writer = new AuditWriter(store, new AuditSettings { QueueCapacity = 8 }, new SecretRedactor([Secret]), _metrics, TimeProvider.System, _logger, Timeout.InfiniteTimeSpan);
        await using (writer)
        {
            for (var i = 0; i < 4; i++)
            {
                writer.Record(AuditRecords.ToolCall(i));
            }

            Assert.Equal(4, await StoredSoonAsync(store, 4));
        }
    }

    /// <summary>How many records the store holds once it has <paramref name="expected"/>, or after 30 s.</summary>
    private static async Task<long> StoredSoonAsync(SqliteAuditStore store, long expected)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((await store.CountAsync()).Total < expected && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        return (await store.CountAsync()).Total;
    }

    private (SqliteAuditStore Store, AuditWriter Writer) Create(AuditSettings settings, string name = "audit.db")
    {
        var store = new SqliteAuditStore(Path.Combine(_directory.Path, name));
        var writer = new AuditWriter(store, settings, new SecretRedactor([Secret]), _metrics, TimeProvider.System, _logger);
        return (store, writer);
    }
}
