using ModelContextProtocol.Client;

namespace CodeMode.Mcp.Clients;

/// <summary>Turns a resolved <see cref="McpServerEndpoint"/> into the SDK transport for its type.</summary>
public static class McpTransportFactory
{
    public static IClientTransport Create(McpServerEndpoint endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        return endpoint.Transport switch
        {
            McpTransports.Http or McpTransports.Sse => new HttpClientTransport(new HttpClientTransportOptions
            {
                Name = endpoint.Name,
                Endpoint = endpoint.Url ?? throw new InvalidOperationException($"server '{endpoint.Name}' has no url"),
                TransportMode = endpoint.Transport == McpTransports.Sse ? HttpTransportMode.Sse : HttpTransportMode.StreamableHttp,
                AdditionalHeaders = endpoint.Headers.ToDictionary(),
                ConnectionTimeout = endpoint.ConnectTimeout,
                // A dropped stream is our reconnect logic's business, with its own backoff.
                MaxReconnectionAttempts = 0,
            }),
            _ => new StdioClientTransport(new StdioClientTransportOptions
            {
                Name = endpoint.Name,
                Command = endpoint.Command ?? throw new InvalidOperationException($"server '{endpoint.Name}' has no command"),
                Arguments = endpoint.Args.ToList(),
                WorkingDirectory = endpoint.Cwd,
                // The host's environment may hold other servers' secrets: pass only the basics a process needs
                // (PATH, HOME...) plus the server's own env.
                InheritEnvironmentVariables = false,
                EnvironmentVariables = StdioEnvironment(endpoint.Env),
                ShutdownTimeout = TimeSpan.FromSeconds(2),
            }),
        };
    }

    private static Dictionary<string, string?> StdioEnvironment(IReadOnlyDictionary<string, string> env)
    {
        var variables = new Dictionary<string, string?>(StdioClientTransportOptions.GetDefaultEnvironmentVariables());
        foreach (var (name, value) in env)
        {
            variables[name] = value;
        }

        return variables;
    }
}
