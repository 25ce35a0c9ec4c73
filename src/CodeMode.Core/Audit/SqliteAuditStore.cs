using System.Globalization;
using System.Text.Json;
using CodeMode.Abstractions.Audit;
using Microsoft.Data.Sqlite;

namespace CodeMode.Core.Audit;

/// <summary>
/// The audit log in one SQLite file (WAL mode, so readers never wait for the writer). Writes come only from
/// <see cref="AuditWriter"/>'s background thread, in batches of one transaction each; queries open their own
/// connection. Times are stored as Unix milliseconds, newest-first paging walks the row id.
/// </summary>
public sealed class SqliteAuditStore : IAuditStore
{
    private const string InsertColumns =
        "timestamp_ms, kind, outcome, client_id, execution_id, runtime, server, tool, code, source, duration_ms, argument_hash, argument_bytes, arguments, detail";

    private const string Columns = "id, " + InsertColumns;

    private readonly string _connectionString;

    /// <summary>Opens (creating when needed) the file at <paramref name="path"/>, its directory, and the schema.</summary>
    public SqliteAuditStore(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        Path = System.IO.Path.GetFullPath(path);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();

        using var connection = Open();
        Execute(connection, """
            PRAGMA journal_mode = WAL;
            CREATE TABLE IF NOT EXISTS audit (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                timestamp_ms INTEGER NOT NULL,
                kind TEXT NOT NULL,
                outcome TEXT NOT NULL,
                client_id TEXT,
                execution_id TEXT,
                runtime TEXT,
                server TEXT,
                tool TEXT,
                code TEXT,
                source TEXT,
                duration_ms REAL,
                argument_hash TEXT,
                argument_bytes INTEGER,
                arguments TEXT,
                detail TEXT);
            CREATE INDEX IF NOT EXISTS audit_timestamp ON audit (timestamp_ms);
            """);
    }

    public string Path { get; }

    /// <summary>Appends <paramref name="records"/> in one transaction.</summary>
    public void Append(IReadOnlyList<AuditRecord> records)
    {
        if (records.Count == 0)
        {
            return;
        }

        using var connection = Open();
        using var transaction = connection.BeginTransaction();
        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = $"INSERT INTO audit ({InsertColumns}) VALUES ($t, $kind, $outcome, $client, $execution, $runtime, $server, $tool, $code, $source, $duration, $hash, $bytes, $arguments, $detail)";
        var parameters = new[] { "$t", "$kind", "$outcome", "$client", "$execution", "$runtime", "$server", "$tool", "$code", "$source", "$duration", "$hash", "$bytes", "$arguments", "$detail" }
            .Select(name => insert.Parameters.Add(new SqliteParameter { ParameterName = name }))
            .ToArray();
        foreach (var record in records)
        {
            object?[] values =
            [
                record.Timestamp.ToUnixTimeMilliseconds(), KindName(record.Kind), record.Outcome, record.ClientId, record.ExecutionId, record.Runtime,
                record.Server, record.Tool, record.Code, record.Source, record.DurationMs, record.ArgumentHash, record.ArgumentBytes, record.Arguments, record.Detail,
            ];
            for (var i = 0; i < values.Length; i++)
            {
                parameters[i].Value = values[i] ?? DBNull.Value;
            }

            insert.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    /// <summary>Deletes records older than <paramref name="retention"/> and all but the newest <paramref name="maxRows"/>; returns how many.</summary>
    public int Prune(DateTimeOffset now, TimeSpan retention, int maxRows)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            DELETE FROM audit WHERE timestamp_ms < $cutoff;
            DELETE FROM audit WHERE id <= (SELECT COALESCE(MAX(id), 0) FROM audit) - $max;
            """;
        command.Parameters.AddWithValue("$cutoff", (now - retention).ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$max", maxRows);
        return command.ExecuteNonQuery();
    }

    public Task<AuditPage> QueryAsync(AuditQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var limit = Math.Clamp(query.Limit, 1, AuditQuery.MaxLimit);
        using var connection = Open();
        using var command = connection.CreateCommand();
        var where = new List<string>();
        void Filter(string clause, string name, object? value)
        {
            if (value is not null)
            {
                where.Add(clause);
                command.Parameters.AddWithValue(name, value);
            }
        }

        Filter("timestamp_ms >= $from", "$from", query.From?.ToUnixTimeMilliseconds());
        Filter("timestamp_ms <= $to", "$to", query.To?.ToUnixTimeMilliseconds());
        Filter("client_id = $client", "$client", query.ClientId);
        Filter("server = $server", "$server", query.Server);
        Filter("outcome = $outcome", "$outcome", query.Outcome);
        Filter("kind = $kind", "$kind", query.Kind is { } kind ? KindName(kind) : null);
        Filter("id < $before", "$before", query.Before);
        command.CommandText = $"SELECT {Columns} FROM audit {(where.Count > 0 ? "WHERE " + string.Join(" AND ", where) : "")} ORDER BY id DESC LIMIT $limit";
        command.Parameters.AddWithValue("$limit", limit + 1);

        var records = new List<AuditRecord>(Math.Min(limit + 1, 256));
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                cancellationToken.ThrowIfCancellationRequested();
                records.Add(Read(reader));
            }
        }

        // One extra row says whether another page exists without a second query.
        long? next = null;
        if (records.Count > limit)
        {
            records.RemoveAt(limit);
            next = records[^1].Id;
        }

        return Task.FromResult(new AuditPage(records, next));
    }

    public Task<AuditCounts> CountAsync(CancellationToken cancellationToken = default)
    {
        using var connection = Open();
        var byKind = Group(connection, "kind");
        var byOutcome = Group(connection, "outcome");
        return Task.FromResult(new AuditCounts(byKind.Values.Sum(), byKind, byOutcome));
    }

    private static Dictionary<string, long> Group(SqliteConnection connection, string column)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {column}, COUNT(*) FROM audit GROUP BY {column} ORDER BY {column}";
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            counts[reader.GetString(0)] = reader.GetInt64(1);
        }

        return counts;
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        Execute(connection, "PRAGMA busy_timeout = 30000; PRAGMA synchronous = NORMAL;");
        return connection;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static AuditRecord Read(SqliteDataReader reader) => new()
    {
        Id = reader.GetInt64(0),
        Timestamp = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1)),
        Kind = Enum.Parse<AuditKind>(reader.GetString(2), ignoreCase: true),
        Outcome = reader.GetString(3),
        ClientId = Text(reader, 4),
        ExecutionId = Text(reader, 5),
        Runtime = Text(reader, 6),
        Server = Text(reader, 7),
        Tool = Text(reader, 8),
        Code = Text(reader, 9),
        Source = Text(reader, 10),
        DurationMs = reader.IsDBNull(11) ? null : reader.GetDouble(11),
        ArgumentHash = Text(reader, 12),
        ArgumentBytes = reader.IsDBNull(13) ? null : reader.GetInt64(13),
        Arguments = Text(reader, 14),
        Detail = Text(reader, 15),
    };

    private static string? Text(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    /// <summary>The kind as stored and as the API spells it: <c>toolCall</c>.</summary>
    public static string KindName(AuditKind kind) => JsonNamingPolicy.CamelCase.ConvertName(kind.ToString());

    /// <summary>Parses <c>toolCall</c>, <c>execution</c>, ... as the API spells them.</summary>
    public static bool TryParseKind(string text, out AuditKind kind) =>
        Enum.TryParse(text, ignoreCase: true, out kind) && Enum.IsDefined(kind) && !int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out _);
}
