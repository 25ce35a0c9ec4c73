using FluentValidation;

namespace CodeMode.Core.Configuration;

/// <summary>
/// Validates <c>permissions</c>. Nothing here can be granted yet: file and network access arrive with the host's
/// brokered <c>fs</c> and <c>fetch</c>, and executing files or commands is never offered. A grant is rejected rather
/// than ignored, so nobody believes a script has access it does not have.
/// </summary>
public sealed class PermissionsConfigValidator : AbstractValidator<PermissionsConfig>
{
    private const string NotYetBrokered =
        "this build cannot broker {0} yet (the host's {1} module arrives with the security work), so the grant would be silently ignored";

    public PermissionsConfigValidator()
    {
        RuleFor(p => p.FileSystem.Read).AsJsonField()
            .Empty()
            .WithMessage((_, dirs) => $"lists {ConfigRuleExtensions.Quoted(dirs)}, but {string.Format(NotYetBrokered, "file reads", "fs")}")
            .WithFix("remove the entries (write \"read\": [])");

        RuleFor(p => p.FileSystem.Write).AsJsonField()
            .Empty()
            .WithMessage((_, dirs) => $"lists {ConfigRuleExtensions.Quoted(dirs)}, but {string.Format(NotYetBrokered, "file writes", "fs")}")
            .WithFix("remove the entries (write \"write\": [])");

        RuleFor(p => p.FileSystem.Execute).AsJsonField()
            .Empty()
            .WithMessage((_, paths) =>
                $"lists {ConfigRuleExtensions.Quoted(paths)}, but executing files is never offered: a script that can start a program has left the sandbox")
            .WithFix("remove the entries (write \"execute\": [])");

        RuleFor(p => p.Network.AllowedHosts).AsJsonField()
            .Empty()
            .WithMessage((_, hosts) => $"lists {ConfigRuleExtensions.Quoted(hosts)}, but {string.Format(NotYetBrokered, "network access", "fetch")}")
            .WithFix("remove the entries (write \"allowedHosts\": []); scripts reach remote services through mcpServers");

        RuleFor(p => p.Network.AllowedPorts).AsJsonField()
            .Empty()
            .WithMessage((_, ports) => $"lists {string.Join(", ", ports)}, but {string.Format(NotYetBrokered, "network access", "fetch")}")
            .WithFix("remove the entries (write \"allowedPorts\": [])");

        RuleFor(p => p.System.AllowedCommands).AsJsonField()
            .Empty()
            .WithMessage((_, commands) =>
                $"lists {ConfigRuleExtensions.Quoted(commands)}, but command execution is never offered: a script that can run a command has left the sandbox")
            .WithFix("remove the entries (write \"allowedCommands\": [])");

        RuleFor(p => p.System.MaxProcesses).AsJsonField()
            .Equal(0)
            .WithMessage((_, count) => $"is {count}, but scripts can never start processes (command execution is never offered)")
            .WithFix("set \"maxProcesses\" to 0 or remove it");
    }
}
