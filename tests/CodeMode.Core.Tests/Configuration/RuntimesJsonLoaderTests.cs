using CodeMode.Abstractions.Execution;
using CodeMode.Core.Configuration;

namespace CodeMode.Core.Tests.Configuration;

public sealed class RuntimesJsonLoaderTests
{
    [Fact]
    public void Load_MinimalConfig_ReturnsItWithDefaults()
    {
        var config = ConfigJson.Load(ConfigJson.Minimal);

        var runtime = config.Runtimes["javascript"];
        Assert.Equal("jint", runtime.Engine);
        Assert.Equal(5_000, runtime.Timeout);
        Assert.Equal(["automem"], runtime.Servers);
        Assert.Equal(["-y", "@verygoodplugins/mcp-automem"], config.McpServers["automem"].Args);
        Assert.Equal(30_000, config.McpServers["automem"].TimeoutMs);
        Assert.Equal("http://127.0.0.1:5199", config.Server.Urls);
    }

    [Fact]
    public void Load_CommentsAndTrailingCommas_AreAllowed()
    {
        const string json = """
            // CodeMode configuration
            {
              "runtimes": {
                /* the only runtime */
                "javascript": { "language": "javascript", "engine": "jint", },
              },
            }
            """;

        var config = ConfigJson.Load(json);

        Assert.Single(config.Runtimes);
    }

    [Fact]
    public void Load_SchemaAtRoot_IsAllowed()
    {
        var config = ConfigJson.Load(ConfigJson.With(("$schema", "\"https://example.com/runtimes.schema.json\"")));

        Assert.Single(config.Runtimes);
    }

    [Fact]
    public void Load_MalformedJson_ReportsOneErrorWithLineAndPosition()
    {
        const string json = "{\n  \"runtimes\": {\n    \"javascript\": { \"language\": javascript }\n  }\n}";

        var error = Assert.Single(ConfigJson.Errors(json));

        Assert.Equal("$", error.Path);
        Assert.Equal(3, error.Line);
        Assert.Equal(33, error.BytePositionInLine);
        Assert.Equal("is not valid JSON at line 3, byte 33: 'j' is an invalid start of a value", error.Message);
        Assert.Contains("JSON syntax", error.Fix);
    }

    [Fact]
    public void Load_EmptyText_ReportsMalformedJson()
    {
        var error = Assert.Single(ConfigJson.Errors("   "));

        Assert.Equal("$", error.Path);
        Assert.Contains("not valid JSON", error.Message);
    }

    [Fact]
    public void Load_RootIsNotAnObject_ReportsIt()
    {
        var error = Assert.Single(ConfigJson.Errors("[1, 2]"));

        Assert.Equal("$", error.Path);
        Assert.Contains("an array", error.Message);
        Assert.Contains("{ }", error.Fix);
    }

    [Fact]
    public void Load_UnknownFieldsAtEveryLevel_AreAllReportedWithTheKnownFields()
    {
        var json = ConfigJson.With(
            ("extra", "1"),
            ("runtimes.javascript.timout", "5000"),
            ("runtimes.javascript.permissions.fileSystem.delete", "[]"),
            ("mcpServers.automem.environment", "{}"),
            ("sandbox.size", "2"),
            ("server.port", "5199"),
            ("security.audit", "true"));

        var errors = ConfigJson.Errors(json);

        Assert.Equal(
            [
                "extra", "mcpServers.automem.environment", "runtimes.javascript.permissions.fileSystem.delete",
                "runtimes.javascript.timout", "sandbox.size", "security.audit", "server.port",
            ],
            errors.Select(e => e.Path).Order(StringComparer.Ordinal));
        var timeout = errors.Single(e => e.Path == "runtimes.javascript.timout");
        Assert.Contains("language, engine, timeout, memoryLimit", timeout.Message);
        Assert.Contains("did you mean \"timeout\"", timeout.Fix);
        Assert.Contains("read, write, execute", errors.Single(e => e.Path.EndsWith("delete")).Message);
    }

    [Fact]
    public void Load_FieldNameInWrongCase_IsUnknownAndTheFixNamesTheRightSpelling()
    {
        var error = ConfigJson.SingleError(ConfigJson.With(("runtimes.javascript.MaxStatements", "5")),
            "runtimes.javascript.MaxStatements", "did you mean \"maxStatements\"");

        Assert.Contains("not a known field", error.Message);
    }

    [Fact]
    public void Load_DuplicateField_IsReported()
    {
        const string json = """
            {
              "runtimes": { "javascript": { "language": "javascript", "engine": "jint", "timeout": 1000, "timeout": 2000 } }
            }
            """;

        var error = Assert.Single(ConfigJson.Errors(json));

        Assert.Equal("runtimes.javascript.timeout", error.Path);
        Assert.Contains("more than once", error.Message);
    }

    [Fact]
    public void Load_DuplicateServerName_IsReported()
    {
        const string json = """
            {
              "runtimes": { "javascript": { "language": "javascript", "engine": "jint" } },
              "mcpServers": { "automem": { "command": "npx" }, "automem": { "command": "node" } }
            }
            """;

        var error = Assert.Single(ConfigJson.Errors(json));

        Assert.Equal("mcpServers.automem", error.Path);
    }

    [Theory]
    [InlineData("runtimes.javascript.timeout", "\"5000\"", "whole number without quotes, e.g. 5000")]
    [InlineData("runtimes.javascript.timeout", "1.5", "whole number")]
    [InlineData("runtimes.javascript.maxStatements", "true", "whole number")]
    [InlineData("runtimes.javascript.timeout", "99999999999", "range")]
    [InlineData("runtimes.javascript.memoryLimit", "67108864", "string in double quotes, e.g. \"64MB\"")]
    [InlineData("runtimes.javascript.language", "null", "string")]
    [InlineData("runtimes.javascript.deniedOperations", "\"eval\"", "array of strings")]
    [InlineData("runtimes.javascript.permissions", "[]", "fileSystem, network, system")]
    [InlineData("mcpServers.automem.enabled", "\"yes\"", "true or false")]
    [InlineData("mcpServers.automem.env", "[\"A=B\"]", "object of names to strings")]
    [InlineData("security.fallbackToMock", "1", "true or false")]
    [InlineData("server.urls", "[\"http://127.0.0.1:5199\"]", "string")]
    public void Load_WrongJsonType_IsAnErrorAtThePath(string path, string json, string fixFragment)
    {
        var error = ConfigJson.SingleError(ConfigJson.With((path, json)), path, fixFragment);

        Assert.StartsWith("must be", error.Message);
    }

    [Fact]
    public void Load_WrongTypeInsideAList_IsReportedAtTheElement()
    {
        ConfigJson.SingleError(ConfigJson.With(("mcpServers.automem.args", "[\"-y\", 5]")), "mcpServers.automem.args[1]", "string");
    }

    [Fact]
    public void Load_ServerEntryOfWrongType_IsReportedOnceAndReferencesToItStillResolve()
    {
        var error = ConfigJson.SingleError(ConfigJson.With(("mcpServers.automem", "\"npx\"")), "mcpServers.automem", "object");

        Assert.Contains("a string", error.Message);
    }

    [Fact]
    public void Load_NumberInQuotes_ShowsTheString()
    {
        var error = ConfigJson.SingleError(ConfigJson.With(("runtimes.javascript.timeout", "\"5000\"")), "runtimes.javascript.timeout", "without quotes");

        Assert.Equal("must be a whole number, but is the string \"5000\"", error.Message);
    }

    [Fact]
    public void Load_RuntimeEntryOfWrongTypeUnderABadName_ReportsBoth()
    {
        var errors = ConfigJson.Errors(ConfigJson.With(("runtimes.my-js", "[]")));

        Assert.Equal(2, errors.Count);
        Assert.All(errors, e => Assert.Equal("runtimes[\"my-js\"]", e.Path));
        Assert.Contains(errors, e => e.Message.Contains("must be an object"));
        Assert.Contains(errors, e => e.Message.Contains("not an identifier"));
    }

    [Fact]
    public void Load_SeveralViolations_AreAllReportedAtOnce()
    {
        var json = ConfigJson.With(
            ("runtimes.javascript.timeout", "0"),
            ("runtimes.javascript.memoryLimit", "\"lots\""),
            ("runtimes.javascript.engine", "\"v8\""),
            ("runtimes.javascript.maxToolCalls", "\"100\""),
            ("mcpServers.automem.mock", "\"memory\""),
            ("sandbox.poolSize", "0"),
            ("unknown", "true"));

        var paths = ConfigJson.Errors(json).Select(e => e.Path).Order(StringComparer.Ordinal).ToArray();

        Assert.Equal(
            [
                "mcpServers.automem.mock", "runtimes.javascript.engine", "runtimes.javascript.maxToolCalls",
                "runtimes.javascript.memoryLimit", "runtimes.javascript.timeout", "sandbox.poolSize", "unknown",
            ],
            paths);
    }

    [Fact]
    public void Load_Errors_AreListedInFileOrder()
    {
        const string json = """
            {
              "sandbox": { "poolSize": 0 },
              "runtimes": { "javascript": { "language": "javascript", "engine": "jint", "timeout": 0, "bogus": 1 } },
              "server": { "maxCodeBytes": 0 }
            }
            """;

        var paths = ConfigJson.Errors(json).Select(e => e.Path).ToArray();

        Assert.Equal(["sandbox.poolSize", "runtimes.javascript.timeout", "runtimes.javascript.bogus", "server.maxCodeBytes"], paths);
    }

    [Fact]
    public void Exception_Message_ListsEveryErrorOnItsOwnLineWithCodeAndFile()
    {
        var json = ConfigJson.With(("runtimes.javascript.timeout", "0"), ("sandbox.poolSize", "100"));

        var exception = Assert.Throws<ConfigurationException>(() => ConfigJson.Load(json));

        var lines = exception.Message.Split('\n');
        Assert.Equal(2, lines.Length);
        Assert.All(lines, line => Assert.StartsWith($"{ErrorCodes.InvalidConfiguration} runtimes.json: ", line));
        Assert.Contains("runtimes.javascript.timeout: must be from 1 to 600000 milliseconds, but is 0", lines[0]);
        Assert.Contains("Fix: set a whole number of milliseconds from 1 to 600000, e.g. 5000.", lines[0]);
        Assert.Contains("sandbox.poolSize", lines[1]);
        Assert.Equal("CM7001", exception.Code);
        Assert.Equal("runtimes.json", exception.SourceName);
    }

    [Fact]
    public void LoadFile_MissingFile_ThrowsConfigurationExceptionNamingIt()
    {
        var path = Path.Combine(Path.GetTempPath(), $"codemode-missing-{Guid.NewGuid():N}.json");

        var exception = Assert.Throws<ConfigurationException>(() => RuntimesJsonLoader.LoadFile(path, _ => null));

        var error = Assert.Single(exception.Errors);
        Assert.Contains("does not exist", error.Message);
        Assert.StartsWith($"CM7001 {path}: $:", exception.Message);
    }

    [Fact]
    public void LoadFile_ValidFile_Loads()
    {
        var path = Path.Combine(Path.GetTempPath(), $"codemode-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, ConfigJson.Minimal);
        try
        {
            var config = RuntimesJsonLoader.LoadFile(path, _ => null);

            Assert.True(config.Runtimes.ContainsKey("javascript"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Load_RuntimeAndServerNames_AreCaseSensitive()
    {
        var error = ConfigJson.SingleError(ConfigJson.With(("runtimes.javascript.servers", "[\"AutoMem\"]")),
            "runtimes.javascript.servers[0]", "case-sensitive");

        Assert.Contains("\"automem\"", error.Message);
    }
}
