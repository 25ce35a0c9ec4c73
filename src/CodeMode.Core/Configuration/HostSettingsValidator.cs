using FluentValidation;
using static CodeMode.Core.Configuration.ConfigurationLimits;

namespace CodeMode.Core.Configuration;

/// <summary>Validates the <c>server</c> section: where the HTTP host listens and how large a snippet it accepts.</summary>
public sealed class HostSettingsValidator : AbstractValidator<HostSettings>
{
    private const string UrlsFix =
        "set \"urls\" to one or more absolute http(s) URLs without a path, separated by ';', e.g. \"http://127.0.0.1:5199\"";

    public HostSettingsValidator()
    {
        RuleFor(s => s.Urls).AsJsonField()
            .NotEmpty()
            .WithMessage("is empty: the host would have nowhere to listen")
            .WithFix(UrlsFix);

        RuleFor(s => s.Urls).AsJsonField()
            .Custom((urls, context) =>
            {
                if (string.IsNullOrWhiteSpace(urls))
                {
                    return;
                }

                foreach (var url in urls.Split(';'))
                {
                    if (ListenProblem(url.Trim()) is { } problem)
                    {
                        context.AddError(context.PropertyPath, problem, UrlsFix);
                    }
                }
            });

        RuleFor(s => s.MaxCodeBytes).AsJsonField().Within(MinCodeBytes, ConfigurationLimits.MaxCodeBytes, "bytes", 256 * 1024);
        RuleFor(s => s.McpSessionIdleSeconds).AsJsonField().Within(1, MaxMcpSessionIdleSeconds, "seconds", 600);
        RuleFor(s => s.McpMaxSessions).AsJsonField().Within(1, MaxMcpSessions, "sessions", 100);
        RuleForEach(s => s.McpAllowedOrigins).AsJsonField()
            .Must(origin => OriginProblem(origin) is null)
            .WithMessage((_, origin) => OriginProblem(origin) ?? "")
            .WithFix("list origins as scheme://host[:port] without a path, e.g. \"https://app.example.com\"");
    }

    private const int MaxMcpSessionIdleSeconds = 24 * 60 * 60;
    private const int MaxMcpSessions = 10_000;

    // A browser's Origin header: scheme, host and port only.
    private static string? OriginProblem(string? origin) =>
        Uri.TryCreate(origin, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
        && uri.AbsolutePath == "/" && origin?.EndsWith('/') != true && uri.Query.Length == 0 && uri.Fragment.Length == 0
            ? null
            : $"\"{origin}\" is not an origin (scheme://host[:port], no path)";

    // What Kestrel accepts: an http(s) URL whose host may be '*' or '+' (every interface), and no path.
    private static string? ListenProblem(string url)
    {
        if (url.Length == 0)
        {
            return "has an empty entry between ';' separators";
        }

        var parsable = url.Replace("://*", "://any-interface", StringComparison.Ordinal)
            .Replace("://+", "://any-interface", StringComparison.Ordinal);
        if (!Uri.TryCreate(parsable, UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            return $"\"{url}\" is not an absolute http or https URL";
        }

        if (uri.AbsolutePath != "/" || uri.Query.Length > 0 || uri.Fragment.Length > 0)
        {
            return $"\"{url}\" has a path, query or fragment, which a listen address cannot have";
        }

        return null;
    }
}
