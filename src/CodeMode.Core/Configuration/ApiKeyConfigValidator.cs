using System.Text.RegularExpressions;
using FluentValidation;
using static CodeMode.Core.Configuration.ConfigurationLimits;

namespace CodeMode.Core.Configuration;

/// <summary>Validates one <c>security.apiKeys</c> entry. Messages never quote a key or hash: they are credentials.</summary>
public sealed partial class ApiKeyConfigValidator : AbstractValidator<ApiKeyConfig>
{
    private const string OneOfFix =
        "set \"sha256\" to the key's SHA-256 in hex (printf %s \"$KEY\" | sha256sum), or \"key\" to \"${VAR}\" naming the environment variable that holds it";

    public ApiKeyConfigValidator()
    {
        RuleFor(k => k).Custom((key, context) =>
        {
            if (key.Sha256 is null == key.Key is null)
            {
                context.AddError(context.PropertyPath, key.Sha256 is null
                    ? "has neither \"sha256\" nor \"key\", so no request could present it"
                    : "has both \"sha256\" and \"key\"; only one can say what the key is", OneOfFix);
            }
        });

        RuleFor(k => k.Sha256).AsJsonField()
            .Must(hash => hash is null || Sha256Pattern().IsMatch(hash))
            .WithMessage("must be 64 hexadecimal digits (a SHA-256), not the key itself")
            .WithFix("store the hash: printf %s \"$KEY\" | sha256sum");

        RuleFor(k => k.Key).AsJsonField()
            .Must(value => value is null || PlaceholderPattern().IsMatch(value))
            .WithMessage("must be a single ${VAR} placeholder: runtimes.json never holds a key in clear")
            .WithFix("write \"key\": \"${CODEMODE_CI_KEY}\" and set that variable, or store the key's hash in \"sha256\"");

        RuleFor(k => k.Runtimes).AsJsonField().NoDuplicates();
        RuleFor(k => k.Servers).AsJsonField().NoDuplicates();
        RuleFor(k => k.Tools).AsJsonField().ToolNamesByServer();
        RuleFor(k => k.RateLimitPerMinute).AsJsonField().Within(MinApiKeyRatePerMinute, MaxApiKeyRatePerMinute, "requests per minute", 60);
    }

    /// <summary>The variable a <c>key</c> placeholder names, or null when it is not one.</summary>
    public static string? VariableOf(string? key) =>
        key is not null && PlaceholderPattern().Match(key) is { Success: true } match ? match.Groups["name"].Value : null;

    /// <summary>A client id: 1 to 64 letters, digits, '_', '-' or '.'.</summary>
    public static bool IsClientId(string? id) => id is not null && ClientIdPattern().IsMatch(id);

    [GeneratedRegex("^[0-9A-Fa-f]{64}$")]
    private static partial Regex Sha256Pattern();

    [GeneratedRegex(@"^\$\{(?<name>[A-Za-z_][A-Za-z0-9_]*)\}$")]
    private static partial Regex PlaceholderPattern();

    [GeneratedRegex(@"^[A-Za-z0-9_.\-]{1,64}$")]
    private static partial Regex ClientIdPattern();
}
