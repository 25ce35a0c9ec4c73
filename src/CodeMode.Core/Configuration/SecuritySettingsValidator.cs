using FluentValidation;
using static CodeMode.Core.Configuration.ConfigurationLimits;

namespace CodeMode.Core.Configuration;

/// <summary>Validates the <c>security</c> section.</summary>
public sealed class SecuritySettingsValidator : AbstractValidator<SecuritySettings>
{
    public SecuritySettingsValidator()
    {
        RuleFor(s => s.MaxPayloadBytes).AsJsonField()
            .Within(MinPayloadBytes, ConfigurationLimits.MaxPayloadBytes, "bytes", 1024 * 1024);
    }
}
