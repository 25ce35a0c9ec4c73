using System.Text.Json;
using CodeMode.Abstractions.Execution;
using CodeMode.Abstractions.Sandbox;
using CodeMode.Runtimes.JavaScript.Tests.Support;

namespace CodeMode.Runtimes.JavaScript.Tests;

/// <summary>Looks for the host from inside the script, the way an attacker would.</summary>
public sealed class IsolationTests
{
    /// <summary>
    /// Walks every object reachable from the given roots (own properties, getters' results are not invoked, and
    /// prototypes) and returns anything that is not a plain JS value. A CLR object wrapped by Jint would show its
    /// members (GetType, ToString...) or an unknown [[Class]].
    /// </summary>
    private const string GraphWalker = """
        function findHostObjects(roots) {
          var known = { Object: 1, Function: 1, Array: 1, String: 1, Number: 1, Boolean: 1, Date: 1, RegExp: 1,
                        Error: 1, Math: 1, JSON: 1, Arguments: 1 };
          var seen = [], found = [], queue = [];
          for (var r = 0; r < roots.length; r++) { queue.push({ v: roots[r][1], path: roots[r][0] }); }
          while (queue.length > 0) {
            var item = queue.shift(), v = item.v;
            if (v === null || (typeof v !== 'object' && typeof v !== 'function')) { continue; }
            if (seen.indexOf(v) >= 0) { continue; }
            seen.push(v);
            var cls = Object.prototype.toString.call(v).slice(8, -1);
            if (!known[cls]) { found.push(item.path + ' has class ' + cls); }
            var clrMembers = ['GetType', 'ToString', 'Equals', 'GetHashCode', 'Assembly', 'Target'];
            for (var m = 0; m < clrMembers.length; m++) {
              if (clrMembers[m] in v) { found.push(item.path + ' exposes ' + clrMembers[m]); }
            }
            var names = Object.getOwnPropertyNames(v);
            for (var i = 0; i < names.length; i++) {
              var d = Object.getOwnPropertyDescriptor(v, names[i]);
              if ('value' in d) { queue.push({ v: d.value, path: item.path + '.' + names[i] }); }
              else { queue.push({ v: d.get, path: item.path + '.get ' + names[i] }); queue.push({ v: d.set, path: item.path + '.set ' + names[i] }); }
            }
            queue.push({ v: Object.getPrototypeOf(v), path: item.path + '.__proto__' });
          }
          return { visited: seen.length, found: found };
        }
        """;

    [Theory]
    [InlineData("typeof System")]
    [InlineData("typeof importNamespace")]
    [InlineData("typeof require")]
    [InlineData("typeof process")]
    [InlineData("typeof module")]
    [InlineData("typeof global")]
    [InlineData("typeof window")]
    [InlineData("typeof clr")]
    [InlineData("typeof automem.GetType")]
    [InlineData("typeof automem.search.GetType")]
    public void Execute_HostNames_AreUndefined(string code)
    {
        Assert.Equal("\"undefined\"", ScriptRunner.Run(code).ValueJson());
    }

    [Fact]
    public void Execute_GlobalObject_HoldsOnlyEs5BuiltInsConsoleAndProxies()
    {
        var outcome = ScriptRunner.Run("Object.getOwnPropertyNames(this).sort()");

        var names = JsonSerializer.Deserialize<string[]>(outcome.ValueJson());
        Assert.Equal(
            new[]
            {
                "Array", "Boolean", "Date", "Error", "EvalError", "Function", "Infinity", "JSON", "Math", "NaN", "Number", "Object",
                "RangeError", "ReferenceError", "RegExp", "String", "SyntaxError", "TypeError", "URIError", "automem", "console",
                "decodeURI", "decodeURIComponent", "encodeURI", "encodeURIComponent", "eval", "isFinite", "isNaN", "parseFloat",
                "parseInt", "serena", "undefined",
            },
            names);
    }

    [Theory]
    [InlineData("")]
    [InlineData("eval,Function")]
    public void Execute_EverythingReachableFromTheGlobal_IsPlainJavaScript(string denied)
    {
        var bridge = new FakeToolBridge(call => call.Tool == "recall"
            ? ToolBridgeResult.FromError(ErrorCodes.ToolFailed, "failed")
            : ToolBridgeResult.FromValue(FakeToolBridge.Json("""{"items":[{"id":1,"when":"2024-01-01"}],"next":null}""")));

        var outcome = ScriptRunner.Run(
            $"var DENIED = {(denied.Length == 0 ? "false" : "true")};\n" + GraphWalker + """
            var result = automem.search({ q: 'x' });
            var toolError; try { automem.recall({}); } catch (e) { toolError = e; }
            var typeError; try { automem.search(1); } catch (e) { typeError = e; }
            var engineError; try { null.x; } catch (e) { engineError = e; }
            var viaConstructor = DENIED ? this : automem.search.constructor('return this')();
            findHostObjects([['global', this], ['result', result], ['toolError', toolError], ['typeError', typeError],
                             ['engineError', engineError], ['viaConstructor', viaConstructor], ['arguments', (function () { return arguments; })(1)]])
            """,
            tools: bridge,
            denied: denied.Length == 0 ? [] : denied.Split(','));

        using var walk = JsonDocument.Parse(outcome.ValueJson());
        Assert.Empty(walk.RootElement.GetProperty("found").EnumerateArray());
        Assert.True(walk.RootElement.GetProperty("visited").GetInt32() > 100);
    }

    [Fact]
    public void Execute_ProxyPrototypes_AreTheJavaScriptOnes()
    {
        var outcome = ScriptRunner.Run(
            "[Object.getPrototypeOf(automem) === Object.prototype, Object.getPrototypeOf(automem.search) === Function.prototype, String(automem.search), automem.search.length]");

        Assert.Equal("""[true,true,"function() { ... }",1]""", outcome.ValueJson());
    }

    [Fact]
    public void Execute_ToolErrorProperties_AreAllPrimitives()
    {
        var bridge = new FakeToolBridge(_ => ToolBridgeResult.FromError(ErrorCodes.ToolFailed, "nope"));

        var outcome = ScriptRunner.Run(
            """
            var e; try { automem.search({}); } catch (x) { e = x; }
            var names = Object.getOwnPropertyNames(e), types = {};
            for (var i = 0; i < names.length; i++) { types[names[i]] = typeof e[names[i]]; }
            [types, Object.getPrototypeOf(e) === Error.prototype]
            """,
            tools: bridge);

        Assert.Equal("""[{"name":"string","message":"string","code":"string","tool":"string"},true]""", outcome.ValueJson());
    }

    [Fact]
    public void Execute_GlobalState_DoesNotLeakBetweenExecutions()
    {
        ScriptRunner.Run(
            "leaked = 1; var leakedVar = 2; Array.prototype.evil = 3; Object.prototype.polluted = 4; JSON.stringify = null; Math.PI = 3; console.log = null;")
            .AssertSucceeded();

        var outcome = ScriptRunner.Run(
            "[typeof leaked, typeof leakedVar, typeof [].evil, typeof ({}).polluted, typeof JSON.stringify, typeof console.log]");

        Assert.Equal("""["undefined","undefined","undefined","undefined","function","function"]""", outcome.ValueJson());
    }

    [Fact]
    public void Execute_SameCodeTwice_DoesNotShareObjectsThroughTheProgramCache()
    {
        const string code = "var r = /a/; r.runs = (r.runs || 0) + 1; var g = /a/g; g.test('aaa'); [r.runs, g.lastIndex, 'xax'.replace(/a/, 'b')]";

        var first = ScriptRunner.Run(code).ValueJson();
        var second = ScriptRunner.Run(code).ValueJson();

        Assert.Equal("[1,1,\"xbx\"]", first);
        Assert.Equal(first, second);
    }

    [Fact]
    public void Execute_ConcurrentExecutionsOfTheSameCode_AreIndependent()
    {
        const string code = "var n = 0; for (var i = 0; i < 20000; i++) { try { if (i % 1000 === 0) throw i; n++; } catch (e) { n--; } } n";

        var outcomes = Enumerable.Range(0, 4)
            .Select(_ => Task.Run(() => ScriptRunner.Run(code, ScriptRunner.With(maxRecursion: 5))))
            .Select(task => task.Result)
            .ToList();

        Assert.All(outcomes, outcome => Assert.Equal("19960", outcome.ValueJson()));
    }
}
