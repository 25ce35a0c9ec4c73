using CodeMode.Core.Configuration;
using FluentValidation;

namespace CodeMode.Core.Tests.Configuration;

/// <summary>The validators also work on their own, e.g. registered as <c>IValidator&lt;CodeModeConfig&gt;</c>.</summary>
public sealed class CodeModeConfigValidatorTests
{
    private static readonly CodeModeConfig Valid = new()
    {
        Runtimes = new Dictionary<string, RuntimeConfig>
        {
            ["javascript"] = new() { Language = "javascript", Engine = "jint", Servers = ["automem"] },
        },
        McpServers = new Dictionary<string, McpServerConfig>
        {
            ["automem"] = new() { Command = "npx", Mock = "automem" },
        },
    };

    [Fact]
    public void Validate_ValidConfig_HasNoErrors()
    {
        IValidator<CodeModeConfig> validator = new CodeModeConfigValidator();

        Assert.True(validator.Validate(Valid).IsValid);
    }

    [Fact]
    public void Validate_Failures_CarryJsonPathsAndFixes()
    {
        var config = Valid with
        {
            Runtimes = new Dictionary<string, RuntimeConfig>
            {
                ["javascript"] = Valid.Runtimes["javascript"] with
                {
                    MaxRecursion = 0,
                    Permissions = new PermissionsConfig { FileSystem = new FileSystemPermissions { Read = ["/etc"] } },
                },
            },
            Sandbox = new SandboxSettings { KillGraceMs = 0 },
        };

        var failures = new CodeModeConfigValidator().Validate(config).Errors;

        Assert.Equal(
            ["sandbox.killGraceMs", "runtimes.javascript.maxRecursion", "runtimes.javascript.permissions.fileSystem.read"],
            failures.Select(f => f.PropertyName));
        Assert.All(failures, f => Assert.IsType<string>(f.CustomState));
    }

    [Fact]
    public void RuntimeConfigValidator_AloneReportsRelativePaths()
    {
        var failures = new RuntimeConfigValidator().Validate(new RuntimeConfig { Language = "node", Engine = "v8", Timeout = 0 }).Errors;

        var failure = Assert.Single(failures);
        Assert.Equal("timeout", failure.PropertyName);
    }
}
