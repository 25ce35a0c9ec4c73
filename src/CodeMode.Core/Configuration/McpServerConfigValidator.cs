using System.Text.RegularExpressions;
using FluentValidation;
using static CodeMode.Core.Configuration.ConfigurationLimits;

namespace CodeMode.Core.Configuration;

/// <summary>
/// Validates one entry of <c>mcpServers</c>: a stdio server has a <c>command</c>, an http/sse server an absolute
/// http(s) <c>url</c>, no field belonging to the other transport is set (it would be ignored), the mock exists,
/// limits are finite, and every <c>${NAME}</c> placeholder is well-formed. Messages never quote env or header values.
/// </summary>
public sealed partial class McpServerConfigValidator : AbstractValidator<McpServerConfig>
{
    public const string StdioTransport = "stdio";
    public const string HttpTransport = "http";
    public const string SseTransport = "sse";

    /// <summary>The transports <c>type</c> may name.</summary>
    public static IReadOnlyList<string> Transports { get; } = [StdioTransport, HttpTransport, SseTransport];

    /// <summary>The mocks CodeMode ships; <c>mock</c> must name one of them.</summary>
    public static IReadOnlyList<string> BuiltInMocks { get; } = ["automem", "serena", "helpscout"];

    private const string RemoteFix = "set \"type\": \"http\" (Streamable HTTP) or \"sse\" (legacy SSE) together with \"url\"";

    public McpServerConfigValidator()
    {
        RuleFor(s => s.Type).AsJsonField()
            .Must(type => Transports.Contains(type, StringComparer.Ordinal))
            .When(s => s.Type is not null)
            .WithMessage((_, type) => $"\"{type}\" is not a transport CodeMode speaks")
            .WithFix($"set \"type\" to one of {ConfigRuleExtensions.Quoted(Transports)}, or remove it for a stdio server with a \"command\"");

        RuleFor(s => s.Type).AsJsonField()
            .NotNull()
            .When(s => s.Command is null && s.Url is not null)
            .WithMessage("is missing: a server with a \"url\" must name its transport")
            .WithFix(RemoteFix);

        // stdio: the command line.
        RuleFor(s => s.Command).AsJsonField()
            .NotNull()
            .When(s => s.Type is null && s.Url is null)
            .WithMessage("is missing: a server needs a \"command\" (stdio) or a \"url\" (http/sse)")
            .WithFix($"for a local server set \"command\" (and \"args\"); for a remote one {RemoteFix}");

        RuleFor(s => s.Command).AsJsonField()
            .NotNull()
            .When(s => s.Type == StdioTransport)
            .WithMessage("is missing: a stdio server is started from its command")
            .WithFix("set \"command\" to the program that starts the server, e.g. \"npx\"");

        RuleFor(s => s.Command).AsJsonField()
            .Must(command => !string.IsNullOrWhiteSpace(command))
            .When(s => s.Command is not null)
            .WithMessage("is empty")
            .WithFix("set \"command\" to the program that starts the server, e.g. \"npx\"");

        RuleFor(s => s.Url).AsJsonField()
            .Null()
            .When(IsStdio)
            .WithMessage("is set, but a stdio server has no url, so it would be ignored")
            .WithFix($"remove \"url\", or remove \"command\" and {RemoteFix}");

        RuleFor(s => s.Headers).AsJsonField()
            .Empty()
            .When(IsStdio)
            .WithMessage("is set, but headers are only sent to http/sse servers, so they would be ignored")
            .WithFix("remove \"headers\"");

        // http / sse: the endpoint.
        RuleFor(s => s.Url).AsJsonField()
            .NotNull()
            .When(IsRemote)
            .WithMessage((s, _) => $"is missing: an {s.Type} server is reached at its url")
            .WithFix("set \"url\" to the server's endpoint, e.g. \"http://127.0.0.1:9121/mcp\"");

        RuleFor(s => s.Url).AsJsonField()
            .Must(IsAbsoluteHttpUrlOrPlaceholder)
            .When(s => s.Url is not null && ConfigPlaceholders.FindProblem(s.Url) is null)
            // Not quoted back: a URL may carry a token (?api_token=...).
            .WithMessage("is not an absolute http or https URL")
            .WithFix("write the full endpoint with its scheme and host, e.g. \"https://example.com/mcp\"");

        RuleFor(s => s.Command).AsJsonField()
            .Null()
            .When(s => IsRemote(s) && s.Command is not null)
            .WithMessage((s, _) => $"is set, but an {s.Type} server is not started by CodeMode, so it would be ignored")
            .WithFix("remove \"command\", or remove \"type\" and \"url\" for a stdio server");

        RuleFor(s => s.Args).AsJsonField()
            .Empty()
            .When(IsRemote)
            .WithMessage((s, _) => $"is set, but an {s.Type} server is not started by CodeMode, so it would be ignored")
            .WithFix("remove \"args\"");

        RuleFor(s => s.Env).AsJsonField()
            .Empty()
            .When(IsRemote)
            .WithMessage((s, _) => $"is set, but an {s.Type} server is not started by CodeMode, so it would be ignored")
            .WithFix("remove \"env\"; send credentials in \"headers\" instead");

        RuleFor(s => s.Cwd).AsJsonField()
            .Null()
            .When(IsRemote)
            .WithMessage((s, _) => $"is set, but an {s.Type} server is not started by CodeMode, so it would be ignored")
            .WithFix("remove \"cwd\"");

        RuleFor(s => s.Cwd).AsJsonField()
            .Must(cwd => !string.IsNullOrWhiteSpace(cwd))
            .When(s => s.Cwd is not null)
            .WithMessage("is empty")
            .WithFix("set \"cwd\" to the directory the server starts in, or remove it");

        // CodeMode's own fields.
        RuleFor(s => s.Mock).AsJsonField()
            .Must(mock => BuiltInMocks.Contains(mock, StringComparer.Ordinal))
            .When(s => s.Mock is not null)
            .WithMessage((_, mock) => $"\"{mock}\" is not a built-in mock")
            .WithFix($"use one of {ConfigRuleExtensions.Quoted(BuiltInMocks)}, or remove \"mock\" for a server without a fallback");

        RuleFor(s => s.RateLimitPerMinute).AsJsonField()
            .Within(MinRateLimitPerMinute, MaxRateLimitPerMinute, "calls per minute", 100);

        RuleFor(s => s.TimeoutMs).AsJsonField()
            .Within(MinServerTimeoutMs, MaxServerTimeoutMs, "milliseconds", 30_000);

        // ${NAME} placeholders, wherever the host resolves them.
        RuleFor(s => s.Command).AsJsonField().Placeholders();
        RuleForEach(s => s.Args).AsJsonField().Placeholders();
        RuleFor(s => s.Cwd).AsJsonField().Placeholders();
        RuleFor(s => s.Url).AsJsonField().Placeholders();
        RuleFor(s => s.Env).AsJsonField().Custom((env, context) => CheckEntries(env, context, isEnv: true));
        RuleFor(s => s.Headers).AsJsonField().Custom((headers, context) => CheckEntries(headers, context, isEnv: false));
    }

    private static bool IsStdio(McpServerConfig server) =>
        server.Type == StdioTransport || (server.Type is null && server.Command is not null);

    private static bool IsRemote(McpServerConfig server) => server.Type is HttpTransport or SseTransport;

    // A placeholder may stand for any part of the URL; check what is literal and leave the rest to the host.
    private static bool IsAbsoluteHttpUrlOrPlaceholder(string? url)
    {
        if (url is null || url.StartsWith("${", StringComparison.Ordinal))
        {
            return true;
        }

        var literal = PlaceholderPattern().Replace(url, "placeholder");
        return Uri.TryCreate(literal, UriKind.Absolute, out var uri)
            && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            && uri.Host.Length > 0;
    }

    private static void CheckEntries(IReadOnlyDictionary<string, string> entries, ValidationContext<McpServerConfig> context, bool isEnv)
    {
        foreach (var (name, value) in entries)
        {
            var path = ConfigJsonPath.Key(context.PropertyPath, name);
            if (isEnv && !ConfigNames.IsEnvironmentVariableName(name))
            {
                context.AddError(path, $"\"{name}\" is not an environment variable name",
                    "use letters, digits and _ (not starting with a digit), e.g. AUTOMEM_API_KEY");
            }
            else if (!isEnv && !HeaderNamePattern().IsMatch(name))
            {
                context.AddError(path, $"\"{name}\" is not an HTTP header name",
                    "use a header name such as Authorization (letters, digits and - only)");
            }

            if (ConfigPlaceholders.FindProblem(value) is { } problem)
            {
                context.AddError(path, problem, ConfigPlaceholders.Fix);
            }
        }
    }

    [GeneratedRegex(@"\$\{[A-Za-z_][A-Za-z0-9_]*\}")]
    private static partial Regex PlaceholderPattern();

    // RFC 9110 token characters.
    [GeneratedRegex(@"^[!#$%&'*+.^_`|~0-9A-Za-z-]+$")]
    private static partial Regex HeaderNamePattern();
}
