using System.Net;
using System.Text;
using System.Text.Json;

namespace CodeMode.Testing;

/// <summary>
/// A tiny HTTP server on 127.0.0.1 and a free port, for fetch tests. Routes:
/// <c>/text</c> "hello"; <c>/json</c> <c>{"a":1}</c>; <c>/echo</c> the request as JSON (method, body, x-test header);
/// <c>/redirect?to=URL</c> a 302 to URL; <c>/big?bytes=N</c> N bytes of 'x'; <c>/slow</c> never answers until disposed.
/// </summary>
public sealed class LoopbackHttpServer : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _loop;

    public LoopbackHttpServer()
    {
        Port = FreePort.Next();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    public int Port { get; }

    public string Url(string pathAndQuery) => $"http://127.0.0.1:{Port}{pathAndQuery}";

    public int Requests => Volatile.Read(ref _requests);

    private int _requests;
    private int _disposed;

    /// <summary>Stops the server; safe to call more than once (a test host may dispose both ways).</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stopping.CancelAsync();
        _listener.Close();
        try
        {
            await _loop;
        }
        catch (Exception exception) when (exception is HttpListenerException or ObjectDisposedException or OperationCanceledException)
        {
        }

        _stopping.Dispose();
    }

    private async Task LoopAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception exception) when (exception is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            Interlocked.Increment(ref _requests);
            _ = Task.Run(() => AnswerAsync(context));
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        var request = context.Request;
        var response = context.Response;
        try
        {
            switch (request.Url!.AbsolutePath)
            {
                case "/text":
                    await WriteAsync(response, "hello", "text/plain");
                    break;
                case "/json":
                    await WriteAsync(response, """{"a":1}""", "application/json");
                    break;
                case "/echo":
                    using (var reader = new StreamReader(request.InputStream, Encoding.UTF8))
                    {
                        var body = await reader.ReadToEndAsync();
                        var echo = JsonSerializer.Serialize(new { method = request.HttpMethod, body, test = request.Headers["x-test"] });
                        await WriteAsync(response, echo, "application/json");
                    }

                    break;
                case "/redirect":
                    response.StatusCode = 302;
                    response.RedirectLocation = request.QueryString["to"];
                    response.Close();
                    break;
                case "/big":
                    await WriteAsync(response, new string('x', int.Parse(request.QueryString["bytes"]!, System.Globalization.CultureInfo.InvariantCulture)), "text/plain");
                    break;
                case "/slow":
                    await Task.Delay(Timeout.Infinite, _stopping.Token);
                    break;
                default:
                    response.StatusCode = 404;
                    response.Close();
                    break;
            }
        }
        catch (Exception exception) when (exception is HttpListenerException or ObjectDisposedException or OperationCanceledException or IOException)
        {
            // The client went away or the server is stopping.
        }
    }

    private static async Task WriteAsync(HttpListenerResponse response, string text, string contentType)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        response.ContentType = contentType;
        response.ContentLength64 = bytes.Length;
        await response.OutputStream.WriteAsync(bytes);
        response.Close();
    }
}
