using System.Text.Json;
using CodeMode.Abstractions.Sandbox;
using CodeMode.Runtimes.JavaScript.Tests.Support;

namespace CodeMode.Runtimes.JavaScript.Tests;

/// <summary>
/// A tool result reaches the script as if the engine's own JSON.parse had read it: the direct conversion must agree
/// with JSON.parse on every shape, and fall back to it where it cannot decide.
/// </summary>
public sealed class ToolResultConversionTests
{
    [Theory]
    [InlineData("""{"a":1,"b":"two","c":[1,2,{"d":null}],"e":true,"f":false,"g":{}}""")]
    [InlineData("""[]""")]
    [InlineData("""[5]""")]
    [InlineData("""[[[]],{},"",0]""")]
    [InlineData("""{"z":1,"a":2,"m":3,"10":4,"2":5}""")]
    [InlineData("""{"n":-0.0,"big":1.7976931348623157e308,"small":5e-324,"frac":0.1,"int":9007199254740993}""")]
    [InlineData("""{"s":"caf\u00e9 \ud83d\ude00 \n\t\"q\" \\ \/ \u001f"}""")]
    [InlineData("""{"__proto__":{"polluted":true},"constructor":1,"hasOwnProperty":2}""")]
    [InlineData("\"just a string\"")]
    [InlineData("42.5")]
    [InlineData("null")]
    public void ToolResult_MatchesWhatJsonParseGives(string json)
    {
        var bridge = new FakeToolBridge(_ => ToolBridgeResult.FromValue(FakeToolBridge.Json(json)));
        var literal = JsonSerializer.Serialize(json);

        var outcome = ScriptRunner.Run(
            $$"""
            var direct = automem.search({});
            var parsed = JSON.parse({{literal}});
            function shape(v) {
              if (v === null || typeof v !== 'object') { return typeof v + ':' + (v === 0 && 1 / v < 0 ? '-0' : String(v)); }
              var own = Object.getOwnPropertyNames(v).filter(function (k) { return k !== 'length'; });
              var parts = [Array.isArray(v) ? 'array' : 'object', String(Object.getPrototypeOf(v) === (Array.isArray(v) ? Array.prototype : Object.prototype))];
              own.forEach(function (k) {
                var d = Object.getOwnPropertyDescriptor(v, k);
                parts.push(k + '=' + d.writable + d.enumerable + d.configurable + '(' + shape(v[k]) + ')');
              });
              if (Array.isArray(v)) { parts.push('length=' + v.length); }
              return '[' + parts.join(',') + ']';
            }
            [shape(direct), shape(parsed), JSON.stringify(direct) === JSON.stringify(parsed)]
            """,
            tools: bridge);

        using var result = JsonDocument.Parse(outcome.ValueJson());
        Assert.Equal(result.RootElement[1].GetString(), result.RootElement[0].GetString());
        Assert.True(result.RootElement[2].GetBoolean());
    }

    [Fact]
    public void ToolResult_EscapedNul_IsARealNulCharacter()
    {
        // Jint 2.10's JSON.parse reads "\u0000" as the text "u0000"; the tool result keeps what the server sent.
        var bridge = new FakeToolBridge(_ => ToolBridgeResult.FromValue(FakeToolBridge.Json("""{"s":"a\u0000b"}""")));

        var outcome = ScriptRunner.Run("var r = automem.search({}); [r.s.length, r.s.charCodeAt(1)]", tools: bridge);

        Assert.Equal("[3,0]", outcome.ValueJson());
    }

    [Fact]
    public void ToolResult_RepeatedKey_KeepsTheLastValueOnce()
    {
        var bridge = new FakeToolBridge(_ => ToolBridgeResult.FromValue(FakeToolBridge.Json("""{"a":1,"b":2,"a":3}""")));

        var outcome = ScriptRunner.Run("var r = automem.search({}); [r.a, Object.keys(r).join(',')]", tools: bridge);

        Assert.Equal("""[3,"a,b"]""", outcome.ValueJson());
    }

    [Fact]
    public void ToolResult_LoneSurrogateEscape_FallsBackToJsonParse()
    {
        var bridge = new FakeToolBridge(_ => ToolBridgeResult.FromValue(FakeToolBridge.Json("""{"s":"x\ud800y"}""")));

        var outcome = ScriptRunner.Run("var r = automem.search({}); [r.s.length, r.s.charCodeAt(1)]", tools: bridge);

        Assert.Equal("[3,55296]", outcome.ValueJson());
    }

    [Fact]
    public void ToolResult_ObjectsAreTheScriptsOwnAndMutable()
    {
        var bridge = new FakeToolBridge(_ => ToolBridgeResult.FromValue(FakeToolBridge.Json("""{"items":[{"id":1}]}""")));

        var outcome = ScriptRunner.Run(
            "var r = automem.search({}); r.items.push({ id: 2 }); r.items[0].id = 10; r.extra = true; [r.items.length, r.items[0].id, r.extra, r instanceof Object, r.items instanceof Array]",
            tools: bridge);

        Assert.Equal("[2,10,true,true,true]", outcome.ValueJson());
    }
}
