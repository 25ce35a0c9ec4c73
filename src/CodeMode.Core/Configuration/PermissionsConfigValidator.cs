using System.Globalization;
using FluentValidation;
using static CodeMode.Core.Configuration.ConfigurationLimits;

namespace CodeMode.Core.Configuration;

/// <summary>
/// Validates <c>permissions</c> on its own: directory entries are plain paths, hosts are host names, ports are ports.
/// Whether the directories exist (they resolve against the file's directory) is checked by
/// <see cref="PermissionsReferenceRules"/>, which sees the whole configuration. Executing files or commands is never
/// offered: a grant is rejected rather than ignored, so nobody believes a script has access it does not have.
/// </summary>
public sealed class PermissionsConfigValidator : AbstractValidator<PermissionsConfig>
{
    public PermissionsConfigValidator()
    {
        RuleForEach(p => p.FileSystem.Read).AsJsonField()
            .Must(IsPlainPath)
            .WithMessage((_, dir) => $"\"{dir}\" is not a directory path (empty, or contains a control character)")
            .WithFix("write a directory, absolute or relative to the directory of runtimes.json, e.g. \"data\"");
        RuleFor(p => p.FileSystem.Read).AsJsonField().NoDuplicates();

        RuleForEach(p => p.FileSystem.Write).AsJsonField()
            .Must(IsPlainPath)
            .WithMessage((_, dir) => $"\"{dir}\" is not a directory path (empty, or contains a control character)")
            .WithFix("write a directory, absolute or relative to the directory of runtimes.json, e.g. \"output\"");
        RuleFor(p => p.FileSystem.Write).AsJsonField().NoDuplicates();

        RuleFor(p => p.FileSystem.Execute).AsJsonField()
            .Empty()
            .WithMessage((_, paths) =>
                $"lists {ConfigRuleExtensions.Quoted(paths)}, but executing files is never offered: a script that can start a program has left the sandbox")
            .WithFix("remove the entries (write \"execute\": [])");

        RuleForEach(p => p.Network.AllowedHosts).AsJsonField()
            .Must(IsHostName)
            .WithMessage((_, host) => $"\"{host}\" is not a host name or IP address (no scheme, port, path or wildcard)")
            .WithFix("write the bare host, e.g. \"api.example.com\" or \"127.0.0.1\", and list its port in allowedPorts");
        RuleFor(p => p.Network.AllowedHosts).AsJsonField().NoDuplicates();

        RuleForEach(p => p.Network.AllowedPorts).AsJsonField()
            .InclusiveBetween(1, 65535)
            .WithMessage((_, port) => $"{port.ToString(CultureInfo.InvariantCulture)} is not a TCP port")
            .WithFix("use a port from 1 to 65535, e.g. 443");

        RuleFor(p => p.Network.TimeoutMs).AsJsonField().Within(MinTimeoutMs, MaxTimeoutMs, "milliseconds", 10_000);

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

    private static bool IsPlainPath(string? path) =>
        !string.IsNullOrWhiteSpace(path) && !path.Any(char.IsControl);

    /// <summary>A DNS name or an IP address, as <see cref="Uri"/> would parse it as a URL's host.</summary>
    public static bool IsHostName(string? host) =>
        !string.IsNullOrWhiteSpace(host)
        && host.Length <= 253
        && Uri.CheckHostName(host.Trim('[', ']')) is UriHostNameType.Dns or UriHostNameType.IPv4 or UriHostNameType.IPv6
        && !host.Contains('*', StringComparison.Ordinal);
}
