using FluentValidation;
using static CodeMode.Core.Configuration.ConfigurationLimits;

namespace CodeMode.Core.Configuration;

/// <summary>Validates the <c>sandbox</c> section: pool size, queue length and the worker timings.</summary>
public sealed class SandboxSettingsValidator : AbstractValidator<SandboxSettings>
{
    public SandboxSettingsValidator()
    {
        RuleFor(s => s.PoolSize).AsJsonField().Within(MinPoolSize, MaxPoolSize, "workers", 2);
        RuleFor(s => s.MaxQueuedExecutions).AsJsonField()
            .Within(MinQueuedExecutions, ConfigurationLimits.MaxQueuedExecutions, "executions", 64);
        RuleFor(s => s.WorkerStartTimeoutMs).AsJsonField()
            .Within(MinWorkerStartTimeoutMs, MaxWorkerStartTimeoutMs, "milliseconds", 20_000);
        RuleFor(s => s.KillGraceMs).AsJsonField().Within(MinKillGraceMs, MaxKillGraceMs, "milliseconds", 30);
    }
}
