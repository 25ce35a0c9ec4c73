using System.Diagnostics;
using System.Net.Sockets;

namespace CodeMode.Integration.Tests;

/// <summary>A third-party server started by the test itself (HTTP transports), on a loopback port.</summary>
internal sealed class NodeServerProcess : IDisposable
{
    private readonly Process _process;

    private NodeServerProcess(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    /// <summary>Starts <c>node script transport</c> with <c>PORT</c> set and waits until the port accepts connections.</summary>
    public static async Task<NodeServerProcess> StartAsync(string script, string transport, int port)
    {
        var start = new ProcessStartInfo("node", [script, transport])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        // Only what node needs: server-everything's get-env tool would show anything else.
        start.Environment.Clear();
        start.Environment["PATH"] = Environment.GetEnvironmentVariable("PATH");
        start.Environment["PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new NodeServerProcess(process, port);
        for (var attempt = 0; attempt < 200; attempt++)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(System.Net.IPAddress.Loopback, port);
                return server;
            }
            catch (SocketException) when (!process.HasExited)
            {
                await Task.Delay(50);
            }
        }

        server.Dispose();
        throw new InvalidOperationException($"{script} {transport} did not listen on port {port} within 10 s");
    }

    public void Dispose()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5000);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        _process.Dispose();
    }
}
