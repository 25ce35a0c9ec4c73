using FluentValidation;
using static CodeMode.Core.Configuration.ConfigurationLimits;

namespace CodeMode.Core.Configuration;

/// <summary>Validates <c>security.audit</c>.</summary>
public sealed class AuditSettingsValidator : AbstractValidator<AuditSettings>
{
    public AuditSettingsValidator()
    {
        RuleFor(a => a.Path).AsJsonField()
            .NotEmpty()
            .WithMessage("is empty: the audit log needs a file")
            .WithFix("set a file path, e.g. \".codemode/audit.db\", or set \"enabled\": false to keep no audit log")
            .Must(path => path is null || path.IndexOfAny(Path.GetInvalidPathChars()) < 0)
            .WithMessage("is not a valid file path")
            .WithFix("use a plain file path, e.g. \".codemode/audit.db\"");

        RuleFor(a => a.RetentionDays).AsJsonField().Within(MinAuditRetentionDays, MaxAuditRetentionDays, "days", 30);
        RuleFor(a => a.MaxRows).AsJsonField().Within(MinAuditRows, MaxAuditRows, "rows", 1_000_000);
        RuleFor(a => a.QueueCapacity).AsJsonField().Within(MinAuditQueue, MaxAuditQueue, "records", 10_000);
    }
}
