using System.Threading.Channels;
using CodeMode.Abstractions.Audit;
using CodeMode.Core.Configuration;
using Microsoft.Extensions.Logging;

namespace CodeMode.Core.Audit;

/// <summary>
/// The <see cref="IAuditSink"/> of the host: <see cref="Record"/> only offers the record to a bounded queue and returns,
/// so auditing never slows an execution down or blocks a thread-pool thread. One dedicated thread drains the queue in
/// batches into the <see cref="SqliteAuditStore"/>, redacts configured secrets on the way, and prunes by retention at
/// start-up and hourly. When the queue is full the record is dropped, counted (<see cref="SecurityMetrics.AuditDroppedTotal"/>)
/// and reported in the log: losing an audit line is better than stalling every execution behind a slow disk.
/// </summary>
public sealed class AuditWriter : IAuditSink, IAsyncDisposable, IDisposable
{
    private const int BatchSize = 512;
    private static readonly TimeSpan DefaultGatherWindow = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan PruneInterval = TimeSpan.FromHours(1);

    private readonly Channel<object> _queue;
    private readonly SqliteAuditStore _store;
    private readonly AuditSettings _settings;
    private readonly SecretRedactor _redactor;
    private readonly SecurityMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Thread _thread;
    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);

    // Set when the drain should stop gathering and write now: a flush, disposal, or a queue half full.
    private readonly ManualResetEventSlim _writeNow = new(false);
    private readonly int _hurryAt;
    private readonly TimeSpan _gatherWindow;
    private long _droppedLogged;
    private DateTimeOffset _lastPrune;

    public AuditWriter(SqliteAuditStore store, AuditSettings settings, SecretRedactor redactor, SecurityMetrics metrics, TimeProvider timeProvider, ILogger<AuditWriter> logger)
        : this(store, settings, redactor, metrics, timeProvider, logger, DefaultGatherWindow)
    {
    }

    /// <param name="gatherWindow">How long the writer gathers records before a transaction unless told to write now.</param>
    internal AuditWriter(
        SqliteAuditStore store, AuditSettings settings, SecretRedactor redactor, SecurityMetrics metrics, TimeProvider timeProvider, ILogger<AuditWriter> logger, TimeSpan gatherWindow)
    {
        _gatherWindow = gatherWindow;
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _settings = settings ?? throw new ArgumentNullException(nameof(settings));
        _redactor = redactor ?? throw new ArgumentNullException(nameof(redactor));
        _metrics = metrics ?? throw new ArgumentNullException(nameof(metrics));
        _time = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
        _queue = Channel.CreateBounded<object>(new BoundedChannelOptions(settings.QueueCapacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
        });

        _hurryAt = Math.Max(1, Math.Min(BatchSize, settings.QueueCapacity / 2));
        Prune();
        _thread = new Thread(Drain) { IsBackground = true, Name = "CodeMode audit writer" };
        _thread.Start();
    }

    public void Record(AuditRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (!_queue.Writer.TryWrite(record))
        {
            _metrics.AuditDropped();
        }
        else if (_queue.Reader.Count >= _hurryAt && !_writeNow.IsSet)
        {
            _writeNow.Set();
        }
    }

    /// <summary>Completes once every record offered before the call is in the store (for reads that must see them).</summary>
    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        var flushed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        try
        {
            await _queue.Writer.WriteAsync(flushed, cancellationToken).ConfigureAwait(false);
            _writeNow.Set();
        }
        catch (ChannelClosedException)
        {
            return;
        }

        await flushed.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes what is queued and stops the thread.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        _writeNow.Set();
        await _stopped.Task.ConfigureAwait(false);
    }

    /// <summary>The synchronous form of <see cref="DisposeAsync"/>, for containers disposed synchronously.</summary>
    public void Dispose()
    {
        _queue.Writer.TryComplete();
        _writeNow.Set();
        _thread.Join();
    }

    private void Drain()
    {
        var batch = new List<AuditRecord>(BatchSize);
        var flushes = new List<TaskCompletionSource>();
        try
        {
            // A dedicated thread may block on the queue; the thread pool never does.
            while (_queue.Reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
            {
                _writeNow.Wait(_gatherWindow);
                _writeNow.Reset();
                DrainQueued(batch, flushes);
                ReportDrops();
                if (_time.GetUtcNow() - _lastPrune >= PruneInterval)
                {
                    Prune();
                }
            }
        }
        finally
        {
            _stopped.TrySetResult();
        }
    }

    /// <summary>Writes everything queued, in batches; a flush completes once what was queued before it is written.</summary>
    private void DrainQueued(List<AuditRecord> batch, List<TaskCompletionSource> flushes)
    {
        var more = true;
        while (more)
        {
            more = false;
            while (batch.Count < BatchSize && _queue.Reader.TryRead(out var item))
            {
                if (item is AuditRecord record)
                {
                    batch.Add(Redact(record));
                }
                else
                {
                    flushes.Add((TaskCompletionSource)item);
                }

                more = true;
            }

            Write(batch);
            batch.Clear();
            flushes.ForEach(flush => flush.TrySetResult());
            flushes.Clear();
        }
    }

    private void Write(List<AuditRecord> batch)
    {
        try
        {
            _store.Append(batch);
        }
        catch (Exception exception)
        {
            // A full disk or a locked file must not take the host down; the loss is counted and logged.
            _metrics.AuditDropped(batch.Count);
            _logger.LogError(exception, "Could not write {Count} audit records to {Path}", batch.Count, _store.Path);
        }
    }

    private void ReportDrops()
    {
        var dropped = _metrics.AuditDroppedTotal;
        if (dropped != _droppedLogged)
        {
            _logger.LogWarning("The audit queue was full (security.audit.queueCapacity {Capacity}): {Dropped} audit records dropped since start-up",
                _settings.QueueCapacity, dropped);
            _droppedLogged = dropped;
        }
    }

    private void Prune()
    {
        _lastPrune = _time.GetUtcNow();
        try
        {
            var removed = _store.Prune(_lastPrune, TimeSpan.FromDays(_settings.RetentionDays), _settings.MaxRows);
            if (removed > 0)
            {
                _logger.LogInformation("Pruned {Count} audit records (retentionDays {Days}, maxRows {MaxRows})", removed, _settings.RetentionDays, _settings.MaxRows);
            }
        }
        catch (Exception exception)
        {
            _logger.LogError(exception, "Could not prune the audit log at {Path}", _store.Path);
        }
    }

    private AuditRecord Redact(AuditRecord record)
    {
        var arguments = _settings.AuditArguments ? _redactor.Redact(record.Arguments) : null;
        var detail = _redactor.Redact(record.Detail);
        return ReferenceEquals(arguments, record.Arguments) && ReferenceEquals(detail, record.Detail)
            ? record
            : record with { Arguments = arguments, Detail = detail };
    }
}
