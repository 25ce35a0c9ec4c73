using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace CodeMode.Benchmarks;

/// <summary>
/// A lean keep-alive client for POST /v1/execute, so the numbers are the server's and not the load generator's: a
/// request body is serialized once per distinct snippet, the response is read into one reused buffer, and only its
/// <c>status</c> is parsed to check that the run did what was expected.
/// </summary>
internal sealed class ExecuteClient : IDisposable
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");

    private readonly HttpClient _http;
    private readonly string _runtime;
    private readonly Dictionary<(string Code, int? TimeoutMs), byte[]> _bodies = [];
    private byte[] _buffer = new byte[64 * 1024];

    public ExecuteClient(Uri baseAddress, string runtime)
    {
        _http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = Timeout.InfiniteTimeSpan }) { BaseAddress = baseAddress };
        _runtime = runtime;
    }

    /// <summary>Runs <paramref name="code"/> once and returns the wall time in milliseconds, send to last byte read.</summary>
    /// <param name="cacheBody">False for snippets that differ on every call: their bodies are not kept.</param>
    public async Task<double> RunAsync(string code, string expectedStatus = "succeeded", int? timeoutMs = null, bool cacheBody = true)
    {
        var body = cacheBody && _bodies.TryGetValue((code, timeoutMs), out var cached) ? cached : Serialize(code, timeoutMs);
        if (cacheBody)
        {
            _bodies[(code, timeoutMs)] = body;
        }

        var started = Stopwatch.GetTimestamp();
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = Json;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/execute") { Content = content };
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        var length = await ReadAllAsync(response);
        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;

        var status = StatusOf(_buffer.AsSpan(0, length));
        if (status != expectedStatus)
        {
            throw new InvalidOperationException($"Expected {expectedStatus}, got HTTP {(int)response.StatusCode}: {Encoding.UTF8.GetString(_buffer, 0, length)}");
        }

        return elapsed;
    }

    public void Dispose() => _http.Dispose();

    private byte[] Serialize(string code, int? timeoutMs) =>
        JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object?> { ["runtime"] = _runtime, ["code"] = code, ["timeoutMs"] = timeoutMs });

    private async Task<int> ReadAllAsync(HttpResponseMessage response)
    {
        await using var stream = await response.Content.ReadAsStreamAsync();
        var length = 0;
        while (true)
        {
            if (length == _buffer.Length)
            {
                Array.Resize(ref _buffer, _buffer.Length * 2);
            }

            var read = await stream.ReadAsync(_buffer.AsMemory(length));
            if (read == 0)
            {
                return length;
            }

            length += read;
        }
    }

    // The top-level "status" of a ScriptResult, without building a document.
    private static string? StatusOf(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return null;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isStatus = reader.ValueTextEquals("status"u8);
            reader.Read();
            if (isStatus)
            {
                return reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
            }

            reader.Skip();
        }

        return null;
    }
}
