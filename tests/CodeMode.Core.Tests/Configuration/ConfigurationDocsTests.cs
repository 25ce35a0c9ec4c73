using System.Text.RegularExpressions;
using CodeMode.Core.Configuration;

namespace CodeMode.Core.Tests.Configuration;

/// <summary>docs/configuration.md shows real loader output; this keeps it real.</summary>
public sealed partial class ConfigurationDocsTests
{
    [Fact]
    public void ErrorExample_MatchesWhatTheLoaderReports()
    {
        var docs = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "docs", "configuration.md"));
        var example = ExamplePattern().Match(docs);
        Assert.True(example.Success, "docs/configuration.md lost its ```jsonc example followed by a ```text block");

        var exception = Assert.Throws<ConfigurationException>(() => RuntimesJsonLoader.Load(
            example.Groups["file"].Value, "runtimes.json", name => name == RuntimesJsonLoader.ClientTimeoutVariable ? "30s" : null));

        Assert.Equal(example.Groups["output"].Value, exception.Message);
    }

    [Fact]
    public void EveryField_IsDocumented()
    {
        var docs = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "docs", "configuration.md"));

        foreach (var field in ConfigShape.FieldsOf(typeof(RuntimeConfig)).Concat(ConfigShape.FieldsOf(typeof(McpServerConfig)))
                     .Concat(ConfigShape.FieldsOf(typeof(SandboxSettings))).Concat(ConfigShape.FieldsOf(typeof(HostSettings)))
                     .Concat(ConfigShape.FieldsOf(typeof(SecuritySettings))).Concat(ConfigShape.FieldsOf(typeof(CodeModeConfig))))
        {
            Assert.Contains($"| `{field.JsonName}` |", docs);
        }
    }

    [GeneratedRegex(@"```jsonc\n(?<file>.*?)\n```.*?```text\n(?<output>.*?)\n```", RegexOptions.Singleline)]
    private static partial Regex ExamplePattern();
}
