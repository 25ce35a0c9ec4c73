using CodeMode.Core.Configuration;

namespace CodeMode.Core.Tests.Configuration;

/// <summary>The rules of one <c>runtimes</c> entry, each violated alone in an otherwise valid file.</summary>
public sealed class RuntimeRulesTests
{
    private const string Js = "runtimes.javascript";

    [Theory]
    [InlineData("timeout", "0", "milliseconds from 1 to 600000, e.g. 5000")]
    [InlineData("timeout", "-5", "milliseconds from 1 to 600000")]
    [InlineData("timeout", "600001", "milliseconds from 1 to 600000")]
    [InlineData("maxStatements", "0", "statements from 1 to 10000000000")]
    [InlineData("maxStatements", "10000000001", "statements from 1 to 10000000000")]
    [InlineData("maxRecursion", "0", "nested calls from 1 to 10000, e.g. 256")]
    [InlineData("maxRecursion", "10001", "nested calls from 1 to 10000")]
    [InlineData("maxOutputBytes", "0", "bytes from 1 to 67108864 (64MB)")]
    [InlineData("maxOutputBytes", "67108865", "bytes from 1 to 67108864 (64MB)")]
    [InlineData("maxToolCalls", "0", "tool calls from 1 to 100000, e.g. 100")]
    [InlineData("maxToolCalls", "100001", "tool calls from 1 to 100000")]
    public void Limit_OutOfRange_IsRejectedWithTheRange(string field, string value, string fix)
    {
        ConfigJson.SingleError(ConfigJson.With(($"{Js}.{field}", value)), $"{Js}.{field}", fix);
    }

    [Theory]
    [InlineData("timeout", "1")]
    [InlineData("timeout", "600000")]
    [InlineData("maxStatements", "10000000000")]
    [InlineData("maxStatements", "1e7")]
    [InlineData("maxRecursion", "10000")]
    [InlineData("maxOutputBytes", "67108864")]
    [InlineData("maxToolCalls", "100000")]
    [InlineData("memoryLimit", "\"16MB\"")]
    [InlineData("memoryLimit", "\"8GB\"")]
    [InlineData("memoryLimit", "\"1.5gb\"")]
    [InlineData("memoryLimit", "\"67108864\"")]
    public void Limit_AtTheBoundsOfItsRange_IsAccepted(string field, string value)
    {
        ConfigJson.Load(ConfigJson.With(($"{Js}.{field}", value)));
    }

    [Fact]
    public void Limit_Zero_ExplainsThereIsNoUnlimited()
    {
        var error = ConfigJson.SingleError(ConfigJson.With(($"{Js}.timeout", "0")), $"{Js}.timeout", "e.g. 5000");

        Assert.Contains("no \"0 means unlimited\"", error.Message);
    }

    [Theory]
    [InlineData("\"lots\"")]
    [InlineData("\"64 MiB\"")]
    [InlineData("\"\"")]
    public void MemoryLimit_NotASize_IsRejected(string value)
    {
        var error = ConfigJson.SingleError(ConfigJson.With(($"{Js}.memoryLimit", value)), $"{Js}.memoryLimit", "\"64MB\", \"512KB\", \"1.5GB\"");

        Assert.Contains("is not a size", error.Message);
    }

    [Theory]
    [InlineData("\"15MB\"")]
    [InlineData("\"8193MB\"")]
    [InlineData("\"1024\"")]
    public void MemoryLimit_OutOfRange_IsRejected(string value)
    {
        ConfigJson.SingleError(ConfigJson.With(($"{Js}.memoryLimit", value)), $"{Js}.memoryLimit", "from 16MB to 8GB");
    }

    [Theory]
    [InlineData("\"python\"")]
    [InlineData("\"JavaScript\"")]
    [InlineData("\"\"")]
    public void Language_Unknown_IsRejectedListingTheLanguages(string value)
    {
        ConfigJson.SingleError(ConfigJson.With(($"{Js}.language", value)), $"{Js}.language", "\"javascript\", \"csharp\", \"node\"");
    }

    [Fact]
    public void Language_Missing_IsRejected()
    {
        var error = ConfigJson.SingleError(ConfigJson.With(($"{Js}.language", null)), $"{Js}.language", "javascript");

        Assert.Equal("is missing", error.Message);
    }

    [Theory]
    [InlineData("javascript", "\"v8\"", "\"jint\"")]
    [InlineData("javascript", "\"\"", "\"jint\"")]
    [InlineData("csharp", "\"jint\"", "\"roslyn\"")]
    [InlineData("node", "\"jint\"", "\"v8\"")]
    public void Engine_NotTheLanguagesEngine_IsRejectedNamingTheRightOne(string language, string engine, string expected)
    {
        var json = ConfigJson.With(($"{Js}.language", $"\"{language}\""), ($"{Js}.engine", engine));

        ConfigJson.SingleError(json, $"{Js}.engine", $"set \"engine\" to {expected}");
    }

    [Theory]
    [InlineData("csharp", "roslyn")]
    [InlineData("node", "v8")]
    public void Engine_MatchingTheLanguage_IsAccepted(string language, string engine)
    {
        ConfigJson.Load(ConfigJson.With(($"{Js}.language", $"\"{language}\""), ($"{Js}.engine", $"\"{engine}\"")));
    }

    [Fact]
    public void SandboxType_OtherThanProcess_IsRejected()
    {
        ConfigJson.SingleError(ConfigJson.With(($"{Js}.sandboxType", "\"container\"")), $"{Js}.sandboxType", "\"process\"");
    }

    [Fact]
    public void DeniedOperations_KnownForTheLanguage_AreAccepted()
    {
        var config = ConfigJson.Load(ConfigJson.With(($"{Js}.deniedOperations", "[\"eval\", \"Function\"]")));

        Assert.Equal(["eval", "Function"], config.Runtimes["javascript"].DeniedOperations);
    }

    [Fact]
    public void DeniedOperations_Unknown_IsRejectedListingTheKnownOnes()
    {
        var error = ConfigJson.SingleError(ConfigJson.With(($"{Js}.deniedOperations", "[\"eval\", \"require\"]")),
            $"{Js}.deniedOperations[1]", "\"eval\", \"Function\"");

        Assert.Contains("\"require\" is not an operation javascript can deny", error.Message);
    }

    [Fact]
    public void DeniedOperations_WrongCase_IsRejected()
    {
        ConfigJson.SingleError(ConfigJson.With(($"{Js}.deniedOperations", "[\"function\"]")),
            $"{Js}.deniedOperations[0]", "case-sensitive");
    }

    [Fact]
    public void DeniedOperations_ForALanguageWithoutAny_IsRejected()
    {
        var json = ConfigJson.With(($"{Js}.language", "\"csharp\""), ($"{Js}.engine", "\"roslyn\""), ($"{Js}.deniedOperations", "[\"eval\"]"));

        var error = ConfigJson.SingleError(json, $"{Js}.deniedOperations[0]", "remove the entry");

        Assert.Contains("csharp has no deniable operations", error.Message);
    }

    [Fact]
    public void DeniedOperations_Duplicate_IsRejectedAtTheRepeat()
    {
        ConfigJson.SingleError(ConfigJson.With(($"{Js}.deniedOperations", "[\"eval\", \"Function\", \"eval\"]")),
            $"{Js}.deniedOperations[2]", "remove the repeated entry");
    }

    [Fact]
    public void AllowedModules_Repeated_IsRejected()
    {
        var json = ConfigJson.With(($"{Js}.allowedModules", "[\"fs\", \"fs\"]"), ($"{Js}.permissions.fileSystem.read", "[\"/tmp\"]"));

        ConfigJson.SingleError(json, $"{Js}.allowedModules[1]", "remove the repeated entry");
    }

    [Fact]
    public void Servers_Duplicate_IsRejected()
    {
        ConfigJson.SingleError(ConfigJson.With(($"{Js}.servers", "[\"automem\", \"automem\"]")), $"{Js}.servers[1]", "remove the repeated entry");
    }

    [Fact]
    public void Servers_NotInMcpServers_IsRejectedListingTheKnownOnes()
    {
        var error = ConfigJson.SingleError(ConfigJson.With(($"{Js}.servers", "[\"automem\", \"github\"]")),
            $"{Js}.servers[1]", "add \"github\" to mcpServers");

        Assert.Contains("known: \"automem\"", error.Message);
    }

    [Fact]
    public void Servers_Null_MeansEveryServer()
    {
        var config = ConfigJson.Load(ConfigJson.With(($"{Js}.servers", "null")));

        Assert.Null(config.Runtimes["javascript"].Servers);
    }

    [Fact]
    public void Runtimes_Empty_IsRejected()
    {
        var json = ConfigJson.With(("runtimes", "{}"));

        var error = Assert.Single(ConfigJson.Errors(json));

        Assert.Equal("runtimes", error.Path);
        Assert.Contains("add one", error.Fix);
    }

    [Fact]
    public void Runtimes_Missing_IsRejected()
    {
        Assert.Equal("runtimes", Assert.Single(ConfigJson.Errors(ConfigJson.With(("runtimes", null)))).Path);
    }

    [Theory]
    [InlineData("my-runtime", "runtimes[\"my-runtime\"]")]
    [InlineData("2js", "runtimes[\"2js\"]")]
    [InlineData("", "runtimes[\"\"]")]
    public void RuntimeName_NotAnIdentifier_IsRejected(string name, string path)
    {
        var json = ConfigJson.With(($"runtimes.{name}", """{ "language": "javascript", "engine": "jint" }"""));

        ConfigJson.SingleError(json, path, "letters, digits and _");
    }
}
